using System;
using System.Globalization;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// One main option as exim will use it: the value <c>exim -bP</c> prints (macros substituted, conditionals resolved,
    /// the default when nothing sets it), where it is set, and the macro it came from. <see cref="IsKnown"/> is false when
    /// it cannot be known statically; then act on nothing.
    /// </summary>
    public sealed class EximEffectiveOption
    {
        internal EximEffectiveOption(string name, bool isBoolean, string? value, bool isDefault, string? file, int line, int column, string? lineText,
            EximMacroOrigin? macro, bool isHidden, string? unknownReason)
        {
            Name = name;
            IsBoolean = isBoolean;
            Value = value;
            IsDefault = isDefault;
            File = file;
            Line = line;
            Column = column;
            LineText = lineText;
            Macro = macro;
            IsHidden = isHidden;
            UnknownReason = unknownReason;
        }

        /// <summary>The option name (<c>local_interfaces</c>).</summary>
        public string Name { get; }

        /// <summary>Whether the option is a boolean (its <see cref="Value"/> is <c>true</c> or <c>false</c>).</summary>
        public bool IsBoolean { get; }

        /// <summary>The value exim uses (booleans: <c>true</c>/<c>false</c>); null when it cannot be known.</summary>
        public string? Value { get; }

        /// <summary>Whether no line sets it, so exim uses its built-in default.</summary>
        public bool IsDefault { get; }

        /// <summary>The file of the setting, as exim names it; null for the default.</summary>
        public string? File { get; }

        /// <summary>1-based line of the setting in <see cref="File"/> (0 for the default).</summary>
        public int Line { get; }

        /// <summary>1-based column of the setting.</summary>
        public int Column { get; }

        /// <summary>The logical line exim read (continuations joined, macros substituted); null for the default.</summary>
        public string? LineText { get; }

        /// <summary>The macro that gave the whole value (<c>local_interfaces = MAIN_LOCAL_INTERFACES</c>), or null.</summary>
        public EximMacroOrigin? Macro { get; }

        /// <summary>Whether it is set with <c>hide</c>.</summary>
        public bool IsHidden { get; }

        /// <summary>Why the value cannot be known statically; null when it can.</summary>
        public string? UnknownReason { get; }

        /// <summary>Whether the value is known statically.</summary>
        public bool IsKnown => UnknownReason == null && Value != null;

        /// <summary>Whether the value is a boolean that is true.</summary>
        public bool IsTrue => IsBoolean && string.Equals(Value, "true", StringComparison.Ordinal);

        /// <summary>The line <c>exim -bP NAME</c> prints: <c>name = value</c>, or <c>name</c> / <c>no_name</c> for a boolean.</summary>
        public string? ToBpLine()
        {
            if (Value == null) return null;
            if (IsBoolean) return (IsTrue ? string.Empty : "no_") + Name;
            return Name + " = " + Value;
        }

        /// <summary>The <c>-bP</c> line and where it is set.</summary>
        public override string ToString() =>
            (ToBpLine() ?? Name + " (unknown: " + UnknownReason + ")") +
            (IsDefault ? " (default)" : " (" + File + ":" + Line.ToString(CultureInfo.InvariantCulture) + (Macro != null ? ", macro " + Macro.Name : string.Empty) + ")");
    }
}
