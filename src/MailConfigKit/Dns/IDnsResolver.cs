using System.Net;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// The DNS look-ups the diagnosis needs, behind an interface so a caller can supply its own (a specific server, a
    /// cache). <see cref="SystemDnsResolver"/> uses the system resolver through <c>System.Net.Dns</c>.
    /// </summary>
    public interface IDnsResolver
    {
        /// <summary>Asks one question; never throws (every failure is a <see cref="DnsAnswer.Status"/>).</summary>
        DnsAnswer Query(string name, DnsRecordType type);

        /// <summary>The PTR name(s) of <paramref name="address"/>.</summary>
        DnsLookupResult ReverseLookup(IPAddress address);

        /// <summary>The addresses (A and AAAA) of <paramref name="name"/>.</summary>
        DnsLookupResult ForwardLookup(string name);
    }
}
