using System;
using System.Collections.Generic;
using MailConfigKit.Text;

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

    /// <summary>How a walk looks names up: the raw value state a conditional tests, and the names it expands.</summary>
    internal interface IMacroNames
    {
        /// <summary>The state of the name <c>value[start..start+length)</c> as <c>${name?x}</c>/<c>${name:x}</c> test it.</summary>
        MacroValueState StateOf(string value, int start, int length);

        /// <summary>
        /// A name <c>value[start..start+length)</c> whose value the expansion expands, inside <paramref name="depth"/>
        /// conditional texts (each one nesting level of mac_expand, like each reference).
        /// </summary>
        void Use(string value, int start, int length, int depth);
    }

    /// <summary>
    /// What an expansion writes, in order: the literal text of the levels a walk takes (<c>$$</c> already made one
    /// <c>$</c>); the walk's <see cref="IMacroNames.Use"/> stands for each reference's expanded value.
    /// </summary>
    internal interface IMacroText
    {
        /// <summary>Literal text <c>value[start..start+length)</c>.</summary>
        void Text(string value, int start, int length);

        /// <summary>A relational expression (<c>${{a} == {b}?...}</c>), whose result the walk does not work out.</summary>
        void Relational();
    }

    /// <summary>
    /// The bracket matches of the last value walked, for the next walk of the same value (the diagnostics walk a value up
    /// to three times; a value nested a hundred thousand deep is mostly brackets).
    /// </summary>
    internal sealed class MacroBrackets
    {
        private string? _value;
        private int[]? _braces, _parens;

        /// <summary>The matches of <paramref name="open"/> in <paramref name="value"/> when kept, else null.</summary>
        public int[]? Find(string value, char open) =>
            ReferenceEquals(value, _value) ? (open == '{' ? _braces : _parens) : null;

        /// <summary>Keeps the matches of <paramref name="open"/> in <paramref name="value"/> (forgetting another value's).</summary>
        public void Keep(string value, char open, int[] match)
        {
            if (!ReferenceEquals(value, _value))
            {
                _value = value;
                _braces = _parens = null;
            }
            if (open == '{') _braces = match;
            else _parens = match;
        }
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
            MacroError? e = Walk(value);
            position = e?.Position ?? 0;
            return e?.Message;
        }

        /// <summary>postconf's scan: the first syntax error in any branch, or null.</summary>
        public static MacroError? Walk(string value) => Walk(value, null, false, null);

        /// <summary>
        /// Walks a value like a recursive expansion: <paramref name="names"/> decides which conditional texts are taken
        /// (null: all of them, postconf's scan) and, with <paramref name="reportUses"/>, gets each name whose value is
        /// expanded (not the tested name of <c>${name?x}</c>, whose raw value only is tested), as a range of the value: no
        /// name is cut out. <paramref name="brackets"/> keeps the bracket matches for the next walk of the same value.
        /// Returns the first error on the walked path.
        /// </summary>
        public static MacroError? Walk(string value, IMacroNames? names, bool reportUses, MacroBrackets? brackets) =>
            Walk(value, names, reportUses, brackets, out _);

        /// <summary>
        /// As <see cref="Walk(string, IMacroNames, bool, MacroBrackets)"/>; <paramref name="skippedText"/> tells whether a
        /// conditional text was left out. When none was, the walk went where postconf's scan goes, and found the same error.
        /// </summary>
        public static MacroError? Walk(string value, IMacroNames? names, bool reportUses, MacroBrackets? brackets, out bool skippedText) =>
            Walk(value, names, reportUses, brackets, null, out skippedText, out _);

        /// <summary>
        /// As <see cref="Walk(string, IMacroNames, bool, MacroBrackets, out bool)"/>, also giving <paramref name="output"/>
        /// the literal text of every level taken, in order, between the uses: with uses that append the referenced values'
        /// expansions, that is mac_expand's result.
        /// </summary>
        public static MacroError? Walk(string value, IMacroNames? names, bool reportUses, MacroBrackets? brackets, IMacroText? output, out bool skippedText) =>
            Walk(value, names, reportUses, brackets, output, out skippedText, out _);

        /// <summary>
        /// As <see cref="Walk(string, IMacroNames, bool, MacroBrackets, IMacroText, out bool)"/>; <paramref name="textDepth"/>
        /// is the deepest nesting of conditional texts taken that have text (0 for a value with none, -1 for an empty
        /// value): mac_expand parses each such text one level deeper, and dies past 100 levels.
        /// </summary>
        public static MacroError? Walk(string value, IMacroNames? names, bool reportUses, MacroBrackets? brackets, IMacroText? output, out bool skippedText, out int textDepth)
        {
            skippedText = false;
            textDepth = value.Length > 0 ? 0 : -1;
            if (ShortSearch.IndexOf(value, '$', 0, value.Length) < 0)
            {
                output?.Text(value, 0, value.Length);
                return null;
            }
            int[]? braces = null, parens = null;
            // Kept in a local, not the out parameter, inside the loop; an error return leaves textDepth at its start (the
            // error is fatal wherever the value is expanded, however deep).
            int deepest = 0;
            // A frame is a range parsed as one mac_parse level; Quiet frames (inside a relational expression) report no errors.
            // The stack (a plain array: a value nested 200,000 deep pops and pushes once per level) is made only when a
            // conditional or relational text needs a second level: most values have none.
            Frame[]? frames = null;
            int frameCount = 0;
            // The state of the last name tested: a value nested deep (${a:${a:...}}) tests one name again and again, and
            // a name's state does not change during a walk.
            int testedStart = -1, testedLength = 0;
            MacroValueState testedState = MacroValueState.Unknown;
            var first = new Frame(0, value.Length, false, 0);
            bool startWithFirst = true;
            while (startWithFirst || frameCount > 0)
            {
                Frame f = startWithFirst ? first : frames![--frameCount];
                startWithFirst = false;
                int i = f.Start;
                while (i < f.End)
                {
                    if (value[i] != '$')
                    {
                        int dollar = ShortSearch.IndexOf(value, '$', i, f.End);
                        output?.Text(value, i, (dollar < 0 ? f.End : dollar) - i);
                        if (dollar < 0) break;
                        i = dollar;
                    }
                    if (i + 1 < f.End && value[i + 1] == '$')
                    {
                        output?.Text(value, i, 1);
                        i += 2;
                        continue;
                    }
                    int vp = i + 1;
                    if (vp < f.End && (value[vp] == '{' || value[vp] == '('))
                    {
                        int[] match = value[vp] == '{' ? (braces ??= Matches(value, '{', '}', brackets)) : (parens ??= Matches(value, '(', ')', brackets));
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
                            output?.Relational();
                            if (i < f.End) Push(ref frames, ref frameCount, new Frame(i, f.End, f.Quiet, f.Depth));
                            Push(ref frames, ref frameCount, new Frame(innerStart, innerEnd, true, f.Depth + 1));
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
                        if (p == innerEnd)
                        {
                            if (reportUses) names!.Use(value, nameStart, nameEnd - nameStart, f.Depth);
                            continue;
                        }
                        char op = value[p];
                        if (op != '?' && op != ':')
                        {
                            if (f.Quiet) continue;
                            return new MacroError(AttributeError(value, innerStart, nameEnd, innerEnd), at, f.InBranch);
                        }
                        MacroValueState state = MacroValueState.Unknown;
                        if (names != null)
                        {
                            int length = nameEnd - nameStart;
                            if (length != testedLength || string.CompareOrdinal(value, testedStart, value, nameStart, length) != 0)
                            {
                                testedStart = nameStart;
                                testedLength = length;
                                testedState = names.StateOf(value, nameStart, length);
                            }
                            state = testedState;
                        }
                        bool taken = state == MacroValueState.Unknown || (op == '?' ? state == MacroValueState.NonEmpty : state != MacroValueState.NonEmpty);
                        if (!taken)
                        {
                            skippedText = true;
                            continue;
                        }
                        int ts = p + 1, te = innerEnd;
                        while (ts < te && MainCfScanner.IsSpace(value[ts])) ts++;
                        while (te > ts && MainCfScanner.IsSpace(value[te - 1])) te--;
                        if (te - ts >= 2 && value[ts] == '{' && value[te - 1] == '}')
                        {
                            ts++;
                            te--;
                        }
                        // The rest of this level comes after the text; nothing is left when the text closes the level
                        // (so a value nested a hundred thousand deep keeps two frames, not a hundred thousand).
                        if (i < f.End) Push(ref frames, ref frameCount, new Frame(i, f.End, f.Quiet, f.Depth));
                        Push(ref frames, ref frameCount, new Frame(ts, te, f.Quiet, f.Depth + 1));
                        if (te > ts && !f.Quiet && f.Depth + 1 > deepest) deepest = f.Depth + 1;
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
                        if (reportUses) names!.Use(value, vp, ep - vp, f.Depth);
                        i = ep;
                    }
                }
            }
            textDepth = deepest;
            return null;
        }

        private static void Push(ref Frame[]? frames, ref int count, Frame frame)
        {
            if (frames == null) frames = new Frame[8];
            else if (count == frames.Length) Array.Resize(ref frames, count * 2);
            frames[count++] = frame;
        }

        /// <summary>Postfix's names are ASCII letters, digits and underscores (ISALNUM is ASCII-only).</summary>
        internal static bool IsNameChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

        private static string AttributeError(string value, int innerStart, int at, int innerEnd) =>
            "attribute name syntax error at: \"" + value.Substring(innerStart, at - innerStart) + ">>>" + value.Substring(at, innerEnd - at) + "\"";

        // For each opening bracket, the position of its match counting only this bracket type (mac_parse's level count
        // from that bracket on), or -1. One pass for the whole value, so nested levels cost nothing extra. The stack of
        // open brackets lives in the result itself: an open bracket's slot holds -(previous open + 2) until it is closed.
        private static int[] Matches(string value, char open, char close, MacroBrackets? brackets)
        {
            int[]? cached = brackets?.Find(value, open);
            if (cached != null) return cached;
            var match = new int[value.Length];
            int top = -1;
            for (int k = 0; k < value.Length; k++)
            {
                char c = value[k];
                if (c == open)
                {
                    match[k] = -(top + 2);
                    top = k;
                }
                else
                {
                    match[k] = -1;
                    if (c == close && top >= 0)
                    {
                        int below = -match[top] - 2;
                        match[top] = k;
                        top = below;
                    }
                }
            }
            while (top >= 0)
            {
                int below = -match[top] - 2;
                match[top] = -1;
                top = below;
            }
            brackets?.Keep(value, open, match);
            return match;
        }

        private readonly struct Frame
        {
            public Frame(int start, int end, bool quiet, int depth)
            {
                Start = start;
                End = end;
                Quiet = quiet;
                Depth = depth;
            }

            public int Start { get; }
            public int End { get; }
            public bool Quiet { get; }
            /// <summary>How many conditional (or relational) texts enclose this range.</summary>
            public int Depth { get; }

            public bool InBranch => Depth > 0;
        }
    }
}
