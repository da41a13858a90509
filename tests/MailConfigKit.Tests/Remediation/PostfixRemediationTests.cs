using System.Collections.Generic;
using System.IO;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Remediation
{
    public class PostfixRemediationTests
    {
        private const string MainCf = "etc/postfix/main.cf";

        [Test]
        public void Inet_protocols_ipv4_is_one_line_that_postconf_reads_as_the_only_change()
        {
            using var tree = new HostTree().WithDebianPostfix();
            byte[] before = tree.ReadBytes(MainCf);
            RemediationPlan plan = new PostfixInetProtocolsIpv4().Plan(MailHost.Open(tree.Root));
            plan.ToUnifiedDiff().Split('\n').Where(l => l.StartsWith("-") || l.StartsWith("+")).Skip(2)
                .Should().Equal("-inet_protocols = all", "+inet_protocols = ipv4");
            plan.ServiceActions.Select(a => a.Kind).Should().Equal(ServiceActionKind.StopPostfix, ServiceActionKind.StartPostfix);

            PlanExecutor.Apply(plan).Changed.Should().BeTrue();
            Changes.RemovedLines(before, tree.ReadBytes(MainCf)).Should().Equal("inet_protocols = all");
            ExplicitChanges(before, tree.ReadBytes(MainCf)).Should().Equal("inet_protocols: all -> ipv4");
            AssertIdempotent(new PostfixInetProtocolsIpv4(), tree);
        }

        [TestCase("inet_interfaces = localhost", "inet_interfaces = loopback-only")]
        [TestCase("inet_interfaces = [::1]", "inet_interfaces = loopback-only")]
        [TestCase("inet_interfaces = 127.0.0.1, [::1]", "inet_interfaces = loopback-only")]
        [TestCase("inet_interfaces = ::1 192.0.2.25", "inet_interfaces = 192.0.2.25")]
        [TestCase("inet_interfaces = localhost, 192.0.2.25", "inet_interfaces = 127.0.0.1, 192.0.2.25")]
        public void Inet_interfaces_without_ipv6_loopback(string line, string expected)
        {
            using var tree = new HostTree().WithDebianPostfix().WithDebianHosts().WithoutIpv6OnLoopback();
            tree.Write(MainCf, tree.Read(MainCf).Replace("inet_interfaces = all", line));
            byte[] before = tree.ReadBytes(MainCf);
            var remediation = new PostfixInetInterfacesWithoutIpv6Loopback();
            PlanExecutor.Apply(remediation.Plan(MailHost.Open(tree.Root))).Changed.Should().BeTrue();
            Changes.RemovedLines(before, tree.ReadBytes(MainCf)).Should().Equal(line);
            tree.Read(MainCf).Split('\n').Should().Contain(expected);
            AssertIdempotent(remediation, tree);
        }

        [Test]
        public void Inet_interfaces_no_evidence_no_change()
        {
            using (var t = new HostTree().WithDebianPostfix().WithDebianHosts().WithIpv6OnLoopback())
            {
                t.Write(MainCf, t.Read(MainCf).Replace("inet_interfaces = all", "inet_interfaces = localhost"));
                new PostfixInetInterfacesWithoutIpv6Loopback().Plan(MailHost.Open(t.Root)).HasChanges.Should().BeFalse("lo has ::1");
            }
            using (var t = new HostTree().WithDebianPostfix().WithDebianHosts().WithoutIpv6OnLoopback())
            {
                new PostfixInetInterfacesWithoutIpv6Loopback().Plan(MailHost.Open(t.Root)).HasChanges.Should().BeFalse("inet_interfaces = all binds [::], which needs no ::1");
                // With inet_protocols = ipv4, localhost resolves to 127.0.0.1 only (P4 runtime table).
                t.Write(MainCf, t.Read(MainCf).Replace("inet_interfaces = all", "inet_interfaces = localhost").Replace("inet_protocols = all", "inet_protocols = ipv4"));
                new PostfixInetInterfacesWithoutIpv6Loopback().Plan(MailHost.Open(t.Root)).HasChanges.Should().BeFalse();
            }
        }

        [Test]
        public void Set_parameters_appends_and_replaces_with_postconf_semantics()
        {
            using var tree = new HostTree().WithDebianPostfix();
            byte[] before = tree.ReadBytes(MainCf);
            var settings = new SetPostfixParameters(new Dictionary<string, string> { ["myhostname"] = "mx.example.org", ["smtp_tls_security_level"] = "encrypt" });
            PlanExecutor.Apply(settings.Plan(MailHost.Open(tree.Root)));
            ExplicitChanges(before, tree.ReadBytes(MainCf)).Should().BeEquivalentTo(
                "myhostname: debian.example.org -> mx.example.org", "smtp_tls_security_level: may -> encrypt");
            AssertIdempotent(settings, tree);
        }

        private static void AssertIdempotent(IRemediation remediation, HostTree tree)
        {
            var mtime = File.GetLastWriteTimeUtc(tree.PathOf(MainCf));
            RemediationPlan again = remediation.Plan(MailHost.Open(tree.Root));
            again.HasChanges.Should().BeFalse(again.ToUnifiedDiff());
            PlanExecutor.Apply(again).Changed.Should().BeFalse();
            File.GetLastWriteTimeUtc(tree.PathOf(MainCf)).Should().Be(mtime);
        }

        /// <summary>What postconf -n says changed, as "name: old -> new".</summary>
        private static List<string> ExplicitChanges(byte[] before, byte[] after)
        {
            using var pc = new Postconf(before);
            Dictionary<string, string> a = pc.ReadExplicit();
            pc.SetMainCf(after);
            Dictionary<string, string> b = pc.ReadExplicit();
            return a.Keys.Union(b.Keys).Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
                .Select(k => k + ": " + (a.GetValueOrDefault(k) ?? "(unset)") + " -> " + (b.GetValueOrDefault(k) ?? "(unset)")).ToList();
        }
    }
}
