<#
.SYNOPSIS
    Finds and repairs the mail configuration of a Debian host (Postfix, exim4) with MailConfigKit.

.DESCRIPTION
    Examines the host under -Root (/ for this machine, or an image or snapshot folder), prints each finding with its
    evidence, shows the plan as a unified diff, and applies it only through ShouldProcess: -WhatIf shows what would be
    written, -Confirm (the default, ConfirmImpact is High) asks first. Service actions (update-exim4.conf, restarting
    exim4 or Postfix) are printed, not run: run them yourself, or use MailDoctor --apply --restart.

    The MailConfigKit PowerShell module (Import-Module MailConfigKit; see the README) does the same with
    Repair-MailHost -Root <path>; this script shows the library's calls for those who load the DLLs themselves.

    Works in Windows PowerShell 5.1 (.NET Framework) and PowerShell 7 (.NET). Both load the netstandard2.0 build of
    MailConfigKit; see README.md in this folder for where the DLLs come from.

.PARAMETER Root
    The host root. Default: /. A relative path is relative to the current PowerShell location.

.PARAMETER LibraryPath
    The folder holding MailConfigKit.dll and its dependencies. Default: the lib folder next to this script.

.PARAMETER NoDns
    Skip the DNS checks (PTR, SPF, DKIM).

.EXAMPLE
    ./Repair-MailHost.ps1 -Root /mnt/image -WhatIf
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
param(
    [string] $Root = '/',
    [string] $LibraryPath = (Join-Path $PSScriptRoot 'lib'),
    [switch] $NoDns
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

# Dependencies first: Add-Type resolves an assembly's references only against what is already loaded (Windows
# PowerShell 5.1 has no resolver that looks next to the DLL). The order follows the packages' netstandard2.0
# dependency groups: Logging.Abstractions needs DependencyInjection.Abstractions, System.Memory and System.Buffers;
# DependencyInjection.Abstractions needs Microsoft.Bcl.AsyncInterfaces and System.Threading.Tasks.Extensions;
# System.Memory needs System.Runtime.CompilerServices.Unsafe and System.Numerics.Vectors; DnsClient needs
# Microsoft.Win32.Registry (and System.Buffers).
# PowerShell 7 (.NET) already has the System.* ones, in newer versions; loading the old copies there would fail
# ("Assembly with same name is already loaded"), so they are loaded on Windows PowerShell (Desktop) only.
$desktopOnly = @(
    'System.Runtime.CompilerServices.Unsafe.dll',
    'System.Buffers.dll',
    'System.Numerics.Vectors.dll',
    'System.Memory.dll',
    'System.Threading.Tasks.Extensions.dll',
    'Microsoft.Bcl.AsyncInterfaces.dll',
    'Microsoft.Win32.Registry.dll'
)
$always = @(
    'Microsoft.Extensions.DependencyInjection.Abstractions.dll',
    'Microsoft.Extensions.Logging.Abstractions.dll',
    'Sprache.dll',
    'DnsClient.dll',
    'MailConfigKit.dll'
)
$load = if ($PSVersionTable.PSEdition -eq 'Desktop') { $desktopOnly + $always } else { $always }
foreach ($dll in $load) {
    $path = Join-Path $LibraryPath $dll
    if (-not (Test-Path -LiteralPath $path)) { throw "Missing $path; see samples/powershell/README.md for how to fill $LibraryPath." }
    Add-Type -Path $path
}

# A relative -Root is relative to PowerShell's location (Set-Location), not to the process's folder, which .NET would
# use: resolve it through the provider first. (The MailConfigKit module's cmdlets do this themselves.)
$rootPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Root)
$hostRoot = [MailConfigKit.Host.MailHost]::Open($rootPath)
if (-not ($hostRoot.HasPostfix -or $hostRoot.HasExim4)) {
    Write-Warning "$($hostRoot.Root) has neither etc/postfix/main.cf nor etc/exim4/update-exim4.conf.conf: nothing to examine."
    return
}

$options = New-Object MailConfigKit.Diagnosis.DiagnosisOptions
$options.CheckDns = -not $NoDns
$report = [MailConfigKit.Diagnosis.MailDiagnosis]::Examine($hostRoot, $options)
$catalog = [MailConfigKit.Remediation.RemediationCatalog]::Default

# Text from the host (log lines, config values) can hold terminal escape sequences: show them, never obey them.
function Show([string] $text) { [MailConfigKit.Values.LogText]::ForTerminal($text) }

foreach ($finding in $report.Findings) {
    Write-Host ("{0} {1}: {2}" -f $finding.Severity, $finding.Id, (Show $finding.Title))
    foreach ($evidence in $finding.Evidence) { Write-Host "    $(Show $evidence.ToString())" }
    # A fix is claimed only when the best remediation changes something on this host.
    $planned = $catalog.PlanFor($hostRoot, $finding)
    if ($planned.HasChanges) { Write-Host "    fix: $($planned.Remediation.Title)" }
    elseif ($null -ne $planned.Remediation) { Write-Host "    fix: none planned here; a person has to act" }
}

# The catalog maps finding ids to remediations; PlanBest is an instance method, so PowerShell can call it directly.
$plan = $catalog.PlanBest($report)
if (-not $plan.HasChanges) {
    Write-Host 'Nothing to change.'
    return
}
Write-Host $plan.ToUnifiedDiff()

$files = ($plan.FileChanges | ForEach-Object { $_.RelativePath }) -join ', '
if ($PSCmdlet.ShouldProcess("$files under $($hostRoot.Root)", $plan.Title)) {
    $options = New-Object MailConfigKit.Remediation.ApplyOptions
    $options.CreateBackup = $true    # keeps NAME.mck-backup-TIMESTAMP next to each file
    $result = [MailConfigKit.Remediation.PlanExecutor]::Apply($plan, $options)
    $result.Files | Format-Table RelativePath, Outcome, BackupPath -AutoSize | Out-Host
    if ($result.PendingServiceActions.Count -gt 0) {
        Write-Host 'Now run, in this order:'
        foreach ($action in $result.PendingServiceActions) {
            $command = if ($action.Command.Count -gt 0) { $action.CommandLine } else { '(manual)' }
            Write-Host "  $command    # $($action.Description)"
        }
    }
    $result
}
