using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;
using Generator = MailConfigKit.Tests.Oracle.UpdateExim4ConfTool;

namespace MailConfigKit.Tests.Remediation
{
    public class EximDropIpv6LoopbackTests
    {
        private const string ConfPath = "etc/exim4/update-exim4.conf.conf";

        [Test]
        public void Debian_default_on_a_host_without_ipv6_on_lo_gets_a_one_line_diff_and_is_idempotent()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback();
            MailHost host = MailHost.Open(tree.Root);
            RemediationPlan plan = new EximDropIpv6Loopback().Plan(host);

            plan.HasChanges.Should().BeTrue();
            string diff = plan.ToUnifiedDiff();
            diff.Should().StartWith("--- a/" + ConfPath + "\n+++ b/" + ConfPath + "\n@@ ");
            diff.Split('\n').Where(l => l.StartsWith("-") || l.StartsWith("+")).Should().Equal(
                "--- a/" + ConfPath, "+++ b/" + ConfPath, "-dc_local_interfaces='127.0.0.1 ; ::1'", "+dc_local_interfaces='127.0.0.1'");
            diff.Split('\n').Count(l => l.StartsWith(" ")).Should().Be(6, "three lines of context on each side");
            plan.ServiceActions.Select(a => a.Kind).Should().Equal(ServiceActionKind.RunUpdateExim4Conf, ServiceActionKind.RestartExim4, ServiceActionKind.ClearEximPaniclog);
            plan.ServiceActions.Last().RequiresVerifiedStart.Should().BeTrue();

            byte[] before = tree.ReadBytes(ConfPath);
            ApplyResult result = PlanExecutor.Apply(plan);
            result.Changed.Should().BeTrue();
            Changes.RemovedLines(before, tree.ReadBytes(ConfPath)).Should().Equal("dc_local_interfaces='127.0.0.1 ; ::1'");

            var mtime = File.GetLastWriteTimeUtc(tree.PathOf(ConfPath));
            RemediationPlan again = new EximDropIpv6Loopback().Plan(MailHost.Open(tree.Root));
            again.HasChanges.Should().BeFalse();
            again.ServiceActions.Should().BeEmpty();
            PlanExecutor.Apply(again).Changed.Should().BeFalse();
            // Applying the old plan a second time finds its text already there: nothing is written either.
            PlanExecutor.Apply(plan).Files.Single().Outcome.Should().Be(FileApplyOutcome.Unchanged);
            File.GetLastWriteTimeUtc(tree.PathOf(ConfPath)).Should().Be(mtime);
        }

        [Test]
        public void No_evidence_no_change()
        {
            using (var withIpv6 = new HostTree().WithDebianExim().WithIpv6OnLoopback())
                new EximDropIpv6Loopback().Plan(MailHost.Open(withIpv6.Root)).HasChanges.Should().BeFalse("lo has ::1");
            using (var image = new HostTree().WithDebianExim())
                new EximDropIpv6Loopback().Plan(MailHost.Open(image.Root)).HasChanges.Should().BeFalse("an image without proc/ says nothing about IPv6");
            using (var noExim = new HostTree().WithoutIpv6OnLoopback())
                new EximDropIpv6Loopback().Plan(MailHost.Open(noExim.Root)).HasChanges.Should().BeFalse();
        }

        [TestCase("dc_local_interfaces='::1'", "dc_local_interfaces='127.0.0.1'")]
        [TestCase("dc_local_interfaces='<; ::1 ; 127.0.0.1.2525'", "dc_local_interfaces='<; 127.0.0.1.2525'")]
        // The port colon needs exim's "<;" separator once Debian's ';'-to-':' conversion no longer applies (verified with exim in Exim4 tests).
        [TestCase("dc_local_interfaces='[127.0.0.1]:2525 ; [::1]:2525'", "dc_local_interfaces='<; [127.0.0.1]:2525'")]
        [TestCase("dc_local_interfaces='127.0.0.1 : ::::1'", "dc_local_interfaces='127.0.0.1'")]
        [TestCase("dc_local_interfaces=\"127.0.0.1 ; ::1\" # both", "dc_local_interfaces=\"127.0.0.1\" # both")]
        public void Other_spellings_keep_their_style(string line, string expected)
        {
            using var tree = Tree(line);
            PlanExecutor.Apply(new EximDropIpv6Loopback().Plan(MailHost.Open(tree.Root)));
            tree.Read(ConfPath).Split('\n').Should().Contain(expected);
        }

        /// <summary>
        /// Every spelling of the seed list, planned and applied, then run through Debian's update-exim4.conf and exim -bP:
        /// exim must no longer bind ::1 and must not have been turned into "all interfaces".
        /// </summary>
        [TestCase("dc_local_interfaces='127.0.0.1 ; ::1'")]
        [TestCase("dc_local_interfaces='127.0.0.1 : ::::1'")]
        [TestCase("dc_local_interfaces='127.0.0.1.2525 ; ::1.2525'")]
        [TestCase("dc_local_interfaces='[127.0.0.1]:2525 ; [::1]:2525'")]
        [TestCase("dc_local_interfaces='<; ::1 ; 127.0.0.1'")]
        [TestCase("dc_local_interfaces='0:0:0:0:0:0:0:1 ; 127.0.0.1'")]
        [TestCase("dc_local_interfaces='::1'")]
        [TestCase("export dc_local_interfaces='127.0.0.1 ; ::1'")]
        [TestCase("dc_local_interfaces=127.0.0.1\\ \\;\\ ::1")]
        public void Exim_no_longer_binds_ipv6_loopback_after_the_plan(string line)
        {
            OracleTools.RequireRootOrIgnore();
            using var tree = Tree(line);
            PlanExecutor.Apply(new EximDropIpv6Loopback().Plan(MailHost.Open(tree.Root))).Changed.Should().BeTrue();
            using var generator = new Generator(tree.ReadBytes(ConfPath));
            var result = generator.RunToFile();
            result.ExitCode.Should().Be(0, result.ToString());
            string effective = Generator.EximLocalInterfaces(result.OutputPath);
            TestContext.Out.WriteLine(line + " -> local_interfaces = " + effective);
            effective.Should().NotBe("<; ::0 ; 0.0.0.0");
            effective.Should().Contain("127.0.0.1");
            effective.Replace("::::", "::").Should().NotContain("::1").And.NotContain("0:0:0:0:0:0:0:1");
        }

        private static HostTree Tree(string line)
        {
            var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback();
            string text = tree.Read(ConfPath).Replace("dc_local_interfaces='127.0.0.1 ; ::1'", line);
            tree.Write(ConfPath, Encoding.UTF8.GetBytes(text));
            return tree;
        }
    }
}
