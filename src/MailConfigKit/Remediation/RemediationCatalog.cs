using System.Collections.Generic;
using System.Linq;
using System;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Which remediations fix which findings, best first (Roslyn's <c>CodeFixProvider.FixableDiagnosticIds</c>): checks
    /// report findings and never name their fixes; this table does. Adding a remediation is one class plus one
    /// registration line in <see cref="Default"/>.
    /// </summary>
    public sealed class RemediationCatalog
    {
        private readonly Dictionary<string, List<IRemediation>> _byFinding = new Dictionary<string, List<IRemediation>>(StringComparer.Ordinal);

        /// <summary>The built-in catalog (a new instance each time, so a caller's additions stay its own).</summary>
        public static RemediationCatalog Default
        {
            get
            {
                // Delivery: Postfix's own advice (override the smtp client only) before turning IPv6 off for the whole server.
                var deliveryFixes = new IRemediation[] { new PostfixSmtpClientIpv4Only(), new PostfixInetProtocolsIpv4() };
                return new RemediationCatalog()
                    .Add(FindingIds.EximIpv6LoopbackWithoutIpv6, new EximLocalInterfacesWhereDefined(), new EximDropIpv6Loopback())
                    .Add(FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6, new PostfixInetInterfacesWithoutIpv6Loopback(), new PostfixInetProtocolsIpv4())
                    .Add(FindingIds.PostfixIpv6DeliveryRefused, deliveryFixes)
                    .Add(FindingIds.DnsIpv6PtrMissing, deliveryFixes)
                    .Add(FindingIds.DnsIpv6PtrNotConfirmed, deliveryFixes)
                    .Add(FindingIds.DnsIpv6AuthenticationMissing, deliveryFixes);
            }
        }

        /// <summary>Registers <paramref name="remediations"/> for <paramref name="findingId"/>, after those already registered.</summary>
        /// <returns>This catalog, for chaining.</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public RemediationCatalog Add(string findingId, params IRemediation[] remediations)
        {
            if (findingId == null) throw new ArgumentNullException(nameof(findingId));
            if (remediations == null || remediations.Any(r => r == null)) throw new ArgumentNullException(nameof(remediations));
            if (!_byFinding.TryGetValue(findingId, out List<IRemediation>? list))
            {
                list = new List<IRemediation>();
                _byFinding[findingId] = list;
            }
            list.AddRange(remediations);
            return this;
        }

        /// <summary>The finding ids some remediation fixes.</summary>
        public IReadOnlyList<string> FixableFindingIds => _byFinding.Keys.ToList();

        /// <summary>The remediations for a finding id, best first; empty when only a person can fix it.</summary>
        public IReadOnlyList<IRemediation> For(string findingId)
        {
            if (findingId == null) throw new ArgumentNullException(nameof(findingId));
            return _byFinding.TryGetValue(findingId, out List<IRemediation>? list) ? list.ToList() : new List<IRemediation>();
        }

        /// <summary>The remediations for <paramref name="finding"/>, best first.</summary>
        public IReadOnlyList<IRemediation> For(Finding finding)
        {
            if (finding == null) throw new ArgumentNullException(nameof(finding));
            return For(finding.Id);
        }

        /// <summary>
        /// What the best remediation of <paramref name="finding"/> plans on <paramref name="host"/>. A remediation that refuses
        /// (a file it cannot edit safely) or cannot read a file gives a plan-less result with the reason, never an exception;
        /// a finding whose best remediation plans nothing has no fix to claim.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public FindingPlan PlanFor(MailHost host, Finding finding)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (finding == null) throw new ArgumentNullException(nameof(finding));
            IRemediation? best = For(finding).FirstOrDefault();
            if (best == null) return new FindingPlan(finding, null, null, null);
            try
            {
                return new FindingPlan(finding, best, best.Plan(host, finding), null);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || MailHost.IsReadFailure(ex))
            {
                return new FindingPlan(finding, best, null, ex.Message);
            }
        }

        /// <summary>The plan of each finding of <paramref name="report"/>, in the report's order.</summary>
        public IReadOnlyList<FindingPlan> PlanEach(DiagnosisReport report)
        {
            if (report == null) throw new ArgumentNullException(nameof(report));
            return report.Findings.Select(f => PlanFor(report.Host, f)).ToList();
        }

        /// <summary>
        /// Warnings and errors of <paramref name="report"/> that no planned change fixes: no remediation, or the best one
        /// changes nothing on the host (or could not plan). A person has to act on these; they are never reported as fixed.
        /// </summary>
        public IReadOnlyList<Finding> FindingsNeedingAPerson(DiagnosisReport report) =>
            PlanEach(report).Where(p => p.Finding.Severity != FindingSeverity.Note && !p.HasChanges).Select(p => p.Finding).ToList();

        /// <summary>
        /// One plan with the best remediation of every finding of <paramref name="report"/>, combined (see
        /// <see cref="RemediationPlan.Combine(RemediationPlan[])"/>); empty when nothing needs to change. A remediation
        /// shared by several findings is planned once; when two change the same file, the first wins and the other is
        /// left for the next run (plan again after applying).
        /// </summary>
        public RemediationPlan PlanBest(DiagnosisReport report)
        {
            var plans = new List<RemediationPlan>();
            foreach (FindingPlan planned in PlanEach(report))
            {
                if (!planned.HasChanges || plans.Any(p => p.RemediationIds.Contains(planned.Remediation!.Id))) continue;
                RemediationPlan plan = planned.Plan!;
                if (plans.SelectMany(p => p.FileChanges).Any(f => plan.FileChanges.Any(g => g.RelativePath == f.RelativePath))) continue;
                plans.Add(plan);
            }
            return plans.Count == 0 ? RemediationPlan.Empty(report.Host) : RemediationPlan.Combine(plans);
        }

        /// <summary><c>n finding id(s) with remediations</c>.</summary>
        public override string ToString() => "remediation catalog: " + _byFinding.Count + " finding id(s) with remediations";
    }
}
