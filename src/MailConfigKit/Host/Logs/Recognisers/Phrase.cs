using System;
using System.Runtime.CompilerServices;

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
                if (PrecededBy(text, from, at, words)) return true;
            }
            return false;
        }

        // Whether the words before the last one come, in order, before "at" (kept out of the search loop above: inlined
        // there, the two loops' variables spill to the stack and a log of nothing but refusals pays that on every line).
        // One backward pass over the characters, each compared once with the word it must be: a token is walked to its
        // start only when it ends in a digit (it may be a reply code, to be skipped). A character outside ASCII, where
        // case rules are not ASCII's, hands the question to the token walk (TokenPrecededBy), whose answer it is.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool PrecededBy(ReadOnlySpan<char> text, int from, int at, string[] words)
        {
            int i = at - 1;  // the character before the part still to match
            for (int k = words.Length - 2; k >= 0; k--)
            {
                // White space, then any reply codes (each with the white space before it), then word k's last character.
                if (i < from || !IsWhiteSpace(text[i])) return false;
                while (true)
                {
                    while (i >= from && IsWhiteSpace(text[i])) i--;
                    if (i < from) return false;
                    char c = text[i];
                    if (c >= 0x80) return TokenPrecededBy(text, from, at, words);
                    if (c < '0' || c > '9') break;
                    int end = i + 1, start = i;
                    while (start > from && !IsWhiteSpace(text[start - 1])) start--;
                    if (IsFullCode(text, start, end))
                    {
                        i = start - 1;
                        continue;
                    }
                    if (IsEnhancedCode(text, start, end))
                    {
                        int p = start;
                        if (PreviousToken(text, from, ref p, out int s2, out int e2) && IsBasicCode(text, s2, e2))
                        {
                            i = s2 - 1;
                            continue;
                        }
                    }
                    break;
                }
                string word = words[k];
                for (int j = word.Length - 1; j >= 0; j--, i--)
                {
                    if (i < from) return false;
                    int c = text[i], w = word[j];
                    if (c >= 0x80 || w >= 0x80) return TokenPrecededBy(text, from, at, words);
                    if (c >= 'A' && c <= 'Z') c += 32;
                    if (w >= 'A' && w <= 'Z') w += 32;
                    if (c != w) return false;
                }
                // A word other than the first is a whole token; the first may end a longer one.
                if (k > 0 && i >= from && !IsWhiteSpace(text[i])) return false;
            }
            return true;
        }

        /// <summary><see cref="char.IsWhiteSpace(char)"/>, ASCII answered without the table.</summary>
        private static bool IsWhiteSpace(char c) => c < 0x80 ? c == ' ' || (uint)(c - '\t') <= '\r' - '\t' : char.IsWhiteSpace(c);

        // The plain reading of PrecededBy: token by token back from "at", codes skipped, each compared with its word.
        private static bool TokenPrecededBy(ReadOnlySpan<char> text, int from, int at, string[] words)
        {
            int pos = at;
            int k = words.Length - 2;
            while (k >= 0)
            {
                if (!PreviousWord(text, from, ref pos, out int ws, out int we)) break;
                if (k == 0 ? !EndsWith(text, ws, we, words[0]) : !Equal(text, ws, we, words[k])) break;
                k--;
            }
            return k < 0;
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
            // A local, not the ref, in the loops: the JIT keeps it in a register.
            int p = pos;
            while (p > from && char.IsWhiteSpace(text[p - 1])) p--;
            end = p;
            while (p > from && !char.IsWhiteSpace(text[p - 1])) p--;
            start = p;
            pos = p;
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
            int p = pos;
            while (p < text.Length && char.IsWhiteSpace(text[p])) p++;
            start = p;
            while (p < text.Length && !char.IsWhiteSpace(text[p])) p++;
            end = p;
            pos = p;
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
        // Not inlined: its vectorized loop, inlined into a caller's loop, runs with its registers spilled.
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int IndexOf(ReadOnlySpan<char> text, string value, int from)
        {
            int found = text.Slice(from).IndexOf(value.AsSpan(), StringComparison.OrdinalIgnoreCase);
            return found < 0 ? -1 : found + from;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool Equal(ReadOnlySpan<char> t, int s, int e, string word) => e - s == word.Length && SameIgnoringCase(t.Slice(s, word.Length), word);

        private static bool StartsWith(ReadOnlySpan<char> t, int s, int e, string word) => e - s >= word.Length && SameIgnoringCase(t.Slice(s, word.Length), word);

        private static bool EndsWith(ReadOnlySpan<char> t, int s, int e, string word) => e - s >= word.Length && SameIgnoringCase(t.Slice(e - word.Length, word.Length), word);

        /// <summary>
        /// <c>Equals(word, OrdinalIgnoreCase)</c> for ASCII text.
        /// ASCII text is compared in place (a quarter of the cost of the general
        /// comparison, which a log of nothing but refusals pays six times a line); any other character takes the general
        /// comparison, whose case rules it must keep (the dotless i is an upper-case I's lower-case too).
        /// </summary>
        private static bool SameIgnoringCase(ReadOnlySpan<char> t, string word)
        {
            for (int i = 0; i < word.Length; i++)
            {
                int c = t[i], w = word[i];
                if (c >= 0x80 || w >= 0x80) return t.Equals(word.AsSpan(), StringComparison.OrdinalIgnoreCase);
                if (c >= 'A' && c <= 'Z') c += 32;
                if (w >= 'A' && w <= 'Z') w += 32;
                if (c != w)
                {
                    // A later non-ASCII character cannot make an ASCII mismatch equal: only the rest could differ.
                    return false;
                }
            }
            return true;
        }
    }
}
