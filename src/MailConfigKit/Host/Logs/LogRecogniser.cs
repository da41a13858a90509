using System;
using System.Collections.Generic;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Recognises one kind of log message (a Gmail IPv6 refusal, an exim bind failure): a pure function of a record's
    /// message. <see cref="Keywords"/> let a search skip the lines that cannot match without decoding them
    /// (<see cref="MailLogs.Search(LogRecogniser, int)"/>).
    /// </summary>
    public abstract class LogRecogniser
    {
        /// <summary>A short name for reports (<c>gmail-ipv6-refusal</c>).</summary>
        public abstract string Name { get; }

        /// <summary>
        /// ASCII texts of which a message that matches contains at least one, compared case-insensitively; empty when no
        /// such texts exist (then every line is examined).
        /// </summary>
        public abstract IReadOnlyList<string> Keywords { get; }

        /// <summary>Whether <paramref name="message"/> is one this recogniser looks for.</summary>
        public abstract bool Matches(string message);

        /// <summary>Whether <paramref name="record"/>'s message is one this recogniser looks for.</summary>
        public bool Matches(LogRecord record) =>
            record != null && (record.MessageStart >= 0 && record.Text != null ? MatchesAt(record.Text, record.MessageStart) : Matches(record.Message));

        /// <summary>
        /// Whether the message that starts at <paramref name="start"/> in <paramref name="text"/> matches; recognisers of
        /// messages that flood logs override it to read the message in place instead of copying it.
        /// </summary>
        internal virtual bool MatchesAt(string text, int start) => Matches(start == 0 ? text : text.Substring(start));

        /// <summary>
        /// As <see cref="MatchesAt(string, int)"/> for a line held in a buffer: a search of a file log tests every line it
        /// reads without making a string of it; recognisers of messages that flood logs override it.
        /// </summary>
        internal virtual bool MatchesAt(ReadOnlySpan<char> text, int start) => MatchesAt(text.ToString(), start);

        /// <summary>The <see cref="Name"/>.</summary>
        public override string ToString() => Name;
    }
}
