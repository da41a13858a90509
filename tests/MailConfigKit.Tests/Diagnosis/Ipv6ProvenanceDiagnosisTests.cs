using System.Linq;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Host;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>The loopback checks on images: IPv6 off only by sysctl.d or GRUB (cited by file and line), a kernel without IPv6, a live procfs under the root.</summary>
    public class Ipv6ProvenanceDiagnosisTests : DiagnosisTestBase
    {
        private const string Abandoned = "2026-11-25 20:15:34 socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned\n";

        [Test]
        public void An_image_whose_ipv6_is_off_only_by_sysctl_d_gets_the_exim_finding_citing_the_line_and_the_fix()
        {
            using var tree = new HostTree().WithDebianExim().Write("etc/sysctl.d/99-disable-ipv6.conf", "# hardening\nnet.ipv6.conf.all.disable_ipv6 = 1\n");
            DiagnosisReport report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.EximIpv6LoopbackWithoutIpv6);
            Finding f = report.Findings[0];
            f.Title.Should().Contain("this image turns IPv6 off on lo");
            f.Explanation.Should().Contain("etc/sysctl.d/99-disable-ipv6.conf:2").And.Contain("daemon abandoned");
            f.Evidence.Should().Contain(e => e.Kind == EvidenceKind.Configuration && e.Source == "etc/sysctl.d/99-disable-ipv6.conf" && e.Line == 2
                && e.Text == "net.ipv6.conf.all.disable_ipv6 = 1");
            RemediationCatalog.Default.PlanBest(report).ToUnifiedDiff().Should().Contain("+dc_local_interfaces='127.0.0.1'");
        }

        [Test]
        public void An_image_whose_ipv6_is_off_only_by_grub_gets_the_kernel_explanation()
        {
            using var tree = new HostTree().WithDebianExim().WithDebianPostfix().WithDebianHosts()
                .Edit("etc/postfix/main.cf", "inet_interfaces = all", "inet_interfaces = 127.0.0.1, [::1]")
                .Write("etc/default/grub", "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet ipv6.disable=1\"\nGRUB_CMDLINE_LINUX=\"\"\n");
            DiagnosisReport report = Examine(tree);
            Ids(report).Should().BeEquivalentTo(new[] { FindingIds.EximIpv6LoopbackWithoutIpv6, FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6 });
            Finding exim = report.Findings.Single(x => x.Id == FindingIds.EximIpv6LoopbackWithoutIpv6);
            exim.Title.Should().Contain("the kernel runs without IPv6");
            exim.Explanation.Should().Contain("IPv6 socket creation failed: Address family not supported by protocol").And.Contain("etc/default/grub:2");
            exim.Evidence.Should().Contain(e => e.Source == "etc/default/grub" && e.Line == 2);
            Finding postfix = report.Findings.Single(x => x.Id == FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6);
            postfix.Explanation.Should().Contain("disabling IPv6 name/address support");
            RemediationCatalog.Default.PlanBest(report).ToUnifiedDiff().Should().Contain("+inet_interfaces = loopback-only");
        }

        [Test]
        public void On_a_kernel_without_ipv6_postfix_localhost_is_fine_but_a_literal_is_not()
        {
            using var tree = new HostTree().WithDebianPostfix().WithDebianHosts().WithoutIpv6Kernel()
                .Edit("etc/postfix/main.cf", "inet_interfaces = all", "inet_interfaces = localhost");
            Examine(tree).Findings.Should().BeEmpty("Postfix drops IPv6 name support, so localhost is 127.0.0.1 only");
            tree.Edit("etc/postfix/main.cf", "inet_interfaces = localhost", "inet_interfaces = localhost, ::1");
            DiagnosisReport report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6);
            report.Findings[0].Title.Should().Contain("kernel runs without IPv6");
            RemediationCatalog.Default.PlanBest(report).ToUnifiedDiff().Should().Contain("+inet_interfaces = loopback-only");
        }

        [Test]
        public void A_kernel_without_ipv6_in_a_snapshot_gets_the_kernel_explanation()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6Kernel();
            Finding f = Examine(tree).Findings.Single();
            f.Title.Should().Contain("the kernel runs without IPv6");
            f.Explanation.Should().Contain("Address family not supported by protocol");
        }

        [Test]
        public void A_live_procfs_under_the_image_root_is_not_read_as_the_image()
        {
            // Without the recognition, the reader's own lo (which has ::1 here) made the paniclog "stale".
            using var tree = new HostTree().WithDebianExim().Write("var/log/exim4/paniclog", Abandoned);
            using (LiveProcfsMount.Under(tree, bind: false))
            {
                DiagnosisReport report = Examine(tree);
                Ids(report).Should().Equal(FindingIds.EximIpv6LoopbackUnverified);
                report.Findings[0].Title.Should().Contain("the reader's, not the image's");
                report.Findings[0].Evidence.Should().Contain(e => e.Kind == EvidenceKind.Network && e.Text.Contains("live procfs"));
                RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse();
            }
        }
    }
}
