namespace MailConfigKit.Exim4
{
    /// <summary>One assignment in an update-exim4.conf.conf, as sh executes it.</summary>
    public sealed class Exim4Assignment
    {
        internal Exim4Assignment(string name, string? value, string rawValue, int line, int column, bool isEffective, bool isExported)
        {
            Name = name;
            Value = value;
            RawValue = rawValue;
            Line = line;
            Column = column;
            IsEffective = isEffective;
            IsExported = isExported;
        }

        /// <summary>The variable name.</summary>
        public string Name { get; }

        /// <summary>The value sh assigns; null when it is computed at run time.</summary>
        public string? Value { get; }

        /// <summary>The value word exactly as written (quotes included).</summary>
        public string RawValue { get; }

        /// <summary>1-based line of the name.</summary>
        public int Line { get; }

        /// <summary>1-based column of the name.</summary>
        public int Column { get; }

        /// <summary>Whether this is the last assignment of the name, the one that wins.</summary>
        public bool IsEffective { get; }

        /// <summary>Whether it is written with <c>export</c>.</summary>
        public bool IsExported { get; }

        /// <inheritdoc />
        public override string ToString() => Name + "=" + RawValue;
    }
}
