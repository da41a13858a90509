using System;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// One record of a log, whatever kept it (a syslog file, a rotation, the systemd journal): when, which host and
    /// program wrote it, the message, and where it was read.
    /// </summary>
    public sealed class LogRecord
    {
        /// <summary>Creates a record.</summary>
        /// <param name="time">When it was logged; null when the source does not say (or it could not be read).</param>
        /// <param name="hostName">The host name the record carries; null when none.</param>
        /// <param name="identifier">The program or syslog identifier (<c>postfix/smtp</c>, <c>exim</c>); null when none.</param>
        /// <param name="processId">The process id; null when none.</param>
        /// <param name="message">The message text (for a file source without a syslog header, the whole line).</param>
        /// <param name="origin">Where the record was read.</param>
        public LogRecord(DateTimeOffset? time, string? hostName, string? identifier, int? processId, string message, LogOrigin origin)
        {
            Time = time;
            HostName = hostName;
            Identifier = identifier;
            ProcessId = processId;
            _message = message ?? throw new ArgumentNullException(nameof(message));
            Origin = origin ?? throw new ArgumentNullException(nameof(origin));
        }

        /// <summary>A record whose message is the end of <paramref name="text"/> from <paramref name="messageStart"/>, copied only when asked for.</summary>
        internal LogRecord(DateTimeOffset? time, string? hostName, string? identifier, int? processId, string text, int messageStart, LogOrigin origin, bool isTruncated, long byteLength)
        {
            Time = time;
            HostName = hostName;
            Identifier = identifier;
            ProcessId = processId;
            Origin = origin ?? throw new ArgumentNullException(nameof(origin));
            Text = text ?? throw new ArgumentNullException(nameof(text));
            MessageStart = messageStart;
            IsTruncated = isTruncated;
            ByteLength = byteLength;
        }

        /// <summary>Creates a record read from a line of a text log, keeping the line as written.</summary>
        /// <param name="time">When it was logged; null when the line does not say.</param>
        /// <param name="hostName">The host name the line carries; null when none.</param>
        /// <param name="identifier">The program or syslog identifier; null when none.</param>
        /// <param name="processId">The process id; null when none.</param>
        /// <param name="message">The message text (the whole line when it has no header).</param>
        /// <param name="origin">Where the line was read.</param>
        /// <param name="text">The whole line as written, header included (only its start when <paramref name="isTruncated"/>).</param>
        /// <param name="isTruncated">Whether the line was longer than the reader keeps (<see cref="LogLine.MaxBytes"/>).</param>
        /// <param name="byteLength">The line's whole length in bytes, without the newline.</param>
        public LogRecord(DateTimeOffset? time, string? hostName, string? identifier, int? processId, string message, LogOrigin origin, string text, bool isTruncated, long byteLength)
            : this(time, hostName, identifier, processId, message, origin)
        {
            Text = text ?? throw new ArgumentNullException(nameof(text));
            IsTruncated = isTruncated;
            ByteLength = byteLength;
        }

        /// <summary>When it was logged; null when the source does not say.</summary>
        public DateTimeOffset? Time { get; }

        /// <summary>The host name the record carries; null when none.</summary>
        public string? HostName { get; }

        /// <summary>The program or syslog identifier (<c>postfix/smtp</c>); null when none.</summary>
        public string? Identifier { get; }

        /// <summary>The process id; null when none.</summary>
        public int? ProcessId { get; }

        /// <summary>The message text.</summary>
        public string Message => _message ??= MessageStart <= 0 ? Text! : Text!.Substring(MessageStart);

        /// <summary>Where the message starts in <see cref="Text"/> when it is kept as an offset (-1: <see cref="Message"/> is its own string).</summary>
        internal int MessageStart { get; } = -1;

        private string? _message;

        /// <summary>Where the record was read (file and line, or journal file and cursor).</summary>
        public LogOrigin Origin { get; }

        /// <summary>The whole line as a text log holds it (header included); null for a record that is not a line (a journal entry).</summary>
        public string? Text { get; }

        /// <summary>Whether the line was longer than the reader keeps, so that <see cref="Text"/> and <see cref="Message"/> are only its start.</summary>
        public bool IsTruncated { get; }

        /// <summary>The line's whole length in bytes, without the newline; 0 when not known (a journal entry).</summary>
        public long ByteLength { get; }

        /// <summary>
        /// The record as evidence shows it: the line as written (<see cref="Text"/>), or for a record that is not a line,
        /// <c>identifier[pid]: message</c>; followed by a marker when the line was cut short.
        /// </summary>
        public string Display
        {
            get
            {
                string shown = Text ?? (Identifier == null ? Message : Identifier + (ProcessId.HasValue ? "[" + ProcessId.Value + "]" : string.Empty) + ": " + Message);
                return IsTruncated ? shown + " [... line truncated: " + ByteLength + " bytes in all]" : shown;
            }
        }

        /// <summary><c>origin: message</c>, the message escaped for a terminal.</summary>
        public override string ToString() => Origin + ": " + Values.LogText.ForTerminal(Message);
    }
}
