using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using FluentAssertions;
using MailConfigKit.Dns;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// DnsClientResolver against real dnsmasq servers in a network namespace (the library runs inside it through NetnsProbe
    /// <c>query</c>): every status, TXT records of several and of long strings, IPv6 PTR, MX, CNAME chains, servers tried
    /// in order, and an /etc/hosts in the namespace that maps the same names differently and changes nothing.
    /// <para>
    /// How dnsmasq 2.90 gives each status (measured here): names under <c>--local</c> domains without a record are NXDOMAIN;
    /// a name with records of other types is NOERROR without data; a name outside every local domain, with no upstream, is
    /// REFUSED; a domain forwarded to a dead upstream (nothing on that port) is never answered (timeout); a domain forwarded
    /// to an unsigned upstream while <c>--dnssec</c> is on fails validation ("resource limit exceeded ... ABANDONED") and
    /// is SERVFAIL.
    /// </para>
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class DnsClientResolverTests
    {
        /// <summary>The same names, mapped elsewhere: an answer from this file would show 192.0.2.99 or 2001:db8::99.</summary>
        private const string Hosts = "127.0.0.1\tlocalhost\n192.0.2.99\tmail.example nx.example alias.example\n"
            + "2001:db8::99\tmail.example nx.example multi.example x.servfail.test x.timeout.test x.elsewhere.test\n";

        /// <summary>The root's DNSSEC trust anchor (KSK-2017), so that dnsmasq validates what it forwards.</summary>
        private const string TrustAnchor = "--trust-anchor=.,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";

        private static readonly string Long255 = new('a', 255);
        private static readonly string Long100 = new('b', 100);

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        private static DnsServer Zone(NetNamespace ns) => new(ns, new[]
        {
            "--local=/example/", "--local=/ip6.arpa/",
            "--host-record=mail.example,192.0.2.25,2001:db8::25",
            "--ptr-record=" + DnsServer.ReverseName("2001:db8::26") + ",other.example",
            "--ptr-record=" + DnsServer.ReverseName("2001:db8::26") + ",second.example",
            // Arguments reach dnsmasq without a shell: commas separate the strings, quotes would be kept as characters.
            "--txt-record=multi.example,v=spf1 ip6:2001:db8:,:25 -all",
            "--txt-record=multi.example,second record",
            "--txt-record=long.example," + Long255 + "," + Long100,
            // Eight strings of 255: over dnsmasq's UDP size, so the reply is truncated and asked again over TCP.
            "--txt-record=huge.example," + string.Join(",", Enumerable.Repeat(Long255, 8)),
            "--cname=alias.example,alias2.example", "--cname=alias2.example,mail.example",
            "--cname=dangling.example,nowhere.example",
            "--mx-host=example,mail.example,10",
            "--server=/timeout.test/127.0.0.1#5399",
        }, "127.0.0.1", 53);

        /// <summary>An unsigned upstream (127.0.0.1:5300) and, on 127.0.0.2, a validating dnsmasq forwarding everything to it.</summary>
        private static (DnsServer Upstream, DnsServer Validating) Validating(NetNamespace ns) => (
            new(ns, new[] { "--local=/servfail.test/", "--host-record=x.servfail.test,192.0.2.1" }, "127.0.0.1", 5300),
            new(ns, new[] { "--dnssec", TrustAnchor, "--server=127.0.0.1#5300" }, "127.0.0.2", 53));

        [Test]
        public void Every_status_and_record_type_from_a_real_server_and_never_from_etc_hosts()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { Hosts = Hosts, ResolvConf = DnsServer.ResolvConf });
            var (upstream, validating) = Validating(ns);
            using var u = upstream;
            using var v = validating;
            using var dns = Zone(ns);
            string resolvConf = ResolvConf("nameserver 127.0.0.1\n");

            var answers = Query(ns, resolvConf,
                "AAAA", "mail.example", "A", "mail.example", "TXT", "mail.example", "AAAA", "nx.example",
                "AAAA", "x.elsewhere.test", "A", "x.timeout.test",
                "PTR", DnsServer.ReverseName("2001:db8::25"), "PTR", DnsServer.ReverseName("2001:db8::26"), "PTR", DnsServer.ReverseName("2001:db8::27"),
                "TXT", "multi.example", "TXT", "long.example", "TXT", "huge.example",
                "AAAA", "alias.example", "A", "alias.example", "AAAA", "dangling.example", "MX", "example");

            answers["AAAA mail.example"].Should().Be("Found: 2001:db8::25");
            answers["A mail.example"].Should().Be("Found: 192.0.2.25");
            answers["TXT mail.example"].Should().Be("NoData");
            answers["AAAA nx.example"].Should().Be("NxDomain");
            answers["AAAA x.elsewhere.test"].Should().Be("Refused");
            Query(ns, ResolvConf("nameserver 127.0.0.2\n"), "A", "x.servfail.test")["A x.servfail.test"].Should().Be("ServerFailure");
            validating.Log.Should().Contain("validation x.servfail.test is ABANDONED");
            answers["A x.timeout.test"].Should().Be("Timeout");
            answers["PTR " + DnsServer.ReverseName("2001:db8::25")].Should().Be("Found: mail.example", "--host-record makes the PTR too");
            answers["PTR " + DnsServer.ReverseName("2001:db8::26")].Split(": ")[1].Split(" | ").Should().BeEquivalentTo("other.example", "second.example");
            answers["PTR " + DnsServer.ReverseName("2001:db8::27")].Should().Be("NxDomain");
            answers["TXT multi.example"].Split(": ", 2)[1].Split(" | ").Should().BeEquivalentTo(new[] { "v=spf1 ip6:2001:db8::25 -all", "second record" }, "a record's strings are joined without separator");
            answers["TXT long.example"].Should().Be("Found: " + Long255 + Long100);
            answers["TXT huge.example"].Should().Be("Found: " + string.Concat(Enumerable.Repeat(Long255, 8)));
            answers["AAAA alias.example"].Should().Be("Found: 2001:db8::25", "the chain alias -> alias2 -> mail is followed by the server");
            answers["A alias.example"].Should().Be("Found: 192.0.2.25");
            answers["AAAA dangling.example"].Should().Be("NoData", "dnsmasq answers a CNAME to a name it has nothing for with the CNAME alone");
            answers["MX example"].Should().Be("Found: 10 mail.example");

            // The truncated UDP reply was asked again (over TCP): dnsmasq logs the question twice.
            System.Text.RegularExpressions.Regex.Matches(dns.Log, @"query\[TXT\] huge\.example from").Count.Should().Be(2, dns.Log);
            dns.Log.Should().Contain("query[AAAA] mail.example from 127.0.0.1").And.Contain("forwarded x.timeout.test to 127.0.0.1#5399");
            // The namespace's /etc/hosts is in force for the system resolver: the same name gives the hosts file's address there.
            var system = NetnsProbe.Run(ns, "forward", "nx.example");
            system["addresses"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain("192.0.2.99");
        }

        [Test]
        public void Servers_are_asked_in_order_until_one_gives_a_definite_answer()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { Hosts = Hosts, ResolvConf = DnsServer.ResolvConf });
            using var dns = new DnsServer(ns, new[] { "--local=/example/", "--host-record=mail.example,2001:db8::25" }, "127.0.0.1", 53);
            // 127.0.0.3 has no server (no answer); then a server that refuses (no local domain, no upstream); then the zone.
            using var refusing = new DnsServer(ns, new[] { "--host-record=other.test,192.0.2.7" }, "127.0.0.2", 53);
            var answers = Query(ns, ResolvConf("# comment\nnameserver 127.0.0.3\nnameserver 127.0.0.2 # refuses\nnameserver 127.0.0.1\n"),
                "AAAA", "mail.example", "AAAA", "nx.example", "AAAA", "x.elsewhere.test");
            answers["AAAA mail.example"].Should().Be("Found: 2001:db8::25");
            answers["AAAA nx.example"].Should().Be("NxDomain");
            // Every server failed: the first one's failure, each server's in the detail.
            var failed = Raw(ns, ResolvConf("nameserver 127.0.0.3\nnameserver 127.0.0.2\nnameserver 127.0.0.1\n"), "AAAA", "x.elsewhere.test")[0]!;
            failed["status"]!.GetValue<string>().Should().Be("Timeout");
            failed["detail"]!.GetValue<string>().Should().Be("127.0.0.3: Timeout (no answer in 1000 ms, 1 try); 127.0.0.2: Refused (REFUSED); 127.0.0.1: Refused (REFUSED)");
            refusing.Log.Should().Contain("query[AAAA] x.elsewhere.test");
        }

        [Test]
        public void Without_any_nameserver_line_the_resolver_asks_127_0_0_1_as_glibc_does()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { Hosts = Hosts, ResolvConf = DnsServer.ResolvConf });
            using var dns = new DnsServer(ns, new[] { "--local=/example/", "--host-record=mail.example,2001:db8::25" }, "127.0.0.1", 53);
            Query(ns, ResolvConf("search example\noptions timeout:1\n"), "AAAA", "mail.example")["AAAA mail.example"].Should().Be("Found: 2001:db8::25");
        }

        private static string ResolvConf(string text)
        {
            string path = Path.Combine(Directory.CreateTempSubdirectory("mck-dns-resolvconf-").FullName, "resolv.conf");
            File.WriteAllText(path, text);
            return path;
        }

        private static JsonArray Raw(NetNamespace ns, string resolvConf, params string[] questions)
        {
            var json = NetnsProbe.Run(ns, new[] { "query", resolvConf }.Concat(questions).ToArray());
            TestContext.Out.WriteLine(json.ToJsonString());
            json["ok"]!.GetValue<bool>().Should().BeTrue(json.ToJsonString());
            return json["answers"]!.AsArray();
        }

        /// <summary>Each answer as <c>Status</c> or <c>Status: record | record</c>, by <c>TYPE name</c>.</summary>
        private static Dictionary<string, string> Query(NetNamespace ns, string resolvConf, params string[] questions) =>
            Raw(ns, resolvConf, questions).ToDictionary(
                a => a!["query"]!.GetValue<string>(),
                a =>
                {
                    var records = a!["records"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
                    return a["status"]!.GetValue<string>() + (records.Count > 0 ? ": " + string.Join(" | ", records) : string.Empty);
                });
    }
}
