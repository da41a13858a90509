namespace MailConfigKit.Dns
{
    /// <summary>The outcome of a DNS look-up.</summary>
    public enum DnsLookupStatus
    {
        /// <summary>The server answered with records.</summary>
        Found = 0,

        /// <summary>The server answered that there are none (NXDOMAIN, or no records of the type).</summary>
        NotFound = 1,

        /// <summary>No answer could be had (timeout, server failure, no server): never read as "missing".</summary>
        Unknown = 2,
    }
}
