using System.Collections.Generic;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// One registered check of <see cref="MailDiagnosis"/>: it reads evidence from a <see cref="DiagnosisContext"/> and
    /// reports findings. A check never plans a fix (remediations hang off the findings it reports) and runs isolated:
    /// an exception it throws becomes a <see cref="FindingIds.CheckFailed"/> finding and the other checks still report.
    /// </summary>
    public interface IMailCheck
    {
        /// <summary>A stable identifier (<c>exim4.loopback</c>), for <c>--skip</c>, scripts and JSON.</summary>
        string Id { get; }

        /// <summary>A one-line title of what it looks at.</summary>
        string Title { get; }

        /// <summary>Every finding id this check can report (docs/diagnosis.md lists them per check).</summary>
        IReadOnlyList<string> FindingIds { get; }

        /// <summary>The findings on the host in <paramref name="context"/>; none when everything is fine.</summary>
        IEnumerable<Finding> Run(DiagnosisContext context);
    }
}
