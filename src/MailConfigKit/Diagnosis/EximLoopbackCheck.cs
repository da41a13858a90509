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
        };

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            UpdateExim4Conf? conf = context.Exim4Conf;
            if (conf == null) yield break;
            LogMatches panics = context.ScanLogs("exim4.paniclog.bind-ipv6-loopback", new[] { HostPaths.Exim4Paniclog },
                PaniclogBindFailures.IsIpv6LoopbackBindFailure, MaxLogEvidence);
            bool namesLoopback = !conf.IsComputed("dc_local_interfaces") && conf.LocalInterfaces.ContainsIPv6Loopback;
            HostNetworkState network = context.Network;
            Ipv6Availability lo = network.LoopbackIpv6;
            context.Logger.LogDebug("exim4: dc_local_interfaces names ::1: {NamesLoopback}; lo IPv6: {Lo}; paniclog bind failures: {Count}",
                namesLoopback, lo, panics.Count);

            var evidence = new List<Evidence>();
            if (namesLoopback) evidence.Add(AssignmentEvidence(conf));
            evidence.AddRange(context.NetworkEvidence());
            evidence.AddRange(EvidenceFrom.LogMatches(panics, HostPaths.Exim4Paniclog));

            if (namesLoopback && lo == Ipv6Availability.Unavailable && network.KernelWithoutIpv6)
            {
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackWithoutIpv6, FindingSeverity.Error,
                    "exim4 listens on ::1, but the kernel runs without IPv6: the daemon dies at start",
                    "dc_local_interfaces names the IPv6 loopback, and the kernel has no IPv6 at all (" + network.DescribeLoopbackIpv6() + "). "
                    + "exim cannot even create an IPv6 socket: it writes \"IPv6 socket creation failed: Address family not supported by "
                    + "protocol\" to the paniclog and exits at once (no retries), so nothing accepts mail on localhost:25. Drop ::1, run "
                    + "update-exim4.conf, restart exim, and clear the paniclog once it runs (or boot the kernel with IPv6 again).",
                    evidence);
            }
            else if (namesLoopback && lo == Ipv6Availability.Unavailable)
            {
                bool atBoot = network.ProcOrigin == NetworkStateOrigin.None;
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackWithoutIpv6, FindingSeverity.Error,
                    atBoot ? "exim4 listens on ::1, but this image turns IPv6 off on lo: the daemon will abandon at boot"
                        : "exim4 listens on ::1, but lo has no IPv6: the daemon abandons at start",
                    "dc_local_interfaces names the IPv6 loopback, which this host's lo does not have"
                    + (atBoot ? " once it boots (" + network.DescribeLoopbackIpv6() + ")" : string.Empty) + ". exim binds every listed address, "
                    + "retries for about 4.5 minutes, writes \"socket bind() ... for address ::1 failed: Cannot assign requested address: "
                    + "daemon abandoned\" to the paniclog and exits, so nothing accepts mail on localhost:25. Drop ::1, run "
                    + "update-exim4.conf, restart exim, and clear the paniclog once it runs.",
                    evidence);
            }
            else if (namesLoopback && lo == Ipv6Availability.Unknown && panics.Count > 0)
            {
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackUnverified, FindingSeverity.Note,
                    network.ProcIsReadersLiveProcfs
                        ? "exim4 could not bind ::1 (paniclog), and the proc/ under this root is the reader's, not the image's"
                        : "exim4 could not bind ::1 (paniclog), and this root has no proc/ to tell whether lo has IPv6 now",
                    "The paniclog shows exim failing to bind ::1, and dc_local_interfaces still names it. "
                    + (network.ProcIsReadersLiveProcfs
                        ? "The proc/ under this root is a live procfs: it shows the network of the process reading it, not this image's, "
                        : "Without proc/ (an image, a copied tree) ")
                    + "nothing tells whether lo has IPv6 now, and the image's configuration does not turn it off, so nothing is changed. "
                    + "Examine the live host, or capture a snapshot of its proc/ (MailDoctor --capture-proc) into the image.",
                    evidence);
            }
            else if (panics.Count > 0)
            {
                yield return new Finding(Diagnosis.FindingIds.EximStalePaniclog, FindingSeverity.Note,
                    "The exim4 paniclog holds an old ::1 bind failure that the configuration no longer causes",
                    (namesLoopback ? "lo has IPv6 now, so binding ::1 works. " : "dc_local_interfaces no longer names ::1. ")
                    + "The paniclog line is from an earlier start. A non-empty paniclog keeps alerting (Debian's cron mails it daily), "
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
