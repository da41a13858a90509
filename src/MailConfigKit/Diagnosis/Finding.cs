using System.Collections.Generic;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Something found on a host and the evidence for it. A finding never names its fixes: the remediation catalog
    /// (<c>MailConfigKit.Remediation.RemediationCatalog</c>) maps finding ids to remediations.
    /// </summary>
    public sealed class Finding
    {
        /// <summary>Creates a finding.</summary>
        public Finding(string id, FindingSeverity severity, string title, string explanation, IReadOnlyList<Evidence> evidence)
        {
            Id = id;
            Severity = severity;
            Title = title;
            Explanation = explanation;
            Evidence = evidence;
        }

        /// <summary>A stable identifier (<c>exim4.ipv6-loopback-without-ipv6</c>), for scripts and JSON.</summary>
        public string Id { get; }

        /// <summary>How much it matters.</summary>
        public FindingSeverity Severity { get; }

        /// <summary>A one-line title.</summary>
        public string Title { get; }

        /// <summary>What happens and why, in a few sentences.</summary>
        public string Explanation { get; }

        /// <summary>The facts the finding rests on.</summary>
        public IReadOnlyList<Evidence> Evidence { get; }

        /// <summary><c>severity id: title</c>.</summary>
        public override string ToString() => Severity + " " + Id + ": " + Title;
    }
}
