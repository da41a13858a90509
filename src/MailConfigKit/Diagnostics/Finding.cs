using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Remediation;

namespace MailConfigKit.Diagnostics
{
    /// <summary>Something found on a host, the evidence for it, and the remediations that fix it, best first.</summary>
    public sealed class Finding
    {
        /// <summary>Creates a finding.</summary>
        public Finding(string id, FindingSeverity severity, string title, string explanation, IReadOnlyList<Evidence> evidence, IReadOnlyList<IRemediation> remediations)
        {
            Id = id;
            Severity = severity;
            Title = title;
            Explanation = explanation;
            Evidence = evidence;
            Remediations = remediations;
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

        /// <summary>The remediations that fix it, best first; empty for notes and for findings only DNS can fix.</summary>
        public IReadOnlyList<IRemediation> Remediations { get; }

        /// <summary>The preferred remediation, or null.</summary>
        public IRemediation? BestRemediation => Remediations.FirstOrDefault();

        /// <summary><c>severity id: title</c>.</summary>
        public override string ToString() => Severity + " " + Id + ": " + Title;
    }
}
