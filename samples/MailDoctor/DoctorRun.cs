using System.Collections.Generic;
using MailConfigKit.Diagnostics;
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
        public RemediationPlan? Plan { get; set; }
        public bool ApplyRequested { get; set; }
        public ApplyResult? Applied { get; set; }
        public List<ServiceOutcome> ServiceOutcomes { get; } = new List<ServiceOutcome>();
        public string? Error { get; set; }
        public int ExitCode { get; set; }

        /// <summary>
        /// Warnings and errors no planned change fixes here (DNS, a broken or unreadable file, a best fix that changes nothing
        /// on this host): a person has to act.
        /// </summary>
        public IEnumerable<Finding> FindingsNeedingAPerson() => Report?.FindingsNeedingAPerson ?? new Finding[0];
    }

    /// <summary>What happened to one service action under <c>--restart</c>.</summary>
    internal sealed class ServiceOutcome
    {
        public ServiceOutcome(ServiceAction action, string status, string message)
        {
            Action = action;
            Status = status;
            Message = message;
        }

        public ServiceAction Action { get; }

        /// <summary><c>done</c>, <c>failed</c> or <c>skipped</c>.</summary>
        public string Status { get; }

        public string Message { get; }
    }
}
