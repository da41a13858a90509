using System;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Tests.Support;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Netns;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>
    /// The remediation on a real Postfix 3.7.11 in a network namespace (root only): lo keeps IPv6 (a host cannot reach its
    /// own global IPv6 address otherwise, see Netns/README.md), d0 has 192.0.2.25 and 2001:db8::25, and smtp-sink listens on
    /// port 2526 of both as the "remote" server. transport_maps sends each test domain to one of them, through the smtp or
    /// the relay service, so both smtp client entries of master.cf are exercised.
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class PostfixSmtpClientIpv4OnlyEndToEndTests
    {
        private const string DebianHosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tvm\n";

        private const int SinkPort = 2526;

        private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        [Test]
        public void After_the_fix_postfix_still_listens_on_both_families_and_delivers_over_ipv4_only()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = false, ExtraInterface = new ExtraInterface(), Hosts = DebianHosts });
            using var tree = new HostTree();
            using var postfix = new PostfixDaemon(ns, tree.Root);
            using var sink = new SmtpSink(ns, SinkPort, "192.0.2.25", "2001:db8::25");
            var routes = postfix.Postconf(
                "-e",
                "transport_maps = inline:{ v4.example=smtp:[192.0.2.25]:2526, v6.example=smtp:[2001:db8::25]:2526, "
                + "relay-v4.example=relay:[192.0.2.25]:2526, relay-v6.example=relay:[2001:db8::25]:2526 }");
            routes.ExitCode.Should().Be(0, routes.Describe());

            var started = postfix.Start();
            started.ExitCode.Should().Be(0, started.ToString());

            // Before: the smtp client delivers over IPv6, so the IPv6-only outcome below is the fix's doing.
            Send(postfix, "before@v6.example");
            Status(postfix, "before@v6.example").Should().Contain("status=sent").And.Contain("[2001:db8::25]:2526");

            var plan = new PostfixSmtpClientIpv4Only().Plan(MailHost.Open(tree.Root));
            TestContext.Out.WriteLine(plan.ToUnifiedDiff());
            plan.FileChanges.Should().ContainSingle().Which.RelativePath.Should().Be(HostPaths.PostfixMasterCf);
            plan.ServiceActions.Select(a => a.Kind).Should().Equal(ServiceActionKind.StopPostfix, ServiceActionKind.StartPostfix);
            PlanExecutor.Apply(plan).Changed.Should().BeTrue();

            var overrides = postfix.Postconf("-P");
            overrides.ExitCode.Should().Be(0, overrides.Describe());
            overrides.Stdout.Split('\n').Should().Contain("smtp/unix/inet_protocols = ipv4").And.Contain("relay/unix/inet_protocols = ipv4");
            overrides.Stdout.Should().NotContain("smtp/inet/inet_protocols");
            postfix.Postconf("-h", "inet_protocols").Stdout.Should().Be("all\n", "main.cf is untouched");

            // The plan's service actions, on the namespace's instance: a reload does not apply inet_protocols.
            postfix.Stop().ExitCode.Should().Be(0);
            var restarted = postfix.Start();
            restarted.ExitCode.Should().Be(0, restarted.ToString());
            restarted.Listening.Should().Contain(new[] { "0.0.0.0:2525", "[::]:2525" }, restarted.ToString());
            SmtpProbe.ToRcpt(ns, "2001:db8::25", PostfixDaemon.Port, "postmaster@localhost").CodeFor("RCPT").Should().Be(250, "smtpd still receives over IPv6");
            SmtpProbe.ToRcpt(ns, "192.0.2.25", PostfixDaemon.Port, "postmaster@localhost").CodeFor("RCPT").Should().Be(250, "and over IPv4");

            foreach (var rcpt in new[] { "after@v4.example", "after@relay-v4.example", "after@v6.example", "after@relay-v6.example" })
            {
                Send(postfix, rcpt);
            }

            Status(postfix, "after@v4.example").Should().Contain("status=sent").And.Contain("[192.0.2.25]:2526");
            Status(postfix, "after@relay-v4.example").Should().Contain("status=sent").And.Contain("[192.0.2.25]:2526");
            foreach (var rcpt in new[] { "after@v6.example", "after@relay-v6.example" })
            {
                // Measured (postfix 3.7.11): an IPv4-only client does not take the IPv6 literal as an address at all and
                // bounces at once: "relay=none, ... dsn=5.4.4, status=bounced (Name service error for 2001:db8::25:
                // invalid host or domain name)". No connection is attempted, so nothing leaves over IPv6.
                var line = Status(postfix, rcpt);
                TestContext.Out.WriteLine(line);
                line.Should().Contain("relay=none").And.Contain("dsn=5.4.4, status=bounced (Name service error for 2001:db8::25: invalid host or domain name)");
            }
        }

        /// <summary>
        /// The realistic shape (Gmail's MX has A and AAAA records): named destinations from a DNS server in the namespace.
        /// After the fix a dual-stack name is always delivered to its IPv4 address, and an IPv6-only name cannot be reached.
        /// </summary>
        [Test]
        public void After_the_fix_named_destinations_resolve_to_ipv4_only()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions
            {
                DisableLoopbackIpv6 = false, ExtraInterface = new ExtraInterface(), Hosts = DebianHosts, ResolvConf = DnsServer.ResolvConf,
            });
            using var dns = new DnsServer(
                ns,
                Array.Empty<(string, string)>(),
                new[] { ("dual.example", new[] { "192.0.2.25", "2001:db8::25" }), ("v6only.example", new[] { "2001:db8::25" }) });
            using var tree = new HostTree();
            using var postfix = new PostfixDaemon(ns, tree.Root);
            using var sink = new SmtpSink(ns, SinkPort, "192.0.2.25", "2001:db8::25");
            postfix.Postconf(
                "-e",
                "transport_maps = inline:{ dual.example=smtp:[dual.example]:2526, v6only.example=smtp:[v6only.example]:2526 }",
                // Prefer IPv6 so that, before the fix, the dual-stack name would go over IPv6.
                "smtp_address_preference = ipv6").ExitCode.Should().Be(0);
            postfix.Start().ExitCode.Should().Be(0);

            Send(postfix, "before@dual.example");
            Status(postfix, "before@dual.example").Should().Contain("status=sent").And.Contain("[2001:db8::25]:2526");

            PlanExecutor.Apply(new PostfixSmtpClientIpv4Only().Plan(MailHost.Open(tree.Root))).Changed.Should().BeTrue();
            postfix.Stop().ExitCode.Should().Be(0);
            postfix.Start().Listening.Should().Contain(new[] { "0.0.0.0:2525", "[::]:2525" });

            Send(postfix, "after@dual.example");
            Send(postfix, "after@v6only.example");
            Status(postfix, "after@dual.example").Should().Contain("status=sent").And.Contain("[192.0.2.25]:2526");
            var v6only = Status(postfix, "after@v6only.example");
            TestContext.Out.WriteLine(v6only);
            // Measured (postfix 3.7.11): the IPv4-only client asks for A records only and bounces.
            v6only.Should().Contain("relay=none").And.Contain(
                "dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=v6only.example type=A: Host found but no data record of requested type)");
        }

        private static void Send(PostfixDaemon postfix, string recipient)
        {
            var sent = postfix.Sendmail("sender@client.example", recipient, "test to " + recipient);
            sent.ExitCode.Should().Be(0, sent.Describe());
        }

        /// <summary>The first log line with a delivery status for the recipient.</summary>
        private static string Status(PostfixDaemon postfix, string recipient)
        {
            var line = postfix.WaitForLog(l => l.Contains($"to=<{recipient}>", StringComparison.Ordinal) && l.Contains(" status=", StringComparison.Ordinal), Delivery);
            line.Should().NotBeNull($"a status for {recipient} within {Delivery}; log:\n{string.Join("\n", postfix.ReadLog())}");
            return line!;
        }
    }
}
