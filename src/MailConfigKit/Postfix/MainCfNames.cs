using System;

namespace MailConfigKit.Postfix
{
    /// <summary>What may be written into main.cf through the API: parameter names and single-line values.</summary>
    internal static class MainCfNames
    {
        /// <summary>
        /// Accepts Postfix parameter names: letters, digits and underscores, plus <c>-</c> and <c>.</c>, which occur in
        /// per-transport names built from master.cf service names (<c>smtp-amavis_destination_recipient_limit</c>).
        /// </summary>
        public static void Validate(string name, string paramName)
        {
            if (name == null) throw new ArgumentNullException(paramName);
            if (name.Length == 0) throw new ArgumentException("A parameter name cannot be empty.", paramName);
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (i > 0 && (c == '-' || c == '.'));
                if (!ok)
                {
                    throw new ArgumentException(
                        "'" + Escape(name) + "' is not a Postfix parameter name: character " + Describe(c) + " at index " + i +
                        " is not allowed (names are letters, digits and underscores).", paramName);
                }
            }
        }

        /// <summary>Refuses values that would corrupt the file (CR, LF start a new line; NUL truncates), trims like postconf.</summary>
        public static string ValidateValue(string name, string value, string paramName)
        {
            if (value == null) throw new ArgumentNullException(paramName);
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\r' || c == '\n' || c == '\0')
                {
                    throw new ArgumentException(
                        "The value for '" + name + "' contains " + Describe(c) + " at index " + i +
                        ": a main.cf value must be one line (a line break would start a new parameter, NUL would truncate it). The document is unchanged.",
                        paramName);
                }
            }
            RefuseLoneSurrogate(value, "The value for '" + name + "'", paramName);
            int start = 0, end = value.Length;
            while (start < end && MainCfScanner.IsSpace(value[start])) start++;
            while (end > start && MainCfScanner.IsSpace(value[end - 1])) end--;
            return value.Substring(start, end - start);
        }

        /// <summary>
        /// Refuses a string with an unpaired UTF-16 surrogate: it has no UTF-8 encoding, so saving the document would
        /// throw (EncoderFallbackException) after the edit was accepted. Called before anything changes.
        /// </summary>
        public static void RefuseLoneSurrogate(string? value, string what, string paramName)
        {
            if (value == null) return; // the caller's own null check says so
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!char.IsSurrogate(c)) continue;
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }
                throw new ArgumentException(
                    what + " contains a lone surrogate " + Describe(c) + " at index " + i +
                    ": it is not a character and cannot be written as UTF-8. The document is unchanged.", paramName);
            }
        }

        /// <summary>Names a character for an error message without printing control characters raw.</summary>
        public static string Describe(char c)
        {
            switch (c)
            {
                case '\r': return "a carriage return (U+000D)";
                case '\n': return "a line feed (U+000A)";
                case '\0': return "a NUL (U+0000)";
                default: return c < 0x20 || c == 0x7F || c > 0x7E ? "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : "'" + c + "'";
            }
        }

        /// <summary>Escapes control characters for messages and logs.</summary>
        public static string Escape(string s)
        {
            var sb = new System.Text.StringBuilder(s.Length);
            foreach (char c in s)
            {
                if (c < 0x20 || c == 0x7F) sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
