using System.Collections.Generic;
using System.Text;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// A parsed <c>macro-string</c>, <c>domain-spec</c> or <c>explain-string</c> of RFC 7208 section 7.1: literal
    /// runs and macros, checked once when the record is read so that a syntax error anywhere is a permerror before
    /// anything is evaluated (section 4.6).
    /// </summary>
    internal sealed class SpfMacroString
    {
        private SpfMacroString(string text, IReadOnlyList<SpfMacroPart> parts)
        {
            Text = text;
            Parts = parts;
        }

        /// <summary>The text as written.</summary>
        public string Text { get; }

        /// <summary>The literal runs and macros, in order.</summary>
        public IReadOnlyList<SpfMacroPart> Parts { get; }

        /// <summary>Whether a <c>%{p}</c> macro appears (it costs DNS look-ups to expand).</summary>
        public bool UsesP
        {
            get
            {
                foreach (SpfMacroPart part in Parts) if (part.Letter == 'p') return true;
                return false;
            }
        }

        /// <summary>
        /// Parses <paramref name="text"/>: <paramref name="explanation"/> allows spaces and the letters c, r, t (an
        /// <c>explain-string</c>); otherwise a <c>macro-string</c>. Returns null with <paramref name="error"/> set when
        /// the text is not one; <paramref name="rulings"/> collects the strict readings that other implementations relax.
        /// </summary>
        public static SpfMacroString? Parse(string text, bool explanation, ICollection<string> rulings, out string? error)
        {
            var parts = new List<SpfMacroPart>();
            var literal = new StringBuilder();
            error = null;
            int i = 0;
            while (i < text.Length)
            {
                char ch = text[i];
                if (ch != '%')
                {
                    if (ch < 0x20 || ch > 0x7E || (ch == ' ' && !explanation))
                    {
                        error = "character " + Describe(ch) + " is not allowed";
                        return null;
                    }
                    literal.Append(ch);
                    i++;
                    continue;
                }
                bool afterEscape = i >= 2 && text[i - 1] == '%' && text[i - 2] == '%' && EndsEscapedPercent(text, i);
                if (i + 1 >= text.Length)
                {
                    if (afterEscape) rulings.Add(SpfRulings.PercentAfterEscape);
                    error = "'%' at the end (write %% for a percent sign)";
                    return null;
                }
                char next = text[i + 1];
                if (next == '%' || next == '_' || next == '-')
                {
                    Flush(parts, literal);
                    parts.Add(SpfMacroPart.Escape(next == '%' ? "%" : next == '_' ? " " : "%20"));
                    if (next == '%' && i + 2 == text.Length) rulings.Add(SpfRulings.PercentEscapeAtEnd);
                    i += 2;
                    continue;
                }
                if (next != '{')
                {
                    if (afterEscape) rulings.Add(SpfRulings.PercentAfterEscape);
                    error = "'%" + Describe(next) + "' is not a macro (write %% for a percent sign)";
                    return null;
                }
                SpfMacroPart? macro = ParseMacro(text, i + 2, explanation, rulings, out int end, out error);
                if (macro == null) return null;
                Flush(parts, literal);
                parts.Add(macro);
                i = end;
            }
            Flush(parts, literal);
            return new SpfMacroString(text, parts);
        }

        private static void Flush(List<SpfMacroPart> parts, StringBuilder literal)
        {
            if (literal.Length == 0) return;
            parts.Add(SpfMacroPart.Literal(literal.ToString()));
            literal.Clear();
        }

        /// <summary>Whether the '%' at <paramref name="index"/> follows a complete "%%" escape (an even run of '%' before it).</summary>
        private static bool EndsEscapedPercent(string text, int index)
        {
            int run = 0;
            for (int j = index - 1; j >= 0 && text[j] == '%'; j--) run++;
            return run % 2 == 0;
        }

        // "%{" was read; the letter starts at 'start'. macro-letter transformers *delimiter "}".
        private static SpfMacroPart? ParseMacro(string text, int start, bool explanation, ICollection<string> rulings, out int end, out string? error)
        {
            end = start;
            error = null;
            if (start >= text.Length)
            {
                rulings.Add(SpfRulings.MacroSyntax);
                error = "unterminated macro '%{'";
                return null;
            }
            char letterAsWritten = text[start];
            char letter = char.ToLowerInvariant(letterAsWritten);
            if ("slodiphcrtv".IndexOf(letter) < 0 || letterAsWritten > 0x7E)
            {
                error = "unknown macro letter '" + Describe(letterAsWritten) + "'";
                return null;
            }
            if (!explanation && (letter == 'c' || letter == 'r' || letter == 't'))
            {
                error = "macro %{" + letterAsWritten + "} is allowed only in explanation text";
                return null;
            }
            int i = start + 1;
            int digitsStart = i;
            int digits = 0;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                // Any count past the number of labels a name can have keeps them all; cap it so it cannot overflow.
                digits = digits > 1000 ? digits : digits * 10 + (text[i] - '0');
                i++;
            }
            bool hasDigits = i > digitsStart;
            if (hasDigits && digits == 0)
            {
                rulings.Add(SpfRulings.MacroSyntax);
                error = "macro digit transformer 0 (it must be nonzero)";
                return null;
            }
            bool reverse = false;
            if (i < text.Length && (text[i] == 'r' || text[i] == 'R'))
            {
                if (text[i] == 'R') rulings.Add(SpfRulings.UpperCaseReverse);
                reverse = true;
                i++;
            }
            var delimiters = new StringBuilder();
            while (i < text.Length && ".-+,/_=".IndexOf(text[i]) >= 0) delimiters.Append(text[i++]);
            if (i >= text.Length || text[i] != '}')
            {
                rulings.Add(SpfRulings.MacroSyntax);
                error = i >= text.Length ? "unterminated macro" : "macro has '" + Describe(text[i]) + "' where '}' belongs";
                return null;
            }
            end = i + 1;
            // Other implementations expand %{p} (DNS look-ups) when they read the record, before the terms ahead of it.
            if (letter == 'p' && !explanation) rulings.Add(SpfRulings.PMacroEvaluatedInOrder);
            return SpfMacroPart.Macro(letter, char.IsUpper(letterAsWritten), hasDigits ? digits : 0, reverse, delimiters.ToString());
        }

        private static string Describe(char c) => c >= 0x21 && c <= 0x7E ? c.ToString() : "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// Whether the text is a <c>domain-spec</c>: nonempty and ending in a macro or in <c>"." toplabel ["."]</c>,
        /// toplabel being alphanumeric with a letter, or alphanumeric with inner hyphens (section 7.1).
        /// </summary>
        public bool IsDomainSpec(out string? error)
        {
            error = null;
            if (Parts.Count == 0)
            {
                error = "empty domain";
                return false;
            }
            SpfMacroPart last = Parts[Parts.Count - 1];
            if (last.IsMacro) return true;
            string tail = last.Text;
            // The escapes %% %_ %- are macro-expands too: a spec may end in one.
            if (last.FromEscape) return true;
            int end = tail.Length;
            if (end > 0 && tail[end - 1] == '.') end--;
            int dot = tail.LastIndexOf('.', end - 1 < 0 ? 0 : end - 1);
            if (end == 0 || dot < 0 || !IsTopLabel(tail, dot + 1, end))
            {
                error = "'" + Text + "' does not end in a valid top-level label";
                return false;
            }
            return true;
        }

        private static bool IsTopLabel(string s, int start, int end)
        {
            if (end <= start) return false;
            bool letter = false, hyphen = false;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c == '-') hyphen = true;
                else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letter = true;
                else if (c < '0' || c > '9') return false;
            }
            if (!hyphen) return letter;
            return s[start] != '-' && s[end - 1] != '-';
        }
    }

    /// <summary>One piece of a macro string: a literal run or a macro (<c>%{d2r-}</c>).</summary>
    internal sealed class SpfMacroPart
    {
        private SpfMacroPart(string text, char letter, bool urlEscape, int keep, bool reverse, string delimiters, bool fromEscape)
        {
            Text = text;
            Letter = letter;
            UrlEscape = urlEscape;
            Keep = keep;
            Reverse = reverse;
            Delimiters = delimiters;
            FromEscape = fromEscape;
        }

        /// <summary>The literal text (for an escape, what it stands for: <c>%</c>, a space, <c>%20</c>); empty for a macro.</summary>
        public string Text { get; }

        /// <summary>The macro letter, lower case; '\0' for a literal.</summary>
        public char Letter { get; }

        /// <summary>Whether this is a macro.</summary>
        public bool IsMacro => Letter != '\0';

        /// <summary>The letter was upper case: the expansion is URL-escaped.</summary>
        public bool UrlEscape { get; }

        /// <summary>How many right-hand parts to keep; 0 keeps all.</summary>
        public int Keep { get; }

        /// <summary>Reverse the parts.</summary>
        public bool Reverse { get; }

        /// <summary>The delimiters to split at; empty means ".".</summary>
        public string Delimiters { get; }

        /// <summary>This is one of the escapes %%, %_ or %- (a <c>macro-expand</c> in the grammar).</summary>
        public bool FromEscape { get; }

        public static SpfMacroPart Literal(string text) => new SpfMacroPart(text, '\0', false, 0, false, string.Empty, false);

        public static SpfMacroPart Escape(string text) => new SpfMacroPart(text, '\0', false, 0, false, string.Empty, true);

        public static SpfMacroPart Macro(char letter, bool urlEscape, int keep, bool reverse, string delimiters)
            => new SpfMacroPart(string.Empty, letter, urlEscape, keep, reverse, delimiters, false);
    }
}
