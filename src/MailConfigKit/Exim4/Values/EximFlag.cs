using System;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// A true/false variable of update-exim4.conf.conf (<c>dc_minimaldns</c>, <c>dc_use_split_config</c>, ...). Not a
    /// bare <see cref="bool"/> so that PowerShell, which turns any non-empty string into <c>$true</c>, converts a string
    /// through <see cref="Parse"/>: <c>$conf.MinimalDns = 'false'</c> is false and <c>'maybe'</c> is an error. C# code
    /// converts from and to <see cref="bool"/> implicitly.
    /// </summary>
    public readonly struct EximFlag : IEquatable<EximFlag>
    {
        private EximFlag(bool value) => IsTrue = value;

        /// <summary>The flag set (written <c>true</c>).</summary>
        public static EximFlag True => new EximFlag(true);

        /// <summary>The flag cleared (written <c>false</c>).</summary>
        public static EximFlag False => new EximFlag(false);

        /// <summary>Whether the flag is set.</summary>
        public bool IsTrue { get; }

        /// <summary>Reads <c>true</c> or <c>false</c> (in any case), the words update-exim4.conf compares with.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="FormatException">Anything else; update-exim4.conf would read it as false.</exception>
        public static EximFlag Parse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return True;
            if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return False;
            throw new FormatException("\"" + text + "\" is not true or false (update-exim4.conf compares these variables with 'true' and reads anything else as false).");
        }

        /// <summary>The flag for a <see cref="bool"/>.</summary>
        public static implicit operator EximFlag(bool value) => new EximFlag(value);

        /// <summary>Whether the flag is set.</summary>
        public static implicit operator bool(EximFlag flag) => flag.IsTrue;

        /// <summary><c>true</c> or <c>false</c>, as the file has it.</summary>
        public override string ToString() => IsTrue ? "true" : "false";

        /// <inheritdoc />
        public bool Equals(EximFlag other) => IsTrue == other.IsTrue;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is EximFlag other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => IsTrue ? 1 : 0;
    }
}
