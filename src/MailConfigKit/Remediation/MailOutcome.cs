using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// The exit-code contract of DESIGN.md in one place, so that MailDoctor's exit code, its JSON report and the PowerShell
    /// module (<c>Test-MailHost</c>) agree: <see cref="Clean"/> (0) only when nothing needs to change and nothing says mail
    /// is down, or when everything was applied and verified; <see cref="NeedsAttention"/> (1) when changes are planned, a
    /// restart is pending, a daemon does not answer, or a problem needs a person (a note that mail is down counts);
    /// <see cref="Error"/> (2) when nothing could be examined, which the caller decides.
    /// </summary>
    public sealed class MailOutcome
    {
        /// <summary>Nothing needs to change and nothing says mail is down (or all was applied and verified).</summary>
        public const int Clean = 0;

        /// <summary>Changes are planned, a restart is pending, mail is down, or a person has to act.</summary>
        public const int NeedsAttention = 1;

        /// <summary>The host could not be examined.</summary>
        public const int Error = 2;

        // Notes whose subject is a daemon that failed to start: "only a note" is not an all-clear.
        private static readonly string[] MailDownNotes = { FindingIds.EximIpv6LoopbackUnverified };

        private MailOutcome(int exitCode, IReadOnlyList<string> reasons, IReadOnlyList<string> mailDown)
        {
            ExitCode = exitCode;
            Reasons = reasons;
            MailDown = mailDown;
        }

        /// <summary>0, 1 or 2 (<see cref="Clean"/>, <see cref="NeedsAttention"/>, <see cref="Error"/>).</summary>
        public int ExitCode { get; }

        /// <summary>Why the code is not 0, one line each; empty when it is.</summary>
        public IReadOnlyList<string> Reasons { get; }

        /// <summary>What says mail is down: daemons that did not answer, notes that a daemon failed to start.</summary>
        public IReadOnlyList<string> MailDown { get; }

        /// <summary>
        /// Decides the outcome of an examination and, when <paramref name="applied"/>, of the apply after it.
        /// </summary>
        /// <param name="report">The examination before any change.</param>
        /// <param name="plan">The best plan for <paramref name="report"/>.</param>
        /// <param name="applied">Whether the plan was applied.</param>
        /// <param name="afterApply">The examination after applying (null when nothing was applied): what it still finds decides.</param>
        /// <param name="restartPending">Whether a daemon still runs the old configuration (a live host, not restarted).</param>
        /// <param name="verifications">Listen verifications made (after a restart, or of the live daemons); may be empty.</param>
        /// <param name="needingAPerson">Warnings and errors no planned change fixes (<see cref="RemediationCatalog.FindingsNeedingAPerson"/>).</param>
        /// <exception cref="ArgumentNullException">An argument other than <paramref name="afterApply"/> is null.</exception>
        public static MailOutcome Decide(DiagnosisReport report, RemediationPlan plan, bool applied, DiagnosisReport? afterApply, bool restartPending,
            IEnumerable<ListenVerification> verifications, IEnumerable<Finding> needingAPerson)
        {
            if (report == null) throw new ArgumentNullException(nameof(report));
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (verifications == null) throw new ArgumentNullException(nameof(verifications));
            if (needingAPerson == null) throw new ArgumentNullException(nameof(needingAPerson));
            var reasons = new List<string>();
            var down = new List<string>();
            foreach (ListenVerification v in verifications.Where(v => !v.IsVerified && !GreetsUnattributed(v))) down.Add(v.Summary);
            DiagnosisReport latest = afterApply ?? report;
            foreach (Finding f in latest.Findings.Where(f => MailDownNotes.Contains(f.Id))) down.Add(f.Id + ": " + f.Title);
            if (plan.HasChanges && !applied) reasons.Add("changes are planned: " + plan.FileChanges.Count.ToString(CultureInfo.InvariantCulture) + " file(s)");
            // After applying, what the second examination still finds decides: a fix that left a warning is not "fixed".
            foreach (Finding f in (afterApply?.Findings ?? new List<Finding>()).Where(f => f.Severity != FindingSeverity.Note)) reasons.Add("still found after applying: " + f.Id);
            if (restartPending) reasons.Add("a restart is pending: the daemons still run the old configuration");
            foreach (string d in down) reasons.Add("mail is down: " + d);
            foreach (Finding f in needingAPerson) reasons.Add("needs a person: " + f.Id);
            return new MailOutcome(reasons.Count > 0 ? NeedsAttention : Clean, reasons, down);
        }

        /// <summary>
        /// Examines <paramref name="host"/> and decides its outcome without changing anything, as MailDoctor does without
        /// --apply. On the live system (root /) the configured daemons must also greet now (a short bound).
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static MailOutcome Examine(MailHost host, DiagnosisOptions options)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (options == null) throw new ArgumentNullException(nameof(options));
            DiagnosisReport report = MailDiagnosis.Examine(host, options);
            RemediationPlan plan = RemediationCatalog.Default.PlanBest(report);
            IReadOnlyList<ListenVerification> live = host.IsLiveSystem ? CheckLiveDaemons(host, new ListenVerification[0]) : new ListenVerification[0];
            return Decide(report, plan, false, null, false, live, RemediationCatalog.Default.FindingsNeedingAPerson(report));
        }

        /// <summary>
        /// On the live system, each configured daemon not already verified (<paramref name="alreadyChecked"/>) must greet
        /// now: a daemon that is up greets at once; one in exim's retry loop or dead does not, and that is the news.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static IReadOnlyList<ListenVerification> CheckLiveDaemons(MailHost host, IEnumerable<ListenVerification> alreadyChecked)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (alreadyChecked == null) throw new ArgumentNullException(nameof(alreadyChecked));
            var done = alreadyChecked.ToList();
            var quick = new ListenVerificationOptions { Timeout = TimeSpan.FromSeconds(3), ProbeTimeout = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromMilliseconds(500) };
            var result = new List<ListenVerification>();
            if (host.HasExim4 && !done.Any(v => v.Daemon == MailDaemon.Exim4)) result.Add(ListenVerifier.Verify(host, new EximListenConfigurationSource(), quick));
            if (host.HasPostfix && !done.Any(v => v.Daemon == MailDaemon.Postfix)) result.Add(ListenVerifier.Verify(host, new PostfixListenConfigurationSource(), quick));
            return result;
        }

        /// <summary>
        /// Whether every address greeted and only the owner of the socket could not be traced (not root: other processes'
        /// /proc/PID/fd are closed to us). Mail is answered there, so it is not "mail down"; it is not verified either.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="verification"/> is null.</exception>
        public static bool GreetsUnattributed(ListenVerification verification)
        {
            if (verification == null) throw new ArgumentNullException(nameof(verification));
            return verification.Configuration.Problems.Count == 0 && verification.FailureEvidence.Count == 0 && verification.Addresses.Count > 0
                && verification.Addresses.All(a => a.Status == AddressVerificationStatus.Verified || a.Status == AddressVerificationStatus.Unattributed);
        }

        /// <summary>The exit code and its reasons.</summary>
        public override string ToString() =>
            "exit " + ExitCode.ToString(CultureInfo.InvariantCulture) + (Reasons.Count == 0 ? ": nothing to change, nothing says mail is down" : ": " + string.Join("; ", Reasons));
    }
}
