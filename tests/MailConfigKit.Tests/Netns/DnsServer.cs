using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// dnsmasq inside a <see cref="NetNamespace"/> on 127.0.0.1:53, answering only from the records given: the namespace's
    /// resolver when the namespace was made with <see cref="ResolvConf"/> as its resolv.conf.
    /// <para>
    /// <c>--no-resolv --no-hosts</c>: no upstream servers and no /etc/hosts; <c>--local=/#/</c>: every name is local, so a
    /// name without a record gets NXDOMAIN (without it dnsmasq answers REFUSED, "no upstream servers"). Note that
    /// <c>--host-record</c> also creates the matching PTR records; a PTR without a forward record is <c>--ptr-record</c>.
    /// </para>
    /// </summary>
    public sealed class DnsServer : IDisposable
    {
        /// <summary>resolv.conf for the namespace: this server, and a quick failure (1 s, one try) when it does not answer.</summary>
        public const string ResolvConf = "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n";

        private readonly BackgroundProcess _process;
        private readonly string _folder;

        /// <param name="ptrRecords">Address to name, e.g. <c>("192.0.2.2", "other.example")</c>.</param>
        /// <param name="hostRecords">Name to addresses (A and/or AAAA), e.g. <c>("mail.example", new[] { "192.0.2.1", "2001:db8::1" })</c>.</param>
        public DnsServer(NetNamespace ns, IEnumerable<(string Address, string Name)> ptrRecords, IEnumerable<(string Name, string[] Addresses)> hostRecords)
            : this(ns, new[] { "--local=/#/" }
                .Concat(ptrRecords.Select(r => "--ptr-record=" + ReverseName(r.Address) + "," + r.Name))
                .Concat(hostRecords.Select(r => "--host-record=" + r.Name + "," + string.Join(",", r.Addresses))).ToList(),
                "127.0.0.1", 53)
        {
        }

        /// <summary>
        /// dnsmasq on <paramref name="address"/>:<paramref name="port"/> with <paramref name="records"/> as its only
        /// configuration besides the fixed options (no upstream, no /etc/hosts, queries logged): give <c>--local=/#/</c>
        /// for NXDOMAIN on unknown names, or leave it out to have them REFUSED ("no upstream servers").
        /// </summary>
        public DnsServer(NetNamespace ns, IReadOnlyList<string> records, string address, int port)
        {
            var tools = OracleTools.RequireRootOrIgnore();
            _folder = Directory.CreateTempSubdirectory("mck-dnsmasq-").FullName;
            var args = new List<string>
            {
                "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                "--listen-address=" + address, "--bind-interfaces", "--port=" + port,
                "--user=root", // the dnsmasq account does not exist here
                "--pid-file=" + Path.Combine(_folder, "dnsmasq.pid"), "--dhcp-leasefile=" + Path.Combine(_folder, "dnsmasq.leases"),
                "--log-facility=-", "--log-queries",
            };
            args.AddRange(records);
            _process = ns.Start(tools.Dnsmasq, args);
            string endpoint = address + ":" + port;
            if (!NetNamespace.WaitUntil(() => _process.HasExited || ns.ListeningUdp().Contains(endpoint), TimeSpan.FromSeconds(5))
                || _process.HasExited)
            {
                var why = _process.Describe();
                Dispose();
                throw new InvalidOperationException("dnsmasq did not start: " + why);
            }
        }

        /// <summary>dnsmasq's log so far (queries included).</summary>
        public string Log => _process.StderrSoFar;

        /// <summary>The in-addr.arpa or ip6.arpa name of an address.</summary>
        public static string ReverseName(string address)
        {
            var ip = System.Net.IPAddress.Parse(address);
            if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                return string.Join(".", ip.GetAddressBytes().Reverse()) + ".in-addr.arpa";
            }

            var nibbles = ip.GetAddressBytes().SelectMany(b => new[] { b >> 4, b & 0xF }).Reverse().Select(n => n.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            return string.Join(".", nibbles) + ".ip6.arpa";
        }

        public void Dispose()
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
