using System.Diagnostics;
using System.IO;
using FluentAssertions;
using MailConfigKit.Tests.Support;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// <see cref="EximDaemon"/> reproduces spec E7: the seed failure of Debian's default <c>dc_local_interfaces</c> on a host
    /// whose lo has no ::1, and its fix by hand.
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class EximDaemonSelfTests
    {
        private const string BindFailure =
            "socket bind() to port 2525 for address ::1 failed: Cannot assign requested address: daemon abandoned";

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        [Test]
        public void Debian_default_interfaces_without_ipv6_on_lo_abandon_the_daemon_with_a_paniclog_line_in_the_tree()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            tree.Write("etc/exim4/update-exim4.conf.conf", TestFiles.Exim20Default);
            using var exim = new EximDaemon(ns, tree.Root);
            var generated = exim.Generate();
            generated.ExitCode.Should().Be(0, generated.Describe());

            var clock = Stopwatch.StartNew();
            var start = exim.Start();
            TestContext.Out.WriteLine($"exim -bdf until it gave up: {clock.ElapsedMilliseconds} ms");

            start.Started.Should().BeFalse(start.ToString());
            start.ExitCode.Should().Be(1, start.ToString());
            exim.PanicLogPath.Should().Be(tree.PathOf("var/log/exim4/paniclog"));
            File.ReadAllText(exim.PanicLogPath).Should().MatchRegex(
                @"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d " + System.Text.RegularExpressions.Regex.Escape(BindFailure) + "\n$");
        }

        [Test]
        public void Fix_by_hand_ipv4_only_interfaces_start_and_accept_a_recipient_on_127_0_0_1()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            tree.Write("etc/exim4/update-exim4.conf.conf", TestFiles.Exim20Default);
            using var exim = new EximDaemon(ns, tree.Root);
            exim.Generate().ExitCode.Should().Be(0);
            exim.Start().Started.Should().BeFalse();

            // What the library's plan will do: edit the file, run update-exim4.conf, start again.
            tree.Write("etc/exim4/update-exim4.conf.conf", TestFiles.Exim21V4Only);
            exim.Generate().ExitCode.Should().Be(0);
            var clock = Stopwatch.StartNew();
            var start = exim.Start();
            TestContext.Out.WriteLine($"exim -bdf until 'daemon started': {clock.ElapsedMilliseconds} ms");

            start.Started.Should().BeTrue(start.ToString());
            start.Listening.Should().Equal(new[] { "127.0.0.1:2525" }, start.ToString());
            start.MainLog.Should().Contain("listening for SMTP on [127.0.0.1]:2525");
            clock.Restart();
            var smtp = SmtpProbe.ToRcpt(ns, "127.0.0.1", EximDaemon.Port, "postmaster@debian.example.org");
            TestContext.Out.WriteLine($"SMTP dialogue: {clock.ElapsedMilliseconds} ms\n{smtp.Transcript}");
            smtp.GreetingCode.Should().Be(220, smtp.ToString());
            smtp.CodeFor("EHLO").Should().Be(250, smtp.ToString());
            smtp.CodeFor("MAIL").Should().Be(250, smtp.ToString());
            smtp.CodeFor("RCPT").Should().Be(250, smtp.ToString());
            smtp.Exchanges[^1].Code.Should().Be(221, smtp.ToString());
            // The paniclog of the failed start stays; the library must not take it for a current failure blindly.
            File.ReadAllText(exim.PanicLogPath).Should().Contain(BindFailure);
        }

        [Test]
        public void Control_debian_default_interfaces_start_when_lo_has_ipv6()
        {
            using var ns = new NetNamespace();
            using var tree = new HostTree();
            tree.Write("etc/exim4/update-exim4.conf.conf", TestFiles.Exim20Default);
            using var exim = new EximDaemon(ns, tree.Root);
            exim.Generate().ExitCode.Should().Be(0);
            var start = exim.Start();
            start.Started.Should().BeTrue(start.ToString());
            start.Listening.Should().BeEquivalentTo(new[] { "127.0.0.1:2525", "[::1]:2525" }, start.ToString());
            SmtpProbe.ToRcpt(ns, "::1", EximDaemon.Port, "postmaster@debian.example.org").CodeFor("RCPT").Should().Be(250);
            File.Exists(exim.PanicLogPath).Should().BeFalse();
        }
    }
}
