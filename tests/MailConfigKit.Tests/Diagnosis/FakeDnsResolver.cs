using System.Collections.Generic;
using System.Linq;
using System.Net;
using MailConfigKit.Dns;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>
    /// An in-memory <see cref="IDnsResolver"/> for unit tests. The real resolver (SystemDnsResolver over System.Net.Dns) is
    /// tested against dnsmasq in network namespaces (DiagnosisEndToEndDnsTests).
    /// </summary>
    public sealed class FakeDnsResolver : IDnsResolver
    {
        private readonly Dictionary<IPAddress, DnsLookupResult> _ptr = new();
        private readonly Dictionary<string, DnsLookupResult> _forward = new();

        /// <summary>Every look-up not configured: this status (NotFound by default).</summary>
        public DnsLookupStatus Otherwise { get; set; } = DnsLookupStatus.NotFound;

        public List<string> Queries { get; } = new();

        public FakeDnsResolver Ptr(string address, params string[] names)
        {
            _ptr[IPAddress.Parse(address)] = new DnsLookupResult(DnsLookupStatus.Found, names, new IPAddress[0], null);
            return this;
        }

        public FakeDnsResolver PtrStatus(string address, DnsLookupStatus status)
        {
            _ptr[IPAddress.Parse(address)] = new DnsLookupResult(status, new string[0], new IPAddress[0], "fake " + status);
            return this;
        }

        public FakeDnsResolver Host(string name, params string[] addresses)
        {
            _forward[name] = new DnsLookupResult(DnsLookupStatus.Found, new string[0], addresses.Select(IPAddress.Parse).ToList(), null);
            return this;
        }

        public FakeDnsResolver HostStatus(string name, DnsLookupStatus status)
        {
            _forward[name] = new DnsLookupResult(status, new string[0], new IPAddress[0], "fake " + status);
            return this;
        }

        public DnsLookupResult ReverseLookup(IPAddress address)
        {
            Queries.Add("PTR " + address);
            return _ptr.TryGetValue(address, out var r) ? r : Missing();
        }

        public DnsLookupResult ForwardLookup(string name)
        {
            Queries.Add("A/AAAA " + name);
            return _forward.TryGetValue(name, out var r) ? r : Missing();
        }

        /// <summary>Typed questions are not configured here: a server failure.</summary>
        public DnsAnswer Query(string name, DnsRecordType type)
        {
            Queries.Add(type + " " + name);
            return DnsAnswer.ServerFailure("fake: typed questions not configured");
        }

        private DnsLookupResult Missing() => new(Otherwise, new string[0], new IPAddress[0], "fake " + Otherwise);
    }
}
