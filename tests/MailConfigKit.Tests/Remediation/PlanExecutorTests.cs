using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.IO;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Remediation
{
    public class PlanExecutorTests
    {
        private const string MainCf = "etc/postfix/main.cf";
        private const string EximConf = "etc/exim4/update-exim4.conf.conf";

        [Test]
        public void A_change_between_plan_and_apply_is_refused_and_nothing_is_written()
        {
            using var tree = new HostTree().WithDebianPostfix();
            RemediationPlan plan = new PostfixInetProtocolsIpv4().Plan(MailHost.Open(tree.Root));
            File.AppendAllText(tree.PathOf(MainCf), "# edited by hand meanwhile\n");
            byte[] edited = tree.ReadBytes(MainCf);
            var act = () => PlanExecutor.Apply(plan);
            act.Should().Throw<PlanConflictException>().Which.Path.Should().Be(tree.PathOf(MainCf));
            tree.ReadBytes(MainCf).Should().Equal(edited);
            Directory.GetFiles(tree.PathOf("etc/postfix")).Select(Path.GetFileName).Should().Equal("main.cf");
        }

        [Test]
        public void A_plan_over_two_files_is_applied_completely_or_the_first_file_gets_its_text_back()
        {
            using var tree = new HostTree().WithDebianPostfix().WithDebianExim().WithoutIpv6OnLoopback();
            MailHost host = MailHost.Open(tree.Root);
            RemediationPlan plan = RemediationPlan.Combine(new[] { new EximDropIpv6Loopback().Plan(host), new PostfixInetProtocolsIpv4().Plan(host) });
            plan.FileChanges.Select(f => f.RelativePath).Should().Equal(EximConf, MainCf);
            byte[] exim = tree.ReadBytes(EximConf);
            File.AppendAllText(tree.PathOf(MainCf), "# meanwhile\n");

            var act = () => PlanExecutor.Apply(plan, new ApplyOptions { CreateBackup = true });
            act.Should().Throw<PlanConflictException>();
            tree.ReadBytes(EximConf).Should().Equal(exim, "the exim file was written first, then restored");
            Directory.GetFiles(tree.PathOf("etc/exim4")).Select(Path.GetFileName).Should().Equal("update-exim4.conf.conf");
        }

        [Test]
        public void A_backup_is_a_hard_link_to_the_original_which_is_never_renamed()
        {
            using var tree = new HostTree().WithDebianPostfix();
            byte[] before = tree.ReadBytes(MainCf);
            RemediationPlan plan = new PostfixInetProtocolsIpv4().Plan(MailHost.Open(tree.Root));
            ApplyResult result = PlanExecutor.Apply(plan, new ApplyOptions { CreateBackup = true });
            string backup = result.Files.Single().BackupPath!;
            backup.Should().StartWith(tree.PathOf(MainCf) + ".mck-backup-");
            File.ReadAllBytes(backup).Should().Equal(before);
            tree.Read(MainCf).Should().Contain("inet_protocols = ipv4");
        }

        [TestCase("640", 0, 4242)]
        [TestCase("600", 0, 0)]
        [TestCase("644", 4243, 4244)]
        public void Mode_and_owner_are_kept(string mode, int uid, int gid)
        {
            OracleTools.RequireRootOrIgnore();
            using var tree = new HostTree().WithDebianExim().WithoutIpv6OnLoopback();
            string path = tree.PathOf(EximConf);
            ProcessRunner.RunChecked("/bin/chown", new[] { uid + ":" + gid, path });
            ProcessRunner.RunChecked("/bin/chmod", new[] { mode, path });
            PlanExecutor.Apply(new EximDropIpv6Loopback().Plan(MailHost.Open(tree.Root))).Changed.Should().BeTrue();
            ProcessRunner.RunChecked("/usr/bin/stat", new[] { "-c", "%a %u %g", path }).Stdout.Trim().Should().Be(mode + " " + uid + " " + gid);
        }

        [Test]
        public void A_link_out_of_the_root_is_refused_at_plan_and_at_apply_with_nothing_written_outside()
        {
            using var outside = new TempDir();
            File.WriteAllText(outside.File("main.cf"), "inet_protocols = all\n");
            using var tree = new HostTree().WithDebianPostfix();
            RemediationPlan plan = new PostfixInetProtocolsIpv4().Plan(MailHost.Open(tree.Root));

            // The folder becomes a link to the outside after planning: applying must not follow it.
            Directory.Move(tree.PathOf("etc/postfix"), tree.PathOf("etc/postfix.real"));
            File.CreateSymbolicLink(tree.PathOf("etc/postfix"), "../../" + Path.GetFileName(outside.Path));
            var apply = () => PlanExecutor.Apply(plan);
            apply.Should().Throw<HostPathException>().WithMessage("*outside the host root*");
            var planAgain = () => new PostfixInetProtocolsIpv4().Plan(MailHost.Open(tree.Root));
            planAgain.Should().Throw<HostPathException>();
            File.ReadAllText(outside.File("main.cf")).Should().Be("inet_protocols = all\n");
            Directory.GetFiles(outside.Path).Should().ContainSingle();
        }

        [Test]
        public void A_full_file_system_gives_DiskFull_with_the_original_intact_and_no_temp_file()
        {
            OracleTools.RequireRootOrIgnore();
            using var mount = new TmpfsMount("size=256k");
            using var tree = HostOn(mount.Path);
            RemediationPlan plan = new PostfixInetProtocolsIpv4().Plan(MailHost.Open(mount.Path));
            byte[] before = File.ReadAllBytes(Path.Combine(mount.Path, MainCf));
            mount.Fill();
            var act = () => PlanExecutor.Apply(plan);
            act.Should().Throw<AtomicWriteException>().Where(e => e.Reason == AtomicWriteFailure.DiskFull && e.Path == Path.Combine(mount.Path, MainCf));
            File.ReadAllBytes(Path.Combine(mount.Path, MainCf)).Should().Equal(before);
            Directory.GetFiles(Path.Combine(mount.Path, "etc/postfix")).Select(Path.GetFileName).Should().Equal("main.cf");
        }

        [Test]
        public void A_read_only_file_system_gives_ReadOnlyFileSystem()
        {
            OracleTools.RequireRootOrIgnore();
            using var mount = new TmpfsMount("size=1m");
            using var tree = HostOn(mount.Path);
            RemediationPlan plan = new PostfixInetProtocolsIpv4().Plan(MailHost.Open(mount.Path));
            byte[] before = File.ReadAllBytes(Path.Combine(mount.Path, MainCf));
            mount.RemountReadOnly();
            var act = () => PlanExecutor.Apply(plan);
            act.Should().Throw<AtomicWriteException>().Where(e => e.Reason == AtomicWriteFailure.ReadOnlyFileSystem).WithMessage("*main.cf*");
            File.ReadAllBytes(Path.Combine(mount.Path, MainCf)).Should().Equal(before);
        }

        [Test]
        public void A_bind_mounted_single_file_gives_Busy_and_no_temp_file()
        {
            OracleTools.RequireRootOrIgnore();
            using var tree = new HostTree().WithDebianPostfix();
            using var source = new TempDir();
            File.Copy(tree.PathOf(MainCf), source.File("main.cf"));
            ProcessRunner.RunChecked("/usr/bin/mount", new[] { "--bind", source.File("main.cf"), tree.PathOf(MainCf) });
            try
            {
                RemediationPlan plan = new PostfixInetProtocolsIpv4().Plan(MailHost.Open(tree.Root));
                var act = () => PlanExecutor.Apply(plan);
                act.Should().Throw<AtomicWriteException>().Where(e => e.Reason == AtomicWriteFailure.Busy).WithMessage("*main.cf*");
                Directory.GetFiles(tree.PathOf("etc/postfix")).Select(Path.GetFileName).Should().Equal("main.cf");
                File.ReadAllText(source.File("main.cf")).Should().Contain("inet_protocols = all");
            }
            finally
            {
                ProcessRunner.Run("/usr/bin/umount", new[] { tree.PathOf(MainCf) });
            }
        }

        private static IDisposable HostOn(string root)
        {
            Directory.CreateDirectory(Path.Combine(root, "etc/postfix"));
            File.Copy(TestFiles.CasePath("Postfix/Cases/debian-default-main.cf"), Path.Combine(root, MainCf));
            return new Nothing();
        }

        private sealed class Nothing : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
