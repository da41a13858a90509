using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>MailDoctor run as users run it: a process, output redirected, exit codes as DESIGN.md states them.</summary>
    [TestFixture]
    public class MailDoctorTests
    {
        private static readonly string Dll = Built.MailDoctorDll;

        // These two depend on MailDiagnosis finding the exim and Postfix problems (issue 5).
        [Test]
        public void Demo_finds_both_failures_and_plans_a_diff_exit_1()
        {
            RunResult r = Run.Dotnet(Dll, "--demo");
            r.ExitCode.Should().Be(1, r.ToString());
            r.Stdout.Should().Contain("exim4.ipv6-loopback-without-ipv6").And.Contain("postfix.ipv6-delivery-refused");
            r.Stdout.Should().Contain("--- a/etc/exim4/update-exim4.conf.conf").And.Contain("-dc_local_interfaces='127.0.0.1 ; ::1'").And.Contain("+dc_local_interfaces='127.0.0.1'");
            r.Stdout.Should().Contain("DNS checks skipped");
            r.Stdout.Should().Contain("update-exim4.conf").And.Contain("why: ");
        }

        [Test]
        public void Demo_json_has_findings_evidence_plan_and_actions()
        {
            RunResult r = Run.Dotnet(Dll, "--demo", "--json");
            r.ExitCode.Should().Be(1, r.ToString());
            using JsonDocument doc = JsonDocument.Parse(r.Stdout);
            JsonElement root = doc.RootElement;
            root.GetProperty("schemaVersion").GetInt32().Should().Be(1);
            root.GetProperty("demo").GetBoolean().Should().BeTrue();
            root.GetProperty("dnsChecked").GetBoolean().Should().BeFalse();
            root.GetProperty("exitCode").GetInt32().Should().Be(1);
            var findings = root.GetProperty("findings").EnumerateArray().ToList();
            findings.Select(f => f.GetProperty("id").GetString()).Should().Contain(new[] { "exim4.ipv6-loopback-without-ipv6", "postfix.ipv6-delivery-refused" });
            JsonElement exim = findings.First(f => f.GetProperty("id").GetString() == "exim4.ipv6-loopback-without-ipv6");
            exim.GetProperty("severity").GetString().Should().Be("error");
            exim.GetProperty("evidence").GetArrayLength().Should().BeGreaterThan(0);
            exim.GetProperty("remediations")[0].GetProperty("rationale").GetString().Should().NotBeNullOrEmpty();
            JsonElement plan = root.GetProperty("plan");
            plan.GetProperty("hasChanges").GetBoolean().Should().BeTrue();
            JsonElement file = plan.GetProperty("files").EnumerateArray().First(f => f.GetProperty("path").GetString() == "etc/exim4/update-exim4.conf.conf");
            file.GetProperty("newSha256").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
            file.GetProperty("diff").GetString().Should().Contain("@@");
            plan.GetProperty("serviceActions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).Should().Contain("RestartExim4");
            root.GetProperty("applied").ValueKind.Should().Be(JsonValueKind.Null);
        }

        [Test]
        public void Json_shape_is_stable_even_without_findings()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            // The same host with IPv6 on lo: the exim file is right for it.
            File.WriteAllText(tree.PathOf("proc/sys/net/ipv6/conf/lo/disable_ipv6"), "0\n");
            File.WriteAllText(tree.PathOf("proc/net/if_inet6"), "00000000000000000000000000000001 01 80 10 80       lo\n");
            File.Delete(tree.PathOf("var/log/mail.log"));
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--json", "--no-dns");
            r.ExitCode.Should().BeOneOf(new[] { 0, 1 }, r.ToString());
            using JsonDocument doc = JsonDocument.Parse(r.Stdout);
            foreach (string field in new[] { "schemaVersion", "root", "demo", "dnsChecked", "hasMailConfiguration", "findings", "plan", "applied", "error", "exitCode" })
                doc.RootElement.TryGetProperty(field, out _).Should().BeTrue(field);
            doc.RootElement.GetProperty("plan").GetProperty("files").EnumerateArray()
                .Select(f => f.GetProperty("path").GetString()).Should().NotContain("etc/exim4/update-exim4.conf.conf");
        }

        [Test]
        public void Empty_root_says_so_points_at_demo_and_exits_0()
        {
            using var tree = new TempTree();
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root);
            r.ExitCode.Should().Be(0, r.ToString());
            r.Stdout.Should().Contain("No mail configuration here").And.Contain("--demo");
        }

        [Test]
        public void Empty_root_in_json_reports_no_mail_configuration()
        {
            using var tree = new TempTree();
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--json");
            r.ExitCode.Should().Be(0, r.ToString());
            using JsonDocument doc = JsonDocument.Parse(r.Stdout);
            doc.RootElement.GetProperty("hasMailConfiguration").GetBoolean().Should().BeFalse();
        }

        [TestCase("--bogus")]
        [TestCase("--root")]
        [TestCase("--json", "--json")]
        [TestCase("--demo", "--root", "/tmp")]
        [TestCase("extra")]
        [TestCase("--apply=yes")]
        public void Bad_arguments_exit_2_with_a_message(params string[] args)
        {
            RunResult r = Run.Dotnet(Dll, args);
            r.ExitCode.Should().Be(2, r.ToString());
            r.Stderr.Should().StartWith("MailDoctor: ").And.Contain("usage:");
            r.Stdout.Should().BeEmpty();
        }

        [Test]
        public void Missing_root_exits_2()
        {
            RunResult r = Run.Dotnet(Dll, "--root", "/nonexistent/mck-" + Guid.NewGuid().ToString("N"));
            r.ExitCode.Should().Be(2, r.ToString());
            r.Stderr.Should().Contain("cannot examine");
        }

        [Test]
        public void Restart_with_another_root_exits_2_and_writes_nothing()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            Dictionary<string, string> before = Hashes(tree.Root);
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--restart");
            r.ExitCode.Should().Be(2, r.ToString());
            r.Stderr.Should().Contain("--restart").And.Contain("--root /");
            Hashes(tree.Root).Should().Equal(before);
        }

        [Test]
        public void Restart_with_demo_exits_2()
        {
            RunResult r = Run.Dotnet(Dll, "--demo", "--restart");
            r.ExitCode.Should().Be(2, r.ToString());
        }

        // Depends on MailDiagnosis (issue 5): without findings there is nothing to apply.
        [Test]
        public void Apply_writes_exactly_the_plan_then_a_second_run_has_nothing_to_do()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            RunResult dry = Run.Dotnet(Dll, "--root", tree.Root, "--json", "--no-dns");
            dry.ExitCode.Should().Be(1, dry.ToString());
            Dictionary<string, string> before = Hashes(tree.Root);
            Dictionary<string, string> planned;
            using (JsonDocument doc = JsonDocument.Parse(dry.Stdout))
            {
                planned = doc.RootElement.GetProperty("plan").GetProperty("files").EnumerateArray()
                    .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("newSha256").GetString()!);
                foreach (JsonElement f in doc.RootElement.GetProperty("plan").GetProperty("files").EnumerateArray())
                    before[f.GetProperty("path").GetString()!].Should().Be(f.GetProperty("originalSha256").GetString());
            }
            planned.Should().ContainKey("etc/exim4/update-exim4.conf.conf");

            RunResult apply = Run.Dotnet(Dll, "--root", tree.Root, "--apply", "--no-dns");
            apply.ExitCode.Should().Be(0, apply.ToString());
            Dictionary<string, string> after = Hashes(tree.Root);
            foreach (var kv in before)
            {
                if (planned.TryGetValue(kv.Key, out string? newHash)) after[kv.Key].Should().Be(newHash, kv.Key);
                else after[kv.Key].Should().Be(kv.Value, kv.Key + " was not in the plan");
            }
            // Besides the planned files, only their backups appear, holding the original bytes.
            foreach (string added in after.Keys.Except(before.Keys))
            {
                string original = planned.Keys.Single(p => added.StartsWith(p + ".mck-backup-", StringComparison.Ordinal));
                after[added].Should().Be(before[original]);
            }

            var mtimes = after.Keys.ToDictionary(k => k, k => File.GetLastWriteTimeUtc(tree.PathOf(k)));
            RunResult again = Run.Dotnet(Dll, "--root", tree.Root, "--apply", "--no-dns");
            again.ExitCode.Should().Be(0, again.ToString());
            Hashes(tree.Root).Should().Equal(after);
            foreach (var kv in mtimes) File.GetLastWriteTimeUtc(tree.PathOf(kv.Key)).Should().Be(kv.Value, kv.Key);
        }

        [Test]
        public void Redirected_output_has_no_ansi_escapes()
        {
            RunResult r = Run.Dotnet(Dll, "--demo");
            r.Stdout.Should().NotContain("\u001b[");
            r.Stdout.Should().Contain("MailDoctor");
        }

        [Test]
        public void Help_exits_0_with_usage()
        {
            RunResult r = Run.Dotnet(Dll, "--help");
            r.ExitCode.Should().Be(0);
            r.Stdout.Should().Contain("usage: MailDoctor");
        }

        // --- Issue 11, the reproducers for MailDoctor (defects 5, 12, 13, 14, 16); the library side is BadInputRegressionTests_Host.

        private static void AssertNoStackTrace(RunResult r)
        {
            r.Stderr.Should().NotContain("   at ", "no stack trace: " + r);
            r.Stdout.Should().NotContain("   at MailConfigKit", r.ToString());
        }

        private static void MakeFifo(string path)
        {
            File.Delete(path);
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
            p.WaitForExit();
            p.ExitCode.Should().Be(0, "mkfifo " + path);
        }

        private static string BounceLine => File.ReadAllLines(Path.Combine(Built.DemoTree, "var/log/mail.log")).Single(l => l.Contains("status=bounced"));

        // Run.Dotnet gives up after 2 minutes: a FIFO used to block the reader forever.
        [TestCase("etc/postfix/main.cf")]
        [TestCase("etc/exim4/update-exim4.conf.conf")]
        [TestCase("var/log/mail.log")]
        [TestCase("var/log/exim4/paniclog")]
        [TestCase("proc/net/tcp")]
        public void Defect05_a_fifo_is_reported_in_a_clear_line_not_waited_on(string relative)
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            MakeFifo(tree.PathOf(relative));
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns");
            r.ExitCode.Should().Be(1, "the other configuration was read, and what was not is a problem for a person: " + r);
            r.Stdout.Should().Contain("could not be read: " + relative + ": ").And.Contain("FIFO (named pipe), not a regular file");
            r.Stdout.Should().Contain("needs a person: host.unreadable-files");
            AssertNoStackTrace(r);
        }

        [Test]
        public void Defect05_if_inet6_linked_to_dev_zero_is_refused_not_read()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            Directory.CreateDirectory(tree.PathOf("dev"));
            using (var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mknod", tree.PathOf("dev/zero") + " c 1 5") { UseShellExecute = false, RedirectStandardError = true })!)
            {
                p.WaitForExit();
                if (p.ExitCode != 0) Prerequisite.Missing("mknod is not allowed here (needs root)");
            }
            File.Delete(tree.PathOf("proc/net/if_inet6"));
            File.CreateSymbolicLink(tree.PathOf("proc/net/if_inet6"), "/dev/zero");
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns", "--json");
            r.ExitCode.Should().Be(1, r.ToString());
            using JsonDocument doc = JsonDocument.Parse(r.Stdout);
            JsonElement unreadable = doc.RootElement.GetProperty("unreadable").EnumerateArray().Single();
            unreadable.GetProperty("path").GetString().Should().Be("proc/net/if_inet6");
            unreadable.GetProperty("problem").GetString().Should().Contain("character device");
        }

        [Test]
        public void Defect12_a_best_fix_that_plans_nothing_is_not_claimed_and_exits_1()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            // main.cf delivers over IPv6 only: the best fix (override the smtp client to IPv4) has nothing to choose here.
            string main = tree.PathOf("etc/postfix/main.cf");
            File.WriteAllText(main, File.ReadAllText(main).Replace("inet_protocols = all", "inet_protocols = ipv6"));
            string exim = tree.PathOf("etc/exim4/update-exim4.conf.conf");
            File.WriteAllText(exim, File.ReadAllText(exim).Replace("dc_local_interfaces='127.0.0.1 ; ::1'", "dc_local_interfaces='127.0.0.1'"));
            File.WriteAllText(tree.PathOf("var/log/exim4/paniclog"), "");
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns");
            r.ExitCode.Should().Be(1, "a warning nobody fixes is not \"nothing needs to change\": " + r);
            r.Stdout.Should().Contain("WARNING postfix.ipv6-delivery-refused");
            r.Stdout.Should().NotContain("fix (best)");
            r.Stdout.Should().Contain("fix: none planned. The best fix, postfix.smtp-client-ipv4-only, changes nothing on this host");
            r.Stdout.Should().Contain("needs a person: postfix.ipv6-delivery-refused");

            RunResult json = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns", "--json");
            json.ExitCode.Should().Be(1, json.ToString());
            using JsonDocument doc = JsonDocument.Parse(json.Stdout);
            JsonElement finding = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "postfix.ipv6-delivery-refused");
            finding.GetProperty("plannedRemediation").ValueKind.Should().Be(JsonValueKind.Null);
            doc.RootElement.GetProperty("plan").GetProperty("hasChanges").GetBoolean().Should().BeFalse();
        }

        [Test]
        public void Defect13_escape_sequences_from_logs_and_configs_are_shown_not_obeyed()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            const string Hostile = "\u001b[2J\u001b]0;owned\u0007\u009b31m\r";
            File.AppendAllText(tree.PathOf("var/log/mail.log"), BounceLine.Replace("Our system", Hostile + "Our system") + "\n");
            // The configuration line is evidence and part of the diff: the same text through two more paths.
            string exim = tree.PathOf("etc/exim4/update-exim4.conf.conf");
            File.WriteAllText(exim, File.ReadAllText(exim).Replace("dc_local_interfaces='127.0.0.1 ; ::1'", "dc_local_interfaces='127.0.0.1 ; ::1' # \u001b]0;owned\u0007"));
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns");
            r.ExitCode.Should().Be(1, r.ToString());
            r.Stdout.Should().Contain("\\x1B[2J\\x1B]0;owned\\x07\\x9B31m\\rOur system");
            r.Stdout.Should().Contain("etc/exim4/update-exim4.conf.conf:21:1: dc_local_interfaces='127.0.0.1 ; ::1' # \\x1B]0;owned\\x07");
            r.Stdout.Should().Contain("-dc_local_interfaces='127.0.0.1 ; ::1' # \\x1B]0;owned\\x07");
            r.Stdout.Where(c => c < 0x20 && c != '\n' && c != '\t').Should().BeEmpty("no control character reaches the terminal");
            r.Stdout.Where(c => c >= 0x7F && c < 0xA0).Should().BeEmpty("no DEL or C1 control either");

            RunResult json = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns", "--json");
            json.Stdout.Should().NotContain("\u001b").And.NotContain("\u009b");
            using JsonDocument doc = JsonDocument.Parse(json.Stdout);
            doc.RootElement.GetProperty("findings").EnumerateArray().SelectMany(f => f.GetProperty("evidence").EnumerateArray())
                .Select(e => e.GetProperty("text").GetString()).Should().Contain(t => t!.Contains(Hostile), "JSON keeps the text exactly, escaped by the serializer");

            RunResult error = Run.Dotnet(Dll, "--root", "/nonexistent/\u001b[2J" + Guid.NewGuid().ToString("N"));
            error.ExitCode.Should().Be(2);
            error.Stderr.Should().Contain("\\x1B[2J").And.NotContain("\u001b");
        }

        [Test]
        public void Defect14_huge_logs_stream_a_gigabyte_of_bounces_and_a_line_without_newline()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            const long Size = 200L * 1024 * 1024;
            long bounces = WriteRepeated(tree.PathOf("var/log/mail.log.1"), System.Text.Encoding.UTF8.GetBytes(BounceLine + "\n"), Size);
            WriteRepeated(tree.PathOf("var/log/mail.log"), System.Text.Encoding.ASCII.GetBytes(new string('x', 1 << 20)), Size);
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns");
            r.ExitCode.Should().Be(1, r.ToString());
            r.Stdout.Should().Contain("(" + bounces + " bounce(s) in the mail log)");
            r.Stdout.Should().Contain(bounces + " matching line(s) in all; the newest 5 follow");
            AssertNoStackTrace(r);
        }

        [Test]
        public void Defect16_an_unreadable_etc_is_never_no_mail_configuration()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            Chmod(tree.PathOf("etc"), "700");
            RunResult r = RunAsNobody.Dotnet(Dll, "--root", tree.Root, "--no-dns");
            r.ExitCode.Should().Be(2, "nothing could be examined: " + r);
            r.Stdout.Should().NotContain("No mail configuration here");
            r.Stdout.Should().Contain("could not be read: etc/postfix/main.cf: ").And.Contain("permission denied");
            r.Stdout.Should().Contain("could not be read: etc/exim4/update-exim4.conf.conf: ");
            r.Stderr.Should().Contain("MailDoctor: cannot examine").And.Contain("no mail configuration file could be read");
            AssertNoStackTrace(r);

            RunResult json = RunAsNobody.Dotnet(Dll, "--root", tree.Root, "--no-dns", "--json");
            json.ExitCode.Should().Be(2);
            using JsonDocument doc = JsonDocument.Parse(json.Stdout);
            doc.RootElement.GetProperty("hasMailConfiguration").GetBoolean().Should().BeTrue();
            doc.RootElement.GetProperty("unreadable").EnumerateArray().Select(u => u.GetProperty("path").GetString())
                .Should().BeEquivalentTo("etc/postfix/main.cf", "etc/exim4/update-exim4.conf.conf");
        }

        [TestCase("etc/postfix/main.cf")]
        [TestCase("var/log/exim4/paniclog")]
        [TestCase("var/log/mail.log")]
        [TestCase("proc/net/if_inet6")]
        public void Defect16_an_unreadable_file_is_a_clear_line_and_exit_1_without_a_stack_trace(string relative)
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            Chmod(tree.PathOf(relative), "600");
            RunResult r = RunAsNobody.Dotnet(Dll, "--root", tree.Root, "--no-dns");
            r.ExitCode.Should().Be(1, r.ToString());
            r.Stdout.Should().Contain("could not be read: " + relative + ": ").And.Contain("permission denied");
            r.Stdout.Should().Contain("needs a person: host.unreadable-files");
            AssertNoStackTrace(r);
        }

        [Test]
        public void Defect16_a_link_loop_and_a_link_out_of_the_root_are_reported()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            File.Delete(tree.PathOf("etc/postfix/main.cf"));
            File.CreateSymbolicLink(tree.PathOf("etc/postfix/main.cf"), "../../../../../../../../etc/passwd");
            File.Delete(tree.PathOf("etc/exim4/update-exim4.conf.conf"));
            File.CreateSymbolicLink(tree.PathOf("etc/exim4/update-exim4.conf.conf"), "loop");
            File.CreateSymbolicLink(tree.PathOf("etc/exim4/loop"), "update-exim4.conf.conf");
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns");
            r.ExitCode.Should().Be(2, r.ToString());
            r.Stdout.Should().Contain("could not be read: etc/postfix/main.cf: ").And.Contain("leads outside the host root");
            r.Stdout.Should().Contain("could not be read: etc/exim4/update-exim4.conf.conf: ").And.Contain("Too many levels of symbolic links");
            r.Stdout.Should().NotContain("No mail configuration here");
            AssertNoStackTrace(r);
        }

        private static void Chmod(string path, string mode)
        {
            if (OperatingSystem.IsWindows()) Prerequisite.Missing("Unix permissions");
            else File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
        }

        private static long WriteRepeated(string path, byte[] chunk, long size)
        {
            long n = 0;
            using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            for (long written = 0; written + chunk.Length <= size; written += chunk.Length, n++) fs.Write(chunk, 0, chunk.Length);
            return n;
        }

        private static Dictionary<string, string> Hashes(string root) =>
            Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
                f => Path.GetRelativePath(root, f).Replace('\\', '/'),
                f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))).ToLowerInvariant(),
                StringComparer.Ordinal);
    }
}
