using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Check 1: exim will bind <c>::1</c> (from <c>dc_local_interfaces</c>) while <c>lo</c> has no IPv6 (from <c>proc/</c>),
    /// with the paniclog's bind failures as further evidence. Once the configuration no longer causes it, an old paniclog
    /// line is only a note.
    /// </summary>
    internal sealed class EximLoopbackCheck : IMailCheck
    {
        private const int MaxLogEvidence = 5;

        /// <inheritdoc />
        public string Id => "exim4.loopback";

        /// <inheritdoc />
        public string Title => "exim4 binds ::1 where lo has no IPv6 (dc_local_interfaces, proc/, paniclog)";

        /// <inheritdoc />
        public IReadOnlyList<string> FindingIds { get; } = new[]
        {
            Diagnosis.FindingIds.EximIpv6LoopbackWithoutIpv6, Diagnosis.FindingIds.EximIpv6LoopbackUnverified, Diagnosis.FindingIds.EximStalePaniclog,
            Diagnosis.FindingIds.EximPaniclogFailureSinceChange,
        };

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            UpdateExim4Conf? conf = context.Exim4Conf;
            if (conf == null) yield break;
            LogMatches panics = context.ScanLogs("exim4.paniclog.bind-ipv6-loopback", new[] { HostPaths.Exim4Paniclog },
                PaniclogBindFailures.IsIpv6LoopbackBindFailure, MaxLogEvidence);
            bool namesLoopback = !conf.IsComputed("dc_local_interfaces") && conf.LocalInterfaces.ContainsIPv6Loopback;
            Ipv6Availability lo = context.Network.LoopbackIpv6;
            context.Logger.LogDebug("exim4: dc_local_interfaces names ::1: {NamesLoopback}; lo IPv6: {Lo}; paniclog bind failures: {Count}",
                namesLoopback, lo, panics.Count);

            var evidence = new List<Evidence>();
            if (namesLoopback) evidence.Add(AssignmentEvidence(conf));
            evidence.Add(context.LoopbackEvidence());
            evidence.AddRange(EvidenceFrom.LogMatches(panics, HostPaths.Exim4Paniclog));

            LogRecency? recency = panics.Count > 0 ? LogRecency.ForExim(context.Host) : null;
            if (namesLoopback && lo == Ipv6Availability.Unavailable)
            {
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackWithoutIpv6, FindingSeverity.Error,
                    "exim4 listens on ::1, but lo has no IPv6: the daemon abandons at start",
                    "dc_local_interfaces names the IPv6 loopback, which this host's lo does not have. exim binds every listed address, "
                    + "retries for about 4.5 minutes, writes \"socket bind() ... for address ::1 failed: Cannot assign requested address: "
                    + "daemon abandoned\" to the paniclog and exits, so nothing accepts mail on localhost:25. Drop ::1, run "
                    + "update-exim4.conf, restart exim, and clear the paniclog once it runs.",
                    evidence);
            }
            else if (namesLoopback && lo == Ipv6Availability.Unknown && panics.Count > 0)
            {
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackUnverified, FindingSeverity.Note,
                    "exim4 could not bind ::1 (paniclog), and this root has no proc/ to tell whether lo has IPv6 now",
                    "The paniclog shows exim failing to bind ::1, and dc_local_interfaces still names it. Without proc/ (an image, "
                    + "a copied tree) nothing tells whether lo has IPv6 now, so nothing is changed. Examine the live host, or add a "
                    + "proc/ snapshot of it.",
                    evidence);
            }
            else if (recency != null && recency.Classify(panics.Newest[panics.Newest.Count - 1]) != LogLineAge.Old)
            {
                // Old or current by time, never by whether the configuration "still causes" it: a failure after the last
                // change (or of unknown time) is not stale.
                yield return new Finding(Diagnosis.FindingIds.EximPaniclogFailureSinceChange, FindingSeverity.Warning,
                    "exim4 failed to bind ::1 after its configuration last changed: the paniclog line is not old",
                    "The newest paniclog bind failure is not older than the configuration's last change and the running daemon's start ("
                    + recency.Describe() + "), so it describes the configuration in place now, or its time cannot be read. Find what still "
                    + "makes exim bind ::1 (exim4 -bP local_interfaces), restart, and verify that it greets before clearing the paniclog.",
                    evidence);
            }
            else if (panics.Count > 0)
            {
                yield return new Finding(Diagnosis.FindingIds.EximStalePaniclog, FindingSeverity.Note,
                    "The exim4 paniclog holds an old ::1 bind failure, from before the configuration's last change or the daemon's start",
                    (namesLoopback ? "lo has IPv6 now, so binding ::1 works. " : "dc_local_interfaces no longer names ::1. ")
                    + "The paniclog line is older than " + recency!.Describe() + ". A non-empty paniclog keeps alerting (Debian's cron mails it daily), "
                    + "so clear it after a restart that you have verified (exim listens, a test message is accepted). Nothing to change.",
                    evidence);
            }
        }

        private static Evidence AssignmentEvidence(UpdateExim4Conf conf)
        {
            Exim4Assignment? a = conf.Assignments.LastOrDefault(x => x.Name == "dc_local_interfaces" && x.IsEffective);
            string path = conf.FilePath ?? HostPaths.Exim4UpdateConf;
            return a == null
                ? new Evidence(EvidenceKind.Configuration, path, null, null, "dc_local_interfaces")
                : EvidenceFrom.ConfigLine(path, conf.ToString(), a.Line, a.Column);
        }
    }
}
