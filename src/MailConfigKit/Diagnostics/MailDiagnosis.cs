using System;
using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnostics
{
    /// <summary>
    /// Turns evidence (configuration, the host's network state, logs, DNS) into findings, and recommends a change only
    /// when there is evidence for it. The checks and their finding ids are in docs/diagnosis.md and <see cref="FindingIds"/>.
    /// </summary>
    public static class MailDiagnosis
    {
        private const int MaxUnreadableEvidence = 20;

        /// <summary>Examines <paramref name="host"/> with the default options (DNS checked through the system resolver).</summary>
        public static DiagnosisReport Examine(MailHost host) => Examine(host, DiagnosisOptions.Default);

        /// <summary>
        /// Examines <paramref name="host"/>; the findings come most severe first (in check order within a severity). Files
        /// that cannot be read are a finding of their own (<see cref="FindingIds.HostUnreadableFiles"/>), never an all clear,
        /// and a check that fails is one too (<see cref="FindingIds.DiagnosisCheckFailed"/>): the other checks still run.
        /// </summary>
        public static DiagnosisReport Examine(MailHost host, DiagnosisOptions options)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (options == null) throw new ArgumentNullException(nameof(options));
            var context = new DiagnosisContext(host, options);
            options.Logger.LogInformation("Examining {Root}", LogText.Escape(host.Root));
            var findings = new List<Finding>();
            Run(context, findings, "exim4 loopback", EximLoopbackCheck.Run);
            Run(context, findings, "postfix loopback", PostfixLoopbackCheck.Run);
            Run(context, findings, "IPv6 delivery", Ipv6DeliveryCheck.Run);
            Run(context, findings, "configuration errors", ConfigErrorCheck.Run);
            IReadOnlyList<HostFileStatus> unreadable = context.Unreadable;
            if (unreadable.Count > 0) findings.Add(UnreadableFinding(unreadable));
            List<Finding> sorted = findings.OrderByDescending(f => f.Severity).ToList();
            foreach (Finding f in sorted)
            {
                options.Logger.LogInformation("{Severity} {Id}: {Title}", f.Severity, f.Id, LogText.Escape(f.Title));
            }
            return new DiagnosisReport(host, sorted, unreadable);
        }

        // Each check isolated (as brew doctor and maui-check run theirs): one that fails on something unforeseen becomes a
        // finding with its message, never a lost report or a stack trace.
        private static void Run(DiagnosisContext context, List<Finding> findings, string name, Func<DiagnosisContext, IEnumerable<Finding>> check)
        {
            try
            {
                findings.AddRange(check(context).ToList());
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                context.Logger.LogError("The {Check} check failed: {Message}", name, LogText.Escape(ex.Message));
                findings.Add(new Finding(FindingIds.DiagnosisCheckFailed, FindingSeverity.Error,
                    "The " + name + " check failed (" + ex.GetType().Name + "): its findings are missing",
                    "The check stopped on something it did not expect: " + ex.Message + " The other checks ran. This is a defect of "
                    + "MailConfigKit; please report it with the file that caused it.",
                    new[] { new Evidence(EvidenceKind.Configuration, context.Host.Root, null, null, ex.GetType().FullName + ": " + ex.Message) },
                    new IRemediation[0]));
            }
        }

        private static Finding UnreadableFinding(IReadOnlyList<HostFileStatus> unreadable)
        {
            bool configuration = unreadable.Any(u => IsConfiguration(u.RelativePath));
            var evidence = unreadable.Take(MaxUnreadableEvidence)
                .Select(u => new Evidence(KindOf(u.RelativePath), u.RelativePath, null, null, u.Problem ?? "could not be read")).ToList();
            if (unreadable.Count > MaxUnreadableEvidence)
                evidence.Add(new Evidence(EvidenceKind.Configuration, "...", null, null, (unreadable.Count - MaxUnreadableEvidence) + " more"));
            return new Finding(FindingIds.HostUnreadableFiles, configuration ? FindingSeverity.Error : FindingSeverity.Warning,
                unreadable.Count + " file(s) could not be read: the examination is incomplete",
                "What these files would have told is unknown, so nothing that depends on them was concluded or changed. A FIFO, a "
                + "device or a folder where a file belongs is refused (reading it could block or never end); an unreadable file "
                + "usually means running without the rights to read it (run as root), and a link out of the host root is refused "
                + "on purpose. Fix or remove what the evidence names, then examine again.",
                evidence, new IRemediation[0]);
        }

        internal static bool IsConfiguration(string relativePath) =>
            relativePath == HostPaths.PostfixMainCf || relativePath == HostPaths.PostfixMasterCf || relativePath == HostPaths.Exim4UpdateConf;

        private static EvidenceKind KindOf(string relativePath) =>
            relativePath.StartsWith("proc/", StringComparison.Ordinal) ? EvidenceKind.Network
            : relativePath.StartsWith("var/log/", StringComparison.Ordinal) ? EvidenceKind.Log
            : EvidenceKind.Configuration;
    }
}
