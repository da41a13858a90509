namespace MailConfigKit.Remediation
{
    /// <summary>The mail daemon whose listeners are verified.</summary>
    public enum MailDaemon
    {
        /// <summary>Postfix (its <c>master</c> process holds the listening sockets).</summary>
        Postfix = 0,

        /// <summary>exim4 (its daemon process, started with <c>-bd</c>, holds the listening sockets).</summary>
        Exim4 = 1,
    }
}
