namespace MailConfigKit.Diagnosis
{
    /// <summary>Where a piece of evidence comes from.</summary>
    public enum EvidenceKind
    {
        /// <summary>A configuration file line.</summary>
        Configuration = 0,

        /// <summary>The host's network state (<c>proc/</c>).</summary>
        Network = 1,

        /// <summary>A log line.</summary>
        Log = 2,

        /// <summary>A DNS answer (or the lack of one).</summary>
        Dns = 3,
    }
}
