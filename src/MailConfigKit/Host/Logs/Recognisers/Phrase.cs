using System;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Whether a text holds a phrase word after word, whatever white space is between the words and skipping the SMTP
    /// reply codes a multi-line reply leaves inside when Postfix logs it on one line (<c>550-5.7.1</c>, <c>550 5.7.1</c>);
    /// ASCII case-insensitive. The first word may end a longer word and the last may begin one, as in a substring search
    /// of the text with the codes removed.
    /// </summary>
    internal static class Phrase
    {
        public static bool Contains(string text, string[] words) => Contains(text.AsSpan(), words);

        /// <summary>As <see cref="Contains(string, string[])"/>, for text in a buffer.</summary>
        public static bool Contains(ReadOnlySpan<char> text, string[] words)
        {
            int pos = 0;
            while (NextToken(text, ref pos, out int start, out int end))
            {
                if (!EndsWith(text, start, end, words[0])) continue;
                int p = end;
                int k = 1;
                while (k < words.Length)
                {
                    if (!NextWord(text, ref p, out int ws, out int we)) break;
                    bool last = k == words.Length - 1;
                    if (last ? !StartsWith(text, ws, we, words[k]) : !Equal(text, ws, we, words[k])) break;
                    k++;
                }
                if (k == words.Length) return true;
            }
            return false;
        }

        /// <summary>
        /// The same answer as <see cref="Contains(string, string[])"/>, found from each place where the phrase's last word starts a token,
        /// walking back over a few tokens: cost proportional to the text's vectorized search plus the phrase, not to a
        /// token walk of the whole text (a log made only of refusals stays cheap).
        /// </summary>
        public static bool ContainsFromEnd(string text, string[] words) => ContainsFromEnd(text, 0, words);

        /// <summary>As <see cref="ContainsFromEnd(string, string[])"/> for the part of <paramref name="text"/> from <paramref name="from"/> on.</summary>
        public static bool ContainsFromEnd(string text, int from, string[] words) => ContainsFromEnd(text.AsSpan(), from, words);

        /// <summary>As <see cref="ContainsFromEnd(string, int, string[])"/>, for text in a buffer.</summary>
        public static bool ContainsFromEnd(ReadOnlySpan<char> text, int from, string[] words)
        {
            string last = words[words.Length - 1];
            for (int at = IndexOf(text, last, from); at >= 0; at = at + 1 < text.Length ? IndexOf(text, last, at + 1) : -1)
            {
                if (at > from && !char.IsWhiteSpace(text[at - 1])) continue;
                int pos = at;
                int k = words.Length - 2;
                while (k >= 0)
                {
                    if (!PreviousWord(text, from, ref pos, out int ws, out int we)) break;
                    if (k == 0 ? !EndsWith(text, ws, we, words[0]) : !Equal(text, ws, we, words[k])) break;
                    k--;
                }
                if (k < 0) return true;
            }
            return false;
        }

        /// <summary>The token before <paramref name="pos"/> that is not a reply code (a <c>550</c> before <c>5.7.1</c> is skipped with it).</summary>
        private static bool PreviousWord(ReadOnlySpan<char> text, int from, ref int pos, out int start, out int end)
        {
            while (PreviousToken(text, from, ref pos, out start, out end))
            {
                if (IsFullCode(text, start, end)) continue;
                if (IsEnhancedCode(text, start, end))
                {
                    int save = pos;
                    if (PreviousToken(text, from, ref pos, out int s2, out int e2) && IsBasicCode(text, s2, e2)) continue;
                    pos = save;
                }
                return true;
            }
            return false;
        }

        private static bool PreviousToken(ReadOnlySpan<char> text, int from, ref int pos, out int start, out int end)
        {
            while (pos > from && char.IsWhiteSpace(text[pos - 1])) pos--;
            end = pos;
            while (pos > from && !char.IsWhiteSpace(text[pos - 1])) pos--;
            start = pos;
            return end > start;
        }

        /// <summary>The next token that is not a reply code (a <c>550</c> followed by <c>5.7.1</c> is skipped as a pair).</summary>
        private static bool NextWord(ReadOnlySpan<char> text, ref int pos, out int start, out int end)
        {
            while (NextToken(text, ref pos, out start, out end))
            {
                if (IsFullCode(text, start, end)) continue;
                if (IsBasicCode(text, start, end))
                {
                    int save = pos;
                    if (NextToken(text, ref pos, out int s2, out int e2) && IsEnhancedCode(text, s2, e2)) continue;
                    pos = save;
                }
                return true;
            }
            return false;
        }

        private static bool NextToken(ReadOnlySpan<char> text, ref int pos, out int start, out int end)
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
            start = pos;
            while (pos < text.Length && !char.IsWhiteSpace(text[pos])) pos++;
            end = pos;
            return end > start;
        }

        // 550-5.7.1
        private static bool IsFullCode(ReadOnlySpan<char> t, int s, int e) => e - s >= 9 && IsBasicCode(t, s, s + 3) && t[s + 3] == '-' && IsEnhancedCode(t, s + 4, e);

        // 550
        private static bool IsBasicCode(ReadOnlySpan<char> t, int s, int e) => e - s == 3 && t[s] >= '2' && t[s] <= '5' && IsDigit(t[s + 1]) && IsDigit(t[s + 2]);

        // 5.7.1, 5.7.25, 4.7.0
        private static bool IsEnhancedCode(ReadOnlySpan<char> t, int s, int e)
        {
            if (e - s < 5 || t[s] < '2' || t[s] > '5' || t[s + 1] != '.') return false;
            int i = s + 2;
            int d = 0;
            while (i < e && IsDigit(t[i]) && d < 3) { i++; d++; }
            if (d == 0 || i >= e || t[i] != '.') return false;
            i++;
            d = 0;
            while (i < e && IsDigit(t[i]) && d < 3) { i++; d++; }
            return d > 0 && i == e;
        }

        /// <summary><c>string.IndexOf(value, from, OrdinalIgnoreCase)</c> on a span.</summary>
        public static int IndexOf(ReadOnlySpan<char> text, string value, int from)
        {
            int found = text.Slice(from).IndexOf(value.AsSpan(), StringComparison.OrdinalIgnoreCase);
            return found < 0 ? -1 : found + from;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool Equal(ReadOnlySpan<char> t, int s, int e, string word) => e - s == word.Length && t.Slice(s, word.Length).Equals(word.AsSpan(), StringComparison.OrdinalIgnoreCase);

        private static bool StartsWith(ReadOnlySpan<char> t, int s, int e, string word) => e - s >= word.Length && t.Slice(s, word.Length).Equals(word.AsSpan(), StringComparison.OrdinalIgnoreCase);

        private static bool EndsWith(ReadOnlySpan<char> t, int s, int e, string word) => e - s >= word.Length && t.Slice(e - word.Length, word.Length).Equals(word.AsSpan(), StringComparison.OrdinalIgnoreCase);
    }
}
