using System.Management.Automation;
using MailConfigKit.PowerShell.Engine;

namespace MailConfigKit.PowerShell
{
    /// <summary>The cmdlets that work on a host root: its -Root and -NoDns, and one way to run and report failures.</summary>
    public abstract class HostRootCmdlet : MailCmdlet
    {
        /// <summary>The host root: / for this machine, or an image or snapshot folder; relative to the current location.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Root { get; set; } = string.Empty;

        /// <summary>Skip the DNS checks (PTR, SPF, DKIM).</summary>
        [Parameter]
        public SwitchParameter NoDns { get; set; }

        /// <summary>
        /// Runs <paramref name="body"/> on the resolved root with a log that reaches -Verbose and -Debug; a library refusal
        /// becomes a non-terminating error named <paramref name="errorId"/>.
        /// </summary>
        protected void OnRoot(string errorId, System.Action<string, PipelineLog> body)
        {
            var log = new PipelineLog(WriteVerbose, WriteDebug);
            try
            {
                OnPath(Root, nameof(Root), errorId, root => body(root, log));
            }
            finally
            {
                log.Drain();
            }
        }
    }

    /// <summary>Get-MailDiagnosis: examines a host root and writes its findings.</summary>
    [Cmdlet(VerbsCommon.Get, "MailDiagnosis")]
    [OutputType("MailConfigKit.Diagnosis.Finding")]
    public sealed class GetMailDiagnosisCommand : HostRootCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => OnRoot("DiagnosisFailed", (root, log) =>
        {
            WriteVerbose("Examining " + root);
            foreach (object finding in ModuleEngine.Diagnose(root, NoDns, log)) WriteObject(finding);
        });
    }

    /// <summary>
    /// Test-MailHost: MailDoctor's verdict on a host root without changing anything: an outcome with the exit code
    /// MailDoctor would return (0 nothing to change and mail up, 1 changes planned, restart pending, mail down or a person
    /// needed) and the reasons, from the library's one exit-code contract.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "MailHost")]
    [OutputType("MailConfigKit.Remediation.MailOutcome")]
    public sealed class TestMailHostCommand : HostRootCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => OnRoot("TestFailed", (root, log) => WriteObject(ModuleEngine.Outcome(root, NoDns, log)));
    }

    /// <summary>Get-MailRemediationPlan: the plan that would fix a host root's findings, with its unified diff.</summary>
    [Cmdlet(VerbsCommon.Get, "MailRemediationPlan")]
    [OutputType("MailConfigKit.Remediation.RemediationPlan")]
    public sealed class GetMailRemediationPlanCommand : HostRootCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => OnRoot("PlanFailed", (root, log) => WriteObject(ModuleEngine.Plan(root, NoDns, log)));
    }

    /// <summary>
    /// Repair-MailHost: applies the best plan for a host root through ShouldProcess (-WhatIf writes nothing, -Confirm
    /// asks; ConfirmImpact is High, so PowerShell asks by default). Each changed file's original is kept next to it as
    /// NAME.mck-backup-TIMESTAMP. Service actions are not run: they are written as warnings to run next.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "MailHost", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType("MailConfigKit.Remediation.ApplyResult")]
    public sealed class RepairMailHostCommand : HostRootCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => OnRoot("RepairFailed", (root, log) =>
        {
            object plan = ModuleEngine.Plan(root, NoDns, log);
            log.Drain();
            if (!ModuleEngine.HasChanges(plan))
            {
                WriteVerbose("Nothing to change under " + root + ".");
                return;
            }
            if (!ShouldProcess(ModuleEngine.Target(plan), ModuleEngine.Action(plan))) return;
            object result = ModuleEngine.Apply(plan, log);
            log.Drain();
            foreach (string action in ModuleEngine.PendingActions(result)) WriteWarning("Run next: " + action);
            WriteObject(result);
        });
    }
}
