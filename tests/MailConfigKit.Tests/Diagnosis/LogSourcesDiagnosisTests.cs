using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Host.Logs;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>
    /// The checks on evidence where real hosts keep it (issue 13): rotations, RHEL's maillog, Postfix's maillog_file, RFC 3339
    /// and classic time stamps, exim's mainlog during the retry window, a kernel without IPv6, localhost:25 refusals.
    /// </summary>
    public class LogSourcesDiagnosisTests : DiagnosisTestBase
    {
        private const string Rfc3339Bounce =
            "2026-11-25T20:15:34.903649+00:00 mx postfix/smtp[15728]: 4F00AA: to=<user@gmail.com>, relay=gmail-smtp-in.l.google.com[2607:f8b0:4004:c07::1a]:25, "
            + "delay=0.2, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[2607:f8b0:4004:c07::1a] said: 550-5.7.1 [2001:db8::25] Our system "
            + "has detected that this message does 550-5.7.1 not meet IPv6 sending guidelines regarding PTR records and 550-5.7.1 authentication. "
            + "(in reply to end of DATA command))";

        private static HostTree PostfixTree() => new HostTree().WithDebianPostfix().WithIpv6OnLoopback(HostTree.GlobalLine);

        private static Finding Refused(HostTree tree) => Examine(tree).Findings.Single(f => f.Id == FindingIds.PostfixIpv6DeliveryRefused);

        [Test]
        public void Bounce_only_in_mail_log_2_gz_with_classic_time_stamps()
        {
            using var tree = PostfixTree()
                .Write("var/log/mail.log", DeliveredLine + "\n")
                .Write("var/log/mail.log.1", DeliveredLine + "\n")
                .Write("var/log/mail.log.2.gz", FileLogSourceTests.Gzip(DeliveredLine + "\n" + GmailIPv6AuthError + "\n"));
            Finding f = Refused(tree);
            f.Title.Should().Contain("(1 bounce(s)");
            f.Evidence[0].ToString().Should().Be("var/log/mail.log.2.gz:2: " + GmailIPv6AuthError);
        }

        [Test]
        public void Bounce_only_in_rhel_maillog_with_rfc3339_time_stamps()
        {
            using var tree = PostfixTree()
                .Write("var/log/maillog-20261120.gz", FileLogSourceTests.Gzip(DeliveredLine + "\n"))
                .Write("var/log/maillog", Rfc3339Bounce + "\n");
            Finding f = Refused(tree);
            f.Evidence[0].ToString().Should().Be("var/log/maillog:1: " + Rfc3339Bounce);
        }

        [Test]
        public void Bounce_only_in_postfix_maillog_file()
        {
            using var tree = PostfixTree().Write("var/log/postfix/postfix.log", GmailIpv6AuthenticationError + "\n");
            tree.Write("etc/postfix/main.cf", tree.Read("etc/postfix/main.cf") + "maillog_file = /var/log/postfix/postfix.log\n");
            Refused(tree).Evidence[0].ToString().Should().Be("var/log/postfix/postfix.log:1: " + GmailIpv6AuthenticationError);
        }

        [Test]
        public void Bounce_only_in_syslog_when_there_is_no_mail_log()
        {
            using var tree = PostfixTree().Write("var/log/syslog", Rfc3339Bounce + "\n");
            Refused(tree).Evidence[0].Source.Should().Be("var/log/syslog");
        }

        [Test]
        public void Evidence_is_the_newest_bounces_by_time_across_sources()
        {
            // maillog_file holds the newest; the rotation the oldest; each piece of evidence names its file and line.
            using var tree = PostfixTree()
                .Write("var/log/mail.log.1", GmailIpv6AuthenticationError + "\n")
                .Write("var/log/mail.log", GmailIPv6AuthError + "\n")
                .Write("var/log/postfix.log", Rfc3339Bounce + "\n");
            tree.Write("etc/postfix/main.cf", tree.Read("etc/postfix/main.cf") + "maillog_file = /var/log/postfix.log\n");
            File.SetLastWriteTimeUtc(tree.PathOf("var/log/mail.log.1"), new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
            File.SetLastWriteTimeUtc(tree.PathOf("var/log/mail.log"), new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
            Finding f = Refused(tree);
            f.Title.Should().Contain("(3 bounce(s)");
            f.Evidence.Where(e => e.Kind == EvidenceKind.Log).Select(e => e.Source + ":" + e.Line).Should()
                .Equal("var/log/mail.log.1:1", "var/log/mail.log:1", "var/log/postfix.log:1");
        }

        // --- exim

        private const string Waiting1 = "2026-11-20 22:32:33 socket bind() to port 25 for address ::1 failed: Cannot assign requested address: waiting 30s before trying again (9 more tries)";
        private const string Waiting2 = "2026-11-20 22:33:03 socket bind() to port 25 for address ::1 failed: Cannot assign requested address: waiting 30s before trying again (8 more tries)";
        private const string Started = "2026-11-20 22:40:00 exim 4.96 daemon started: pid=32514, -q30m, listening for SMTP on [127.0.0.1]:25";
        private const string NoIpv6Socket = "2026-11-21 08:00:00 IPv6 socket creation failed: Address family not supported by protocol";

        [Test]
        public void Exim_failure_only_in_the_mainlog_during_the_retry_window_without_proc_is_a_note()
        {
            using var tree = new HostTree().WithDebianExim()
                .Write("var/log/exim4/mainlog", "2026-11-20 22:32:33 Warning: No server certificate defined; will use a selfsigned one.\n Suggested action: either install a certificate or change tls_advertise_hosts option\n" + Waiting1 + "\n" + Waiting2 + "\n");
            var report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.EximIpv6LoopbackUnverified);
            Finding f = report.Findings[0];
            f.Title.Should().Contain("(mainlog)");
            f.Explanation.Should().Contain("retries");
            f.Evidence.Where(e => e.Kind == EvidenceKind.Log).Select(e => e.ToString()).Should()
                .Equal("var/log/exim4/mainlog:3: " + Waiting1, "var/log/exim4/mainlog:4: " + Waiting2);
            RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse("no proc/, no change");
        }

        [Test]
        public void Exim_failure_only_in_the_mainlog_with_proc_without_ipv6_on_lo_is_the_error_with_that_evidence()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback().Write("var/log/exim4/mainlog", Waiting1 + "\n");
            Finding f = Examine(tree).Findings.Single();
            f.Id.Should().Be(FindingIds.EximIpv6LoopbackWithoutIpv6);
            f.Evidence.Should().Contain(e => e.ToString() == "var/log/exim4/mainlog:1: " + Waiting1);
        }

        [Test]
        public void A_mainlog_failure_before_exim_last_started_is_over()
        {
            using var tree = new HostTree().WithDebianExim().Write("var/log/exim4/mainlog", Waiting1 + "\n" + Started + "\n");
            Examine(tree).Findings.Should().BeEmpty();
            tree.Write("var/log/exim4/mainlog", Waiting1 + "\n" + Started + "\n" + Waiting2.Replace("22:33:03", "23:00:00", StringComparison.Ordinal) + "\n");
            var f = Examine(tree).Findings.Single();
            f.Id.Should().Be(FindingIds.EximIpv6LoopbackUnverified);
            f.Evidence.Where(e => e.Kind == EvidenceKind.Log).Select(e => e.Line).Should().Equal(3);
        }

        [Test]
        public void Ipv6_socket_creation_failure_explains_a_kernel_without_ipv6()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6Kernel().Write("var/log/exim4/paniclog", NoIpv6Socket + "\n");
            Finding f = Examine(tree).Findings.Single();
            f.Id.Should().Be(FindingIds.EximIpv6LoopbackWithoutIpv6);
            f.Title.Should().Contain("the kernel runs without IPv6");
            f.Explanation.Should().Contain("IPv6 socket creation failed: Address family not supported by protocol").And.Contain("ipv6.disable=1")
                .And.NotContain("Cannot assign requested address");
            f.Evidence.Should().Contain(e => e.ToString() == "var/log/exim4/paniclog:1: " + NoIpv6Socket);
        }

        [Test]
        public void Ipv6_socket_creation_failure_without_proc_is_a_note_that_names_the_kernel()
        {
            using var tree = new HostTree().WithDebianExim().Write("var/log/exim4/mainlog", NoIpv6Socket + "\n");
            Finding f = Examine(tree).Findings.Single();
            f.Id.Should().Be(FindingIds.EximIpv6LoopbackUnverified);
            f.Title.Should().Contain("could not create an IPv6 socket");
            f.Explanation.Should().Contain("a kernel without IPv6");
        }

        [Test]
        public void Localhost_25_refusals_are_evidence_for_the_exim_findings()
        {
            const string Fetchmail = "Nov 25 20:15:34 mx fetchmail[2211]: connection to localhost:smtp [127.0.0.1/25] failed: Connection refused.";
            const string Fetchmail2 = "Nov 25 20:15:34 mx fetchmail[2211]: SMTP connect to localhost failed";
            using var tree = new HostTree().WithDebianExim().Write("var/log/mail.log", Fetchmail + "\n" + Fetchmail2 + "\n");
            var report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.EximIpv6LoopbackUnverified);
            report.Findings[0].Title.Should().Contain("Nothing accepts mail on localhost:25");
            report.Findings[0].Evidence.Where(e => e.Kind == EvidenceKind.Log).Select(e => e.ToString()).Should()
                .Equal("var/log/mail.log:1: " + Fetchmail, "var/log/mail.log:2: " + Fetchmail2);

            tree.WithoutIpv6OnLoopback();
            Finding error = Examine(tree).Findings.Single();
            error.Id.Should().Be(FindingIds.EximIpv6LoopbackWithoutIpv6);
            error.Evidence.Should().Contain(e => e.Source == "var/log/mail.log" && e.Line == 1);
        }

        [Test]
        public void Refusals_alone_with_ipv6_on_lo_or_without_colon_colon_1_are_no_exim_finding()
        {
            using var tree = new HostTree().WithDebianExim().WithIpv6OnLoopback()
                .Write("var/log/mail.log", "Nov 25 20:15:34 mx fetchmail[2211]: SMTP connect to localhost failed\n");
            Examine(tree).Findings.Should().BeEmpty();
        }

        [Test]
        public void Postfix_fatal_in_the_log_is_evidence_for_the_postfix_loopback_finding()
        {
            const string Fatal = "Nov 25 20:15:34 mx postfix/postfix-script[881]: fatal: parameter inet_interfaces: no local interface found for ::1";
            using var tree = new HostTree().WithDebianPostfix().WithDebianHosts().WithoutIpv6OnLoopback()
                .Edit("etc/postfix/main.cf", "inet_interfaces = all", "inet_interfaces = localhost")
                .Write("var/log/mail.log", Fatal + "\n");
            Finding f = Examine(tree).Findings.Single(x => x.Id == FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6);
            f.Evidence.Last().ToString().Should().Be("var/log/mail.log:1: " + Fatal);
        }
    }
}
