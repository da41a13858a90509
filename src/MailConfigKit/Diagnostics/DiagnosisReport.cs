using System;
using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host;
using MailConfigKit.Remediation;

namespace MailConfigKit.Diagnostics
{
    /// <summary>What <see cref="MailDiagnosis.Examine(MailHost)"/> found on a host.</summary>
    public sealed class DiagnosisReport
    {
        private readonly Dictionary<Finding, FindingPlan> _plans = new Dictionary<Finding, FindingPlan>();

        /// <summary>Creates a report.</summary>
        public DiagnosisReport(MailHost host, IReadOnlyList<Finding> findings)
            : this(host, findings, new HostFileStatus[0])
        {
        }

        /// <summary>Creates a report, with the files that could not be read.</summary>
        public DiagnosisReport(MailHost host, IReadOnlyList<Finding> findings, IReadOnlyList<HostFileStatus> unreadableFiles)
        {
            Host = host;
            Findings = findings;
            UnreadableFiles = unreadableFiles;
        }

        /// <summary>The host examined.</summary>
        public MailHost Host { get; }

        /// <summary>The findings, most severe first.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        /// <summary>The files the examination needed that are there but could not be read; empty when it is complete.</summary>
        public IReadOnlyList<HostFileStatus> UnreadableFiles { get; }

        /// <summary>Whether the host has a Postfix or an exim4 configuration at all (or something unreadable in its place).</summary>
        public bool HasMailConfiguration => Host.HasPostfix || Host.HasExim4;

        /// <summary>
        /// What the best remediation of <paramref name="finding"/> plans on this host, planned once per report. Planning
        /// reads the files; a remediation that refuses (a file it cannot edit safely) or cannot read one gives a plan-less
        /// result with the reason, never an exception.
        /// </summary>
        public FindingPlan PlanFor(Finding finding)
        {
            if (finding == null) throw new ArgumentNullException(nameof(finding));
            if (_plans.TryGetValue(finding, out FindingPlan? cached)) return cached;
            IRemediation? best = finding.BestRemediation;
            FindingPlan result;
            if (best == null)
            {
                result = new FindingPlan(finding, null, null, null);
            }
            else
            {
                try
                {
                    result = new FindingPlan(finding, best, best.Plan(Host), null);
                }
                catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || MailHost.IsReadFailure(ex))
                {
                    result = new FindingPlan(finding, best, null, ex.Message);
                }
            }
            _plans[finding] = result;
            return result;
        }

        /// <summary>
        /// Warnings and errors that no planned change fixes: no remediation, or the best one changes nothing on this host (or
        /// could not plan). A person has to act on these; they are never reported as fixed.
        /// </summary>
        public IReadOnlyList<Finding> FindingsNeedingAPerson =>
            Findings.Where(f => f.Severity != FindingSeverity.Note && !PlanFor(f).HasChanges).ToList();

        /// <summary>
        /// One plan with the best remediation of every finding, combined (see <see cref="RemediationPlan.Combine"/>); empty
        /// when nothing needs to change. When two best remediations change the same file, the first one wins and the
        /// other is left for the next run (plan again after applying).
        /// </summary>
        public RemediationPlan PlanBest()
        {
            var plans = new List<RemediationPlan>();
            foreach (Finding finding in Findings)
            {
                FindingPlan planned = PlanFor(finding);
                if (!planned.HasChanges) continue;
                RemediationPlan plan = planned.Plan!;
                if (plans.Any(p => p.RemediationIds.Contains(planned.Remediation!.Id))) continue;
                if (plans.SelectMany(p => p.FileChanges).Any(f => plan.FileChanges.Any(g => g.RelativePath == f.RelativePath))) continue;
                plans.Add(plan);
            }
            return plans.Count == 0 ? RemediationPlan.Empty(Host) : RemediationPlan.Combine(plans);
        }
    }
}
