using System;
using System.Collections.Generic;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// exim's daemon up and listening: <c>exim 4.96 daemon started: pid=32514, -q30m, listening for SMTP on [127.0.0.1]:25</c>
    /// (mainlog). exim writes it once every socket is bound, so a bind failure before it is over.
    /// </summary>
    public sealed class EximDaemonStarted : LogRecogniser
    {
        private static readonly string[] Words = { "daemon started" };

        /// <inheritdoc />
        public override string Name => "exim-daemon-started";

        /// <inheritdoc />
        public override IReadOnlyList<string> Keywords => Words;

        /// <inheritdoc />
        public override bool Matches(string message) =>
            message != null && message.StartsWith("exim ", StringComparison.Ordinal) && message.IndexOf(" daemon started: pid=", StringComparison.Ordinal) > 0;
    }
}
