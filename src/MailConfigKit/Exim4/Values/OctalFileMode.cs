using System;
using System.Globalization;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// A Unix file mode stated in octal, as update-exim4.conf.conf's <c>CFILEMODE</c> writes it (<c>644</c>, <c>0600</c>).
    /// A separate type rather than an <see cref="int"/> so that <c>644</c> can never be mistaken for the decimal number
    /// (which is octal 1204): build one with <see cref="Parse"/> from its octal digits, or <see cref="FromBits"/> from
    /// the mode bits. PowerShell converts a string such as <c>'0644'</c> through <see cref="Parse"/>.
    /// </summary>
    public readonly struct OctalFileMode : IEquatable<OctalFileMode>
    {
        private OctalFileMode(int bits) => Bits = bits;

        /// <summary>The mode bits (octal 644 is 420).</summary>
        public int Bits { get; }

        /// <summary>Reads one to four octal digits (<c>644</c>, <c>0644</c>).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="octalDigits"/> is null.</exception>
        /// <exception cref="FormatException">The text is not one to four octal digits; the message says which character.</exception>
        public static OctalFileMode Parse(string octalDigits)
        {
            if (octalDigits == null) throw new ArgumentNullException(nameof(octalDigits));
            if (!TryParse(octalDigits, out OctalFileMode mode, out string? error)) throw new FormatException("\"" + octalDigits + "\" is not an octal file mode: " + error + ".");
            return mode;
        }

        /// <summary>The mode with these bits (0 to octal 7777).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The bits are outside 0 to octal 7777.</exception>
        public static OctalFileMode FromBits(int bits)
        {
            if (bits < 0 || bits > 4095) throw new ArgumentOutOfRangeException(nameof(bits), bits, "A file mode's bits are 0 to 4095 (octal 7777).");
            return new OctalFileMode(bits);
        }

        internal static bool TryParse(string text, out OctalFileMode mode, out string? error)
        {
            mode = default;
            if (text.Length == 0 || text.Length > 4)
            {
                error = "one to four octal digits are expected";
                return false;
            }
            int bits = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '7')
                {
                    error = "character " + (i + 1).ToString(CultureInfo.InvariantCulture) + " is not an octal digit (0-7)";
                    return false;
                }
                bits = bits * 8 + (c - '0');
            }
            mode = new OctalFileMode(bits);
            error = null;
            return true;
        }

        /// <summary>The octal digits, at least three (<c>644</c>, <c>600</c>, <c>4755</c>), as update-exim4.conf.conf writes them.</summary>
        public override string ToString()
        {
            string digits = Convert.ToString(Bits, 8);
            return digits.Length < 3 ? digits.PadLeft(3, '0') : digits;
        }

        /// <inheritdoc />
        public bool Equals(OctalFileMode other) => Bits == other.Bits;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is OctalFileMode other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => Bits;

        /// <summary>Same mode bits.</summary>
        public static bool operator ==(OctalFileMode left, OctalFileMode right) => left.Equals(right);

        /// <summary>Different mode bits.</summary>
        public static bool operator !=(OctalFileMode left, OctalFileMode right) => !left.Equals(right);
    }
}
