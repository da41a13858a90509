namespace MailConfigKit.Dns
{
    /// <summary>The DNS record types the diagnosis and SPF evaluation ask for.</summary>
    public enum DnsRecordType
    {
        /// <summary>An IPv4 address record.</summary>
        A = 1,

        /// <summary>An IPv6 address record.</summary>
        AAAA = 28,

        /// <summary>A mail exchanger record (presentation text <c>preference exchange</c>).</summary>
        MX = 15,

        /// <summary>A pointer record (reverse DNS).</summary>
        PTR = 12,

        /// <summary>A text record (its strings joined without separator, as SPF reads them).</summary>
        TXT = 16,
    }
}
