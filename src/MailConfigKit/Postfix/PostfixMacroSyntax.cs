using System;
using System.Collections.Generic;

namespace MailConfigKit.Postfix
{
    /// <summary>What a parameter's raw value is, as <c>${name?text}</c> and <c>${name:text}</c> test it (unexpanded).</summary>
    internal enum MacroValueState
    {
        /// <summary>Not defined: <c>:</c> takes its text, <c>?</c> does not.</summary>
        Undefined = 0,

        /// <summary>Defined and empty: like undefined.</summary>
        Empty = 1,

        /// <summary>Defined and not empty: <c>?</c> takes its text, <c>:</c> does not.</summary>
        NonEmpty = 2,

        /// <summary>Not known statically: both texts are taken (scanned, and their references followed).</summary>
        Unknown = 3,
    }

    /// <summary>The first malformed macro found in a value, in Postfix's words.</summary>
    internal sealed class MacroError
    {
        public MacroError(string message, int position, bool inBranch)
        {
            Message = message;
            Position = position;
            InBranch = inBranch;
        }

        /// <summary>Postfix's warning text (<c>empty macro name: "..."</c>).</summary>
        public string Message { get; }

        /// <summary>0-based position of the <c>$</c> in the value.</summary>
        public int Position { get; }

        /// <summary>Whether the error is inside a conditional text (<c>?text</c>, <c>:text</c>).</summary>
        public bool InBranch { get; }
    }

    /// <summary>
    /// Walks <c>$name</c>, <c>${name}</c>, <c>$(name)</c> and <c>${name?text}</c>/<c>${name:text}</c> references the way
    /// Postfix's mac_parse/mac_expand do: the first syntax error (postconf's warning text), and the names a recursive
    /// expansion looks up and expands. One pass with an explicit work stack and precomputed bracket matches, so the cost
    /// is linear in the value and nesting depth never recurses (a value nested 100,000 deep is fine).
    /// </summary>
    internal static class PostfixMacroSyntax
    {
        /// <summary>Returns null when the value is well-formed in every branch (postconf's scan), else Postfix's warning text and the 0-based position.</summary>
        public static string? Check(string value, out int position)
        {
            MacroError? e = Walk(value, null, null);
            position = e?.Position ?? 0;
            return e?.Message;
        }

        /// <summary>
        /// Walks a value like a recursive expansion: <paramref name="stateOf"/> decides which conditional texts are taken
        /// (null: all of them, postconf's scan); <paramref name="onUse"/> gets each name whose value is expanded (not the
        /// tested name of <c>${name?x}</c>, whose raw value only is tested). Returns the first error on the walked path.
        /// </summary>
        public static MacroError? Walk(string value, Func<string, MacroValueState>? stateOf, Action<string>? onUse)
        {
            if (value.IndexOf('$') < 0) return null;
            int[]? braces = null, parens = null;
            // A frame is a range parsed as one mac_parse level; Quiet frames (inside a relational expression) report no errors.
            // The stack is made only when a conditional or relational text needs a second level: most values have none.
            Stack<Frame>? frames = null;
            var first = new Frame(0, value.Length, false, false);
            bool startWithFirst = true;
            while (startWithFirst || (frames != null && frames.Count > 0))
            {
                Frame f = startWithFirst ? first : frames!.Pop();
                startWithFirst = false;
                int i = f.Start;
                while (i < f.End)
                {
                    if (value[i] != '$')
                    {
                        i++;
                        continue;
                    }
                    if (i + 1 < f.End && value[i + 1] == '$')
                    {
                        i += 2;
                        continue;
                    }
                    int vp = i + 1;
                    if (vp < f.End && (value[vp] == '{' || value[vp] == '('))
                    {
                        int[] match = value[vp] == '{' ? (braces ??= Matches(value, '{', '}')) : (parens ??= Matches(value, '(', ')'));
                        int close = match[vp];
                        if (close < 0 || close >= f.End)
                        {
                            if (f.Quiet) break;
                            return new MacroError("truncated macro reference: \"" + value.Substring(f.Start, f.End - f.Start) + "\"", i, f.InBranch);
                        }
                        int innerStart = vp + 1, innerEnd = close;
                        int at = i;
                        i = close + 1;
                        if (innerStart == innerEnd)
                        {
                            if (f.Quiet) continue;
                            return new MacroError("empty macro name: \"" + value.Substring(f.Start, f.End - f.Start) + "\"", at, f.InBranch);
                        }
                        int p = innerStart;
                        while (p < innerEnd && MainCfScanner.IsSpace(value[p])) p++;
                        if (p < innerEnd && value[p] == '{')
                        {
                            // A relational expression (Postfix 3.0+): its operands and results are taken conservatively, unchecked.
                            frames ??= new Stack<Frame>();
                            frames.Push(new Frame(i, f.End, f.Quiet, f.InBranch));
                            frames.Push(new Frame(innerStart, innerEnd, true, true));
                            break;
                        }
                        int nameStart = p;
                        while (p < innerEnd && IsNameChar(value[p])) p++;
                        if (p == nameStart)
                        {
                            if (f.Quiet) continue;
                            return new MacroError(AttributeError(value, innerStart, p, innerEnd), at, f.InBranch);
                        }
                        int nameEnd = p;
                        while (p < innerEnd && MainCfScanner.IsSpace(value[p])) p++;
                        string name = value.Substring(nameStart, nameEnd - nameStart);
                        if (p == innerEnd)
                        {
                            onUse?.Invoke(name);
                            continue;
                        }
                        char op = value[p];
                        if (op != '?' && op != ':')
                        {
                            if (f.Quiet) continue;
                            return new MacroError(AttributeError(value, innerStart, nameEnd, innerEnd), at, f.InBranch);
                        }
                        MacroValueState state = stateOf == null ? MacroValueState.Unknown : stateOf(name);
                        bool taken = state == MacroValueState.Unknown || (op == '?' ? state == MacroValueState.NonEmpty : state != MacroValueState.NonEmpty);
                        if (!taken) continue;
                        int ts = p + 1, te = innerEnd;
                        while (ts < te && MainCfScanner.IsSpace(value[ts])) ts++;
                        while (te > ts && MainCfScanner.IsSpace(value[te - 1])) te--;
                        if (te - ts >= 2 && value[ts] == '{' && value[te - 1] == '}')
                        {
                            ts++;
                            te--;
                        }
                        frames ??= new Stack<Frame>();
                        frames.Push(new Frame(i, f.End, f.Quiet, f.InBranch));
                        frames.Push(new Frame(ts, te, f.Quiet, true));
                        break;
                    }
                    else
                    {
                        int ep = vp;
                        while (ep < f.End && IsNameChar(value[ep])) ep++;
                        if (ep == vp)
                        {
                            if (f.Quiet)
                            {
                                i = vp;
                                continue;
                            }
                            return new MacroError("empty macro name: \"" + value.Substring(f.Start, f.End - f.Start) + "\"", i, f.InBranch);
                        }
                        onUse?.Invoke(value.Substring(vp, ep - vp));
                        i = ep;
                    }
                }
            }
            return null;
        }

        /// <summary>Postfix's names are ASCII letters, digits and underscores (ISALNUM is ASCII-only).</summary>
        internal static bool IsNameChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

        private static string AttributeError(string value, int innerStart, int at, int innerEnd) =>
            "attribute name syntax error at: \"" + value.Substring(innerStart, at - innerStart) + ">>>" + value.Substring(at, innerEnd - at) + "\"";

        // For each opening bracket, the position of its match counting only this bracket type (mac_parse's level count
        // from that bracket on), or -1. One stack pass for the whole value, so nested levels cost nothing extra.
        private static int[] Matches(string value, char open, char close)
        {
            var match = new int[value.Length];
            var stack = new Stack<int>();
            for (int k = 0; k < value.Length; k++)
            {
                match[k] = -1;
                if (value[k] == open) stack.Push(k);
                else if (value[k] == close && stack.Count > 0) match[stack.Pop()] = k;
            }
            return match;
        }

        private readonly struct Frame
        {
            public Frame(int start, int end, bool quiet, bool inBranch)
            {
                Start = start;
                End = end;
                Quiet = quiet;
                InBranch = inBranch;
            }

            public int Start { get; }
            public int End { get; }
            public bool Quiet { get; }
            public bool InBranch { get; }
        }
    }
}
