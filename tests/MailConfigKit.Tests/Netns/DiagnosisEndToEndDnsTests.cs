using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// MailDoctor end to end: a real Postfix 3.7.11 runs in a namespace whose d0 has 2001:db8::25, the namespace's proc/ is
    /// copied into the tree, the tree's etc/resolv.conf names 127.0.0.1, where dnsmasq serves the zone of each case (or
    /// nothing: a dead resolver), and MailDoctor (the sample, <c>--root TREE --json</c>) runs inside the namespace. The
    /// namespace's /etc/hosts maps the names and the address the way Debian's does for its own name (127.0.1.1) and
    /// more (2001:db8::25 to debian.example.org): the system resolver would answer from it, DnsClientResolver must not.
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class DiagnosisEndToEndDnsTests
    {
        /// <summary>Postfix's HELO name in these trees (debian-default-main.cf: myhostname = debian.example.org).</summary>
        private const string Helo = "debian.example.org";

        private const string Hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tdebian.example.org debian\n"
            + "2001:db8::25\tdebian.example.org other.example\n";

        private static readonly string Reverse25 = DnsServer.ReverseName("2001:db8::25");

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        [Test]
        public void Ptr_missing_names_the_record_to_ask_for()
        {
            var report = Run(new[] { "--local=/#/" });
            var f = Ptr(report).Should().ContainSingle().Subject!;
            f["id"]!.GetValue<string>().Should().Be(FindingIds.DnsIpv6PtrMissing);
            f["severity"]!.GetValue<string>().Should().Be("warning");
            f["explanation"]!.GetValue<string>().Should().Contain("\"" + Reverse25 + ". PTR " + Helo + ".\"");
            Texts(f).Should().Contain("PTR 2001:db8::25 (" + Reverse25 + "): no such name (NXDOMAIN)");
            report["exitCode"]!.GetValue<int>().Should().Be(1);
        }

        [Test]
        public void Ptr_not_confirmed_names_the_aaaa_to_publish()
        {
            var report = Run(new[]
            {
                "--local=/#/", "--ptr-record=" + Reverse25 + ",other.example", "--host-record=other.example,2001:db8::99",
            });
            var f = Ptr(report).Should().ContainSingle().Subject!;
            f["id"]!.GetValue<string>().Should().Be(FindingIds.DnsIpv6PtrNotConfirmed);
            f["explanation"]!.GetValue<string>().Should().Contain("Publish \"other.example. AAAA 2001:db8::25\"");
            Texts(f).Should().Contain("AAAA other.example: 2001:db8::99");
        }

        [Test]
        public void Ptr_fine_and_dkim_signing_with_a_published_key_is_all_clear()
        {
            var report = Run(
                new[]
                {
                    "--local=/#/", "--host-record=" + Helo + ",2001:db8::25",
                    "--txt-record=mail._domainkey.example.org,v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
                },
                tree =>
                {
                    tree.Write("etc/opendkim.conf", "Domain example.org\nSelector mail\nKeyFile /etc/dkimkeys/mail.private\n");
                    return new[] { "smtpd_milters = inet:localhost:8891", "non_smtpd_milters = $smtpd_milters" };
                });
            report["findings"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Should().BeEmpty();
            report["exitCode"]!.GetValue<int>().Should().Be(0);
        }

        [Test]
        public void Ptr_fine_but_spf_without_the_ipv6_address_shows_the_whole_record_to_publish()
        {
            // No DKIM signer, and the sending domain's SPF record (evaluated by Spf.CheckHost against dnsmasq) covers
            // only the IPv4 address: Gmail's "authentication" half fails, and the finding shows the record with ip6: added.
            var report = Run(
                new[]
                {
                    "--local=/#/", "--host-record=" + Helo + ",2001:db8::25", "--txt-record=example.org,v=spf1 ip4:192.0.2.25 -all",
                },
                tree =>
                {
                    tree.Write("etc/mailname", "example.org\n");
                    return Array.Empty<string>();
                });
            Ptr(report).Should().BeEmpty("the PTR is forward-confirmed");
            var f = report["findings"]!.AsArray().Should().ContainSingle(x => x!["id"]!.GetValue<string>() == FindingIds.DnsIpv6AuthenticationMissing).Subject!;
            f["severity"]!.GetValue<string>().Should().Be("warning");
            f["explanation"]!.GetValue<string>().Should().Contain("v=spf1 ip6:2001:db8::25 ip4:192.0.2.25 -all");
            report["exitCode"]!.GetValue<int>().Should().Be(1);
        }

        [Test]
        public void Ptr_fine_and_spf_covering_the_ipv6_address_is_all_clear()
        {
            var report = Run(
                new[]
                {
                    "--local=/#/", "--host-record=" + Helo + ",2001:db8::25", "--txt-record=example.org,v=spf1 ip6:2001:db8::25 -all",
                },
                tree =>
                {
                    tree.Write("etc/mailname", "example.org\n");
                    return Array.Empty<string>();
                });
            report["findings"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()).Should().BeEmpty("SPF passes for the sending address: " + report.ToJsonString());
            report["exitCode"]!.GetValue<int>().Should().Be(0);
        }

        [Test]
        public void A_dead_resolver_is_unknown_never_missing()
        {
            // Nothing listens on the namespace's 127.0.0.1:53; the hosts file would have "confirmed" the PTR.
            var report = Run(null);
            var f = Ptr(report).Should().ContainSingle().Subject!;
            f["id"]!.GetValue<string>().Should().Be(FindingIds.DnsIpv6PtrUnknown);
            f["severity"]!.GetValue<string>().Should().Be("note");
            Texts(f).Should().Contain(t => t.StartsWith("PTR 2001:db8::25 (" + Reverse25 + "): no answer: Timeout (127.0.0.1: Timeout"));
            f["remediations"]!.AsArray().Should().BeEmpty();
            report["findings"]!.AsArray().Should().OnlyContain(x => x!["severity"]!.GetValue<string>() == "note");
        }

        [Test]
        public void Dns_server_given_on_the_command_line_replaces_the_roots_resolv_conf()
        {
            // The tree's resolv.conf names 127.0.0.3, where nothing answers; --dns-server 127.0.0.1 asks dnsmasq instead.
            var report = Run(new[] { "--local=/#/" }, resolvConf: "nameserver 127.0.0.3\n", doctorArgs: new[] { "--dns-server", "127.0.0.1" });
            Ptr(report).Select(f => f!["id"]!.GetValue<string>()).Should().Equal(FindingIds.DnsIpv6PtrMissing);
        }

        /// <summary>
        /// Postfix started in a namespace with d0, dnsmasq with <paramref name="records"/> (null: none), the proc/ snapshot,
        /// then MailDoctor's JSON report. <paramref name="configure"/> may write files into the tree and return main.cf lines.
        /// </summary>
        private static JsonObject Run(string[]? records, Func<HostTree, string[]>? configure = null, string resolvConf = "nameserver 127.0.0.1\n", string[]? doctorArgs = null)
        {
            using var ns = new NetNamespace(new NetNamespaceOptions
            {
                DisableLoopbackIpv6 = false, ExtraInterface = new ExtraInterface(), Hosts = Hosts, ResolvConf = DnsServer.ResolvConf,
            });
            using var dns = records == null ? null : new DnsServer(ns, records, "127.0.0.1", 53);
            using var tree = new HostTree();
            using var postfix = new PostfixDaemon(ns, tree.Root);
            string[] lines = configure?.Invoke(tree) ?? Array.Empty<string>();
            if (lines.Length > 0) postfix.Postconf(new[] { "-e" }.Concat(lines).ToArray()).ExitCode.Should().Be(0);
            var started = postfix.Start();
            started.ExitCode.Should().Be(0, started.ToString());
            ns.SnapshotProc(tree.Root);
            tree.Write("etc/resolv.conf", resolvConf);

            var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
            var run = ns.Exec(dotnet, new[] { MailDoctorDll, "--root", tree.Root, "--json" }.Concat(doctorArgs ?? Array.Empty<string>()).ToArray(),
                new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, TimeSpan.FromSeconds(120));
            TestContext.Out.WriteLine(run.Stdout);
            if (dns != null) TestContext.Out.WriteLine(dns.Log);
            var json = JsonNode.Parse(run.Stdout) as JsonObject;
            json.Should().NotBeNull(run.Describe());
            json!["exitCode"]!.GetValue<int>().Should().Be(run.ExitCode);
            json["dnsChecked"]!.GetValue<bool>().Should().BeTrue();
            return json;
        }

        private static string MailDoctorDll =>
            typeof(DiagnosisEndToEndDnsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MailDoctorDll").Value!;

        private static List<JsonNode?> Ptr(JsonObject report) =>
            report["findings"]!.AsArray().Where(f => f!["id"]!.GetValue<string>().StartsWith("dns.ipv6-ptr", StringComparison.Ordinal)).ToList();

        private static List<string> Texts(JsonNode f) => f["evidence"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()).ToList();
    }
}
