using System.Linq;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>Service control per host: the manager and the distribution's names, detected from the root; an image is never restarted.</summary>
    public class ServiceControlTests
    {
        private static readonly ServiceAction UpdateConf = new EximDropIpv6LoopbackActions().UpdateConf;
        private static readonly ServiceAction Restart = new EximDropIpv6LoopbackActions().Restart;

        [Test]
        public void A_debian_image_with_systemd_is_never_restarted_and_is_told_systemctl_and_update_exim4_conf()
        {
            using var tree = new HostTree();
            tree.Write("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
            tree.Write("usr/lib/systemd/systemd", "");
            ServiceControl control = ServiceControl.Detect(MailHost.Open(tree.Root));
            control.Manager.Should().Be(ServiceManager.None);
            control.CanRun.Should().BeFalse();
            control.Distribution.Should().Be(DistributionFamily.Debian);
            control.Reason.Should().Contain("never restarted from here");
            control.Describe(UpdateConf).Should().Be("update-exim4.conf");
            control.Describe(Restart).Should().Be("systemctl restart exim4");
        }

        [Test]
        public void Rhel_has_no_update_exim4_conf_and_its_unit_is_exim()
        {
            using var tree = new HostTree();
            tree.Write("etc/os-release", "NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\n");
            ServiceControl control = ServiceControl.Detect(MailHost.Open(tree.Root));
            control.Distribution.Should().Be(DistributionFamily.RedHat);
            control.CommandFor(UpdateConf).Should().BeNull();
            control.NoteFor(UpdateConf).Should().Contain("/etc/exim/exim.conf").And.Contain("no update-exim4.conf");
            ServiceControl.For(ServiceManager.Systemd, DistributionFamily.RedHat).CommandFor(Restart).Should().Equal("systemctl", "restart", "exim");
            ServiceControl.For(ServiceManager.SysVinit, DistributionFamily.Debian).CommandFor(Restart).Should().Equal("service", "exim4", "restart");
        }

        [Test]
        public void With_no_service_manager_nothing_runs_each_result_says_what_to_run_and_the_paniclog_stays()
        {
            var none = new ServiceRunOptions { Control = ServiceControl.Detect(MailHost.Open(new HostTree().Root)) };
            var actions = new EximDropIpv6LoopbackActions().All;
            var results = ServiceActionRunner.Run(actions, MailHost.Open("/"), none);
            results.Select(r => r.Status).Should().OnlyContain(s => s == ServiceActionStatus.Skipped);
            results[0].Message.Should().Contain("run: update-exim4.conf");
            results[1].Message.Should().Contain("run: service exim4 restart");
            results[1].Verification.Should().BeNull("nothing was restarted, so nothing is verified");
            results[2].Message.Should().Contain("paniclog stays as evidence");
        }

        /// <summary>The plan's real actions, taken from a real plan of <see cref="EximDropIpv6Loopback"/> on a seed tree.</summary>
        private sealed class EximDropIpv6LoopbackActions
        {
            public EximDropIpv6LoopbackActions()
            {
                using var tree = new HostTree();
                tree.Write(HostPaths.Exim4UpdateConf, "dc_local_interfaces='127.0.0.1 ; ::1'\n");
                tree.Write("proc/net/if_inet6", "");
                tree.Write("proc/net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
                tree.Write("proc/sys/net/ipv6/conf/lo/disable_ipv6", "1\n");
                All = new EximDropIpv6Loopback().Plan(MailHost.Open(tree.Root)).ServiceActions.ToList();
            }

            public System.Collections.Generic.List<ServiceAction> All { get; }

            public ServiceAction UpdateConf => All.Single(a => a.Kind == ServiceActionKind.RunUpdateExim4Conf);

            public ServiceAction Restart => All.Single(a => a.Kind == ServiceActionKind.RestartExim4);
        }
    }
}
