using System;
using System.Globalization;
using System.IO;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>
    /// Paniclog lines are old or current by their time against the configuration's last change (and, on the live system,
    /// the running daemon's start), not by whether the configuration "still causes" them.
    /// </summary>
    public class LogRecencyTests
    {
        private const string Failure = " socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned\n";

        private static HostTree FixedTree(DateTime configChanged, DateTime lineTime)
        {
            var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback();
            tree.Write("etc/exim4/update-exim4.conf.conf", tree.Read("etc/exim4/update-exim4.conf.conf").Replace("'127.0.0.1 ; ::1'", "'127.0.0.1'"));
            File.SetLastWriteTimeUtc(tree.PathOf("etc/exim4/update-exim4.conf.conf"), configChanged);
            tree.Write("var/log/exim4/paniclog", lineTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + Failure);
            return tree;
        }

        [Test]
        public void A_failure_written_after_the_fix_is_current_whatever_the_configuration_says()
        {
            DateTime now = DateTime.UtcNow; // the tree has no etc/localtime: its stamps are read as UTC
            using HostTree tree = FixedTree(now.AddMinutes(-10), now.AddMinutes(-1));
            var report = MailDiagnosis.Examine(MailHost.Open(tree.Root));
            report.Findings.Select(f => f.Id).Should().Equal(FindingIds.EximPaniclogFailureSinceChange);
            report.Findings[0].Severity.Should().Be(FindingSeverity.Warning);
            report.Findings[0].Explanation.Should().Contain("configuration last changed");
        }

        [Test]
        public void A_failure_from_before_the_last_change_is_old()
        {
            DateTime now = DateTime.UtcNow; // the tree has no etc/localtime: its stamps are read as UTC
            using HostTree tree = FixedTree(now.AddMinutes(-10), now.AddMinutes(-70));
            var report = MailDiagnosis.Examine(MailHost.Open(tree.Root));
            report.Findings.Select(f => f.Id).Should().Equal(FindingIds.EximStalePaniclog);
            report.Findings[0].Severity.Should().Be(FindingSeverity.Note);
            LogRecency recency = LogRecency.ForExim(MailHost.Open(tree.Root));
            recency.DaemonStarted.Should().BeNull("a tree is not the live system: its pid file names no process of this machine");
            recency.Classify(new LogLine("p", 1, "no time stamp here")).Should().Be(LogLineAge.Unknown);
        }

        [Test]
        public void A_line_without_a_readable_time_is_not_called_old()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback();
            tree.Write("etc/exim4/update-exim4.conf.conf", tree.Read("etc/exim4/update-exim4.conf.conf").Replace("'127.0.0.1 ; ::1'", "'127.0.0.1'"));
            tree.Write("var/log/exim4/paniclog", "garbled" + Failure);
            MailDiagnosis.Examine(MailHost.Open(tree.Root)).Findings.Select(f => f.Id).Should().Equal(FindingIds.EximPaniclogFailureSinceChange);
        }
    }
}
