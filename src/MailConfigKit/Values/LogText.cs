using System.Text;

namespace MailConfigKit.Values
{
    /// <summary>
    /// Makes text safe to log or print: control characters become visible escapes, so a value from a configuration file or
    /// a remote server's reply in a mail log cannot forge log lines or drive a terminal (clear the screen, set the window
    /// title, move the cursor). For every front end: MailDoctor's text report, PowerShell output, log messages.
    /// </summary>
    public static class LogText
    {
        /// <summary>
        /// The text with control characters (C0 including tab, DEL, C1, line and paragraph separators, bidirectional
        /// overrides) written as <c>\n</c>, <c>\t</c>, <c>\x1B</c>, <c>\u2028</c>: one line, safe for a log.
        /// </summary>
        public static string Escape(string? text) => Escape(text, keepTab: false);

        /// <summary>
        /// The text as <see cref="Escape(string)"/> writes it, except that a tab stays a tab: for a terminal, where a tab is
        /// harmless and configuration lines read better with theirs. <c>ESC[2J</c> prints as <c>\x1B[2J</c>, an OSC title
        /// sequence as <c>\x1B]0;...\x07</c>, and C1 controls (U+009B, the one-character CSI) as <c>\x9B</c>.
        /// </summary>
        public static string ForTerminal(string? text) => Escape(text, keepTab: true);

        private static string Escape(string? text, bool keepTab)
        {
            if (text == null) return "(null)";
            StringBuilder? sb = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                string? escaped = c == '\t' && keepTab ? null : EscapeChar(c);
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
