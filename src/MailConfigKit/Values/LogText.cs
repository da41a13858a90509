using System.Text;

namespace MailConfigKit.Values
{
    /// <summary>Makes values safe to log: control characters become escapes, so a value cannot forge log lines or terminal output.</summary>
    public static class LogText
    {
        /// <summary>The text with control characters (C0, DEL, C1, line and paragraph separators) written as <c>\n</c>, <c>\t</c>, <c>\x1B</c>, <c>\u2028</c>.</summary>
        public static string Escape(string? text)
        {
            if (text == null) return "(null)";
            StringBuilder? sb = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                string? escaped = EscapeChar(c);
                if (escaped == null)
                {
                    sb?.Append(c);
                    continue;
                }
                if (sb == null) sb = new StringBuilder(text, 0, i, text.Length + 16);
                sb.Append(escaped);
            }
            return sb == null ? text : sb.ToString();
        }

        private static string? EscapeChar(char c)
        {
            switch (c)
            {
                case '\n': return "\\n";
                case '\r': return "\\r";
                case '\t': return "\\t";
                case '\\': return null;
            }
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return "\\x" + ((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
            if (c == '\u2028' || c == '\u2029' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
                return "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
            return null;
        }
    }
}
