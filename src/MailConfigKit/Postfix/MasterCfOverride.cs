namespace MailConfigKit.Postfix
{
    /// <summary>One <c>-o name=value</c> of a master.cf service, as postconf registers it.</summary>
    public sealed class MasterCfOverride
    {
        internal MasterCfOverride(string name, string value, int line, bool isEffective, bool isBraced)
        {
            Name = name;
            Value = value;
            Line = line;
            IsEffective = isEffective;
            IsBraced = isBraced;
        }

        /// <summary>The parameter name.</summary>
        public string Name { get; }

        /// <summary>The value: trimmed, inner whitespace raw (<c>postconf -P</c> prints it with whitespace runs collapsed).</summary>
        public string Value { get; }

        /// <summary>1-based line of the <c>-o</c>.</summary>
        public int Line { get; }

        /// <summary>False when a later <c>-o</c> of the same name in the same service replaces this one.</summary>
        public bool IsEffective { get; }

        /// <summary>Whether it is written in the <c>-o { name = value }</c> form.</summary>
        public bool IsBraced { get; }

        /// <inheritdoc />
        public override string ToString() => "-o " + Name + "=" + Value;
    }
}
