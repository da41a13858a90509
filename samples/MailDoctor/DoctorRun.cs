using System.Collections.Generic;
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
        public int ExitCode { get; set; }

        /// <summary>Warnings and errors no remediation can fix here (DNS, a broken file): a person has to act.</summary>
        public IEnumerable<Finding> FindingsNeedingAPerson()
        {
            if (Report == null) yield break;
            foreach (Finding f in Report.Findings)
            {
                if (f.Severity != FindingSeverity.Note && Catalog.For(f).Count == 0) yield return f;
            }
        }
    }
}
