using System.Collections.Generic;

namespace MailConfigKit.Host
{
    /// <summary>
    /// The kernel command line as the kernel splits it (lib/cmdline.c <c>next_arg</c>): words separated by white space,
    /// double quotes group a word and are removed, everything after a bare <c>--</c> goes to init. Parameter names treat
    /// <c>-</c> and <c>_</c> alike (<c>parameq</c>); for a parameter given twice the last one wins, as each sets the variable.
    /// </summary>
    internal static class KernelCommandLine
    {
        /// <summary>One parameter: its name, value (null without <c>=</c>), and where its word starts in the text.</summary>
        public sealed class Parameter
        {
            public Parameter(string name, string? value, int offset)
            {
                Name = name;
                Value = value;
                Offset = offset;
            }

            public string Name { get; }
            public string? Value { get; }
            public int Offset { get; }

            public override string ToString() => Value == null ? Name : Name + "=" + Value;
        }

        public static List<Parameter> Parse(string text)
        {
            var result = new List<Parameter>();
            int i = 0, n = text.Length;
            while (i < n)
            {
                while (i < n && IsSpace(text[i])) i++;
                if (i >= n) break;
                int start = i;
                bool inQuote = false;
                int equals = -1;
                for (; i < n; i++)
                {
                    char c = text[i];
                    if (IsSpace(c) && !inQuote) break;
                    if (equals < 0 && c == '=') equals = i;
                    if (c == '"') inQuote = !inQuote;
                }
                int end = i;
                int nameStart = start;
                bool leadingQuote = text[start] == '"';
                if (leadingQuote) nameStart++;
                string name, word;
                string? value = null;
                if (equals < 0)
                {
                    word = text.Substring(nameStart, end - nameStart);
                    if (leadingQuote && word.EndsWith("\"", System.StringComparison.Ordinal)) word = word.Substring(0, word.Length - 1);
                    name = word;
                }
                else
                {
                    name = text.Substring(nameStart, equals - nameStart);
                    string v = text.Substring(equals + 1, end - equals - 1);
                    if (v.StartsWith("\"", System.StringComparison.Ordinal))
                    {
                        v = v.Substring(1);
                        if (v.EndsWith("\"", System.StringComparison.Ordinal)) v = v.Substring(0, v.Length - 1);
                    }
                    else if (leadingQuote && v.EndsWith("\"", System.StringComparison.Ordinal))
                    {
                        v = v.Substring(0, v.Length - 1);
                    }
                    value = v;
                }
                // "--" ends the kernel's parameters; the rest are init's arguments.
                if (name == "--" && value == null) break;
                result.Add(new Parameter(name, value, start));
            }
            return result;
        }

        /// <summary>The last occurrence of <paramref name="name"/> (dashes and underscores alike), or null.</summary>
        public static Parameter? FindLast(List<Parameter> parameters, string name)
        {
            for (int i = parameters.Count - 1; i >= 0; i--)
            {
                if (NamesEqual(parameters[i].Name, name)) return parameters[i];
            }
            return null;
        }

        public static bool NamesEqual(string a, string b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];
                if (x != y) return false;
            }
            return true;
        }

        /// <summary>
        /// An int module parameter as the kernel's <c>kstrtoint(value, 0)</c> reads it (optional sign, <c>0x</c> hex, leading
        /// <c>0</c> octal, one trailing newline); null when the kernel would refuse it (and keep the old value).
        /// </summary>
        public static int? ParseInt(string? value)
        {
            if (value == null) return null;
            string s = value.EndsWith("\n", System.StringComparison.Ordinal) ? value.Substring(0, value.Length - 1) : value;
            bool negative = false;
            if (s.StartsWith("-", System.StringComparison.Ordinal)) { negative = true; s = s.Substring(1); }
            else if (s.StartsWith("+", System.StringComparison.Ordinal)) s = s.Substring(1);
            int radix = 10;
            if (s.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase) && s.Length > 2) { radix = 16; s = s.Substring(2); }
            else if (s.Length > 1 && s[0] == '0') { radix = 8; s = s.Substring(1); }
            if (s.Length == 0) return null;
            long acc = 0;
            foreach (char c in s)
            {
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
                if (d >= radix) return null;
                acc = acc * radix + d;
                if (acc > (long)int.MaxValue + 1) return null;
            }
            if (negative) acc = -acc;
            if (acc > int.MaxValue || acc < int.MinValue) return null;
            return (int)acc;
        }

        // The kernel's isspace(): space, \t \n \v \f \r.
        private static bool IsSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');
    }
}
