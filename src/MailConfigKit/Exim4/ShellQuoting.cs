using System;
using System.Globalization;
using System.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>Writes values as shell words that sh reads back exactly and that expand nothing.</summary>
    internal static class ShellQuoting
    {
        /// <summary>
        /// Throws when the value holds a control character (update-exim4.conf would copy it into exim's configuration)
        /// or a lone surrogate (no encoding can write it, so Save would fail).
        /// </summary>
        public static void CheckValue(string name, string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }
                if (char.IsSurrogate(c))
                {
                    throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                        "The value for {0} contains a lone surrogate U+{1:X4} at index {2}: it is no character and cannot be written as UTF-8, so it is refused.",
                        name, (int)c, i), nameof(value));
                }
                if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
                {
                    throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                        "The value for {0} contains the control character U+{1:X4} ({2}) at index {3}; update-exim4.conf would copy it into exim's configuration, so it is refused.",
                        name, (int)c, Describe(c), i), nameof(value));
                }
            }
        }

        /// <summary>Throws when <paramref name="name"/> is not a shell variable name.</summary>
        public static void CheckName(string name)
        {
            if (!ShellNames.IsValidName(name))
            {
                throw new ArgumentException("\"" + name + "\" is not a shell variable name ([A-Za-z_][A-Za-z0-9_]*).", nameof(name));
            }
        }

        /// <summary>
        /// The word for <paramref name="value"/>, in the existing word's style where that is safe: single quotes by
        /// default (<c>'\''</c> for an embedded quote), double quotes only when nothing in the value is special inside
        /// them, bare only for characters that are never special.
        /// </summary>
        public static string Format(string value, WordQuoting existing)
        {
            switch (existing)
            {
                case WordQuoting.Double when value.IndexOfAny(DoubleSpecial) < 0:
                    return "\"" + value + "\"";
                case WordQuoting.Bare when value.Length > 0 && IsBareSafe(value):
                    return value;
                default:
                    return SingleQuote(value);
            }
        }

        /// <summary>Single-quotes a value: <c>'</c> becomes <c>'\''</c> (close, escaped quote, reopen).</summary>
        public static string SingleQuote(string value)
        {
            if (value.IndexOf('\'') < 0) return "'" + value + "'";
            var sb = new StringBuilder(value.Length + 8);
            sb.Append('\'');
            foreach (char c in value)
            {
                if (c == '\'') sb.Append("'\\''");
                else sb.Append(c);
            }
            return sb.Append('\'').ToString();
        }

        private static readonly char[] DoubleSpecial = { '$', '`', '"', '\\', '!' };

        // Characters that are literal in an unquoted assignment value; '~' (tilde expansion) and ':' (it re-enables
        // tilde expansion) are left out on purpose.
        private static bool IsBareSafe(string value)
        {
            foreach (char c in value)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/' || c == '@' || c == '+' || c == ',' || c == '%';
                if (!ok) return false;
            }
            return true;
        }

        private static string Describe(char c)
        {
            switch (c)
            {
                case '\n': return "line feed";
                case '\r': return "carriage return";
                case '\t': return "tab";
                case '\0': return "NUL";
                case (char)0x7F: return "DEL";
                case (char)0x85: return "C1 next line";
                default: return c >= 0x80 ? "C1 control character" : "control character";
            }
        }
    }
}
