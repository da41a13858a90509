using System;
using System.Collections.Generic;
using MailConfigKit.Host.Logs;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// What exim's logs and local programs' logs say about exim failing on <c>::1</c>: the paniclog (every line counts:
    /// admins clear it), the mainlog since exim last started (<c>daemon started</c>: a failure before it is over), the
    /// <c>IPv6 socket creation failed</c> of a kernel without IPv6 in either, and refusals on <c>localhost:25</c> in the
    /// other logs since that start. Each a count and the newest few, with source and line.
    /// </summary>
    internal sealed class EximLogEvidence
    {
        private EximLogEvidence(LogSearchResult panicBinds, LogSearchResult panicSockets, LogSearchResult mainBinds, LogSearchResult mainSockets, LogSearchResult refusals)
        {
            PanicBinds = panicBinds;
            PanicSockets = panicSockets;
            MainBinds = mainBinds;
            MainSockets = mainSockets;
            LocalRefusals = refusals;
        }

        public LogSearchResult PanicBinds { get; }

        public LogSearchResult PanicSockets { get; }

        public LogSearchResult MainBinds { get; }

        public LogSearchResult MainSockets { get; }

        public LogSearchResult LocalRefusals { get; }

        /// <summary>::1 failures in the paniclog (bind or socket creation).</summary>
        public long PaniclogFailures => PanicBinds.Count + PanicSockets.Count;

        /// <summary>::1 failures in the paniclog and in the mainlog since exim last started.</summary>
        public long CurrentFailures => PaniclogFailures + MainBinds.Count + MainSockets.Count;

        /// <summary><c>IPv6 socket creation failed: Address family not supported by protocol</c> in either log.</summary>
        public long SocketCreationFailures => PanicSockets.Count + MainSockets.Count;

        /// <summary>Whether the newest mainlog bind failure is a retry (exim was still trying when the log was last written).</summary>
        public bool Retrying => MainBinds.Last != null && EximIpv6LoopbackBindFailure.IsRetry(MainBinds.Last.Message);

        /// <summary><c>paniclog</c>, <c>mainlog</c>, or both, for a title.</summary>
        public string FailureSources =>
            PaniclogFailures > 0 && MainBinds.Count + MainSockets.Count > 0 ? "paniclog, mainlog" : PaniclogFailures > 0 ? "paniclog" : "mainlog";

        public static EximLogEvidence Read(DiagnosisContext context, int keep)
        {
            MailLogs panic = context.Logs.OfFamilies(LogFamilies.EximPaniclog);
            MailLogs main = context.Logs.OfFamilies(LogFamilies.EximMainlog);
            var bind = new EximIpv6LoopbackBindFailure();
            var socket = new Ipv6SocketCreationFailure();
            LogSearchResult started = context.SearchLogs("exim4.mainlog.started", main, new EximDaemonStarted(), 1, null);
            // exim logs "daemon started" once every socket is bound: failures before the last start are over. Exim's
            // time stamps have whole seconds, so "after" is from the next tick of the start's second.
            DateTimeOffset? since = started.Last?.Time?.AddTicks(1);
            string suffix = since.HasValue ? "@" + since.Value.UtcTicks : string.Empty;
            return new EximLogEvidence(
                context.SearchLogs("exim4.paniclog.bind", panic, bind, keep, null),
                context.SearchLogs("exim4.paniclog.socket", panic, socket, keep, null),
                context.SearchLogs("exim4.mainlog.bind" + suffix, main, bind, keep, since),
                context.SearchLogs("exim4.mainlog.socket" + suffix, main, socket, keep, since),
                context.SearchLogs("local-smtp-refusals" + suffix, context.Logs.WithoutExim(), new LocalSmtpRefusal(), keep, since));
        }

        /// <summary>The paniclog lines, then the mainlog's, then the refusals.</summary>
        public List<Evidence> Evidence()
        {
            var result = new List<Evidence>();
            foreach (LogSearchResult r in new[] { PanicBinds, PanicSockets, MainBinds, MainSockets, LocalRefusals }) result.AddRange(EvidenceFrom.LogMatches(r));
            return result;
        }

        /// <summary>The counts, for the debug log.</summary>
        public override string ToString() =>
            "paniclog ::1 failures: " + PaniclogFailures + "; mainlog since start: " + (MainBinds.Count + MainSockets.Count)
            + "; IPv6 socket creation failures: " + SocketCreationFailures + "; localhost:25 refusals: " + LocalRefusals.Count;
    }
}
