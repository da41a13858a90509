namespace MailConfigKit.Remediation
{
    /// <summary>What a service action does.</summary>
    public enum ServiceActionKind
    {
        /// <summary>Run Debian's <c>update-exim4.conf</c> to rebuild exim's configuration from <c>update-exim4.conf.conf</c>.</summary>
        RunUpdateExim4Conf = 0,

        /// <summary>Restart exim4.</summary>
        RestartExim4 = 1,

        /// <summary>Stop Postfix (a reload does not apply <c>inet_protocols</c>).</summary>
        StopPostfix = 2,

        /// <summary>Start Postfix.</summary>
        StartPostfix = 3,

        /// <summary>Empty exim's paniclog, only after exim verifiably started (exim's own start command succeeds even when its daemon dies).</summary>
        ClearEximPaniclog = 4,
    }
}
