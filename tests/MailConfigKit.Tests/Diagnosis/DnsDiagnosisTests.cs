using System.Linq;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Dns;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>
    /// Check 4 with an in-memory zone (a test double; the real resolver against dnsmasq is in Netns/): PTR present and
    /// forward-confirmed, missing, not confirmed, unknown; the addresses Postfix may send from (smtp_bind_address6).
    /// </summary>
    public class DnsDiagnosisTests : DiagnosisTestBase
    {
        private const string Reverse25 = "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";

        private static HostTree Tree() => new HostTree().WithDebianPostfix().WithIpv6OnLoopback(HostTree.GlobalLine);

        [Test]
        public void Forward_confirmed_ptr_is_no_finding()
        {
            using var tree = Tree();
            var dns = new ZoneResolver().Ptr(GlobalAddress, "mail.example").Host("mail.example", "192.0.2.25", GlobalAddress);
            Examine(tree, dns).Findings.Should().BeEmpty();
            dns.Queries.Should().Equal("PTR " + Reverse25, "AAAA mail.example");
        }

        [Test]
        public void An_a_record_does_not_confirm_an_ipv6_ptr()
        {
            using var tree = Tree();
            // Gmail asks for the AAAA of the PTR name; an A record with another address family confirms nothing.
            Ids(Examine(tree, new ZoneResolver().Ptr(GlobalAddress, "mail.example").Host("mail.example", "192.0.2.25")))
                .Should().Equal(FindingIds.DnsIpv6PtrNotConfirmed);
        }

        [Test]
        public void Missing_ptr_is_a_warning_that_names_the_record_to_ask_for()
        {
            using var tree = Tree();
            var report = Examine(tree, new ZoneResolver());
            Ids(report).Should().Equal(FindingIds.DnsIpv6PtrMissing);
            var f = report.Findings[0];
            f.Severity.Should().Be(FindingSeverity.Warning);
            f.Evidence.Select(e => e.ToString()).Should().StartWith(new[]
            {
                "proc/net/if_inet6:2: 2001:db8::25/64 on eth0 (global, usable)",
                "dns: PTR 2001:db8::25 (" + Reverse25 + "): no such name (NXDOMAIN)",
            });
            // debian-default-main.cf: myhostname = debian.example.org, smtp_helo_name unset (its default $myhostname).
            f.Explanation.Should().Contain("\"" + Reverse25 + ". PTR debian.example.org.\"")
                .And.Contain("\"debian.example.org. AAAA 2001:db8::25\"").And.Contain("inet_protocols=ipv4");
            RemediationCatalog.Default.For(f).Select(r => r.Id).Should().Equal(PostfixSmtpClientIpv4Only.RemediationId, PostfixInetProtocolsIpv4.RemediationId);

            // NoData (the reverse name exists without a PTR) is as missing as NXDOMAIN.
            Ids(Examine(tree, new ZoneResolver().PtrStatus(GlobalAddress, DnsAnswerStatus.NoData))).Should().Equal(FindingIds.DnsIpv6PtrMissing);
        }

        [Test]
        public void The_helo_name_in_the_advice_follows_smtp_helo_name()
        {
            using var tree = Tree().Write("etc/postfix/main.cf", "myhostname = host.example.org\nsmtp_helo_name = out.$mydomain\n");
            var f = Examine(tree, new ZoneResolver()).Findings.Single();
            f.Explanation.Should().Contain("PTR out.example.org.\"");
            f.Evidence.Select(e => e.ToString()).Should().Contain("etc/postfix/main.cf:2:1: smtp_helo_name = out.$mydomain");
        }

        [Test]
        public void Ptr_name_resolving_elsewhere_or_nowhere_is_not_confirmed_and_says_what_to_publish()
        {
            using var tree = Tree();
            var f = Examine(tree, new ZoneResolver().Ptr(GlobalAddress, "other.example").Host("other.example", "2001:db8::99")).Findings.Single();
            f.Id.Should().Be(FindingIds.DnsIpv6PtrNotConfirmed);
            f.Explanation.Should().Contain("Publish \"other.example. AAAA 2001:db8::25\"");
            f.Evidence.Select(e => e.ToString()).Should().Contain("dns: AAAA other.example: 2001:db8::99");
            Ids(Examine(tree, new ZoneResolver().Ptr(GlobalAddress, "ghost.example"))).Should().Equal(FindingIds.DnsIpv6PtrNotConfirmed);
        }

        [TestCase(DnsAnswerStatus.Timeout)]
        [TestCase(DnsAnswerStatus.ServerFailure)]
        [TestCase(DnsAnswerStatus.Refused)]
        public void No_answer_is_unknown_never_missing(DnsAnswerStatus failure)
        {
            using var tree = Tree();
            var report = Examine(tree, new ZoneResolver { Otherwise = failure });
            Ids(report).Should().Equal(FindingIds.DnsIpv6PtrUnknown);
            report.Findings[0].Severity.Should().Be(FindingSeverity.Note);
            report.Findings[0].Evidence.Select(e => e.Text).Should().Contain(t => t.Contains("no answer: " + failure));
            RemediationCatalog.Default.For(report.Findings[0]).Should().BeEmpty();
            RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse();

            // PTR found, the AAAA question without answer: unknown as well.
            Ids(Examine(tree, new ZoneResolver().Ptr(GlobalAddress, "mail.example").Fail("mail.example", DnsRecordType.AAAA, failure)))
                .Should().Equal(FindingIds.DnsIpv6PtrUnknown);
        }

        [Test]
        public void One_confirmed_ptr_name_among_several_is_enough_and_one_unknown_among_unconfirmed_is_unknown()
        {
            using var tree = Tree();
            Examine(tree, new ZoneResolver().Ptr(GlobalAddress, "a.example", "b.example").Host("b.example", GlobalAddress)
                .Fail("a.example", DnsRecordType.AAAA, DnsAnswerStatus.Timeout)).Findings.Should().BeEmpty();
            Ids(Examine(tree, new ZoneResolver().Ptr(GlobalAddress, "a.example", "b.example").Host("b.example", "2001:db8::99")
                .Fail("a.example", DnsRecordType.AAAA, DnsAnswerStatus.Timeout))).Should().Equal(FindingIds.DnsIpv6PtrUnknown);
        }

        [Test]
        public void Only_global_usable_addresses_are_checked_one_finding_each()
        {
            using var tree = new HostTree().WithDebianPostfix().WithIpv6OnLoopback(
                HostTree.GlobalLine,
                "20010db8000000000000000000000026 02 40 00 80     eth0\n",
                "fe800000000000000000000000000001 02 40 20 80     eth0\n", // link-local
                "fd000000000000000000000000000001 02 40 00 80     eth0\n", // unique local
                "20010db8000000000000000000000027 02 40 00 c0     eth0\n"); // tentative (0x40)
            var dns = new ZoneResolver().Ptr("2001:db8::26", "mail.example").Host("mail.example", "2001:db8::26");
            Examine(tree, dns).Findings.Select(f => f.Id + " " + f.Evidence[0].Text).Should().Equal(
                FindingIds.DnsIpv6PtrMissing + " 2001:db8::25/64 on eth0 (global, usable)");
            dns.Queries.Where(q => q.StartsWith("PTR")).Should().BeEquivalentTo(
                "PTR " + Reverse25, "PTR " + DnsNames.Reverse(System.Net.IPAddress.Parse("2001:db8::26")));
        }

        [Test]
        public void Smtp_bind_address6_narrows_the_addresses_to_the_one_postfix_binds()
        {
            using var tree = new HostTree().WithDebianPostfix().WithIpv6OnLoopback(
                HostTree.GlobalLine, "20010db8000000000000000000000026 02 40 00 80     eth0\n");
            tree.Write("etc/postfix/main.cf", "myhostname = mail.example.org\nsmtp_bind_address6 = 2001:db8::26\n");
            var dns = new ZoneResolver();
            var f = Examine(tree, dns).Findings.Single();
            f.Title.Should().Contain("2001:db8::26");
            f.Evidence[0].ToString().Should().Be("etc/postfix/main.cf:2: smtp/unix sends from smtp_bind_address6 = 2001:db8::26");
            dns.Queries.Where(q => q.StartsWith("PTR")).Should().HaveCount(1);
        }

        [Test]
        public void A_master_cf_override_of_smtp_bind_address6_counts_per_service()
        {
            using var tree = new HostTree().WithDebianPostfix().WithIpv6OnLoopback(
                HostTree.GlobalLine, "20010db8000000000000000000000026 02 40 00 80     eth0\n");
            tree.Write("etc/postfix/main.cf", "myhostname = mail.example.org\nsmtp_bind_address6 = 2001:db8::26\n");
            tree.Write("etc/postfix/master.cf",
                "smtp      unix  -       -       y       -       -       smtp\n"
                + "relay     unix  -       -       y       -       -       smtp\n  -o smtp_bind_address6=2001:db8::25\n");
            var findings = Examine(tree, new ZoneResolver().Ptr("2001:db8::26", "mail.example.org").Host("mail.example.org", "2001:db8::26")).Findings;
            findings.Select(f => f.Id + " " + f.Evidence[0]).Should().Equal(
                FindingIds.DnsIpv6PtrMissing + " etc/postfix/master.cf: relay/unix sends from smtp_bind_address6 = 2001:db8::25");
        }

        [Test]
        public void No_dns_check_when_postfix_delivers_over_ipv4_or_when_disabled()
        {
            using var tree = Tree().Edit("etc/postfix/main.cf", "inet_protocols = all", "inet_protocols = ipv4");
            var dns = new ZoneResolver();
            Examine(tree, dns).Findings.Should().BeEmpty();
            dns.Queries.Should().BeEmpty();

            using var other = Tree();
            MailDiagnosis.Examine(MailConfigKit.Host.MailHost.Open(other.Root), new DiagnosisOptions { CheckDns = false, DnsResolver = dns })
                .Findings.Should().BeEmpty();
            dns.Queries.Should().BeEmpty();
        }

        [Test]
        public void Bounce_and_dns_failure_are_separate_findings_planned_once()
        {
            using var tree = Tree().Write("var/log/mail.log", GmailIPv6AuthError + "\n");
            var report = Examine(tree, new ZoneResolver());
            Ids(report).Should().Equal(FindingIds.PostfixIpv6DeliveryRefused, FindingIds.DnsIpv6PtrMissing);
            var plan = RemediationCatalog.Default.PlanBest(report);
            plan.RemediationIds.Distinct().Should().HaveCount(plan.RemediationIds.Count);
        }
    }
}
