using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>
    /// The registered checks: isolation (one failing check never loses another's finding), skipping, the shared SMTP-client
    /// fact that the check and the remediation both read, and docs/diagnosis.md listing exactly what the code registers.
    /// </summary>
    public class RegisteredCheckTests : DiagnosisTestBase
    {
        private const string MasterCase = "Postfix/Cases/master/debian-default-master.cf";

        [Test]
        public void Smtp_ipv4_only_but_relay_not_the_relay_bounce_is_found_and_the_fix_changes_relay()
        {
            // The drift bug: the check looked at smtp/unix alone while the remediation changed every smtp service.
            string master = File.ReadAllText(TestFiles.CasePath(MasterCase)).Replace(
                "smtp      unix  -       -       y       -       -       smtp\n",
                "smtp      unix  -       -       y       -       -       smtp\n  -o inet_protocols=ipv4\n");
            master.Should().Contain("  -o inet_protocols=ipv4\n");
            string relayBounce = GmailIPv6AuthError.Replace("postfix/smtp[", "postfix/relay[");
            using var tree = new HostTree().WithDebianPostfix().WithIpv6OnLoopback(HostTree.GlobalLine)
                .Write("etc/postfix/master.cf", master).Write("var/log/mail.log", relayBounce + "\n");
            DiagnosisReport report = Examine(tree);
            Ids(report).Should().Equal(FindingIds.PostfixIpv6DeliveryRefused);
            report.Findings[0].Evidence.Select(e => e.Text).Should().Contain("smtp/unix -o inet_protocols=ipv4");
            RemediationPlan plan = RemediationCatalog.Default.PlanBest(report);
            plan.RemediationIds.Should().Equal(PostfixSmtpClientIpv4Only.RemediationId);
            string diff = plan.ToUnifiedDiff();
            diff.Should().Contain(" relay     unix").And.Contain("\n+        -o inet_protocols=ipv4\n");
            diff.Split('\n').Count(l => l.StartsWith("+", StringComparison.Ordinal) && l.Contains("-o inet_protocols=ipv4")).Should().Be(1, diff);
        }

        [Test]
        public void Every_smtp_service_ipv4_only_means_no_finding_and_nothing_to_plan()
        {
            string master = File.ReadAllText(TestFiles.CasePath(MasterCase))
                .Replace("smtp      unix  -       -       y       -       -       smtp\n", "smtp      unix  -       -       y       -       -       smtp\n  -o inet_protocols=ipv4\n")
                .Replace("relay     unix  -       -       y       -       -       smtp\n", "relay     unix  -       -       y       -       -       smtp\n  -o inet_protocols=ipv4\n");
            using var tree = new HostTree().WithDebianPostfix().WithIpv6OnLoopback(HostTree.GlobalLine)
                .Write("etc/postfix/master.cf", master).Write("var/log/mail.log", GmailIPv6AuthError + "\n");
            DiagnosisReport report = Examine(tree);
            report.Findings.Should().BeEmpty();
            new PostfixSmtpClientIpv4Only().Plan(report.Host).HasChanges.Should().BeFalse();
        }

        [Test]
        public void Postfix_folder_linked_out_of_the_root_fails_its_checks_and_keeps_the_exim_finding()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback();
            string outside = Path.Combine(Path.GetTempPath(), "mck-outside-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(outside);
            try
            {
                File.WriteAllText(Path.Combine(outside, "main.cf"), "inet_protocols = all\n");
                Directory.CreateDirectory(Path.Combine(tree.Root, "etc"));
                Directory.CreateSymbolicLink(Path.Combine(tree.Root, "etc", "postfix"), "../../../../../../../../" + outside.TrimStart('/'));
                DiagnosisReport report = Examine(tree);
                Ids(report).Should().Contain(FindingIds.EximIpv6LoopbackWithoutIpv6);
                // The link out of the root is recorded as unreadable (never an all clear), and the exim finding is not lost.
                Ids(report).Should().Contain(FindingIds.HostUnreadableFiles);
                report.Checks.Single(c => c.CheckId == "exim4.loopback").Outcome.Should().Be(CheckOutcome.Found);
                report.UnreadableFiles.Select(u => u.RelativePath).Should().Contain("etc/postfix/main.cf");
            }
            finally
            {
                Directory.Delete(outside, true);
            }
        }

        [Test]
        public void A_check_that_throws_becomes_a_finding_and_the_others_still_report()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback();
            var checks = MailDiagnosis.Checks.Concat(new IMailCheck[] { new Throwing() }).ToList();
            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(tree.Root), new DiagnosisOptions { CheckDns = false }, checks);
            Ids(report).Should().Contain(FindingIds.EximIpv6LoopbackWithoutIpv6).And.Contain(FindingIds.CheckFailed);
            report.Checks.Last().ToString().Should().Be("test.throws: failed - boom");
        }

        [Test]
        public void Skipped_checks_do_not_run_and_say_so_and_unknown_ids_are_refused()
        {
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback();
            var options = new DiagnosisOptions { CheckDns = false };
            options.SkipChecks.Add("exim4.loopback");
            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(tree.Root), options);
            Ids(report).Should().NotContain(FindingIds.EximIpv6LoopbackWithoutIpv6);
            report.Checks.Single(c => c.CheckId == "exim4.loopback").Outcome.Should().Be(CheckOutcome.Skipped);
            report.Checks.Single(c => c.CheckId == MailDiagnosis.DnsCheckId).Message.Should().Be("DNS checks are off");
            report.Checks.Select(c => c.CheckId).Should().Equal(MailDiagnosis.Checks.Select(c => c.Id));

            var bad = new DiagnosisOptions();
            bad.SkipChecks.Add("exim4.loopbak");
            Action act = () => MailDiagnosis.Examine(MailHost.Open(tree.Root), bad);
            act.Should().Throw<ArgumentException>().WithMessage("*exim4.loopbak*exim4.loopback*");
        }

        [Test]
        public void Check_ids_are_unique_and_every_finding_id_belongs_to_exactly_one_check()
        {
            MailDiagnosis.Checks.Select(c => c.Id).Should().OnlyHaveUniqueItems();
            var all = typeof(FindingIds).GetFields().Select(f => (string)f.GetValue(null)!).Where(id => id != FindingIds.CheckFailed && id != FindingIds.HostUnreadableFiles).ToList();
            MailDiagnosis.Checks.SelectMany(c => c.FindingIds).Should().BeEquivalentTo(all).And.OnlyHaveUniqueItems();
        }

        [Test]
        public void Docs_list_exactly_the_registered_checks_and_finding_ids()
        {
            string doc = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot(), "docs", "diagnosis.md"));
            string checksSection = doc.Substring(doc.IndexOf("## Checks", StringComparison.Ordinal));
            checksSection = checksSection.Substring(0, checksSection.IndexOf("## Findings", StringComparison.Ordinal));
            var rows = Regex.Matches(checksSection, @"^\| `([^`]+)` \| (.*) \|$", RegexOptions.Multiline)
                .Select(m => (Check: m.Groups[1].Value, Findings: Regex.Matches(m.Groups[2].Value, "`([^`]+)`").Select(x => x.Groups[1].Value).ToList()))
                .ToList();
            rows.Select(r => r.Check).Should().Equal(MailDiagnosis.Checks.Select(c => c.Id));
            foreach (IMailCheck check in MailDiagnosis.Checks)
            {
                rows.Single(r => r.Check == check.Id).Findings.Should().Equal(check.FindingIds, check.Id);
            }
            string findingsSection = doc.Substring(doc.IndexOf("## Findings", StringComparison.Ordinal));
            var documented = Regex.Matches(findingsSection, @"^\| `([a-z0-9.\-]+)` \| (Error|Warning|Note)[^|]*\|", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
            var all = typeof(FindingIds).GetFields().Select(f => (string)f.GetValue(null)!);
            documented.Should().BeEquivalentTo(all);
        }

        private sealed class Throwing : IMailCheck
        {
            public string Id => "test.throws";
            public string Title => "a test check that throws while it runs";
            public System.Collections.Generic.IReadOnlyList<string> FindingIds => new string[0];
            public System.Collections.Generic.IEnumerable<Finding> Run(DiagnosisContext context) => throw new InvalidOperationException("boom");
        }
    }
}
