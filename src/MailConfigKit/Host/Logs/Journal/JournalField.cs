using System;
using System.Text;

namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>
    /// One field of a journal entry (<c>MESSAGE=...</c>): its name and its value, binary-safe. Values longer than
    /// <see cref="JournalFile.MaxFieldBytes"/> are kept only up to that limit (<see cref="IsTruncated"/>).
    /// </summary>
    public sealed class JournalField
    {
        private readonly byte[] _value;
        private string? _text;

        internal JournalField(string name, byte[] value, long fullLength)
        {
            Name = name;
            _value = value;
            FullLength = fullLength;
        }

        /// <summary>The field name (<c>MESSAGE</c>, <c>_HOSTNAME</c>).</summary>
        public string Name { get; }

        /// <summary>The number of value bytes kept.</summary>
        public int Length => _value.Length;

        /// <summary>The value's length in the file (more than <see cref="Length"/> when the value was cut).</summary>
        public long FullLength { get; }

        /// <summary>Whether the value was longer than the reader keeps, and cut.</summary>
        public bool IsTruncated => FullLength > _value.Length;

        /// <summary>The value as UTF-8 text (invalid sequences become U+FFFD); binary values are better read with <see cref="GetBytes"/>.</summary>
        public string Text => _text ??= Encoding.UTF8.GetString(_value);

        /// <summary>A copy of the value's bytes (exactly as stored, binary-safe).</summary>
        public byte[] GetBytes() => (byte[])_value.Clone();

        /// <summary>The value without copying (readers inside the library do not modify it).</summary>
        internal byte[] RawValue => _value;

        /// <summary><c>NAME=value</c>, the value escaped for a terminal.</summary>
        public override string ToString() => Name + "=" + Values.LogText.ForTerminal(Text);
    }
}
