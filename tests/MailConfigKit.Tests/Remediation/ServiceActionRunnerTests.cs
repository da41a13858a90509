using System;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>The library runs service actions itself: real processes on this machine, in order, stopping at the first failure.</summary>
    public class ServiceActionRunnerTests
    {
        // This machine runs no init system (a container): the commands here are the test's own, run as a sysvinit host would.
        private static readonly ServiceRunOptions SysV = new ServiceRunOptions { Control = ServiceControl.For(ServiceManager.SysVinit, DistributionFamily.Debian) };

        private static ServiceAction Command(params string[] command) =>
            new ServiceAction(ServiceActionKind.RunUpdateExim4Conf, "run " + string.Join(" ", command), command, null, false);

        [Test]
        public void Actions_run_in_order_and_a_failure_skips_the_rest_and_the_paniclog()
        {
            var clear = new ServiceAction(ServiceActionKind.ClearEximPaniclog, "clear", new string[0], null, true);
            var results = ServiceActionRunner.Run(new[] { Command("true"), Command("sh", "-c", "echo 'it broke' >&2; exit 3"), Command("true"), clear }, MailHost.Open("/"), SysV);
            results.Select(r => r.Status).Should().Equal(ServiceActionStatus.Done, ServiceActionStatus.Failed, ServiceActionStatus.Skipped, ServiceActionStatus.Skipped);
            results[1].ToString().Should().Be("failed: sh -c echo 'it broke' >&2; exit 3: exit code 3: it broke");
            results[3].Message.Should().Be("skipped: an earlier action failed");
        }

        [Test]
        public void Clearing_the_paniclog_needs_a_verified_exim_restart()
        {
            var clear = new ServiceAction(ServiceActionKind.ClearEximPaniclog, "clear", new string[0], null, true);
            var results = ServiceActionRunner.Run(new[] { Command("true"), clear }, MailHost.Open("/"), SysV);
            results[1].Status.Should().Be(ServiceActionStatus.Skipped);
            results[1].Message.Should().Contain("exim was not verified").And.Contain("paniclog stays as evidence");
        }

        [Test]
        public void A_missing_program_is_a_failure_with_the_reason()
        {
            var results = ServiceActionRunner.Run(new[] { Command("/nonexistent/mck-no-such-program") }, MailHost.Open("/"), SysV);
            results[0].Status.Should().Be(ServiceActionStatus.Failed);
            results[0].Message.Should().Contain("could not be started");
        }

        [Test]
        public void Another_root_is_refused_because_the_commands_would_hit_this_machine()
        {
            using var tree = new HostTree();
            Action run = () => ServiceActionRunner.Run(new[] { Command("true") }, MailHost.Open(tree.Root));
            run.Should().Throw<ArgumentException>().WithMessage("*not the live system*");
            Action one = () => Command("true").Run(MailHost.Open(tree.Root));
            one.Should().Throw<ArgumentException>();
        }
    }
}
