using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Check 1: exim will bind <c>::1</c> (from <c>dc_local_interfaces</c>) while <c>lo</c> has no IPv6 (from <c>proc/</c>),
    /// with exim's own logs as further evidence: the paniclog's bind failures, the mainlog's since exim last started
    /// (its <c>waiting 30s before trying again</c> lines are the only evidence during the first 4.5 minutes), the
    /// <c>IPv6 socket creation failed</c> of a kernel without IPv6, and local programs refused on <c>localhost:25</c>. Once
    /// the configuration no longer causes it, an old paniclog line is only a note.
    /// </summary>
    internal sealed class EximLoopbackCheck : IMailCheck
    {
        private const int MaxLogEvidence = 5;

        /// <inheritdoc />
        public string Id => "exim4.loopback";

        /// <inheritdoc />
        public string Title => "exim4 binds ::1 where lo has no IPv6 (dc_local_interfaces, proc/, paniclog, mainlog)";

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
            EximLogEvidence logs = EximLogEvidence.Read(context, MaxLogEvidence);
            bool namesLoopback = !conf.IsComputed("dc_local_interfaces") && conf.LocalInterfaces.ContainsIPv6Loopback;
            HostNetworkState network = context.Network;
            Ipv6Availability lo = network.LoopbackIpv6;
            context.Logger.LogDebug("exim4: dc_local_interfaces names ::1: {NamesLoopback}; lo IPv6: {Lo}; {Logs}", namesLoopback, lo, logs);

            var evidence = new List<Evidence>();
            if (namesLoopback) evidence.Add(AssignmentEvidence(conf));
            evidence.AddRange(context.NetworkEvidence());
            evidence.AddRange(logs.Evidence());

            // The kernel has no IPv6 at all: proc/ or the image's configuration says so, or exim's logs do (the socket
            // cannot even be created).
            bool noIpv6Kernel = network.KernelWithoutIpv6 || logs.SocketCreationFailures > 0;
            if (namesLoopback && lo == Ipv6Availability.Unavailable && noIpv6Kernel)
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
                    + "retries for about 4.5 minutes (\"waiting 30s before trying again\" in the mainlog), writes \"socket bind() ... for "
                    + "address ::1 failed: Cannot assign requested address: daemon abandoned\" to the paniclog and exits, so nothing "
                    + "accepts mail on localhost:25. Drop ::1, run update-exim4.conf, restart exim, and clear the paniclog once it runs.",
                    evidence);
            }
            else if (namesLoopback && lo == Ipv6Availability.Unknown && (logs.CurrentFailures > 0 || logs.LocalRefusals.Count > 0))
            {
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackUnverified, FindingSeverity.Note, UnverifiedTitle(logs, network),
                    (logs.SocketCreationFailures > 0
                        ? "exim's logs show it could not create an IPv6 socket (\"Address family not supported by protocol\": a kernel without IPv6), "
                        : logs.CurrentFailures > 0
                            ? "exim's logs show it failing to bind ::1" + (logs.Retrying ? " (the mainlog's retries: exim keeps trying for about 4.5 minutes, then gives up)" : string.Empty) + ", "
                            : "Local programs found nothing accepting mail on localhost:25, ")
                    + "and dc_local_interfaces still names ::1. "
                    + (network.ProcIsReadersLiveProcfs
                        ? "The proc/ under this root is a live procfs: it shows the network of the process reading it, not this image's, "
                        : "Without proc/ (an image, a copied tree) ")
                    + "nothing tells whether lo has IPv6 now, and the image's configuration does not turn it off, so nothing is changed. "
                    + "Examine the live host, or capture a snapshot of its proc/ (MailDoctor --capture-proc) into the image.",
                    evidence);
            }
            else if (logs.PaniclogFailures > 0)
            {
                yield return new Finding(Diagnosis.FindingIds.EximStalePaniclog, FindingSeverity.Note,
                    "The exim4 paniclog holds an old ::1 failure that the configuration no longer causes",
                    (namesLoopback ? "lo has IPv6 now, so binding ::1 works. " : "dc_local_interfaces no longer names ::1. ")
                    + "The paniclog line is from an earlier start. A non-empty paniclog keeps alerting (Debian's cron mails it daily), "
                    + "so clear it after a restart that you have verified (exim listens, a test message is accepted). Nothing to change.",
                    evidence);
            }
        }

        private static string UnverifiedTitle(EximLogEvidence logs, HostNetworkState network)
        {
            string noProc = network.ProcIsReadersLiveProcfs ? "the proc/ under this root is the reader's, not the image's" : "this root has no proc/";
            if (logs.SocketCreationFailures > 0) return "exim4 could not create an IPv6 socket (its logs), and " + noProc + " to tell whether the kernel has IPv6 now";
            if (logs.CurrentFailures > 0) return "exim4 could not bind ::1 (" + logs.FailureSources + "), and " + noProc + " to tell whether lo has IPv6 now";
            return "Nothing accepts mail on localhost:25 (local programs' logs), exim4 is set to listen on ::1, and " + noProc + " to tell whether lo has IPv6";
        }

        private static Evidence AssignmentEvidence(UpdateExim4Conf conf)
        {
            Exim4Assignment? a = conf.Assignments.LastOrDefault(x => x.Name == "dc_local_interfaces" && x.IsEffective);
            string path = conf.FilePath ?? HostPaths.Exim4UpdateConf;
            return a == null
                ? new Evidence(EvidenceKind.Configuration, path, null, null, "dc_local_interfaces")
                : EvidenceFrom.ConfigLine(path, conf, a.Line, a.Column);
        }
    }
}
