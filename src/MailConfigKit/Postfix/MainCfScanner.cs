using System;
using System.Runtime.CompilerServices;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>What a physical line of main.cf is, by Postfix's <c>readlline()</c> rules.</summary>
    internal enum MainCfLineKind : byte
    {
        /// <summary>Empty or all whitespace: skipped, does not end a logical line.</summary>
        Blank,

        /// <summary>First non-whitespace character is <c>#</c>: skipped, does not end a logical line.</summary>
        Comment,

        /// <summary>Starts in column 1 with a non-whitespace character: starts a logical line (a parameter).</summary>
        Start,

        /// <summary>Starts with whitespace and continues the open logical line.</summary>
        Continuation,

        /// <summary>Starts with whitespace but there is no logical line to continue: Postfix warns and ignores it.</summary>
        Orphan,
    }

    /// <summary>One physical line: where it is, what it is, and for start lines where the name and <c>=</c> are.</summary>
    internal struct MainCfLine
    {
        /// <summary>Offset of the first character.</summary>
        public int Start;

        /// <summary>Length without the terminating LF (a CR before it is content, as for Postfix).</summary>
        public int Length;

        /// <summary>For a start line its own index; for a continuation the index of its start line; else -1.</summary>
        public int Owner;

        /// <summary>For a start line: length of the name, which begins at <see cref="Start"/>.</summary>
        public int NameLength;

        /// <summary>For a start line: absolute offset of the <c>=</c> (possibly on a continuation line), or -1.</summary>
        public int EqualsOffset;

        /// <summary>The line's classification.</summary>
        public MainCfLineKind Kind;

        /// <summary>Whether an LF ends the line (false only for a last line without final newline).</summary>
        public bool HasNewline;

        /// <summary>Offset just past the LF, or past the content when there is none.</summary>
        public int FullEnd => Start + Length + (HasNewline ? 1 : 0);
    }

    /// <summary>
    /// The file-level scanner: one pass over the text, no per-line allocations. Hand-written on purpose (parser
    /// combinators allocate per character); this and the value extraction are the hot paths.
    /// </summary>
    internal static class MainCfScanner
    {
        // The '=' has not been seen yet but may still come on a continuation line ("name⏎  = value" is valid).
        private const int EqualsPending = -2;

        /// <summary>Postfix's ISSPACE: the C locale's isspace() on ASCII.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool IsSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');

        /// <summary>Splits the text into classified physical lines.</summary>
        public static MainCfLine[] Scan(string text)
        {
            var lines = new MainCfLine[CountLines(text)];
            int pos = 0, index = 0, open = -1;
            while (pos < text.Length)
            {
                int nl = ShortSearch.IndexOf(text, '\n', pos, text.Length);
                int end = nl < 0 ? text.Length : nl;
                ref MainCfLine line = ref lines[index];
                line.Start = pos;
                line.Length = end - pos;
                line.HasNewline = nl >= 0;
                line.Owner = -1;
                line.EqualsOffset = -1;
                int first = pos;
                while (first < end && IsSpace(text[first])) first++;
                if (first == end)
                {
                    line.Kind = MainCfLineKind.Blank;
                }
                else if (text[first] == '#')
                {
                    line.Kind = MainCfLineKind.Comment;
                }
                else if (first > pos)
                {
                    if (open < 0)
                    {
                        line.Kind = MainCfLineKind.Orphan;
                    }
                    else
                    {
                        line.Kind = MainCfLineKind.Continuation;
                        line.Owner = open;
                        ref MainCfLine owner = ref lines[open];
                        if (owner.EqualsOffset == EqualsPending) owner.EqualsOffset = text[first] == '=' ? first : -1;
                    }
                }
                else
                {
                    if (open >= 0 && lines[open].EqualsOffset == EqualsPending) lines[open].EqualsOffset = -1;
                    open = index;
                    line.Kind = MainCfLineKind.Start;
                    line.Owner = index;
                    int i = pos;
                    while (i < end && !IsSpace(text[i]) && text[i] != '=') i++;
                    line.NameLength = i - pos;
                    while (i < end && IsSpace(text[i])) i++;
                    line.EqualsOffset = i < end ? (text[i] == '=' ? i : -1) : EqualsPending;
                }
                index++;
                pos = nl < 0 ? text.Length : nl + 1;
            }
            if (open >= 0 && lines[open].EqualsOffset == EqualsPending) lines[open].EqualsOffset = -1;
            return lines;
        }

        private static int CountLines(string text)
        {
#if NET8_0_OR_GREATER
            int count = text.AsSpan().Count('\n');
            if (text.Length > 0 && text[text.Length - 1] != '\n') count++;
            return count;
#else
            int count = 0;
            int i = text.IndexOf('\n');
            while (i >= 0)
            {
                count++;
                i = text.IndexOf('\n', i + 1);
            }
            if (text.Length > 0 && text[text.Length - 1] != '\n') count++;
            return count;
#endif
        }
    }
}
