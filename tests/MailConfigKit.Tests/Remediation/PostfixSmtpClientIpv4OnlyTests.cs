using System.IO;
using System.Linq;
using System.Text;
using System;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Postfix;
using MailConfigKit.Tests.Support;
using MailConfigKit.Text;
using NUnit.Framework;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>
    /// PostfixSmtpClientIpv4Only on host trees with Debian's default main.cf and master.cf: the exact diff, what the real
    /// postconf 3.7.11 reads from the result (<c>postconf -P</c>), that applying touches only those lines, and that the
    /// remediation is idempotent; plus the cases where it must plan nothing.
    /// </summary>
    public class PostfixSmtpClientIpv4OnlyTests
    {
        private const string MasterCase = "Postfix/Cases/master/debian-default-master.cf";

        private static HostTree DebianTree() => new HostTree().WithDebianPostfix().Write(HostPaths.PostfixMasterCf, TestFiles.CaseBytes(MasterCase));

        private static string DebianMaster => Encoding.UTF8.GetString(TestFiles.CaseBytes(MasterCase));

        private static RemediationPlan Plan(HostTree tree) => new PostfixSmtpClientIpv4Only().Plan(MailHost.Open(tree.Root));

        /// <summary>The Debian file gets one -o line per smtp client entry, indented like relay's existing -o, and nothing else.</summary>
        private const string ExpectedDiff =
            "--- a/etc/postfix/master.cf\n"
            + "+++ b/etc/postfix/master.cf\n"
            + "@@ -64,8 +64,10 @@\n"
            + " proxymap  unix  -       -       n       -       -       proxymap\n"
            + " proxywrite unix -       -       n       -       1       proxymap\n"
            + " smtp      unix  -       -       y       -       -       smtp\n"
            + "+        -o inet_protocols=ipv4\n"
            + " relay     unix  -       -       y       -       -       smtp\n"
            + "         -o syslog_name=postfix/$service_name\n"
            + "+        -o inet_protocols=ipv4\n"
            + " #       -o smtp_helo_timeout=5 -o smtp_connect_timeout=5\n"
            + " showq     unix  n       -       y       -       -       showq\n"
            + " error     unix  -       -       y       -       -       error\n";

        [Test]
        public void Debian_default_plan_is_the_expected_diff_and_a_postfix_restart()
        {
            using var tree = DebianTree();
            var plan = Plan(tree);

            plan.RemediationIds.Should().Equal(PostfixSmtpClientIpv4Only.RemediationId);
            plan.FileChanges.Should().ContainSingle();
            var change = plan.FileChanges[0];
            change.RelativePath.Should().Be(HostPaths.PostfixMasterCf);
            change.LockStyle.Should().Be(FileLockStyle.PostfixEditFile);
            change.UnifiedDiff.Should().Be(ExpectedDiff);
            plan.ServiceActions.Select(a => a.Kind).Should().Equal(ServiceActionKind.StopPostfix, ServiceActionKind.StartPostfix);
        }

        [Test]
        public void A_printed_change_names_the_file_and_its_size_without_the_text()
        {
            using var tree = DebianTree();
            var change = Plan(tree).FileChanges.Single();
            change.ToString().Should().Be("change to etc/postfix/master.cf under " + change.Root + " (+2 -0 lines)");
        }

        [Test]
        public void Postconf_reads_the_planned_file_as_the_original_plus_the_two_overrides()
        {
            using var tree = DebianTree();
            var change = Plan(tree).FileChanges.Single();
            using var pc = new Postconf(TestFiles.CaseBytes("Postfix/Cases/debian-default-main.cf"));
            pc.SetMasterCf(DebianMaster);
            var before = pc.Query("-P");
            before.ExitCode.Should().Be(0, before.Stderr);
            pc.SetMasterCf(change.NewText);
            var after = pc.Query("-P");
            after.ExitCode.Should().Be(0, after.Stderr);
            after.Stderr.Should().BeEmpty("postconf has no warning about the edited file");

            var expected = Lines(before.Stdout).Concat(new[] { "smtp/unix/inet_protocols = ipv4", "relay/unix/inet_protocols = ipv4" }).OrderBy(l => l, StringComparer.Ordinal);
            Lines(after.Stdout).OrderBy(l => l, StringComparer.Ordinal).Should().Equal(expected);
            // -F (the service fields and commands) moves only on the two edited entries' command fields.
            pc.SetMasterCf(DebianMaster);
            var fieldsBefore = Lines(pc.Query("-F").Stdout);
            pc.SetMasterCf(change.NewText);
            var fieldsAfter = Lines(pc.Query("-F").Stdout);
            fieldsAfter.Except(fieldsBefore).Should().BeEquivalentTo(
                "smtp/unix/command = smtp -o inet_protocols=ipv4",
                "relay/unix/command = smtp -o syslog_name=postfix/$service_name -o inet_protocols=ipv4");
        }

        [Test]
        public void Apply_changes_only_the_planned_lines_then_the_remediation_has_nothing_left_to_do()
        {
            using var tree = DebianTree();
            var plan = Plan(tree);
            var result = PlanExecutor.Apply(plan);

            result.Changed.Should().BeTrue();
            result.PendingServiceActions.Select(a => a.Kind).Should().Equal(ServiceActionKind.StopPostfix, ServiceActionKind.StartPostfix);
            string written = tree.Read(HostPaths.PostfixMasterCf);
            written.Should().Be(plan.FileChanges[0].NewText);
            KeptLineMatcher.KeptLines(DebianMaster, written).Should().HaveCount(KeptLineMatcher.Lines(DebianMaster).Count, "every original line stays");
            KeptLineMatcher.Lines(written).Should().HaveCount(KeptLineMatcher.Lines(DebianMaster).Count + 2);
            tree.Read(HostPaths.PostfixMainCf).Should().Be(Encoding.UTF8.GetString(TestFiles.CaseBytes("Postfix/Cases/debian-default-main.cf")));

            var again = Plan(tree);
            again.HasChanges.Should().BeFalse();
            again.ServiceActions.Should().BeEmpty();
            var mtime = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(tree.PathOf(HostPaths.PostfixMasterCf), mtime);
            PlanExecutor.Apply(again).Changed.Should().BeFalse();
            File.GetLastWriteTimeUtc(tree.PathOf(HostPaths.PostfixMasterCf)).Should().Be(mtime);
        }

        [Test]
        public void Services_already_overridden_to_ipv4_are_left_alone()
        {
            string master = DebianMaster
                .Replace("smtp      unix  -       -       y       -       -       smtp\n", "smtp      unix  -       -       y       -       -       smtp\n  -o inet_protocols=ipv4\n", StringComparison.Ordinal);
            using var tree = new HostTree().WithDebianPostfix().Write(HostPaths.PostfixMasterCf, master);
            var plan = Plan(tree);
            plan.FileChanges.Should().ContainSingle();
            var diffLines = plan.FileChanges[0].UnifiedDiff.Split('\n').Where(l => l.StartsWith("+", StringComparison.Ordinal) || l.StartsWith("-", StringComparison.Ordinal)).ToList();
            diffLines.Should().Equal("--- a/etc/postfix/master.cf", "+++ b/etc/postfix/master.cf", "+        -o inet_protocols=ipv4");
            PlanExecutor.Apply(plan);

            string both = tree.Read(HostPaths.PostfixMasterCf);
            using var done = new HostTree().WithDebianPostfix().Write(HostPaths.PostfixMasterCf, both);
            Plan(done).HasChanges.Should().BeFalse("both smtp clients say ipv4");
        }

        [Test]
        public void An_override_to_all_gets_its_value_replaced_in_place()
        {
            string master = DebianMaster.Replace("        -o syslog_name=postfix/$service_name\n", "        -o inet_protocols=all -o syslog_name=postfix/$service_name\n", StringComparison.Ordinal);
            using var tree = new HostTree().WithDebianPostfix().Write(HostPaths.PostfixMasterCf, master);
            var change = Plan(tree).FileChanges.Single();
            change.NewText.Should().Contain("        -o inet_protocols=ipv4 -o syslog_name=postfix/$service_name\n");
            change.NewText.Should().NotContain("inet_protocols=all");
            KeptLineMatcher.KeptLines(master, change.NewText).Should().HaveCount(KeptLineMatcher.Lines(master).Count - 1, "only relay's -o line changes (smtp/unix gets a new line)");
        }

        [TestCase("inet_protocols = ipv4\n")]
        [TestCase("inet_protocols = ipv6\n")]
        [TestCase("inet_protocols =\n")]
        public void Nothing_to_gain_when_main_cf_does_not_enable_both_families(string setting)
        {
            using var tree = DebianTree();
            File.AppendAllText(tree.PathOf(HostPaths.PostfixMainCf), setting);
            var plan = Plan(tree);
            plan.HasChanges.Should().BeFalse();
            plan.ServiceActions.Should().BeEmpty();
        }

        [TestCase("inet_protocols = ipv4, ipv6\n")]
        [TestCase("inet_protocols = all\n")]
        public void Main_cf_with_both_families_spelled_otherwise_still_gets_the_override(string setting)
        {
            using var tree = DebianTree();
            File.AppendAllText(tree.PathOf(HostPaths.PostfixMainCf), setting);
            Plan(tree).FileChanges.Single().UnifiedDiff.Should().Be(ExpectedDiff);
        }

        [Test]
        public void No_master_cf_or_no_main_cf_means_an_empty_plan()
        {
            using var noMaster = new HostTree().WithDebianPostfix();
            Plan(noMaster).HasChanges.Should().BeFalse();

            using var noMain = new HostTree().Write(HostPaths.PostfixMasterCf, TestFiles.CaseBytes(MasterCase));
            Plan(noMain).HasChanges.Should().BeFalse();
        }

        [Test]
        public void The_smtpd_listener_and_other_commands_are_never_touched()
        {
            // An inet service whose command is smtp does not exist in practice; lmtp runs the same binary under another name.
            string master = "smtp      inet  n       -       y       -       -       smtpd\n"
                + "lmtp      unix  -       -       y       -       -       lmtp\n"
                + "out       unix  -       -       n       -       -       smtp\n";
            using var tree = new HostTree().WithDebianPostfix().Write(HostPaths.PostfixMasterCf, master);
            Plan(tree).FileChanges.Single().NewText.Should().Be(master + "  -o inet_protocols=ipv4\n");
        }

        [TestCase("out       unix  -       -       n       -       -       smtp -oinet_protocols=all\n")]
        [TestCase("out       unix  -       -       n       -       -       smtp -o inet_protocols=ipv6\nout       unix  -       -       n       -       -       smtp\n")]
        public void Glued_options_and_duplicate_entries_end_as_postconf_reads_ipv4(string master)
        {
            using var tree = new HostTree().WithDebianPostfix().Write(HostPaths.PostfixMasterCf, master);
            var change = Plan(tree).FileChanges.Single();
            using var pc = new Postconf(TestFiles.CaseBytes("Postfix/Cases/debian-default-main.cf"));
            pc.SetMasterCf(change.NewText);
            var p = pc.Query("-P");
            p.ExitCode.Should().Be(0, p.Stderr);
            // postconf prints each entry's merged name space, so duplicates print twice. postconf 3.7 splits the glued
            // -oinet_protocols=all at its second 'o' (docs/roundtrip.md) into a parameter "ls", so the plan adds a -o of its
            // own, after the glued word (what the smtp daemon itself makes of the glued word is not measured here).
            Lines(p.Stdout).Where(l => l.Contains("inet_protocols", StringComparison.Ordinal)).Distinct().Should().Equal("out/unix/inet_protocols = ipv4");
            using var done = new HostTree().WithDebianPostfix().Write(HostPaths.PostfixMasterCf, change.NewText);
            Plan(done).HasChanges.Should().BeFalse();
        }

        [Test]
        public void Load_master_cf_reads_the_host_file_or_returns_null()
        {
            using var tree = DebianTree();
            var master = MailHost.Open(tree.Root).LoadMasterCf();
            master.Should().NotBeNull();
            master!.ToString().Should().Be(DebianMaster);
            master.FilePath.Should().Be(HostPaths.PostfixMasterCf);
            using var empty = new HostTree();
            MailHost.Open(empty.Root).LoadMasterCf().Should().BeNull();
        }

        [Test]
        public void Rationale_cites_postconf5_and_explains_why_smtp_address_preference_is_not_a_fix()
        {
            var r = new PostfixSmtpClientIpv4Only().Rationale;
            r.Should().Contain("smtp_address_preference").And.Contain("not a solution for remote servers that flag email received over IPv6")
                .And.Contain("-o inet_protocols=ipv4").And.Contain("equal MX preference");
        }

        private static string[] Lines(string stdout) => stdout.Split('\n').Where(l => l.Length > 0).ToArray();
    }
}
