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

        private static Dictionary<string, string> Hashes(string root) =>
            Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
                f => Path.GetRelativePath(root, f).Replace('\\', '/'),
                f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))).ToLowerInvariant(),
                StringComparer.Ordinal);
    }
}
