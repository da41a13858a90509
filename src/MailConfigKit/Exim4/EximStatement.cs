using System.Globalization;

namespace MailConfigKit.Exim4
{
    /// <summary>What a logical line of an exim configuration file is, read statically (macros not substituted).</summary>
    public enum EximStatementKind
    {
        /// <summary>A main-section option setting: <c>name = value</c>, a bare boolean, <c>no_name</c>/<c>not_name</c>, with an optional <c>hide</c>.</summary>
        OptionSetting = 0,

        /// <summary>A macro definition: <c>NAME = value</c> or <c>NAME == value</c>.</summary>
        MacroDefinition = 1,

        /// <summary>A named list: <c>domainlist</c>, <c>hostlist</c>, <c>addresslist</c>, <c>localpartlist</c>.</summary>
        NamedList = 2,

        /// <summary><c>begin NAME</c>: a later section starts.</summary>
        SectionStart = 3,

        /// <summary>Anything else (the lines of the later sections, kept verbatim).</summary>
        Other = 4,
    }

    /// <summary>
    /// One logical line of an exim configuration file (its continuation lines joined), as written: no macro is
    /// substituted and conditionals are not resolved (see <see cref="EximEffectiveConfiguration"/> for that).
    /// </summary>
    public sealed class EximStatement
    {
        internal EximStatement(EximStatementKind kind, string? section, string name, string writtenName, string? value, bool isNegated, bool isHidden,
            bool isRedefinition, int line, int column, int lineCount, string text)
        {
            Kind = kind;
            Section = section;
            Name = name;
            WrittenName = writtenName;
            Value = value;
            IsNegated = isNegated;
            IsHidden = isHidden;
            IsRedefinition = isRedefinition;
            Line = line;
            Column = column;
            LineCount = lineCount;
            Text = text;
        }

        /// <summary>What the line is.</summary>
        public EximStatementKind Kind { get; }

        /// <summary>The section it is in (<c>acl</c>, <c>router</c>, ...); null for the main section.</summary>
        public string? Section { get; }

        /// <summary>The option (without <c>no_</c>/<c>not_</c>), macro, list or section name; empty for other lines.</summary>
        public string Name { get; }

        /// <summary>The name as written (<c>no_disable_ipv6</c>).</summary>
        public string WrittenName { get; }

        /// <summary>The raw value after <c>=</c> (continuations joined, blanks trimmed); null for a bare boolean.</summary>
        public string? Value { get; }

        /// <summary>Whether a boolean is written <c>no_name</c> or <c>not_name</c>.</summary>
        public bool IsNegated { get; }

        /// <summary>Whether the setting starts with <c>hide</c>.</summary>
        public bool IsHidden { get; }

        /// <summary>Whether a macro is redefined with <c>==</c>.</summary>
        public bool IsRedefinition { get; }

        /// <summary>1-based line where it starts.</summary>
        public int Line { get; }

        /// <summary>1-based column of its first non-blank character.</summary>
        public int Column { get; }

        /// <summary>How many physical lines it spans (comment lines inside a continuation included).</summary>
        public int LineCount { get; }

        /// <summary>The logical line (continuations joined, as exim joins them).</summary>
        public string Text { get; }

        /// <summary><c>line: text</c>.</summary>
        public override string ToString() => Line.ToString(CultureInfo.InvariantCulture) + ": " + Text;
    }
}
