using System.Collections.Generic;
using System.Linq;
using System;
using MailConfigKit.Host;
using MailConfigKit.Values;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Turns evidence (configuration, the host's network state, logs, DNS) into findings by running the registered checks
    /// (<see cref="Checks"/>) in order, each isolated: a check that throws (an unreadable file, a link out of the root)
    /// becomes a <see cref="FindingIds.CheckFailed"/> finding and the others still report. docs/diagnosis.md lists the
    /// checks and their finding ids.
    /// </summary>
    public static class MailDiagnosis
    {
        /// <summary>
        /// The registered checks, in the order they run. Adding a check is one class implementing <see cref="IMailCheck"/>
        /// plus one line here.
        /// </summary>
        public static IReadOnlyList<IMailCheck> Checks { get; } = new IMailCheck[]
        {
            new EximLoopbackCheck(),
            new PostfixLoopbackCheck(),
            new Ipv6DeliveryCheck(),
            new Ipv6PtrCheck(),
            new Ipv6AuthenticationCheck(),
            new PostfixConfigErrorCheck(),
            new Exim4ConfigErrorCheck(),
        };

        /// <summary>The id of the PTR check; <see cref="DiagnosisOptions.CheckDns"/> = false skips every check whose id starts with <c>dns.</c>.</summary>
        public const string DnsCheckId = "dns.ipv6-ptr";

        /// <summary>The id of the SPF and DKIM check (a DNS check too).</summary>
        public const string DnsAuthenticationCheckId = "dns.ipv6-authentication";

        /// <summary>Examines <paramref name="host"/> with the default options (DNS checked through the servers of the root's etc/resolv.conf).</summary>
        public static DiagnosisReport Examine(MailHost host) => Examine(host, DiagnosisOptions.Default);

        /// <summary>Examines <paramref name="host"/> with the registered <see cref="Checks"/>.</summary>
        /// <exception cref="ArgumentException"><see cref="DiagnosisOptions.SkipChecks"/> names a check that does not exist.</exception>
        public static DiagnosisReport Examine(MailHost host, DiagnosisOptions options) => Examine(host, options, Checks);

        /// <summary>
        /// Examines <paramref name="host"/> with <paramref name="checks"/> (the registered ones plus a caller's own, say);
        /// the findings come most severe first (in check order within a severity), with one <see cref="CheckRun"/> per check.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><see cref="DiagnosisOptions.SkipChecks"/> names a check not in <paramref name="checks"/>
        /// (a typo would otherwise silently skip nothing).</exception>
        public static DiagnosisReport Examine(MailHost host, DiagnosisOptions options, IEnumerable<IMailCheck> checks)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (checks == null) throw new ArgumentNullException(nameof(checks));
            List<IMailCheck> list = checks.ToList();
            foreach (string skip in options.SkipChecks)
            {
                if (!list.Any(c => string.Equals(c.Id, skip, StringComparison.Ordinal)))
                {
                    throw new ArgumentException("There is no check \"" + skip + "\"; the checks are: " + string.Join(", ", list.Select(c => c.Id)) + ".", nameof(options));
                }
            }
            var context = new DiagnosisContext(host, options);
            options.Logger.LogInformation("Examining {Root}", LogText.Escape(host.Root));
            var findings = new List<Finding>();
            var runs = new List<CheckRun>();
            foreach (IMailCheck check in list)
            {
                runs.Add(RunOne(check, context, findings));
            }
            IReadOnlyList<HostFileStatus> unreadable = context.Unreadable;
            if (unreadable.Count > 0) findings.Add(UnreadableFinding(unreadable));
            List<Finding> sorted = findings.OrderByDescending(f => f.Severity).ToList();
            foreach (Finding f in sorted)
            {
                options.Logger.LogInformation("{Severity} {Id}: {Title}", f.Severity, f.Id, LogText.Escape(f.Title));
            }
            return new DiagnosisReport(host, sorted, runs, unreadable);
        }

        private static CheckRun RunOne(IMailCheck check, DiagnosisContext context, List<Finding> findings)
        {
            if (context.Options.SkipChecks.Contains(check.Id))
            {
                return new CheckRun(check.Id, check.Title, CheckOutcome.Skipped, 0, "skipped on request");
            }
            if (!context.Options.CheckDns && check.Id.StartsWith("dns.", StringComparison.Ordinal))
            {
                return new CheckRun(check.Id, check.Title, CheckOutcome.Skipped, 0, "DNS checks are off");
            }
            var own = new List<Finding>();
            try
            {
                // Materialised inside the try: checks are lazy iterators, so their exceptions surface while enumerating.
                own.AddRange(check.Run(context));
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                string reason = Describe(e);
                context.Logger.LogWarning("check {Check} failed: {Reason}", check.Id, LogText.Escape(reason));
                findings.AddRange(own);
                findings.Add(new Finding(FindingIds.CheckFailed, FindingSeverity.Warning,
                    "The check " + check.Id + " could not finish: " + reason,
                    "The check \"" + check.Title + "\" stopped before it could decide, so this host is not known to be free of what it "
                    + "looks for. The other checks ran. Make the file readable (or fix the path) and examine again.",
                    new[] { new Evidence(EvidenceKind.Configuration, check.Id, null, null, reason) }));
                return new CheckRun(check.Id, check.Title, CheckOutcome.Failed, own.Count, reason);
            }
            findings.AddRange(own);
            return new CheckRun(check.Id, check.Title, own.Count == 0 ? CheckOutcome.Passed : CheckOutcome.Found, own.Count, null);
        }

        private const int MaxUnreadableEvidence = 20;

        // Not a registered check: every check records what it could not read, and this one finding says so for all of them.
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
                + "usually means running without the rights to read it (run as root, or for logs under var/log add yourself to group adm, which reads them on Debian), and a link out of the host root is refused "
                + "on purpose. Fix or remove what the evidence names, then examine again.",
                evidence);
        }

        internal static bool IsConfiguration(string relativePath) =>
            relativePath == HostPaths.PostfixMainCf || relativePath == HostPaths.PostfixMasterCf || relativePath == HostPaths.Exim4UpdateConf;

        private static EvidenceKind KindOf(string relativePath) =>
            relativePath.StartsWith("proc/", StringComparison.Ordinal) ? EvidenceKind.Network
            : relativePath.StartsWith("var/log/", StringComparison.Ordinal) ? EvidenceKind.Log
            : EvidenceKind.Configuration;

        private static string Describe(Exception e) =>
            (e is UnauthorizedAccessException || e is System.IO.IOException || e is HostPathException || e is ArgumentException || e is InvalidOperationException)
                ? e.Message
                : e.GetType().Name + ": " + e.Message;
    }
}
