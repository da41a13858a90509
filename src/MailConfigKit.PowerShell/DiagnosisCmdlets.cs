using System.Management.Automation;
using MailConfigKit.PowerShell.Engine;

namespace MailConfigKit.PowerShell
{
    /// <summary>Get-MailDiagnosis: examines a host root and writes its findings.</summary>
    [Cmdlet(VerbsCommon.Get, "MailDiagnosis")]
    [OutputType("MailConfigKit.Diagnosis.Finding")]
    public sealed class GetMailDiagnosisCommand : MailCmdlet
    {
        /// <summary>The host root: / for this machine, or an image or snapshot folder; relative to the current location.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Root { get; set; } = string.Empty;

        /// <summary>Skip the DNS checks (PTR, SPF, DKIM).</summary>
        [Parameter]
        public SwitchParameter NoDns { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string root = ResolveFileSystemPath(Root, nameof(Root));
            var log = new PipelineLog(WriteVerbose, WriteDebug);
            WriteVerbose("Examining " + root);
            try
            {
                foreach (object finding in ModuleEngine.Diagnose(root, NoDns, log)) WriteObject(finding);
            }
            catch (System.Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteFailure(ex, "DiagnosisFailed", root);
            }
            finally
            {
                log.Drain();
            }
        }
    }

    /// <summary>
    /// Test-MailHost: MailDoctor's verdict on a host root without changing anything: an outcome with the exit code
    /// MailDoctor would return (0 nothing to change and mail up, 1 changes planned, restart pending, mail down or a person
    /// needed) and the reasons, from the library's one exit-code contract.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "MailHost")]
    [OutputType("MailConfigKit.Remediation.MailOutcome")]
    public sealed class TestMailHostCommand : MailCmdlet
    {
        /// <summary>The host root: / for this machine, or an image or snapshot folder; relative to the current location.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Root { get; set; } = string.Empty;

        /// <summary>Skip the DNS checks (PTR, SPF, DKIM).</summary>
        [Parameter]
        public SwitchParameter NoDns { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string root = ResolveFileSystemPath(Root, nameof(Root));
            var log = new PipelineLog(WriteVerbose, WriteDebug);
            try
            {
                WriteObject(ModuleEngine.Outcome(root, NoDns, log));
            }
            catch (System.Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteFailure(ex, "TestFailed", root);
            }
            finally
            {
                log.Drain();
            }
        }
    }

    /// <summary>Get-MailRemediationPlan: the plan that would fix a host root's findings, with its unified diff.</summary>
    [Cmdlet(VerbsCommon.Get, "MailRemediationPlan")]
    [OutputType("MailConfigKit.Remediation.RemediationPlan")]
    public sealed class GetMailRemediationPlanCommand : MailCmdlet
    {
        /// <summary>The host root: / for this machine, or an image or snapshot folder; relative to the current location.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Root { get; set; } = string.Empty;

        /// <summary>Skip the DNS checks (PTR, SPF, DKIM).</summary>
        [Parameter]
        public SwitchParameter NoDns { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string root = ResolveFileSystemPath(Root, nameof(Root));
            var log = new PipelineLog(WriteVerbose, WriteDebug);
            try
            {
                WriteObject(ModuleEngine.Plan(root, NoDns, log));
            }
            catch (System.Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteFailure(ex, "PlanFailed", root);
            }
            finally
            {
                log.Drain();
            }
        }
    }

    /// <summary>
    /// Repair-MailHost: applies the best plan for a host root through ShouldProcess (-WhatIf writes nothing, -Confirm
    /// asks; ConfirmImpact is High, so PowerShell asks by default). Each changed file's original is kept next to it as
    /// NAME.mck-backup-TIMESTAMP. Service actions are not run: they are written as warnings to run next.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "MailHost", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType("MailConfigKit.Remediation.ApplyResult")]
    public sealed class RepairMailHostCommand : MailCmdlet
    {
        /// <summary>The host root: / for this machine, or an image or snapshot folder; relative to the current location.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Root { get; set; } = string.Empty;

        /// <summary>Skip the DNS checks (PTR, SPF, DKIM).</summary>
        [Parameter]
        public SwitchParameter NoDns { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string root = ResolveFileSystemPath(Root, nameof(Root));
            var log = new PipelineLog(WriteVerbose, WriteDebug);
            try
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
            }
            catch (System.Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteFailure(ex, "RepairFailed", root);
            }
            finally
            {
                log.Drain();
            }
        }
    }
}
