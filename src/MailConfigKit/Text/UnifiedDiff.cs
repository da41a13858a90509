using System;
using System.Collections.Generic;
using System.Text;

namespace MailConfigKit.Text
{
    /// <summary>
    /// Unified diffs (the format of <c>diff -u</c> and <c>git diff</c>): <c>---</c>/<c>+++</c> headers, <c>@@</c> hunks
    /// and, by default, three lines of context. Lines are compared with their line endings, so a change from LF to CRLF
    /// shows; a last line without a newline gets the usual <c>\ No newline at end of file</c> marker.
    /// </summary>
    public static class UnifiedDiff
    {
        /// <summary>The number of context lines <c>diff -u</c> prints.</summary>
        public const int DefaultContext = 3;

        /// <summary>The diff from <paramref name="oldText"/> to <paramref name="newText"/> with three lines of context; empty when they are equal.</summary>
        public static string Create(string oldText, string newText, string oldLabel, string newLabel) =>
            Create(oldText, newText, oldLabel, newLabel, DefaultContext);

        /// <summary>The diff from <paramref name="oldText"/> to <paramref name="newText"/>; empty when they are equal.</summary>
        public static string Create(string oldText, string newText, string oldLabel, string newLabel, int context)
        {
            if (oldText == null) throw new ArgumentNullException(nameof(oldText));
            if (newText == null) throw new ArgumentNullException(nameof(newText));
            if (context < 0) throw new ArgumentOutOfRangeException(nameof(context));
            if (string.Equals(oldText, newText, StringComparison.Ordinal)) return string.Empty;

            List<string> a = SplitLines(oldText);
            List<string> b = SplitLines(newText);
            List<DiffOp> ops = LineDiff.Compute(a, b);
            var sb = new StringBuilder();
            sb.Append("--- ").Append(oldLabel).Append('\n');
            sb.Append("+++ ").Append(newLabel).Append('\n');
            foreach (Hunk hunk in Hunks(ops, context)) WriteHunk(sb, hunk, ops, a, b);
            return sb.ToString();
        }

        /// <summary>Splits into lines that keep their terminator (LF, or CRLF as part of the line).</summary>
        internal static List<string> SplitLines(string text)
        {
            var lines = new List<string>();
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != '\n') continue;
                lines.Add(text.Substring(start, i + 1 - start));
                start = i + 1;
            }
            if (start < text.Length) lines.Add(text.Substring(start));
            return lines;
        }

        private readonly struct Hunk
        {
            public Hunk(int first, int last)
            {
                First = first;
                Last = last;
            }

            public int First { get; }
            public int Last { get; }
        }

        /// <summary>Groups changed operations with their context; changes closer than 2×context share a hunk.</summary>
        private static IEnumerable<Hunk> Hunks(List<DiffOp> ops, int context)
        {
            int i = 0;
            while (i < ops.Count)
            {
                if (ops[i].Kind == DiffKind.Equal) { i++; continue; }
                int first = Math.Max(0, i - context);
                int last = i;
                int j = i;
                while (j < ops.Count)
                {
                    if (ops[j].Kind != DiffKind.Equal) { last = j; j++; continue; }
                    int run = 0;
                    while (j + run < ops.Count && ops[j + run].Kind == DiffKind.Equal) run++;
                    if (j + run >= ops.Count || run > 2 * context) break;
                    j += run;
                }
                int end = Math.Min(ops.Count - 1, last + context);
                yield return new Hunk(first, end);
                i = end + 1;
            }
        }

        private static void WriteHunk(StringBuilder sb, Hunk hunk, List<DiffOp> ops, List<string> a, List<string> b)
        {
            int oldStart = -1, newStart = -1, oldCount = 0, newCount = 0;
            for (int k = hunk.First; k <= hunk.Last; k++)
            {
                DiffOp op = ops[k];
                if (op.Kind != DiffKind.Insert) { if (oldStart < 0) oldStart = op.OldIndex; oldCount++; }
                if (op.Kind != DiffKind.Delete) { if (newStart < 0) newStart = op.NewIndex; newCount++; }
            }
            if (oldStart < 0) oldStart = FirstIndex(ops, hunk.First, old: true);
            if (newStart < 0) newStart = FirstIndex(ops, hunk.First, old: false);
            sb.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            for (int k = hunk.First; k <= hunk.Last; k++)
            {
                DiffOp op = ops[k];
                switch (op.Kind)
                {
                    case DiffKind.Equal: AppendLine(sb, ' ', a[op.OldIndex]); break;
                    case DiffKind.Delete: AppendLine(sb, '-', a[op.OldIndex]); break;
                    default: AppendLine(sb, '+', b[op.NewIndex]); break;
                }
            }
        }

        /// <summary>Where an empty side of a hunk sits: the index of the line before which the other side's lines go.</summary>
        private static int FirstIndex(List<DiffOp> ops, int at, bool old)
        {
            for (int k = at; k < ops.Count; k++)
            {
                if (old && ops[k].Kind != DiffKind.Insert) return ops[k].OldIndex;
                if (!old && ops[k].Kind != DiffKind.Delete) return ops[k].NewIndex;
            }
            int count = 0;
            foreach (DiffOp op in ops)
            {
                if (old ? op.Kind != DiffKind.Insert : op.Kind != DiffKind.Delete) count++;
            }
            return count;
        }

        // diff -u prints "start,count" 1-based; an empty range is "start,0" where start is the line before it.
        private static string Range(int zeroBasedStart, int count)
        {
            int start = count == 0 ? zeroBasedStart : zeroBasedStart + 1;
            return count == 1 ? start.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : start.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private static void AppendLine(StringBuilder sb, char prefix, string line)
        {
            sb.Append(prefix).Append(line);
            if (line.Length == 0 || line[line.Length - 1] != '\n') sb.Append("\n\\ No newline at end of file\n");
        }
    }
}
