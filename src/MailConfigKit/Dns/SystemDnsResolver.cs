using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// <see cref="IDnsResolver"/> over <c>System.Net.Dns</c> (the system resolver: <c>/etc/resolv.conf</c>, nsswitch).
    /// Never throws. Measured in network namespaces against dnsmasq (tests/MailConfigKit.Tests/Netns/README.md):
    /// NXDOMAIN gives <see cref="SocketError.HostNotFound"/>, which is <see cref="DnsLookupStatus.NotFound"/>, as is
    /// <see cref="SocketError.NoData"/>; a refused or silent server gives <see cref="SocketError.TryAgain"/>, which, like
    /// every other failure, is <see cref="DnsLookupStatus.Unknown"/> and never read as "missing".
    /// </summary>
    public sealed class SystemDnsResolver : IDnsResolver
    {
        private static readonly IReadOnlyList<string> NoNames = new string[0];
        private static readonly IReadOnlyList<IPAddress> NoAddresses = new IPAddress[0];

        /// <inheritdoc />
        /// <remarks>Interim: System.Net.Dns cannot ask for a record type, so every question gets a server failure that says so.
        /// The DnsClient resolver replaces this class.</remarks>
        public DnsAnswer Query(string name, DnsRecordType type)
            => DnsAnswer.ServerFailure("System.Net.Dns cannot ask for " + type + " records");

        /// <inheritdoc />
        public DnsLookupResult ReverseLookup(IPAddress address)
        {
            if (address == null) throw new ArgumentNullException(nameof(address));
            try
            {
                IPHostEntry entry = System.Net.Dns.GetHostEntry(address);
                var names = new List<string>();
                if (!string.IsNullOrEmpty(entry.HostName)) names.Add(entry.HostName);
                names.AddRange(entry.Aliases.Where(a => !string.IsNullOrEmpty(a) && !names.Contains(a)));
                return names.Count == 0
                    ? new DnsLookupResult(DnsLookupStatus.NotFound, NoNames, NoAddresses, "no PTR name")
                    : new DnsLookupResult(DnsLookupStatus.Found, names, entry.AddressList, null);
            }
            catch (Exception ex)
            {
                return Failure(ex);
            }
        }

        /// <inheritdoc />
        public DnsLookupResult ForwardLookup(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            try
            {
                IPAddress[] addresses = System.Net.Dns.GetHostAddresses(name);
                return addresses.Length == 0
                    ? new DnsLookupResult(DnsLookupStatus.NotFound, NoNames, NoAddresses, "no addresses")
                    : new DnsLookupResult(DnsLookupStatus.Found, NoNames, addresses, null);
            }
            catch (Exception ex)
            {
                return Failure(ex);
            }
        }

        /// <summary>The status an exception of <c>System.Net.Dns</c> stands for.</summary>
        internal static DnsLookupResult Failure(Exception ex)
        {
            if (ex is SocketException s)
            {
                bool missing = s.SocketErrorCode == SocketError.HostNotFound || s.SocketErrorCode == SocketError.NoData;
                return new DnsLookupResult(missing ? DnsLookupStatus.NotFound : DnsLookupStatus.Unknown, NoNames, NoAddresses,
                    s.SocketErrorCode + ": " + s.Message);
            }
            return new DnsLookupResult(DnsLookupStatus.Unknown, NoNames, NoAddresses, ex.GetType().Name + ": " + ex.Message);
        }

        /// <summary>What it is.</summary>
        public override string ToString() => "system resolver (System.Net.Dns: reads /etc/hosts, then DNS)";
    }
}
