using System.Linq;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Dns;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>Check 4 with a fake resolver: PTR present and forward-confirmed, missing, not confirmed, unknown.</summary>
    public class DnsDiagnosisTests : DiagnosisTestBase
    {
        private static HostTree Tree() => new HostTree().WithDebianPostfix().WithIpv6OnLoopback(HostTree.GlobalLine);

        [Test]
        public void Forward_confirmed_ptr_is_no_finding()
        {
            using var tree = Tree();
            var dns = new FakeDnsResolver().Ptr(GlobalAddress, "mail.example").Host("mail.example", "192.0.2.25", GlobalAddress);
            Examine(tree, dns).Findings.Should().BeEmpty();
            dns.Queries.Should().Equal("PTR 2001:db8::25", "A/AAAA mail.example");
        }

        [Test]
        public void Missing_ptr_is_a_warning_with_dns_first()
        {
            using var tree = Tree();
            var report = Examine(tree, new FakeDnsResolver());
            Ids(report).Should().Equal(FindingIds.DnsIpv6PtrMissing);
            var f = report.Findings[0];
            f.Severity.Should().Be(FindingSeverity.Warning);
            f.Evidence.Select(e => e.ToString()).Should().StartWith(new[] { "proc/net/if_inet6:2: 2001:db8::25/64 on eth0 (global, usable)", "dns: PTR 2001:db8::25: none (fake NotFound)" });
            f.Explanation.Should().Contain("Fix DNS first");
            RemediationCatalog.Default.For(f).Select(r => r.Id).Should().Equal(PostfixSmtpClientIpv4Only.RemediationId, PostfixInetProtocolsIpv4.RemediationId);
        }

        [Test]
        public void Ptr_name_resolving_elsewhere_or_nowhere_is_not_confirmed()
        {
            using var tree = Tree();
            Ids(Examine(tree, new FakeDnsResolver().Ptr(GlobalAddress, "other.example").Host("other.example", "2001:db8::99")))
                .Should().Equal(FindingIds.DnsIpv6PtrNotConfirmed);
            Ids(Examine(tree, new FakeDnsResolver().Ptr(GlobalAddress, "ghost.example"))).Should().Equal(FindingIds.DnsIpv6PtrNotConfirmed);
        }

        [Test]
        public void No_answer_is_unknown_never_missing()
        {
            using var tree = Tree();
            var report = Examine(tree, new FakeDnsResolver { Otherwise = DnsLookupStatus.Unknown });
            Ids(report).Should().Equal(FindingIds.DnsIpv6PtrUnknown);
            report.Findings[0].Severity.Should().Be(FindingSeverity.Note);
            RemediationCatalog.Default.For(report.Findings[0]).Should().BeEmpty();
            RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse();

            // PTR found, forward look-up without answer: unknown as well.
            Ids(Examine(tree, new FakeDnsResolver().Ptr(GlobalAddress, "mail.example").HostStatus("mail.example", DnsLookupStatus.Unknown)))
                .Should().Equal(FindingIds.DnsIpv6PtrUnknown);
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
            var dns = new FakeDnsResolver().Ptr("2001:db8::26", "mail.example").Host("mail.example", "2001:db8::26");
            Examine(tree, dns).Findings.Select(f => f.Id + " " + f.Evidence[0].Text).Should().Equal(
                FindingIds.DnsIpv6PtrMissing + " 2001:db8::25/64 on eth0 (global, usable)");
            dns.Queries.Where(q => q.StartsWith("PTR")).Should().Equal("PTR 2001:db8::25", "PTR 2001:db8::26");
        }

        [Test]
        public void No_dns_check_when_postfix_delivers_over_ipv4_or_when_disabled()
        {
            using var tree = Tree().Edit("etc/postfix/main.cf", "inet_protocols = all", "inet_protocols = ipv4");
            var dns = new FakeDnsResolver();
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
            var report = Examine(tree, new FakeDnsResolver());
            Ids(report).Should().Equal(FindingIds.PostfixIpv6DeliveryRefused, FindingIds.DnsIpv6PtrMissing);
            // PostfixSmtpClientIpv4Only is another issue's stub (empty plan today); PlanBest then plans nothing for it and never
            // plans one remediation twice.
            var plan = RemediationCatalog.Default.PlanBest(report);
            plan.RemediationIds.Distinct().Should().HaveCount(plan.RemediationIds.Count);
        }
    }
}
