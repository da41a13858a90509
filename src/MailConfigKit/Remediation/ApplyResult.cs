using System.Collections.Generic;
using System.Linq;

namespace MailConfigKit.Remediation
{
    /// <summary>The outcome of <see cref="PlanExecutor.Apply(RemediationPlan)"/>: one entry per planned file.</summary>
    public sealed class ApplyResult
    {
        internal ApplyResult(RemediationPlan plan, IReadOnlyList<FileApplyResult> files)
        {
            Plan = plan;
            Files = files;
        }

        /// <summary>The plan that was applied.</summary>
        public RemediationPlan Plan { get; }

        /// <summary>Per file, in the plan's order.</summary>
        public IReadOnlyList<FileApplyResult> Files { get; }

        /// <summary>Whether any file was written.</summary>
        public bool Changed => Files.Any(f => f.Outcome == FileApplyOutcome.Written);

        /// <summary>The service actions still to run (the plan's, when a file was written; none otherwise).</summary>
        public IReadOnlyList<ServiceAction> PendingServiceActions => Changed ? Plan.ServiceActions : new ServiceAction[0];

        /// <summary>What was written, e.g. <c>2 file(s): etc/postfix/master.cf written, ...</c>.</summary>
        public override string ToString() =>
            Files.Count + " file(s)" + (Files.Count > 0 ? ": " + string.Join(", ", Files.Select(f => f.RelativePath + " " + f.Outcome.ToString().ToLowerInvariant())) : string.Empty);
    }
}
