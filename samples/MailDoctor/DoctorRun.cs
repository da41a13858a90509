using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Diagnosis;
using MailConfigKit.Remediation;

namespace MailDoctor
{
    /// <summary>Everything one run found and did; the text and JSON reports both render this, so they never disagree.</summary>
    internal sealed class DoctorRun
    {
        public DoctorRun(string root, bool demo, bool dnsChecked)
        {
            Root = root;
            Demo = demo;
            DnsChecked = dnsChecked;
        }

        public string Root { get; }
        public bool Demo { get; }
        public bool DnsChecked { get; }
        public bool HasMailConfiguration { get; set; }
        public DiagnosisReport? Report { get; set; }

        /// <summary>Which remediations fix which findings (checks never name their fixes).</summary>
        public RemediationCatalog Catalog { get; } = RemediationCatalog.Default;
        public RemediationPlan? Plan { get; set; }
        public bool ApplyRequested { get; set; }
        public ApplyResult? Applied { get; set; }

        /// <summary>The re-examination after <c>--apply</c> wrote something: what is left.</summary>
        public DiagnosisReport? AfterApply { get; set; }
        public List<ServiceActionResult> ServiceOutcomes { get; } = new List<ServiceActionResult>();
        public string? Error { get; set; }

        /// <summary>The host's service control (systemd, sysvinit, none), detected from the root.</summary>
        public ServiceControl? Control { get; set; }

        /// <summary>On the live system: whether each configured daemon greets now (after --restart, the runner's own verification).</summary>
        public List<ListenVerification> LiveChecks { get; } = new List<ListenVerification>();

        /// <summary>What says mail is down (a daemon that does not greet, a note of a failed start); any of these means exit 1.</summary>
        public List<string> MailDown { get; } = new List<string>();

        /// <summary>Files were changed on the live system, but the daemons were not restarted (no --restart): the change is not in effect.</summary>
        public bool RestartPending { get; set; }
        public int ExitCode { get; set; }

        /// <summary>
        /// Warnings and errors no planned change fixes here (DNS, a broken or unreadable file, a best fix that changes nothing
        /// on this host): a person has to act.
        /// </summary>
        public IEnumerable<Finding> FindingsNeedingAPerson() =>
            Plans.Values.Where(p => p.Finding.Severity != FindingSeverity.Note && !p.HasChanges).Select(p => p.Finding);

        /// <summary>
        /// What each finding's best remediation planned, computed once before anything is applied: the report printed after
        /// --apply must describe the plan that was carried out, not a re-plan on the already fixed host.
        /// </summary>
        public Dictionary<Finding, FindingPlan> Plans { get; } = new Dictionary<Finding, FindingPlan>();

        /// <summary>The plan of <paramref name="finding"/>, from <see cref="Plans"/>.</summary>
        public FindingPlan PlanOf(Finding finding) => Plans[finding];
    }
}
