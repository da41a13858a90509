using System.Linq;
using System.Text.Json.Nodes;
using System.Text;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// Check 4 and SystemDnsResolver for real: the library runs inside a namespace (NetnsProbe <c>examine</c> and
    /// <c>resolve</c>), whose resolver is dnsmasq, or nothing at all.
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class DiagnosisEndToEndDnsTests
    {
        private const string Hosts = "127.0.0.1\tlocalhost\n";

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        /// <summary>
        /// A Postfix host with three global IPv6 addresses in its proc/ snapshot. The addresses need not exist in the
        /// namespace: the check reads them from the tree and asks the namespace's DNS about them.
        /// </summary>
        private static HostTree PostfixTreeWithThreeAddresses()
        {
            var tree = new HostTree();
            tree.Write("etc/postfix/main.cf", TestFiles.CaseBytes("Postfix/Cases/debian-default-main.cf"));
            tree.Write("proc/sys/net/ipv6/conf/lo/disable_ipv6", Encoding.ASCII.GetBytes("0\n"));
            tree.Write("proc/net/if_inet6", Encoding.ASCII.GetBytes(
                "00000000000000000000000000000001 01 80 10 80       lo\n"
                + "20010db8000000000000000000000025 02 40 00 80       d0\n"
                + "20010db8000000000000000000000026 02 40 00 80       d0\n"
                + "20010db8000000000000000000000027 02 40 00 80       d0\n"));
            return tree;
        }

        [Test]
        public void Confirmed_not_confirmed_and_missing_ptr_get_the_right_verdicts()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { ResolvConf = DnsServer.ResolvConf, Hosts = Hosts });
            // --host-record makes the PTR of ::25 too (forward-confirmed); ::26 has a PTR whose name resolves elsewhere; ::27 has none.
            using var dns = new DnsServer(
                ns,
                new[] { ("2001:db8::26", "other.example") },
                new[] { ("mail.example", new[] { "2001:db8::25" }), ("other.example", new[] { "2001:db8::99" }) });
            using var tree = PostfixTreeWithThreeAddresses();

            var findings = Probe(ns, "examine", tree.Root)["findings"]!.AsArray();
            findings.Select(f => f!["id"]!.GetValue<string>() + " " + Address(f)).Should().Equal(
                FindingIds.DnsIpv6PtrNotConfirmed + " 2001:db8::26",
                FindingIds.DnsIpv6PtrMissing + " 2001:db8::27");
            findings.Should().OnlyContain(f => f!["severity"]!.GetValue<string>() == "Warning");
            findings[0]!["evidence"]!.AsArray().Select(e => e!.GetValue<string>()).Should()
                .Contain("dns: PTR 2001:db8::26: other.example").And.Contain("dns: other.example: 2001:db8::99");

            var confirmed = Probe(ns, "resolve", "2001:db8::25");
            confirmed["ptr"]!["status"]!.GetValue<string>().Should().Be("Found");
            confirmed["ptr"]!["names"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("mail.example");
            confirmed["forward"]![0]!["addresses"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("2001:db8::25");
            Probe(ns, "resolve", "2001:db8::27")["ptr"]!["status"]!.GetValue<string>().Should().Be("NotFound");
            dns.Log.Should().Contain("7.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa is NXDOMAIN");
        }

        [Test]
        public void A_resolver_that_does_not_answer_gives_unknown_never_missing()
        {
            // Nothing listens on the namespace's 127.0.0.1:53 (spec: SocketError.TryAgain).
            using var ns = new NetNamespace(new NetNamespaceOptions { ResolvConf = DnsServer.ResolvConf, Hosts = Hosts });
            using var tree = PostfixTreeWithThreeAddresses();

            var findings = Probe(ns, "examine", tree.Root)["findings"]!.AsArray();
            findings.Select(f => f!["id"]!.GetValue<string>() + " " + f["severity"]!.GetValue<string>()).Should()
                .Equal(Enumerable.Repeat(FindingIds.DnsIpv6PtrUnknown + " Note", 3));
            findings.Should().OnlyContain(f => f!["remediations"]!.AsArray().Count == 0);

            var result = Probe(ns, "resolve", "2001:db8::25");
            result["ptr"]!["status"]!.GetValue<string>().Should().Be("Unknown");
            result["ptr"]!["error"]!.GetValue<string>().Should().StartWith("TryAgain");
        }

        private static string Address(JsonNode? finding) =>
            finding!["evidence"]!.AsArray().Select(e => e!.GetValue<string>()).First(e => e.StartsWith("proc/net/if_inet6")).Split(' ')[1].Split('/')[0];

        private static JsonObject Probe(NetNamespace ns, params string[] args)
        {
            var json = NetnsProbe.Run(ns, args);
            TestContext.Out.WriteLine(string.Join(" ", args) + " => " + json.ToJsonString());
            json["ok"]!.GetValue<bool>().Should().BeTrue(json.ToJsonString());
            return json;
        }
    }
}
