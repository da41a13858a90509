using System;

namespace MailConfigKit.Host.Logs
{
    /// <summary>Where a <see cref="LogRecord"/> was read: a file and its line, or a journal file and the entry's cursor.</summary>
    public sealed class LogOrigin
    {
        private string? _cursor;
        private readonly Journal.JournalEntry? _entry;

        private LogOrigin(string path, long line, string? cursor)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Line = line;
            _cursor = cursor;
        }

        // A journal entry's cursor is written out when first asked for: reading a journal makes an origin per record, and
        // formatting every cursor was a tenth of the reading (issue 13: at most journalctl's time).
        private LogOrigin(string path, Journal.JournalEntry entry)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            _entry = entry;
        }

        /// <summary>The origin of a journal entry's record; its cursor is the entry's, formatted when first asked for.</summary>
        internal static LogOrigin JournalEntry(Journal.JournalEntry entry) => new LogOrigin(entry.FilePath, entry);

        /// <summary>A line of a text log (a plain or compressed file).</summary>
        /// <param name="path">The file's path relative to the host root (<c>var/log/mail.log.2.gz</c>).</param>
        /// <param name="line">The 1-based line number in the (decompressed) text.</param>
        public static LogOrigin FileLine(string path, long line) => new LogOrigin(path, line, null);

        /// <summary>An entry of a systemd journal file.</summary>
        /// <param name="path">The journal file's path relative to the host root.</param>
        /// <param name="cursor">The entry's cursor as <c>journalctl</c> prints it (<c>s=...;i=...;b=...;m=...;t=...;x=...</c>).</param>
        public static LogOrigin JournalEntry(string path, string cursor) => new LogOrigin(path, 0, cursor ?? throw new ArgumentNullException(nameof(cursor)));

        /// <summary>The file's path relative to the host root.</summary>
        public string Path { get; }

        /// <summary>The 1-based line number for a text log; 0 for a journal entry.</summary>
        public long Line { get; }

        /// <summary>The journal cursor for a journal entry; null for a text log.</summary>
        public string? Cursor => _cursor ??= _entry?.Cursor;

        /// <summary>Whether this is a journal entry.</summary>
        public bool IsJournal => _cursor != null || _entry != null;

        /// <summary><c>path:line</c>, or <c>path [cursor]</c> for a journal entry.</summary>
        public override string ToString() => IsJournal ? Path + " [" + Cursor + "]" : Path + ":" + Line;
    }
}
