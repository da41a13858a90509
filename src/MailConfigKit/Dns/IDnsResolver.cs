namespace MailConfigKit.Dns
{
    /// <summary>
    /// The DNS questions the diagnosis and SPF evaluation ask, behind an interface so a caller can supply its own (a cache,
    /// a zone in memory). <see cref="DnsClientResolver"/> asks real servers (DnsClient underneath) and never reads
    /// <c>/etc/hosts</c>.
    /// </summary>
    public interface IDnsResolver
    {
        /// <summary>Asks one question; never throws (every failure is a <see cref="DnsAnswer.Status"/>).</summary>
        DnsAnswer Query(string name, DnsRecordType type);
    }
}
