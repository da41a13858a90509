using System;
using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Check 1: exim will bind <c>::1</c> (its effective <c>local_interfaces</c>, wherever it is defined, unless
    /// <c>disable_ipv6</c> is true) while <c>lo</c> has no IPv6 (from <c>proc/</c>, a snapshot or the image's intent),
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
        public string Title => "exim4 binds ::1 where lo has no IPv6 (effective local_interfaces and disable_ipv6, proc/, paniclog, mainlog)";

        /// <inheritdoc />
        public IReadOnlyList<string> FindingIds { get; } = new[]
        {
            Diagnosis.FindingIds.EximIpv6LoopbackWithoutIpv6, Diagnosis.FindingIds.EximIpv6LoopbackUnverified, Diagnosis.FindingIds.EximStalePaniclog,
            Diagnosis.FindingIds.EximConfigurationUnknown, Diagnosis.FindingIds.EximPaniclogFailureSinceChange,
        };

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            UpdateExim4Conf? conf = context.Exim4Conf;
            if (conf == null && context.EximConfiguration.Layout == EximConfigurationLayout.None) yield break;
            EximLogEvidence logs = EximLogEvidence.Read(context, MaxLogEvidence);
            // Where local_interfaces really comes from (hand-written exim4.conf, local macros, dc_local_interfaces) and
            // whether disable_ipv6 makes exim ignore ::1.
            EximLoopbackSource source = EximLoopbackSource.Find(context);
            bool namesLoopback = source.NamesLoopback;
            HostNetworkState network = context.Network;
            Ipv6Availability lo = network.LoopbackIpv6;
            context.Logger.LogDebug("exim4: local_interfaces names ::1: {NamesLoopback} ({Where}); disable_ipv6 hides it: {Disabled}; unknown: {Unknown}; lo IPv6: {Lo}; {Logs}",
                namesLoopback, source.Where, source.DisabledByOption, source.Unknown, lo, logs);

            var evidence = new List<Evidence>(source.Evidence);
            evidence.AddRange(context.NetworkEvidence());
            evidence.AddRange(logs.Evidence());

            // Old or current by time (the configuration's last change, the running daemon's start), never by whether the
            // configuration "still causes" a line.
            LogRecord? newestPanic = Newest(logs.PanicBinds.Last, logs.PanicSockets.Last);
            LogRecency? recency = newestPanic != null ? LogRecency.ForExim(context.Host) : null;

            // The kernel has no IPv6 at all: proc/ or the image's configuration says so, or exim's logs do (the socket
            // cannot even be created).
            bool noIpv6Kernel = network.KernelWithoutIpv6 || logs.SocketCreationFailures > 0;
            if (namesLoopback && lo == Ipv6Availability.Unavailable && noIpv6Kernel)
            {
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackWithoutIpv6, FindingSeverity.Error,
                    "exim4 listens on ::1, but the kernel runs without IPv6: the daemon dies at start",
                    "exim's local_interfaces (" + source.Where + ") names the IPv6 loopback, and the kernel has no IPv6 at all (booted with ipv6.disable=1, or built without it: "
                    + network.DescribeLoopbackIpv6() + "). "
                    + "exim cannot even create an IPv6 socket: it writes \"IPv6 socket creation failed: Address family not supported by "
                    + "protocol\" to the paniclog and exits at once (no retries), so nothing accepts mail on localhost:25. Drop ::1 where it is "
                    + "defined, regenerate the configuration when update-exim4.conf makes it, restart exim, and clear the paniclog once it runs (or boot the kernel with IPv6 again).",
                    evidence);
            }
            else if (namesLoopback && lo == Ipv6Availability.Unavailable)
            {
                bool atBoot = network.ProcOrigin == NetworkStateOrigin.None;
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackWithoutIpv6, FindingSeverity.Error,
                    atBoot ? "exim4 listens on ::1, but this image turns IPv6 off on lo: the daemon will abandon at boot"
                        : "exim4 listens on ::1, but lo has no IPv6: the daemon abandons at start",
                    "exim's local_interfaces (" + source.Where + ") names the IPv6 loopback, which this host's lo does not have"
                    + (atBoot ? " once it boots (" + network.DescribeLoopbackIpv6() + ")" : string.Empty) + ". exim binds every listed address, "
                    + "retries daemon_startup_retries times daemon_startup_sleep apart (by default 9 x 30 s, about 4.5 minutes: \"waiting 30s before trying again\" in the mainlog), writes \"socket bind() ... for "
                    + "address ::1 failed: Cannot assign requested address: daemon abandoned\" to the paniclog and exits, so nothing "
                    + "accepts mail on localhost:25. Drop ::1 where it is defined, regenerate the configuration when update-exim4.conf "
                    + "makes it, restart exim, and clear the paniclog once it runs.",
                    evidence);
            }
            else if (namesLoopback && lo == Ipv6Availability.Unknown && (logs.CurrentFailures > 0 || logs.LocalRefusals.Count > 0))
            {
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackUnverified, FindingSeverity.Note, UnverifiedTitle(logs, network),
                    (logs.SocketCreationFailures > 0
                        ? "exim's logs show it could not create an IPv6 socket (\"Address family not supported by protocol\": a kernel without IPv6), "
                        : logs.CurrentFailures > 0
                            ? "exim's logs show it failing to bind ::1" + (logs.Retrying ? " (the mainlog's retries: exim keeps trying daemon_startup_retries times, by default for about 4.5 minutes, then gives up)" : string.Empty) + ", "
                            : "Local programs found nothing accepting mail on localhost:25, ")
                    + "and local_interfaces (" + source.Where + ") still names ::1. "
                    + (network.ProcIsReadersLiveProcfs
                        ? "The proc/ under this root is a live procfs: it shows the network of the process reading it, not this image's, "
                        : "Without proc/ (an image, a copied tree) ")
                    + "nothing tells whether lo has IPv6 now, and the image's configuration does not turn it off, so nothing is changed. "
                    + "Examine the live host, or capture a snapshot of its proc/ (MailDoctor --capture-proc) into the image.",
                    evidence);
            }
            else if (source.Unknown != null && (logs.PaniclogFailures > 0 || logs.CurrentFailures > 0 || lo == Ipv6Availability.Unavailable))
            {
                yield return new Finding(Diagnosis.FindingIds.EximConfigurationUnknown, FindingSeverity.Note,
                    "exim4's effective local_interfaces cannot be known statically, so nothing is changed",
                    "Whether exim binds ::1 depends on its configuration, which cannot be read statically here: " + source.Unknown
                    + ". Check what exim really uses with \"exim4 -bP local_interfaces disable_ipv6\" on the host.",
                    evidence);
            }
            else if (recency != null && recency.Classify(newestPanic!) != LogLineAge.Old)
            {
                yield return new Finding(Diagnosis.FindingIds.EximPaniclogFailureSinceChange, FindingSeverity.Warning,
                    "exim4 failed to bind ::1 after its configuration last changed: the paniclog line is not old",
                    "The newest paniclog bind failure is not older than the configuration's last change and the running daemon's start ("
                    + recency.Describe() + "), so it describes the configuration in place now, or its time cannot be read. Find what still "
                    + "makes exim bind ::1 (exim4 -bP local_interfaces), restart, and verify that it greets before clearing the paniclog.",
                    evidence);
            }
            else if (logs.PaniclogFailures > 0)
            {
                yield return new Finding(Diagnosis.FindingIds.EximStalePaniclog, FindingSeverity.Note,
                    "The exim4 paniclog holds an old ::1 failure, from before the configuration's last change or the daemon's start",
                    (source.DisabledByOption ? "disable_ipv6 is true, so exim ignores ::1 in local_interfaces. "
                        : namesLoopback ? "lo has IPv6 now, so binding ::1 works. " : "exim's local_interfaces no longer names ::1. ")
                    + "The paniclog line is older than " + (recency?.Describe() ?? "the last start") + ". A non-empty paniclog keeps alerting (Debian's cron mails it daily), "
                    + "so clear it after a restart that you have verified (exim listens, a test message is accepted). Nothing to change.",
                    evidence);
            }
        }

        private static LogRecord? Newest(LogRecord? a, LogRecord? b)
        {
            if (a == null) return b;
            if (b == null) return a;
            return (b.Time ?? DateTimeOffset.MinValue) > (a.Time ?? DateTimeOffset.MinValue) ? b : a;
        }

        private static string UnverifiedTitle(EximLogEvidence logs, HostNetworkState network)
        {
            string noProc = network.ProcIsReadersLiveProcfs ? "the proc/ under this root is the reader's, not the image's" : "this root has no proc/";
            if (logs.SocketCreationFailures > 0) return "exim4 could not create an IPv6 socket (its logs), and " + noProc + " to tell whether the kernel has IPv6 now";
            if (logs.CurrentFailures > 0) return "exim4 could not bind ::1 (" + logs.FailureSources + "), and " + noProc + " to tell whether lo has IPv6 now";
            return "Nothing accepts mail on localhost:25 (local programs' logs), exim4 is set to listen on ::1, and " + noProc + " to tell whether lo has IPv6";
        }
    }
}
