@{
    RootModule           = 'MailConfigKit.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6f0c1e52-3b0a-4f44-9c59-0d7a3c2be4a1'
    Author               = 'MailConfigKit contributors'
    CompanyName          = 'MailConfigKit contributors'
    Copyright            = 'Copyright (c) 2026 MailConfigKit contributors'
    Description          = 'Diagnoses and repairs the mail configuration of Debian hosts (Postfix main.cf/master.cf, exim4 update-exim4.conf.conf) without losing a byte; reads and edits the documents from the pipeline.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell 5.1 needs .NET Framework 4.7.2 for netstandard2.0 assemblies.
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('MailConfigKit.format.ps1xml')
    CmdletsToExport      = @(
        'Get-MailDiagnosis', 'Get-MailRemediationPlan', 'Repair-MailHost', 'Test-MailHost',
        'Get-PostfixParameter', 'Set-PostfixParameter', 'Get-Exim4Parameter', 'Set-Exim4Parameter', 'Get-MailConfigDocument'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('postfix', 'exim', 'exim4', 'mail', 'debian', 'ipv6', 'Linux', 'PSEdition_Core', 'PSEdition_Desktop')
            LicenseUri = 'https://github.com/mailconfigkit/mailconfigkit/blob/main/LICENSE'
            ProjectUri = 'https://github.com/mailconfigkit/mailconfigkit'
        }
    }
}
