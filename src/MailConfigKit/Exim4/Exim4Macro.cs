using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// A line that update-exim4.conf turns into an exim macro (<c>sed -n '/^[[:upper:]]/p' | grep -v '^CFILEMODE='</c>):
    /// the name is the text before the first <c>=</c>, the value the raw text after it, not shell-evaluated.
    /// </summary>
    public sealed class Exim4Macro
    {
        internal Exim4Macro(string text, string name, string value, int line)
        {
            Text = text;
            Name = name;
            Value = value;
            Line = line;
        }

        /// <summary>The physical line, without its line end.</summary>
        public string Text { get; }

        /// <summary>The macro name (text before the first <c>=</c>, or the whole line).</summary>
        public string Name { get; }

        /// <summary>The raw text after the first <c>=</c> (quotes kept; update-exim4.conf lower-cases it).</summary>
        public string Value { get; }

        /// <summary>1-based line number.</summary>
        public int Line { get; }

        /// <inheritdoc />
        public override string ToString() => Text;

        internal static List<Exim4Macro> Find(string text, LinePositions lines)
        {
            var result = new List<Exim4Macro>();
            for (int line = 1; line <= lines.Count; line++)
            {
                int start = lines.StartOf(line), end = lines.EndOf(line);
                if (end > start && IsUpper(text[start]) && string.CompareOrdinal(text, start, "CFILEMODE=", 0, 10) != 0)
                {
                    string t = text.Substring(start, end - start);
                    int eq = t.IndexOf('=');
                    result.Add(new Exim4Macro(t, eq < 0 ? t : t.Substring(0, eq), eq < 0 ? string.Empty : t.Substring(eq + 1), line));
                }
            }
            return result;
        }

        // [[:upper:]] in the C locale update-exim4.conf runs in: ASCII upper case only.
        private static bool IsUpper(char c) => c >= 'A' && c <= 'Z';
    }
}
