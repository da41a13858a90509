namespace MailConfigKit.Remediation
{
    /// <summary>How one service action ended.</summary>
    public enum ServiceActionStatus
    {
        /// <summary>It ran and did what it says (a start was seen listening).</summary>
        Done = 0,

        /// <summary>It ran and failed, or the daemon was not seen listening; nothing after it runs.</summary>
        Failed = 1,

        /// <summary>It did not run (an earlier action failed, or it needs a verified start that did not happen).</summary>
        Skipped = 2,
    }
}
