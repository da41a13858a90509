using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>
    /// One entry of a systemd journal file: its sequence number, timestamps, boot, cursor and fields (in the order the
    /// file lists them; a name may appear more than once).
    /// </summary>
    public sealed class JournalEntry
    {
        private readonly byte[] _bootId;
        private readonly byte[] _seqnumId;
        private string? _cursor;

        internal JournalEntry(string filePath, byte[] seqnumId, ulong seqnum, ulong realtime, ulong monotonic, byte[] bootId, ulong xorHash, JournalField[] fields, bool isComplete)
        {
            FilePath = filePath;
            _seqnumId = seqnumId;
            Seqnum = seqnum;
            RealtimeMicroseconds = realtime;
            MonotonicMicroseconds = monotonic;
            _bootId = bootId;
            XorHash = xorHash;
            Fields = fields;
            IsComplete = isComplete;
        }

        /// <summary>The path of the journal file the entry was read from (as given to <see cref="JournalFile.Open(string)"/>).</summary>
        public string FilePath { get; }

        /// <summary>The entry's sequence number (unique among files with the same <see cref="SeqnumId"/>).</summary>
        public ulong Seqnum { get; }

        /// <summary>The sequence-number source's id (32 lowercase hex digits).</summary>
        public string SeqnumId => Hex(_seqnumId);

        /// <summary>Wall-clock time, microseconds since 1970-01-01 UTC (<c>__REALTIME_TIMESTAMP</c>).</summary>
        public ulong RealtimeMicroseconds { get; }

        /// <summary>Monotonic time of the boot <see cref="BootId"/>, in microseconds (<c>__MONOTONIC_TIMESTAMP</c>).</summary>
        public ulong MonotonicMicroseconds { get; }

        /// <summary>The boot the entry was logged in (32 lowercase hex digits, <c>_BOOT_ID</c>).</summary>
        public string BootId => Hex(_bootId);

        /// <summary>The XOR of the Jenkins hashes of the entry's fields (the file's own content check and tie breaker).</summary>
        public ulong XorHash { get; }

        /// <summary>False when a field could not be read and was left out (an XZ-compressed or oversized value; see the file's notes).</summary>
        public bool IsComplete { get; }

        /// <summary>The entry's wall-clock time; null when the stored value is outside what a date can hold.</summary>
        public DateTimeOffset? Realtime
        {
            get
            {
                const ulong maxMicroseconds = 253402300799999999UL - 62135596800000000UL; // 9999-12-31 minus the Unix epoch, in microseconds
                if (RealtimeMicroseconds > maxMicroseconds) return null;
                return new DateTimeOffset(621355968000000000L + (long)RealtimeMicroseconds * 10, TimeSpan.Zero);
            }
        }

        /// <summary>The fields, in the file's order.</summary>
        public IReadOnlyList<JournalField> Fields { get; }

        /// <summary>The cursor exactly as <c>journalctl</c> prints <c>__CURSOR</c> (<c>s=...;i=...;b=...;m=...;t=...;x=...</c>).</summary>
        public string Cursor => _cursor ??= FormatCursor();

        /// <summary>The first field named <paramref name="name"/>; null when there is none.</summary>
        public JournalField? GetField(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            for (int i = 0; i < Fields.Count; i++)
            {
                if (string.Equals(Fields[i].Name, name, StringComparison.Ordinal)) return Fields[i];
            }
            return null;
        }

        /// <summary>The text of the first field named <paramref name="name"/>; null when there is none.</summary>
        public string? GetString(string name) => GetField(name)?.Text;

        /// <summary>A copy of the bytes of the first field named <paramref name="name"/>; null when there is none.</summary>
        public byte[]? GetBytes(string name) => GetField(name)?.GetBytes();

        /// <summary>The cursor and the message, escaped for a terminal.</summary>
        public override string ToString() => Cursor + " " + Values.LogText.ForTerminal(GetString("MESSAGE") ?? "");

        internal byte[] BootIdBytes => _bootId;

        internal byte[] SeqnumIdBytes => _seqnumId;

        private string FormatCursor()
        {
            var sb = new StringBuilder(128);
            sb.Append("s=").Append(Hex(_seqnumId));
            sb.Append(";i=").Append(Seqnum.ToString("x", CultureInfo.InvariantCulture));
            sb.Append(";b=").Append(Hex(_bootId));
            sb.Append(";m=").Append(MonotonicMicroseconds.ToString("x", CultureInfo.InvariantCulture));
            sb.Append(";t=").Append(RealtimeMicroseconds.ToString("x", CultureInfo.InvariantCulture));
            sb.Append(";x=").Append(XorHash.ToString("x", CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        internal static string Hex(byte[] bytes)
        {
            const string digits = "0123456789abcdef";
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0xF];
            }
            return new string(chars);
        }
    }
}
