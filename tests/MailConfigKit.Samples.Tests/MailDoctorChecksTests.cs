using System.Linq;
using System.Text.Json;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>MailDoctor follows the registered checks: --list-checks, --skip, a status line per check, and the re-examination after --apply.</summary>
    [TestFixture]
    public class MailDoctorChecksTests
    {
        private static readonly string Dll = Built.MailDoctorDll;

        // This project binds the library late (PowerShell's view), so the registered ids are spelled out; the library's
        // own tests check the same list against MailDiagnosis.Checks and docs/diagnosis.md.
        private static readonly string[] CheckIds = { "exim4.loopback", "postfix.loopback", "postfix.ipv6-bounces", "dns.ipv6-ptr", "dns.ipv6-authentication", "postfix.config", "exim4.config" };

        [Test]
        public void List_checks_prints_every_registered_check_with_its_finding_ids()
        {
            RunResult r = Run.Dotnet(Dll, "--list-checks");
            r.ExitCode.Should().Be(0, r.ToString());
            var listed = r.Stdout.Split('\n').Where(l => l.Length > 0 && l[0] != ' ').Select(l => l.Split(' ')[0]).ToList();
            listed.Should().Equal(CheckIds);
            r.Stdout.Should().Contain("    findings: exim4.ipv6-loopback-without-ipv6, exim4.ipv6-loopback-unverified, exim4.stale-paniclog, exim4.configuration-unknown, exim4.paniclog-failure-since-change");
        }

        [Test]
        public void Skip_drops_the_check_and_the_report_says_it_was_skipped()
        {
            RunResult r = Run.Dotnet(Dll, "--demo", "--skip", "exim4.loopback", "--skip=postfix.config,exim4.config");
            r.ExitCode.Should().Be(1, r.ToString());
            r.Stdout.Should().NotContain("exim4.ipv6-loopback-without-ipv6");
            r.Stdout.Should().Contain("skipped exim4.loopback").And.Contain("skipped postfix.config");
            r.Stdout.Should().Contain("found   postfix.ipv6-bounces (1)");
        }

        [Test]
        public void An_unknown_check_id_is_refused_with_exit_2()
        {
            RunResult r = Run.Dotnet(Dll, "--demo", "--skip", "exim4.loopbak");
            r.ExitCode.Should().Be(2, r.ToString());
            r.Stderr.Should().Contain("--skip exim4.loopbak: there is no such check");
        }

        [Test]
        public void Json_has_a_status_per_check_and_what_is_left_after_apply()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--json", "--no-dns", "--apply");
            using JsonDocument doc = JsonDocument.Parse(r.Stdout);
            var checks = doc.RootElement.GetProperty("checks").EnumerateArray().ToList();
            checks.Select(c => c.GetProperty("id").GetString()).Should().Equal(CheckIds);
            checks.Single(c => c.GetProperty("id").GetString() == "dns.ipv6-ptr").GetProperty("outcome").GetString().Should().Be("skipped");
            JsonElement left = doc.RootElement.GetProperty("remainingAfterApply");
            left.ValueKind.Should().Be(JsonValueKind.Array);
            left.EnumerateArray().Select(e => e.GetString()).Should().NotContain("exim4.ipv6-loopback-without-ipv6").And.NotContain("postfix.ipv6-delivery-refused");
        }
    }
}
