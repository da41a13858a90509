using System;
using System.Collections.Generic;

namespace MailConfigKit.Text
{
    internal enum DiffKind
    {
        Equal,
        Delete,
        Insert,
    }

    /// <summary>One line of an edit script: kept, deleted from the old text, or inserted from the new one (0-based indexes).</summary>
    internal readonly struct DiffOp
    {
        public DiffOp(DiffKind kind, int oldIndex, int newIndex)
        {
            Kind = kind;
            OldIndex = oldIndex;
            NewIndex = newIndex;
        }

        public DiffKind Kind { get; }
        public int OldIndex { get; }
        public int NewIndex { get; }
    }

    /// <summary>
    /// A shortest line edit script (Myers' O(ND) algorithm) after trimming the common head and tail. Remediations change
    /// a handful of lines, so D is tiny and the cost is the trimming; beyond <see cref="MaxEditDistance"/> (texts that
    /// have little in common) the middle is reported as deleted and inserted as a whole instead of searching further.
    /// </summary>
    internal static class LineDiff
    {
        internal const int MaxEditDistance = 4000;

        public static List<DiffOp> Compute(IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            int head = 0;
            while (head < a.Count && head < b.Count && string.Equals(a[head], b[head], StringComparison.Ordinal)) head++;
            int tail = 0;
            while (tail < a.Count - head && tail < b.Count - head
                && string.Equals(a[a.Count - 1 - tail], b[b.Count - 1 - tail], StringComparison.Ordinal)) tail++;

            var ops = new List<DiffOp>(Math.Max(a.Count, b.Count) + 8);
            for (int i = 0; i < head; i++) ops.Add(new DiffOp(DiffKind.Equal, i, i));
            Middle(a, b, head, a.Count - tail, head, b.Count - tail, ops);
            for (int k = tail; k > 0; k--) ops.Add(new DiffOp(DiffKind.Equal, a.Count - k, b.Count - k));
            return ops;
        }

        private static void Middle(IReadOnlyList<string> a, IReadOnlyList<string> b, int a0, int a1, int b0, int b1, List<DiffOp> ops)
        {
            int n = a1 - a0, m = b1 - b0;
            List<int[]>? trace = Search(a, b, a0, b0, n, m);
            if (trace == null)
            {
                for (int i = a0; i < a1; i++) ops.Add(new DiffOp(DiffKind.Delete, i, b0));
                for (int j = b0; j < b1; j++) ops.Add(new DiffOp(DiffKind.Insert, a1, j));
                return;
            }
            var reversed = new List<DiffOp>();
            int x = n, y = m, offset = n + m + 1;
            // trace[d] holds the furthest x per diagonal k before round d; walk back from the end point.
            for (int d = trace.Count - 1; d >= 0; d--)
            {
                int[] v = trace[d];
                int k = x - y;
                bool down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
                int prevK = down ? k + 1 : k - 1;
                int prevX = d == 0 ? 0 : v[offset + prevK];
                int prevY = d == 0 ? 0 : prevX - prevK;
                while (x > prevX && y > prevY) { x--; y--; reversed.Add(new DiffOp(DiffKind.Equal, a0 + x, b0 + y)); }
                if (d == 0) break;
                if (down) { y--; reversed.Add(new DiffOp(DiffKind.Insert, a0 + x, b0 + y)); }
                else { x--; reversed.Add(new DiffOp(DiffKind.Delete, a0 + x, b0 + y)); }
            }
            for (int i = reversed.Count - 1; i >= 0; i--) ops.Add(reversed[i]);
        }

        /// <summary>The furthest-reaching paths for each D; null when D would exceed the cap.</summary>
        private static List<int[]>? Search(IReadOnlyList<string> a, IReadOnlyList<string> b, int a0, int b0, int n, int m)
        {
            int max = n + m;
            int offset = max + 1;
            var v = new int[2 * max + 3];
            var trace = new List<int[]>();
            for (int d = 0; d <= max; d++)
            {
                if (d > MaxEditDistance) return null;
                trace.Add((int[])v.Clone());
                for (int k = -d; k <= d; k += 2)
                {
                    int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                    int y = x - k;
                    while (x < n && y < m && string.Equals(a[a0 + x], b[b0 + y], StringComparison.Ordinal)) { x++; y++; }
                    v[offset + k] = x;
                    if (x >= n && y >= m) return trace;
                }
            }
            return trace;
        }
    }
}
