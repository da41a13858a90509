using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Check 1: exim will bind <c>::1</c> (its effective <c>local_interfaces</c>, wherever it is defined, unless
    /// <c>disable_ipv6</c> is true) while <c>lo</c> has no IPv6 (from <c>proc/</c>),
    /// with the paniclog's bind failures as further evidence. Once the configuration no longer causes it, an old paniclog
    /// line is only a note.
    /// </summary>
    internal sealed class EximLoopbackCheck : IMailCheck
    {
        private const int MaxLogEvidence = 5;

        /// <inheritdoc />
        public string Id => "exim4.loopback";

        /// <inheritdoc />
        public string Title => "exim4 binds ::1 where lo has no IPv6 (effective local_interfaces and disable_ipv6, proc/, paniclog)";

        /// <inheritdoc />
        public IReadOnlyList<string> FindingIds { get; } = new[]
        {
            Diagnosis.FindingIds.EximIpv6LoopbackWithoutIpv6, Diagnosis.FindingIds.EximIpv6LoopbackUnverified, Diagnosis.FindingIds.EximStalePaniclog,
            Diagnosis.FindingIds.EximConfigurationUnknown,
        };

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            UpdateExim4Conf? conf = context.Exim4Conf;
            if (conf == null && context.EximConfiguration.Layout == EximConfigurationLayout.None) yield break;
            LogMatches panics = context.ScanLogs("exim4.paniclog.bind-ipv6-loopback", new[] { HostPaths.Exim4Paniclog },
                PaniclogBindFailures.IsIpv6LoopbackBindFailure, MaxLogEvidence);
            // Where local_interfaces really comes from (hand-written exim4.conf, local macros, dc_local_interfaces) and
            // whether disable_ipv6 makes exim ignore ::1.
            EximLoopbackSource source = EximLoopbackSource.Find(context);
            bool namesLoopback = source.NamesLoopback;
            Ipv6Availability lo = context.Network.LoopbackIpv6;
            context.Logger.LogDebug("exim4: local_interfaces names ::1: {NamesLoopback} ({Where}); disable_ipv6 hides it: {Disabled}; unknown: {Unknown}; lo IPv6: {Lo}; paniclog bind failures: {Count}",
                namesLoopback, source.Where, source.DisabledByOption, source.Unknown, lo, panics.Count);

            var evidence = new List<Evidence>(source.Evidence);
            evidence.Add(context.LoopbackEvidence());
            evidence.AddRange(EvidenceFrom.LogMatches(panics, HostPaths.Exim4Paniclog));

            if (namesLoopback && lo == Ipv6Availability.Unavailable)
            {
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackWithoutIpv6, FindingSeverity.Error,
                    "exim4 listens on ::1, but lo has no IPv6: the daemon abandons at start",
                    "exim's local_interfaces (" + source.Where + ") names the IPv6 loopback, which this host's lo does not have. exim binds every listed address, "
                    + "retries for about 4.5 minutes, writes \"socket bind() ... for address ::1 failed: Cannot assign requested address: "
                    + "daemon abandoned\" to the paniclog and exits, so nothing accepts mail on localhost:25. Drop ::1 where it is defined, "
                    + "regenerate the configuration when update-exim4.conf makes it, restart exim, and clear the paniclog once it runs.",
                    evidence);
            }
            else if (namesLoopback && lo == Ipv6Availability.Unknown && panics.Count > 0)
            {
                yield return new Finding(Diagnosis.FindingIds.EximIpv6LoopbackUnverified, FindingSeverity.Note,
                    "exim4 could not bind ::1 (paniclog), and this root has no proc/ to tell whether lo has IPv6 now",
                    "The paniclog shows exim failing to bind ::1, and local_interfaces (" + source.Where + ") still names it. Without proc/ (an image, "
                    + "a copied tree) nothing tells whether lo has IPv6 now, so nothing is changed. Examine the live host, or add a "
                    + "proc/ snapshot of it.",
                    evidence);
            }
            else if (source.Unknown != null && (panics.Count > 0 || lo == Ipv6Availability.Unavailable))
            {
                yield return new Finding(Diagnosis.FindingIds.EximConfigurationUnknown, FindingSeverity.Note,
                    "exim4's effective local_interfaces cannot be known statically, so nothing is changed",
                    "Whether exim binds ::1 depends on its configuration, which cannot be read statically here: " + source.Unknown
                    + ". Check what exim really uses with \"exim4 -bP local_interfaces disable_ipv6\" on the host.",
                    evidence);
            }
            else if (panics.Count > 0)
            {
                yield return new Finding(Diagnosis.FindingIds.EximStalePaniclog, FindingSeverity.Note,
                    "The exim4 paniclog holds an old ::1 bind failure that the configuration no longer causes",
                    (source.DisabledByOption ? "disable_ipv6 is true, so exim ignores ::1 in local_interfaces. "
                        : namesLoopback ? "lo has IPv6 now, so binding ::1 works. " : "exim's local_interfaces no longer names ::1. ")
                    + "The paniclog line is from an earlier start. A non-empty paniclog keeps alerting (Debian's cron mails it daily), "
                    + "so clear it after a restart that you have verified (exim listens, a test message is accepted). Nothing to change.",
                    evidence);
            }
        }
    }
}
