namespace MailConfigKit.Postfix
{
    /// <summary>One definition of a parameter in a main.cf.</summary>
    public sealed class MainCfParameter
    {
        internal MainCfParameter(string name, string value, int line, bool isEffective)
        {
            Name = name;
            Value = value;
            Line = line;
            IsEffective = isEffective;
        }

        /// <summary>The parameter name.</summary>
        public string Name { get; }

        /// <summary>The raw value of this definition (continuations joined, trimmed, unexpanded).</summary>
        public string Value { get; }

        /// <summary>1-based line where the definition starts.</summary>
        public int Line { get; }

        /// <summary>True for the last definition of the name, the one Postfix uses; false for overridden ones.</summary>
        public bool IsEffective { get; }

        /// <inheritdoc />
        public override string ToString() => Name + " = " + Value;
    }
}
