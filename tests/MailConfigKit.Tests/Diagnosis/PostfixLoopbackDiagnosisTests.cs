using System.Linq;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>Check 2 on host trees: inet_interfaces meaning ::1 without IPv6 on lo (spec P4 runtime table).</summary>
    public class PostfixLoopbackDiagnosisTests : DiagnosisTestBase
    {
        private static HostTree Tree(string inetInterfaces) =>
            new HostTree().WithDebianPostfix().WithDebianHosts().WithoutIpv6OnLoopback().Edit("etc/postfix/main.cf", "inet_interfaces = all", "inet_interfaces = " + inetInterfaces);

        [Test]
        public void Localhost_mapped_to_colon_colon_1_is_an_error_with_main_cf_hosts_and_proc_evidence()
        {
            using var tree = Tree("localhost");
            var report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6);
            var f = report.Findings[0];
            f.Severity.Should().Be(FindingSeverity.Error);
            f.Evidence.Select(e => e.ToString()).Should().Equal(
                "etc/postfix/main.cf:46:1: inet_interfaces = localhost",
                "etc/hosts:2:1: ::1\tlocalhost ip6-localhost ip6-loopback",
                "proc: lo IPv6 unavailable: proc/sys/net/ipv6/conf/lo/disable_ipv6 is 1 (proc/ files under the root, no snapshot marker)");
            RemediationCatalog.Default.For(f).Select(r => r.Id).Should().Equal(PostfixInetInterfacesWithoutIpv6Loopback.RemediationId, PostfixInetProtocolsIpv4.RemediationId);
            RemediationCatalog.Default.PlanBest(report).ToUnifiedDiff().Should().Contain("+inet_interfaces = loopback-only");
        }

        [TestCase("127.0.0.1, [::1]")]
        [TestCase("::1")]
        public void Literal_colon_colon_1_is_an_error_without_hosts_evidence(string value)
        {
            using var tree = Tree(value);
            var f = Examine(tree).Findings.Single();
            f.Id.Should().Be(FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6);
            f.Evidence.Should().NotContain(e => e.Source == "etc/hosts");
        }

        [TestCase("all")]
        [TestCase("loopback-only")]
        [TestCase("127.0.0.1")]
        public void Values_that_do_not_mean_colon_colon_1_are_left_alone(string value)
        {
            using var tree = Tree(value);
            Examine(tree).Findings.Should().BeEmpty();
        }

        [Test]
        public void Localhost_with_ipv6_on_lo_is_left_alone()
        {
            using var tree = new HostTree().WithDebianPostfix().WithDebianHosts().WithIpv6OnLoopback()
                .Edit("etc/postfix/main.cf", "inet_interfaces = all", "inet_interfaces = localhost");
            Examine(tree).Findings.Should().BeEmpty();
        }

        [Test]
        public void Localhost_in_an_image_without_proc_is_left_alone()
        {
            using var tree = new HostTree().WithDebianPostfix().WithDebianHosts().Edit("etc/postfix/main.cf", "inet_interfaces = all", "inet_interfaces = localhost");
            Examine(tree).Findings.Should().BeEmpty();
        }

        [Test]
        public void Localhost_with_ipv4_only_protocols_starts_and_is_left_alone()
        {
            using var tree = Tree("localhost").Edit("etc/postfix/main.cf", "inet_protocols = all", "inet_protocols = ipv4");
            Examine(tree).Findings.Should().BeEmpty();
        }
    }
}
