using MailConfigKit.Diagnosis;
using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// A repair: what it is, why it is right (citing its source), and the plan that carries it out on a given host.
    /// Planning only reads; <see cref="PlanExecutor"/> writes.
    /// </summary>
    public interface IRemediation
    {
        /// <summary>A stable identifier (<c>exim4.drop-ipv6-loopback</c>), for scripts and JSON.</summary>
        string Id { get; }

        /// <summary>A one-line title.</summary>
        string Title { get; }

        /// <summary>Why this is the right fix, citing the Postfix documentation, the exim specification or Debian's manual.</summary>
        string Rationale { get; }

        /// <summary>The changes this remediation would make on <paramref name="host"/>; an empty plan when the host needs nothing.</summary>
        RemediationPlan Plan(MailHost host);

        /// <summary>
        /// The changes that fix <paramref name="finding"/> on <paramref name="host"/> (the catalog calls this); a
        /// remediation may use the finding's evidence, and most plan exactly as <see cref="Plan(MailHost)"/>.
        /// </summary>
        RemediationPlan Plan(MailHost host, Finding finding);
    }
}
