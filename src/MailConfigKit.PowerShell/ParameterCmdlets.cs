using System.Management.Automation;
using MailConfigKit.PowerShell.Engine;

namespace MailConfigKit.PowerShell
{
    /// <summary>Get-PostfixParameter: the parameters a main.cf sets (effective definitions; -All for every one).</summary>
    [Cmdlet(VerbsCommon.Get, "PostfixParameter")]
    [OutputType("MailConfigKit.Postfix.MainCfParameter")]
    public sealed class GetPostfixParameterCommand : MailCmdlet
    {
        /// <summary>Parameter names; wildcards allowed. All when omitted.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary>The main.cf file; relative to the current location. Default: /etc/postfix/main.cf.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "/etc/postfix/main.cf";

        /// <summary>Every definition, not only the effective (last) one of each name.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            OnPath(Path, nameof(Path), "ReadFailed", path =>
            {
                    foreach (object p in ModuleEngine.GetPostfixParameters(path, NameFilter(Name), All)) WriteObject(p);
            });
        }
    }

    /// <summary>Set-PostfixParameter: postconf -e on a main.cf (a minimal edit, saved atomically; mode and owner kept).</summary>
    [Cmdlet(VerbsCommon.Set, "PostfixParameter", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("MailConfigKit.Postfix.MainCfParameter")]
    public sealed class SetPostfixParameterCommand : MailCmdlet
    {
        /// <summary>The parameter name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>The value ("" is allowed and means empty; $null is refused).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Value { get; set; } = string.Empty;

        /// <summary>The main.cf file; relative to the current location. Default: /etc/postfix/main.cf.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "/etc/postfix/main.cf";

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            OnPath(Path, nameof(Path), "SetFailed", path =>
            {
                if (!ShouldProcess(path, "Set " + Name + " = " + Value)) return;
                    object p = ModuleEngine.SetPostfixParameter(path, Name, Value, out bool changed);
                    WriteVerbose(changed ? "Saved " + path : path + " already had " + Name + " = " + Value + "; not written");
                    WriteObject(p);
            });
        }
    }

    /// <summary>Get-Exim4Parameter: the variables Debian's update-exim4.conf.conf assigns (effective ones; -All for every one).</summary>
    [Cmdlet(VerbsCommon.Get, "Exim4Parameter")]
    [OutputType("MailConfigKit.Exim4.Exim4Assignment")]
    public sealed class GetExim4ParameterCommand : MailCmdlet
    {
        /// <summary>Variable names; wildcards allowed. All when omitted.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary>The update-exim4.conf.conf file; relative to the current location. Default: /etc/exim4/update-exim4.conf.conf.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "/etc/exim4/update-exim4.conf.conf";

        /// <summary>Every assignment, not only the effective (last) one of each name.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            OnPath(Path, nameof(Path), "ReadFailed", path =>
            {
                    foreach (object a in ModuleEngine.GetExim4Parameters(path, NameFilter(Name), All)) WriteObject(a);
            });
        }
    }

    /// <summary>
    /// Set-Exim4Parameter: sets a variable in update-exim4.conf.conf so that sourcing the file gives back the value
    /// exactly (run update-exim4.conf afterwards). The flags (dc_minimaldns, dc_use_split_config, dc_hide_mailname,
    /// dc_mailname_in_oh) take only true or false.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "Exim4Parameter", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("MailConfigKit.Exim4.Exim4Assignment")]
    public sealed class SetExim4ParameterCommand : MailCmdlet
    {
        /// <summary>The variable name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>The value ("" is allowed; $null is refused).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Value { get; set; } = string.Empty;

        /// <summary>The update-exim4.conf.conf file; relative to the current location. Default: /etc/exim4/update-exim4.conf.conf.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "/etc/exim4/update-exim4.conf.conf";

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            OnPath(Path, nameof(Path), "SetFailed", path =>
            {
                if (!ShouldProcess(path, "Set " + Name + "='" + Value + "'")) return;
                    object a = ModuleEngine.SetExim4Parameter(path, Name, Value, out bool changed);
                    WriteVerbose(changed ? "Saved " + path + "; run update-exim4.conf next" : path + " already had " + Name + "; not written");
                    WriteObject(a);
            });
        }
    }

    /// <summary>
    /// Get-MailConfigDocument: loads main.cf, master.cf, update-exim4.conf.conf or an exim configuration as a lossless
    /// document object (its methods edit it: Set, Remove, Save); the kind comes from the file name unless -Kind says.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MailConfigDocument")]
    [OutputType("MailConfigKit.Postfix.MainCf", "MailConfigKit.Postfix.MasterCf", "MailConfigKit.Exim4.UpdateExim4Conf", "MailConfigKit.Exim4.EximConfiguration")]
    public sealed class GetMailConfigDocumentCommand : MailCmdlet
    {
        /// <summary>The file; relative to the current location.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>MainCf, MasterCf, UpdateExim4Conf or EximConfiguration; from the file name when omitted.</summary>
        [Parameter]
        [ValidateSet("MainCf", "MasterCf", "UpdateExim4Conf", "EximConfiguration")]
        public string? Kind { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            OnPath(Path, nameof(Path), "ReadFailed", path =>
            {
                    WriteObject(ModuleEngine.LoadDocument(path, Kind));
            });
        }
    }
}
