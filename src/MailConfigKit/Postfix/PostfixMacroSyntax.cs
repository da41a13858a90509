namespace MailConfigKit.Postfix
{
    /// <summary>
    /// Checks <c>$name</c>, <c>${name}</c>, <c>$(name)</c> and <c>${name?text}</c>/<c>${name:text}</c> references the way
    /// Postfix's mac_parse/mac_expand do. postconf scans every value for references on every read, so one malformed
    /// macro anywhere makes every postconf query fatal ("macro processing error").
    /// </summary>
    internal static class PostfixMacroSyntax
    {
        /// <summary>Returns null when the value is well-formed, else Postfix's warning text and the 0-based position.</summary>
        public static string? Check(string value, out int position)
        {
            position = 0;
            int i = 0;
            while (i < value.Length)
            {
                if (value[i] != '$')
                {
                    i++;
                    continue;
                }
                if (i + 1 < value.Length && value[i + 1] == '$')
                {
                    i += 2;
                    continue;
                }
                position = i;
                int vp = i + 1;
                string inner;
                if (vp < value.Length && (value[vp] == '{' || value[vp] == '('))
                {
                    char open = value[vp], close = open == '{' ? '}' : ')';
                    int level = 1, ep = vp + 1;
                    while (level > 0)
                    {
                        if (ep >= value.Length) return "truncated macro reference: \"" + value + "\"";
                        if (value[ep] == open) level++;
                        else if (value[ep] == close) level--;
                        ep++;
                    }
                    inner = value.Substring(vp + 1, ep - vp - 2);
                    i = ep;
                    if (inner.Length == 0) return "empty macro name: \"" + value + "\"";
                    string? error = CheckExpression(inner);
                    if (error != null) return error;
                }
                else
                {
                    int ep = vp;
                    while (ep < value.Length && IsNameChar(value[ep])) ep++;
                    if (ep == vp) return "empty macro name: \"" + value + "\"";
                    i = ep;
                }
            }
            return null;
        }

        private static bool IsNameChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

        // The inside of ${...}: a name optionally followed by ?text or :text; or a relational {a} op {b} ? {x} : {y}.
        private static string? CheckExpression(string inner)
        {
            int p = 0;
            while (p < inner.Length && MainCfScanner.IsSpace(inner[p])) p++;
            if (p < inner.Length && inner[p] == '{') return null; // relational expression (Postfix 3.0+), evaluated only with -x
            int nameStart = p;
            while (p < inner.Length && IsNameChar(inner[p])) p++;
            if (p == nameStart) return "attribute name syntax error at: \"" + inner.Substring(0, p) + ">>>" + inner.Substring(p) + "\"";
            int nameEnd = p;
            while (p < inner.Length && MainCfScanner.IsSpace(inner[p])) p++;
            if (p == inner.Length) return null;
            if (inner[p] != '?' && inner[p] != ':') return "attribute name syntax error at: \"" + inner.Substring(0, nameEnd) + ">>>" + inner.Substring(nameEnd) + "\"";
            string text = inner.Substring(p + 1).Trim();
            if (text.Length >= 2 && text[0] == '{' && text[text.Length - 1] == '}') text = text.Substring(1, text.Length - 2);
            return Check(text, out _);
        }
    }
}
