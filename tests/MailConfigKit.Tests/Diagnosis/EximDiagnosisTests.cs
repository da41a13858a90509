using System.Linq;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>Check 1 on host trees: exim's ::1 without IPv6 on lo, and the paniclog (spec E7).</summary>
    public class EximDiagnosisTests : DiagnosisTestBase
    {
        private const string Abandoned = "2026-11-20 22:37:03 socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned\n";
        private const string Waiting = "2026-11-20 22:32:33 socket bind() to port 2525 for address ::1 failed: Cannot assign requested address: waiting 30s before trying again (9 more tries)\n";

        [Test]
        public void Debian_default_without_ipv6_on_lo_is_an_error_with_the_conf_line_and_proc()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback();
            var report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.EximIpv6LoopbackWithoutIpv6);
            var finding = report.Findings[0];
            finding.Severity.Should().Be(FindingSeverity.Error);
            finding.Evidence[0].ToString().Should().Be("etc/exim4/update-exim4.conf.conf:21:1: dc_local_interfaces='127.0.0.1 ; ::1'");
            finding.Evidence[1].Kind.Should().Be(EvidenceKind.Network);
            finding.Evidence[1].Text.Should().Contain("proc/sys/net/ipv6/conf/lo/disable_ipv6 is 1");
            finding.Evidence.Should().HaveCount(2, "there is no paniclog");
            RemediationCatalog.Default.For(finding).Select(r => r.Id).Should().Equal(EximLocalInterfacesWhereDefined.RemediationId, EximDropIpv6Loopback.RemediationId);
            RemediationCatalog.Default.PlanBest(report).ToUnifiedDiff().Should().Contain("-dc_local_interfaces='127.0.0.1 ; ::1'").And.Contain("+dc_local_interfaces='127.0.0.1'");
        }

        [Test]
        public void Paniclog_lines_of_both_forms_and_any_port_are_evidence()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback()
                .Write("var/log/exim4/paniclog", Waiting + "2026-11-20 22:33:00 some other panic\n" + Abandoned
                    + "2026-11-20 22:38:00 socket bind() to port 25 for address [::1] failed: Cannot assign requested address: daemon abandoned\n"
                    + "2026-11-20 22:39:00 socket bind() to port 25 for address 127.0.0.1 failed: Address already in use: daemon abandoned\n");
            var finding = Examine(tree).Findings.Single();
            finding.Id.Should().Be(FindingIds.EximIpv6LoopbackWithoutIpv6);
            finding.Evidence.Where(e => e.Kind == EvidenceKind.Log).Select(e => e.Source + ":" + e.Line).Should()
                .Equal("var/log/exim4/paniclog:1", "var/log/exim4/paniclog:3", "var/log/exim4/paniclog:4");
        }

        [Test]
        public void Ipv6_on_lo_keeps_colon_colon_1_no_evidence_no_change()
        {
            using var tree = new HostTree().WithDebianExim().WithIpv6OnLoopback();
            var report = Examine(tree);
            report.Findings.Should().BeEmpty();
            RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse();
        }

        [Test]
        public void A_kernel_without_ipv6_is_the_same_error()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6Kernel();
            Ids(Examine(tree)).Should().Equal(FindingIds.EximIpv6LoopbackWithoutIpv6);
        }

        [Test]
        public void An_image_without_proc_gets_no_finding_and_a_note_only_with_a_paniclog()
        {
            using var tree = new HostTree().WithDebianExim();
            Examine(tree).Findings.Should().BeEmpty();

            tree.Write("var/log/exim4/paniclog", Abandoned);
            var report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.EximIpv6LoopbackUnverified);
            report.Findings[0].Severity.Should().Be(FindingSeverity.Note);
            RemediationCatalog.Default.For(report.Findings[0]).Should().BeEmpty();
            RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse();
        }

        [Test]
        public void Fixed_config_with_an_old_paniclog_line_is_a_note_without_change()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback().Write("var/log/exim4/paniclog", Abandoned);
            tree.Write("etc/exim4/update-exim4.conf.conf", tree.Read("etc/exim4/update-exim4.conf.conf").Replace("'127.0.0.1 ; ::1'", "'127.0.0.1'"));
            var report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.EximStalePaniclog);
            report.Findings[0].Severity.Should().Be(FindingSeverity.Note);
            report.Findings[0].Explanation.Should().Contain("clear it after a restart");
            report.Findings[0].Evidence.Should().Contain(e => e.Kind == EvidenceKind.Log && e.Line == 1);
            RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse();
        }

        [Test]
        public void Ipv6_back_on_lo_with_an_old_paniclog_line_is_a_note()
        {
            using var tree = new HostTree().WithDebianExim().WithIpv6OnLoopback().Write("var/log/exim4/paniclog", Waiting);
            Ids(Examine(tree)).Should().Equal(FindingIds.EximStalePaniclog);
        }

        [Test]
        public void Paniclog_without_a_colon_colon_1_bind_failure_is_no_evidence()
        {
            using var tree = new HostTree().WithDebianExim().WithIpv6OnLoopback()
                .Write("var/log/exim4/paniclog", "2026-11-20 22:39:00 socket bind() to port 25 for address 127.0.0.1 failed: Address already in use: daemon abandoned\n");
            Examine(tree).Findings.Should().BeEmpty();
        }
    }
}
