namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Finds where a run-time construct (<c>$(...)</c>, <c>${...}</c>, backquotes) ends. Its contents never become a
    /// value, so only quoting and nesting matter here; -1 means the file ends first (sh: syntax error).
    /// </summary>
    internal static class ShellSkipper
    {
        /// <summary>
        /// Skips one quoted part at <paramref name="i"/> (backslash pair, single, double or back quotes): returns the
        /// index after it, -1 when the text ends inside it, or <paramref name="i"/> itself when none starts there.
        /// </summary>
        public static int SkipQuotedPart(string text, int i)
        {
            switch (text[i])
            {
                case '\\':
                    return System.Math.Min(i + 2, text.Length);
                case '\'':
                    int close = text.IndexOf('\'', i + 1);
                    return close < 0 ? -1 : close + 1;
                case '"':
                    return SkipDouble(text, i + 1);
                case '`':
                    return SkipBackquote(text, i + 1);
                default:
                    return i;
            }
        }

        /// <summary>Skips to just after the <c>)</c> that closes <paramref name="depth"/> open parentheses.</summary>
        public static int SkipParens(string text, int i, int depth) => SkipNested(text, i, depth, '(', ')');

        /// <summary>Skips to just after the <c>}</c> that closes a <c>${</c> whose contents start at <paramref name="i"/>.</summary>
        public static int SkipBraces(string text, int i) => SkipNested(text, i, 1, '{', '}');

        // Nesting counts only unquoted brackets; a '$(' inside '${...}' is skipped whole so its ')' cannot confuse it.
        private static int SkipNested(string text, int i, int depth, char open, char close)
        {
            int n = text.Length;
            while (i < n)
            {
                int next = SkipQuotedPart(text, i);
                if (next < 0) return -1;
                if (next != i)
                {
                    i = next;
                    continue;
                }
                char c = text[i];
                if (c == '$' && open == '{' && i + 1 < n && text[i + 1] == '(')
                {
                    i = SkipParens(text, i + 2, 1);
                    if (i < 0) return -1;
                    continue;
                }
                // Inside ${...} only another '${' nests; a bare '{' is literal (${x:-{} ends at the first '}').
                if (c == open && (open != '{' || (i > 0 && text[i - 1] == '$'))) depth++;
                else if (c == close && --depth == 0) return i + 1;
                i++;
            }
            return -1;
        }

        /// <summary>Whether <c>${name=word}</c> or <c>${name:=word}</c> assigns a variable as a side effect.</summary>
        public static bool BraceAssigns(string text, int start, int end)
        {
            int i = start;
            while (i < end && ShellNames.IsNameChar(text[i])) i++;
            if (i < end && text[i] == ':') i++;
            return i < end && text[i] == '=';
        }

        /// <summary>Skips to just after the closing backquote; <paramref name="i"/> is just after the opening one.</summary>
        public static int SkipBackquote(string text, int i)
        {
            int n = text.Length;
            while (i < n)
            {
                char c = text[i];
                if (c == '\\')
                {
                    i += 2;
                    continue;
                }
                if (c == '`') return i + 1;
                i++;
            }
            return -1;
        }

        /// <summary>Skips to just after the closing double quote; <paramref name="i"/> is just after the opening one.</summary>
        public static int SkipDouble(string text, int i)
        {
            int n = text.Length;
            while (i < n)
            {
                char c = text[i];
                if (c == '\\')
                {
                    i += 2;
                    continue;
                }
                if (c == '"') return i + 1;
                if (c == '$' && i + 1 < n && text[i + 1] == '(')
                {
                    i = SkipParens(text, i + 2, 1);
                    if (i < 0) return -1;
                    continue;
                }
                if (c == '`')
                {
                    i = SkipBackquote(text, i + 1);
                    if (i < 0) return -1;
                    continue;
                }
                i++;
            }
            return -1;
        }
    }
}
