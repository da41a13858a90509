using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>Which lines of an original text survive unchanged in an edited one (longest common subsequence).</summary>
    public static class KeptLineMatcher
    {
        /// <summary>Splits keeping each line's terminator, so "a\r\n" and "a\n" differ.</summary>
        public static List<string> Lines(string text)
        {
            var lines = new List<string>();
            int pos = 0;
            while (pos < text.Length)
            {
                int nl = text.IndexOf('\n', pos);
                int end = nl < 0 ? text.Length : nl + 1;
                lines.Add(text.Substring(pos, end - pos));
                pos = end;
            }
            return lines;
        }

        /// <summary>Indexes of original lines that are kept, byte for byte, in the edited text.</summary>
        public static HashSet<int> KeptLines(string original, string edited)
        {
            List<string> a = Lines(original), b = Lines(edited);
            // A last line without newline is still "kept" when an edit only added the newline (LF or CRLF) it lacked.
            bool lastOpen = a.Count > 0 && !a[a.Count - 1].EndsWith("\n", System.StringComparison.Ordinal);
            bool Same(int i, int j) => a[i] == b[j] || (lastOpen && i == a.Count - 1 && (b[j] == a[i] + "\n" || b[j] == a[i] + "\r\n"));
            var lcs = new int[a.Count + 1, b.Count + 1];
            for (int i = a.Count - 1; i >= 0; i--)
            {
                for (int j = b.Count - 1; j >= 0; j--)
                {
                    lcs[i, j] = Same(i, j) ? lcs[i + 1, j + 1] + 1 : System.Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }
            var kept = new HashSet<int>();
            int x = 0, y = 0;
            while (x < a.Count && y < b.Count)
            {
                if (Same(x, y))
                {
                    kept.Add(x);
                    x++;
                    y++;
                }
                else if (lcs[x + 1, y] >= lcs[x, y + 1]) x++;
                else y++;
            }
            return kept;
        }
    }
}
