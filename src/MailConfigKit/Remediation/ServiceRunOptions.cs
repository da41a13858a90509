namespace MailConfigKit.Remediation
{
    /// <summary>How <see cref="ServiceActionRunner"/> runs a plan's service actions and verifies the daemons.</summary>
    public sealed class ServiceRunOptions
    {
        /// <summary>The host's service control; null: <see cref="ServiceControl.Detect"/>.</summary>
        public ServiceControl? Control { get; set; }

        /// <summary>Where exim should listen (today <c>dc_local_interfaces</c> x exim's default port and retries; replace with a reading of the effective configuration).</summary>
        public IListenConfigurationSource EximListeners { get; set; } = new EximListenConfigurationSource();

        /// <summary>Where Postfix should listen.</summary>
        public IListenConfigurationSource PostfixListeners { get; set; } = new PostfixListenConfigurationSource();

        /// <summary>Probe timeout and poll interval for verification (the runner sets <see cref="ListenVerificationOptions.RestartedAt"/> itself).</summary>
        public ListenVerificationOptions Verification { get; set; } = new ListenVerificationOptions();

        /// <summary>The defaults: detected control, exim's and Postfix's own readings.</summary>
        public static ServiceRunOptions Default => new ServiceRunOptions();

        /// <summary>The options in one line.</summary>
        public override string ToString() => "control: " + (Control?.ToString() ?? "detected") + "; " + EximListeners + "; " + PostfixListeners;
    }
}
