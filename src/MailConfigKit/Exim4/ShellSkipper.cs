namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Finds where a run-time construct (<c>$(...)</c>, <c>${...}</c>, backquotes) ends. Its contents never become a
    /// value, so only quoting and nesting matter here; -1 means the file ends first (sh: syntax error).
    /// </summary>
    internal static class ShellSkipper
    {
        /// <summary>Skips to just after the <c>)</c> that closes <paramref name="depth"/> open parentheses.</summary>
        public static int SkipParens(string text, int i, int depth)
        {
            int n = text.Length;
            while (i < n)
            {
                char c = text[i];
                switch (c)
                {
                    case '\\':
                        i += 2;
                        continue;
                    case '\'':
                        int close = text.IndexOf('\'', i + 1);
                        if (close < 0) return -1;
                        i = close + 1;
                        continue;
                    case '"':
                        i = SkipDouble(text, i + 1);
                        if (i < 0) return -1;
                        continue;
                    case '`':
                        i = SkipBackquote(text, i + 1);
                        if (i < 0) return -1;
                        continue;
                    case '(':
                        depth++;
                        break;
                    case ')':
                        depth--;
                        if (depth == 0) return i + 1;
                        break;
                }
                i++;
            }
            return -1;
        }

        /// <summary>Skips to just after the <c>}</c> that closes a <c>${</c> whose contents start at <paramref name="i"/>.</summary>
        public static int SkipBraces(string text, int i)
        {
            int n = text.Length;
            int depth = 1;
            while (i < n)
            {
                char c = text[i];
                switch (c)
                {
                    case '\\':
                        i += 2;
                        continue;
                    case '\'':
                        int close = text.IndexOf('\'', i + 1);
                        if (close < 0) return -1;
                        i = close + 1;
                        continue;
                    case '"':
                        i = SkipDouble(text, i + 1);
                        if (i < 0) return -1;
                        continue;
                    case '`':
                        i = SkipBackquote(text, i + 1);
                        if (i < 0) return -1;
                        continue;
                    case '$':
                        if (i + 1 < n && text[i + 1] == '(')
                        {
                            i = SkipParens(text, i + 2, 1);
                            if (i < 0) return -1;
                            continue;
                        }
                        if (i + 1 < n && text[i + 1] == '{')
                        {
                            depth++;
                            i += 2;
                            continue;
                        }
                        break;
                    case '}':
                        depth--;
                        if (depth == 0) return i + 1;
                        break;
                }
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
