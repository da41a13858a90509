using System.Linq;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>Check 3 on host trees: Gmail's IPv6 bounces in the mail log while Postfix delivers over IPv6.</summary>
    public class Ipv6DeliveryDiagnosisTests : DiagnosisTestBase
    {
        private static HostTree Tree(string mailLog) =>
            new HostTree().WithDebianPostfix().WithIpv6OnLoopback(HostTree.GlobalLine).Write("var/log/mail.log", mailLog);

        [TestCase(GmailIPv6AuthError)]
        [TestCase(GmailIpv6AuthenticationError)]
        [TestCase(GmailPtrMissingIpv6)]
        public void Each_gmail_form_is_a_warning_with_the_log_line_and_inet_protocols(string bounce)
        {
            using var tree = Tree(DeliveredLine + "\n" + bounce + "\n");
            var report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.PostfixIpv6DeliveryRefused);
            var f = report.Findings[0];
            f.Severity.Should().Be(FindingSeverity.Warning);
            f.Evidence[0].ToString().Should().Be("var/log/mail.log:2: " + bounce);
            f.Evidence[1].ToString().Should().Be("etc/postfix/main.cf:47:1: inet_protocols = all");
            RemediationCatalog.Default.For(f).Select(r => r.Id).Should().Equal(PostfixSmtpClientIpv4Only.RemediationId, PostfixInetProtocolsIpv4.RemediationId);
            f.Explanation.Should().Contain("Fix DNS first");
        }

        [Test]
        public void The_previous_rotation_counts_too_oldest_first()
        {
            using var tree = Tree(GmailIPv6AuthError + "\n").Write("var/log/mail.log.1", GmailIpv6AuthenticationError + "\n");
            var f = Examine(tree).Findings.Single();
            f.Evidence.Where(e => e.Kind == EvidenceKind.Log).Select(e => e.Source).Should().Equal("var/log/mail.log.1", "var/log/mail.log");
            f.Title.Should().Contain("2 bounce(s)");
        }

        [Test]
        public void The_ptr_text_for_a_message_sent_over_ipv4_is_no_evidence()
        {
            using var tree = Tree(GmailPtrMissingIpv4 + "\n" + DeliveredLine + "\n");
            Examine(tree).Findings.Should().BeEmpty();
        }

        [Test]
        public void No_bounce_and_no_dns_failure_no_finding()
        {
            using var tree = Tree(DeliveredLine + "\n");
            Examine(tree, new ZoneResolver().Ptr(GlobalAddress, "mail.example").Host("mail.example", GlobalAddress)).Findings.Should().BeEmpty();
        }

        [Test]
        public void Ipv4_only_main_cf_already_delivers_over_ipv4()
        {
            using var tree = Tree(GmailIPv6AuthError + "\n").Edit("etc/postfix/main.cf", "inet_protocols = all", "inet_protocols = ipv4");
            Examine(tree, new ZoneResolver()).Findings.Should().BeEmpty();
        }

        [Test]
        public void An_smtp_client_override_in_master_cf_already_delivers_over_ipv4()
        {
            using var tree = Tree(GmailIPv6AuthError + "\n").Write("etc/postfix/master.cf",
                "smtp      inet  n       -       y       -       -       smtpd\n"
                + "smtp      unix  -       -       y       -       -       smtp\n  -o inet_protocols=ipv4\n");
            Examine(tree, new ZoneResolver()).Findings.Should().BeEmpty();
        }

        [Test]
        public void An_override_that_keeps_ipv6_still_delivers_over_ipv6()
        {
            using var tree = Tree(GmailIPv6AuthError + "\n").Write("etc/postfix/master.cf",
                "smtp      unix  -       -       y       -       -       smtp\n  -o inet_protocols=all\n");
            var f = Examine(tree).Findings.Single();
            f.Id.Should().Be(FindingIds.PostfixIpv6DeliveryRefused);
            f.Evidence.Should().Contain(e => e.ToString() == "etc/postfix/master.cf:2: smtp/unix -o inet_protocols=all");
        }

        [Test]
        public void An_exim_only_host_with_bounces_is_not_a_postfix_finding()
        {
            using var tree = new HostTree().WithDebianExim().WithIpv6OnLoopback(HostTree.GlobalLine).Write("var/log/mail.log", GmailIPv6AuthError + "\n");
            Examine(tree, new ZoneResolver()).Findings.Should().BeEmpty();
        }
    }
}
