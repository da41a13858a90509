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
            Message = message ?? throw new ArgumentNullException(nameof(message));
            Origin = origin ?? throw new ArgumentNullException(nameof(origin));
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
        public string Message { get; }

        /// <summary>Where the record was read (file and line, or journal file and cursor).</summary>
        public LogOrigin Origin { get; }

        /// <summary><c>origin: message</c>, the message escaped for a terminal.</summary>
        public override string ToString() => Origin + ": " + Values.LogText.ForTerminal(Message);
    }
}
