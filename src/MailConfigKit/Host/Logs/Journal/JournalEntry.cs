using System;
using System.Collections.Generic;

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
            // One allocation: the cursor is made for every record a source yields.
            var c = new char[2 + 32 + 3 + 16 + 3 + 32 + 3 + 16 + 3 + 16 + 3 + 16];
            int n = 0;
            n = Put(c, n, "s=");
            n = PutHex(c, n, _seqnumId);
            n = Put(c, n, ";i=");
            n = PutHex(c, n, Seqnum);
            n = Put(c, n, ";b=");
            n = PutHex(c, n, _bootId);
            n = Put(c, n, ";m=");
            n = PutHex(c, n, MonotonicMicroseconds);
            n = Put(c, n, ";t=");
            n = PutHex(c, n, RealtimeMicroseconds);
            n = Put(c, n, ";x=");
            n = PutHex(c, n, XorHash);
            return new string(c, 0, n);
        }

        private const string Digits = "0123456789abcdef";

        private static int Put(char[] c, int n, string s)
        {
            for (int i = 0; i < s.Length; i++) c[n++] = s[i];
            return n;
        }

        private static int PutHex(char[] c, int n, byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                c[n++] = Digits[bytes[i] >> 4];
                c[n++] = Digits[bytes[i] & 0xF];
            }
            return n;
        }

        /// <summary>Lowercase hex without leading zeros, as printf's <c>%llx</c>.</summary>
        private static int PutHex(char[] c, int n, ulong value)
        {
            int digits = 1;
            for (ulong v = value >> 4; v != 0; v >>= 4) digits++;
            for (int i = digits - 1; i >= 0; i--)
            {
                c[n + i] = Digits[(int)(value & 0xF)];
                value >>= 4;
            }
            return n + digits;
        }

        internal static string Hex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            PutHex(chars, 0, bytes);
            return new string(chars);
        }
    }
}
