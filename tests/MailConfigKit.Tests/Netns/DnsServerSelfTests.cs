using System.Linq;
using System.Text.Json.Nodes;
using FluentAssertions;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// What .NET's System.Net.Dns, run inside a namespace whose resolver is <see cref="DnsServer"/>, reports for the cases the
    /// library's resolver must tell apart (found / missing / unknown).
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class DnsServerSelfTests
    {
        private const string Hosts = "127.0.0.1\tlocalhost\n";

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        [Test]
        public void Ptr_lookups_through_System_Net_Dns()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { ResolvConf = DnsServer.ResolvConf, Hosts = Hosts });
            using var dns = new DnsServer(
                ns,
                new[] { ("192.0.2.2", "other.example"), ("192.0.2.4", "ghost.example") },
                new[] { ("mail.example", new[] { "192.0.2.1", "2001:db8::1" }), ("other.example", new[] { "192.0.2.99" }) });

            // Dns.GetHostEntry(IPAddress) does the PTR lookup and then a forward lookup of the name it found.
            // Forward-confirmed: the addresses contain the one asked about.
            var confirmed = Probe(ns, "ptr", "192.0.2.1");
            confirmed["ok"]!.GetValue<bool>().Should().BeTrue();
            confirmed["hostName"]!.GetValue<string>().Should().Be("mail.example");
            Addresses(confirmed).Should().BeEquivalentTo("192.0.2.1", "2001:db8::1");

            // A PTR whose name resolves elsewhere: success, and the address asked about is not in the list.
            var mismatched = Probe(ns, "ptr", "192.0.2.2");
            mismatched["hostName"]!.GetValue<string>().Should().Be("other.example");
            Addresses(mismatched).Should().Equal("192.0.2.99");

            // A PTR whose name does not resolve at all.
            var ghost = Probe(ns, "ptr", "192.0.2.4");
            TestContext.Out.WriteLine("PTR to a name without addresses: " + ghost.ToJsonString());
            ghost["ok"]!.GetValue<bool>().Should().BeTrue();
            ghost["hostName"]!.GetValue<string>().Should().Be("ghost.example");
            Addresses(ghost).Should().BeEmpty();

            // No PTR (NXDOMAIN), and a name without records: HostNotFound.
            AssertSocketError(Probe(ns, "ptr", "192.0.2.3"), "HostNotFound");
            AssertSocketError(Probe(ns, "forward", "nothere.example"), "HostNotFound");

            Addresses(Probe(ns, "forward", "mail.example")).Should().BeEquivalentTo("192.0.2.1", "2001:db8::1");
            dns.Log.Should().Contain("config 3.2.0.192.in-addr.arpa is NXDOMAIN"); // the answer really came from dnsmasq
        }

        [Test]
        public void A_server_that_refuses_or_stays_silent_gives_TryAgain()
        {
            // Nothing listens on 127.0.0.1:53: the query is refused at once (ICMP port unreachable).
            using var refused = new NetNamespace(new NetNamespaceOptions { ResolvConf = DnsServer.ResolvConf, Hosts = Hosts });
            // 192.0.2.53 is on d0's subnet but nobody answers ARP: the query is lost and the 1 s timeout runs out.
            using var silent = new NetNamespace(new NetNamespaceOptions
            {
                ResolvConf = "nameserver 192.0.2.53\noptions timeout:1 attempts:1\n", Hosts = Hosts, ExtraInterface = new ExtraInterface(),
            });
            foreach (var ns in new[] { refused, silent })
            {
                AssertSocketError(Probe(ns, "ptr", "192.0.2.1"), "TryAgain");
                AssertSocketError(Probe(ns, "forward", "mail.example"), "TryAgain");
            }
            // No bound on how long the silent server took: a timed assertion failed once in a fresh-clone CI run (304 ms on a
            // loaded machine, where the unanswered ARP ended the query early); both ways of failing are TryAgain, which is what counts.
        }

        private static string[] Addresses(JsonObject json) =>
            json["addresses"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

        private static void AssertSocketError(JsonObject json, string socketError)
        {
            json["ok"]!.GetValue<bool>().Should().BeFalse(json.ToJsonString());
            json["exception"]!.GetValue<string>().Should().Be("System.Net.Sockets.SocketException", json.ToJsonString());
            json["socketError"]!.GetValue<string>().Should().Be(socketError, json.ToJsonString());
        }

        private static JsonObject Probe(NetNamespace ns, params string[] args)
        {
            var json = NetnsProbe.Run(ns, args);
            TestContext.Out.WriteLine(string.Join(" ", args) + " => " + json.ToJsonString());
            return json;
        }
    }
}
