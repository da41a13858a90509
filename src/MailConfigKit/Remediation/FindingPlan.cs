using MailConfigKit.Diagnosis;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// What a finding's best remediation would do on the examined host: the plan, or why there is none. A finding whose
    /// best remediation plans nothing here (an empty master.cf has no smtp service to override) has no fix to claim, and a
    /// person has to act (see <see cref="RemediationCatalog.FindingsNeedingAPerson"/>).
    /// </summary>
    public sealed class FindingPlan
    {
        internal FindingPlan(Finding finding, IRemediation? remediation, RemediationPlan? plan, string? problem)
        {
            Finding = finding;
            Remediation = remediation;
            Plan = plan;
            Problem = problem;
        }

        /// <summary>The finding.</summary>
        public Finding Finding { get; }

        /// <summary>Its best remediation, or null when it has none.</summary>
        public IRemediation? Remediation { get; }

        /// <summary>What the best remediation plans on this host; null when there is no remediation or planning failed.</summary>
        public RemediationPlan? Plan { get; }

        /// <summary>Why planning failed (the file it refused to edit, a file it could not read), or null.</summary>
        public string? Problem { get; }

        /// <summary>Whether the best remediation changes something on this host: only then does the finding have a fix.</summary>
        public bool HasChanges => Plan != null && Plan.HasChanges;

        /// <summary><c>finding id: remediation id (n file(s))</c>, or why there is no fix.</summary>
        public override string ToString() =>
            Finding.Id + ": " + (Remediation == null ? "no remediation" : Remediation.Id + (HasChanges ? " (" + Plan!.FileChanges.Count + " file(s))" : " plans nothing here" + (Problem != null ? " (" + Problem + ")" : string.Empty)));
    }
}
