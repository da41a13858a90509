using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using System;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.IO;
using MailConfigKit.Tests.Diagnosis;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using MailConfigKit.Values;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host
{
    /// <summary>
    /// The reproducers of issue 11 for the host, its logs and the diagnosis (defects 5, 12, 13, 14, 16), in process.
    /// MailDoctorTests runs the same inputs through the MailDoctor process (exit codes, the text, the JSON, as nobody).
    /// </summary>
    [TestFixture]
    public class BadInputRegressionTests_Host : DiagnosisTestBase
    {
        // A hang guard, not a speed assertion: the old code blocked forever on a FIFO, so "finished at all" is the test.
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

        private static T Bounded<T>(Func<T> work)
        {
            Task<T> task = Task.Run(work);
            if (!task.Wait(HangGuard)) Assert.Fail("did not finish: blocked (a FIFO opened for reading waits for a writer forever)");
            return task.Result;
        }

        /// <summary>The demo's failures in a tree: exim names ::1, lo has no IPv6, Gmail's bounce in the mail log.</summary>
        private static HostTree DemoLikeTree() =>
            new HostTree().WithDebianPostfix().WithDebianExim()
                .WithoutIpv6OnLoopback(HostTree.GlobalLine)
                .Write("proc/net/tcp", HostTree.TcpHeader)
                .Write("var/log/mail.log", GmailIPv6AuthError + "\n")
                .Write("var/log/exim4/paniclog", "2026-11-20 22:37:03 socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned\n")
                .Write("etc/postfix/master.cf", "smtp      unix  -       -       y       -       -       smtp\n");

        private static void MakeFifo(string path)
        {
            File.Delete(path);
            using var p = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
            p.WaitForExit();
            p.ExitCode.Should().Be(0, "mkfifo " + path);
        }

        // --- Defect 5: regular files only, opened without blocking, with size caps.

        [TestCase(HostPaths.PostfixMainCf)]
        [TestCase(HostPaths.Exim4UpdateConf)]
        [TestCase(HostPaths.MailLog)]
        [TestCase(HostPaths.Exim4Paniclog)]
        [TestCase(HostPaths.ProcTcp)]
        [TestCase(HostPaths.ProcIfInet6)]
        public void Defect05_a_fifo_in_place_of_a_file_is_reported_not_waited_on(string relative)
        {
            using var tree = DemoLikeTree();
            MakeFifo(tree.PathOf(relative));
            DiagnosisReport report = Bounded(() => Examine(tree));
            report.UnreadableFiles.Select(u => u.RelativePath).Should().Equal(relative);
            report.UnreadableFiles[0].Problem.Should().Contain("FIFO").And.Contain("not a regular file");
            Finding unreadable = report.Findings.Single(f => f.Id == FindingIds.HostUnreadableFiles);
            unreadable.Evidence.Select(e => e.Source).Should().Equal(relative);
            unreadable.Severity.Should().Be(MailDiagnosis.IsConfiguration(relative) ? FindingSeverity.Error : FindingSeverity.Warning);
            RemediationCatalog.Default.FindingsNeedingAPerson(report).Should().Contain(unreadable, "what could not be read is never an all clear");
        }

        [Test]
        public void Defect05_the_mail_host_never_opens_a_fifo()
        {
            using var tree = DemoLikeTree();
            MakeFifo(tree.PathOf(HostPaths.PostfixMainCf));
            MakeFifo(tree.PathOf(HostPaths.MailLog));
            var host = MailHost.Open(tree.Root);
            host.Probe(HostPaths.PostfixMainCf).State.Should().Be(HostFileState.Unreadable);
            host.HasPostfix.Should().BeTrue("something is there, and it must not read as absent");
            Bounded(() => host.Invoking(h => h.LoadMainCf()).Should().Throw<UnreadableFileException>()
                .Which.Reason.Should().Be(UnreadableFileReason.NotRegularFile));
            Bounded(() => host.Invoking(h => h.ReadLog(HostPaths.MailLog).ToList()).Should().Throw<UnreadableFileException>()
                .WithMessage("*FIFO*"));
        }

        [Test]
        public void Defect05_a_link_to_dev_zero_is_refused_before_a_byte_is_read()
        {
            // The live-system case: RegularFile itself, on the real device.
            var act = () => RegularFile.ReadAllBytes("/dev/zero", RegularFile.KernelTableLimit);
            act.Should().Throw<UnreadableFileException>().WithMessage("*character device*")
                .Which.Reason.Should().Be(UnreadableFileReason.NotRegularFile);

            // Under a root: if_inet6 -> /dev/zero resolves to ROOT/dev/zero (chroot semantics), a device node there.
            using var tree = DemoLikeTree();
            Directory.CreateDirectory(tree.PathOf("dev"));
            using (var p = Process.Start(new ProcessStartInfo("mknod", tree.PathOf("dev/zero") + " c 1 5") { UseShellExecute = false, RedirectStandardError = true })!)
            {
                p.WaitForExit();
                if (p.ExitCode != 0) throw OracleTools.Unavailable("mknod is not allowed here (needs root): " + p.StandardError.ReadToEnd(), OracleTools.IsCi, null);
            }
            File.Delete(tree.PathOf(HostPaths.ProcIfInet6));
            File.CreateSymbolicLink(tree.PathOf(HostPaths.ProcIfInet6), "/dev/zero");
            HostNetworkState network = Bounded(() => MailHost.Open(tree.Root).ReadNetwork());
            network.Unreadable.Should().ContainSingle().Which.Problem.Should().Contain("character device");
            network.AnyIpv6.Should().Be(Ipv6Availability.Unknown, "an unreadable if_inet6 tells nothing");
            network.KernelHasIpv6.Should().BeFalse();
        }

        [Test]
        public void Defect05_an_unreadable_if_inet6_makes_the_loopback_unknown_not_absent()
        {
            using var tree = new HostTree().WithDebianExim().Write("proc/net/tcp", HostTree.TcpHeader).Write("proc/net/if_inet6", "");
            MakeFifo(tree.PathOf(HostPaths.ProcIfInet6));
            HostNetworkState network = Bounded(() => MailHost.Open(tree.Root).ReadNetwork());
            network.LoopbackIpv6.Should().Be(Ipv6Availability.Unknown);
            network.DescribeLoopbackIpv6().Should().Contain("could not be read");
            // So exim's ::1 is not called a fault, and nothing is planned on no evidence.
            DiagnosisReport report = Bounded(() => Examine(tree));
            Ids(report).Should().Equal(FindingIds.HostUnreadableFiles);
            RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse();
        }

        [Test]
        public void Defect05_folders_sockets_and_oversized_files_are_refused_with_their_reason()
        {
            using var dir = new TempDir();
            Directory.CreateDirectory(dir.File("folder"));
            FluentActions.Invoking(() => RegularFile.ReadAllBytes(dir.File("folder"), 100)).Should().Throw<UnreadableFileException>().WithMessage("*a folder*");
            FluentActions.Invoking(() => RegularFile.Exists(dir.File("folder"))).Should().Throw<UnreadableFileException>();
            RegularFile.Exists(dir.File("none")).Should().BeFalse();
            FluentActions.Invoking(() => RegularFile.ReadAllBytes(dir.File("none"), 100)).Should().Throw<FileNotFoundException>();

            using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                socket.Bind(new UnixDomainSocketEndPoint(dir.File("sock")));
                FluentActions.Invoking(() => RegularFile.ReadAllBytes(dir.File("sock"), 100)).Should().Throw<UnreadableFileException>().WithMessage("*socket*");
            }

            File.WriteAllBytes(dir.File("big"), new byte[101]);
            RegularFile.ReadAllBytes(dir.File("big"), 101).Should().HaveCount(101);
            FluentActions.Invoking(() => RegularFile.ReadAllBytes(dir.File("big"), 100)).Should().Throw<UnreadableFileException>()
                .Which.Reason.Should().Be(UnreadableFileReason.TooLarge);
            // The public configuration reader (MainCf.Load and friends go through it) is capped the same way.
            AtomicFile.ReadAllBytes(dir.File("big")).Should().HaveCount(101);
        }

        [Test]
        public void Defect05_a_main_cf_over_its_cap_is_reported_not_read()
        {
            using var tree = DemoLikeTree();
            using (var fs = new FileStream(tree.PathOf(HostPaths.PostfixMainCf), FileMode.Append))
            {
                fs.SetLength(RegularFile.ConfigurationLimit + 1);
            }
            DiagnosisReport report = Examine(tree);
            report.UnreadableFiles.Select(u => u.RelativePath).Should().Equal(HostPaths.PostfixMainCf);
            report.UnreadableFiles[0].Problem.Should().Contain("16 MiB");
        }

        // --- Defect 12: a finding whose best fix plans nothing claims no fix and needs a person.

        [Test]
        public void Defect12_best_fix_that_plans_nothing_is_not_a_fix()
        {
            // The issue's tree (empty master.cf): no SMTP client service exists, so nothing delivers over IPv6 and no fix is claimed.
            using (var issueTree = DemoLikeTree()
                .Write("etc/postfix/master.cf", "")
                .Edit(HostPaths.Exim4UpdateConf, "dc_local_interfaces='127.0.0.1 ; ::1'", "dc_local_interfaces='127.0.0.1'")
                .Write(HostPaths.Exim4Paniclog, ""))
            {
                DiagnosisReport issueReport = Examine(issueTree);
                var unfixed = RemediationCatalog.Default.PlanEach(issueReport).Where(p => !p.HasChanges && p.Remediation != null && p.Finding.Severity != FindingSeverity.Note);
                unfixed.Select(p => p.Finding).Except(RemediationCatalog.Default.FindingsNeedingAPerson(issueReport)).Should().BeEmpty();
                RemediationCatalog.Default.PlanBest(issueReport).HasChanges.Should().BeFalse();
            }

            // A finding whose best fix plans nothing here: main.cf delivers over IPv6 only, so the smtp-client override has nothing to choose.
            using var tree = DemoLikeTree()
                .Edit(HostPaths.PostfixMainCf, "inet_protocols = all", "inet_protocols = ipv6")
                .Edit(HostPaths.Exim4UpdateConf, "dc_local_interfaces='127.0.0.1 ; ::1'", "dc_local_interfaces='127.0.0.1'")
                .Write(HostPaths.Exim4Paniclog, "");
            DiagnosisReport report = Examine(tree);
            Finding refused = report.Findings.Single(f => f.Id == FindingIds.PostfixIpv6DeliveryRefused);
            RemediationCatalog.Default.For(refused).Should().NotBeEmpty();
            FindingPlan planned = RemediationCatalog.Default.PlanFor(report.Host, refused);
            planned.HasChanges.Should().BeFalse("the best fix overrides the client only when main.cf enables both protocols");
            planned.ToString().Should().Contain("plans nothing here");
            RemediationCatalog.Default.FindingsNeedingAPerson(report).Should().Contain(refused);
        }

        [Test]
        public void Defect12_a_best_fix_that_plans_a_change_is_a_fix()
        {
            using var tree = DemoLikeTree();
            DiagnosisReport report = Examine(tree);
            report.Findings.Where(f => RemediationCatalog.Default.For(f).Count > 0).Should().OnlyContain(f => RemediationCatalog.Default.PlanFor(report.Host, f).HasChanges);
            RemediationCatalog.Default.FindingsNeedingAPerson(report).Should().BeEmpty();
        }

        // --- Defect 13: escape sequences from configs and logs are made visible.

        [TestCase("\u001b[2J", "\\x1B[2J")]
        [TestCase("\u001b]0;owned\u0007", "\\x1B]0;owned\\x07")]
        [TestCase("\u009b31m", "\\x9B31m")]
        [TestCase("a\rb", "a\\rb")]
        [TestCase("a\nb", "a\\nb")]
        [TestCase("\u007f\u0000\u0008", "\\x7F\\x00\\x08")]
        [TestCase("key\t= value", "key\t= value")]
        [TestCase("\u202Eevil", "\\u202Eevil")]
        [TestCase("plain ünïcode", "plain ünïcode")]
        public void Defect13_terminal_text_shows_control_characters_as_escapes(string raw, string shown)
        {
            LogText.ForTerminal(raw).Should().Be(shown);
            LogText.ForTerminal(raw).Where(c => c != '\t').Should().OnlyContain(c => c >= 0x20 && c != 0x7F && (c < 0x80 || c >= 0xA0));
        }

        [Test]
        public void Defect13_log_escape_also_escapes_tab()
        {
            LogText.Escape("a\tb\u001b").Should().Be("a\\tb\\x1B");
        }

        // --- Defect 14: logs are streamed, with bounded memory.

        [Test]
        public void Defect14_a_long_line_without_newline_is_cut_short_not_built()
        {
            using var tree = new HostTree();
            const long Size = 200L * 1024 * 1024;
            WriteRepeated(tree.PathOf(HostPaths.MailLog), Encoding.ASCII.GetBytes(new string('x', 1024 * 1024)), Size);
            var host = MailHost.Open(tree.Root);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var lines = host.ReadLog(HostPaths.MailLog).ToList();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            lines.Should().ContainSingle();
            lines[0].IsTruncated.Should().BeTrue();
            lines[0].ByteLength.Should().Be(Size);
            lines[0].Text.Length.Should().Be(LogLineReader.MaxLineBytes);
            lines[0].ToString().Should().EndWith("[... line truncated: " + Size + " bytes in all]");
            allocated.Should().BeLessThan(16L * 1024 * 1024, "reading streams: two buffers and the kept start of the line, not 200 MB");
        }

        [Test]
        public void Defect14_a_huge_log_of_bounces_keeps_a_count_and_the_newest_few()
        {
            using var tree = DemoLikeTree();
            byte[] line = Encoding.ASCII.GetBytes(GmailIPv6AuthError + "\n");
            const long Size = 200L * 1024 * 1024;
            long count = WriteRepeated(tree.PathOf(HostPaths.MailLog), line, Size);
            long retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
            DiagnosisReport report = Examine(tree);
            long retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
            Finding f = report.Findings.Single(x => x.Id == FindingIds.PostfixIpv6DeliveryRefused);
            f.Title.Should().Contain("(" + count + " bounce(s)");
            var logEvidence = f.Evidence.Where(e => e.Kind == EvidenceKind.Log).ToList();
            logEvidence.Should().HaveCount(6, "a line with the total, then the newest five");
            logEvidence[0].Text.Should().Be(count + " matching line(s) in all; the newest 5 follow");
            logEvidence.Last().Line.Should().Be((int)count);
            GC.KeepAlive(report);
            retained.Should().BeLessThan(32L * 1024 * 1024, "only the newest matches are kept, not all " + count);
        }

        [Test]
        public void Defect14_line_reader_splits_like_sed_and_resumes_after_a_cut_line()
        {
            string longLine = new string('y', LogLineReader.MaxLineBytes + 10);
            string text = "a\r\nb\n\n" + longLine + "\nafter\nlast";
            using var reader = new LogLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
            var got = new System.Collections.Generic.List<(string, bool, long)>();
            while (reader.TryReadLine(out string line, out bool truncated, out long length)) got.Add((line, truncated, length));
            got.Should().Equal(("a", false, 1L), ("b", false, 1L), ("", false, 0L),
                (longLine.Substring(0, LogLineReader.MaxLineBytes), true, (long)longLine.Length), ("after", false, 5L), ("last", false, 4L));
        }

        [Test]
        public void Defect14_a_line_of_exactly_the_cap_is_whole()
        {
            string exact = new string('z', LogLineReader.MaxLineBytes);
            using var reader = new LogLineReader(new MemoryStream(Encoding.UTF8.GetBytes(exact + "\n")));
            reader.TryReadLine(out string line, out bool truncated, out _).Should().BeTrue();
            line.Should().Be(exact);
            truncated.Should().BeFalse();
            reader.TryReadLine(out _, out _, out _).Should().BeFalse();
        }

        // --- Defect 16: what cannot be read is reported as such (the permission cases run as nobody in MailDoctorTests).

        [Test]
        public void Defect16_a_link_loop_and_a_link_out_of_the_root_are_reported_not_absent()
        {
            using var tree = DemoLikeTree();
            File.Delete(tree.PathOf(HostPaths.PostfixMainCf));
            File.CreateSymbolicLink(tree.PathOf(HostPaths.PostfixMainCf), "../../../../../../../../etc/passwd");
            File.Delete(tree.PathOf(HostPaths.Exim4UpdateConf));
            File.CreateSymbolicLink(tree.PathOf(HostPaths.Exim4UpdateConf), "loop");
            File.CreateSymbolicLink(tree.PathOf("etc/exim4/loop"), "update-exim4.conf.conf");
            var host = MailHost.Open(tree.Root);
            host.HasPostfix.Should().BeTrue();
            host.HasExim4.Should().BeTrue();
            host.Probe(HostPaths.PostfixMainCf).Problem.Should().Contain("outside the host root");
            host.Probe(HostPaths.Exim4UpdateConf).Problem.Should().Contain("Too many levels of symbolic links");
            DiagnosisReport report = Examine(tree);
            report.UnreadableFiles.Select(u => u.RelativePath).Should().BeEquivalentTo(new[] { HostPaths.PostfixMainCf, HostPaths.Exim4UpdateConf });
            report.Findings.Single(f => f.Id == FindingIds.HostUnreadableFiles).Severity.Should().Be(FindingSeverity.Error);
        }

        [Test]
        public void Defect16_an_unreadable_mail_log_does_not_hide_the_other_rotation()
        {
            using var tree = DemoLikeTree().Write(HostPaths.MailLogPrevious, GmailIpv6AuthenticationError + "\n");
            File.Delete(tree.PathOf(HostPaths.MailLog));
            Directory.CreateDirectory(tree.PathOf(HostPaths.MailLog));
            DiagnosisReport report = Examine(tree);
            report.UnreadableFiles.Select(u => u.RelativePath).Should().Equal(HostPaths.MailLog);
            report.Findings.Single(f => f.Id == FindingIds.PostfixIpv6DeliveryRefused).Title.Should().Contain("1 bounce(s)");
        }

        [Test]
        public void Defect16_a_complete_examination_lists_nothing_unreadable()
        {
            using var tree = DemoLikeTree();
            DiagnosisReport report = Examine(tree);
            report.UnreadableFiles.Should().BeEmpty();
            Ids(report).Should().NotContain(FindingIds.HostUnreadableFiles);
        }

        /// <summary>Fills <paramref name="path"/> with <paramref name="chunk"/> repeated up to about <paramref name="size"/> bytes; returns how many chunks.</summary>
        private static long WriteRepeated(string path, byte[] chunk, long size)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            long n = 0;
            using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            for (long written = 0; written + chunk.Length <= size; written += chunk.Length, n++) fs.Write(chunk, 0, chunk.Length);
            return n;
        }
    }
}
