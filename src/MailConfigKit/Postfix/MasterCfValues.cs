using System;

namespace MailConfigKit.Postfix
{
    /// <summary>What may be written as an <c>-o</c> value through the API, and how it is spelled.</summary>
    internal static class MasterCfValues
    {
        /// <summary>
        /// Refuses values that would change how the entry splits into words or lines (line breaks, NUL, control
        /// characters other than tab, braces that do not balance) or that cannot be saved (a lone surrogate), and trims
        /// like <c>split_nameval()</c> does.
        /// </summary>
        public static string Validate(string name, string value, string paramName)
        {
            if (value == null) throw new ArgumentNullException(paramName);
            int level = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    throw new ArgumentException(
                        "The value for -o " + name + " contains " + MainCfNames.Describe(c) + " at index " + i +
                        ": a master.cf value must be one line of printable text (a line break would end the entry). The document is unchanged.", paramName);
                }
                if (char.IsSurrogate(c))
                {
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        i++;
                        continue;
                    }
                    // A lone surrogate has no UTF-8 form: Save would throw after the document was already changed.
                    throw new ArgumentException(
                        "The value for -o " + name + " contains a lone surrogate (U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + ") at index " + i +
                        ": it is not a character and cannot be written as UTF-8. The document is unchanged.", paramName);
                }
                if (c == '{') level++;
                if (c == '}' && --level < 0) break;
            }
            if (level != 0)
            {
                throw new ArgumentException(
                    "The value for -o " + name + " has braces that do not balance: Postfix groups words with { }, so an unmatched " +
                    (level > 0 ? "'{' would swallow the rest of the entry" : "'}' would end the { name = value } early") + ". The document is unchanged.", paramName);
            }
            int start = 0, end = value.Length;
            while (start < end && MainCfScanner.IsSpace(value[start])) start++;
            while (end > start && MainCfScanner.IsSpace(value[end - 1])) end--;
            return value.Substring(start, end - start);
        }

        /// <summary>Whether the value has a master.cf blank inside, so it must be written in braces.</summary>
        public static bool NeedsBraces(string value)
        {
            foreach (char c in value)
            {
                if (MasterCfEntryParser.IsBlank(c)) return true;
            }
            return false;
        }

        /// <summary>The word after <c>-o</c> for a new or rewritten parameter: <c>name=value</c>, or <c>{ name = value }</c> when it has blanks.</summary>
        public static string Format(string name, string value) => NeedsBraces(value) ? "{ " + name + " = " + value + " }" : name + "=" + value;
    }
}
