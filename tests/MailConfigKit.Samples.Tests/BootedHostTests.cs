using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>
    /// Issue 13's real end to end: a Debian 12 host made by mmdebstrap (Debian's postfix and systemd, their postinst
    /// scripts), booted with systemd-nspawn so that journald itself stores a Gmail IPv6 bounce (compressed: over 512
    /// bytes), then examined from outside by MailDoctor with no journalctl on its PATH. After MailDoctor's --apply the
    /// host is booted again and Debian's own tools judge the result (postfix check, postconf -P).
    /// </summary>
    [TestFixture, NonParallelizable]
    public class BootedHostTests
    {
        // A real Gmail refusal as Postfix's smtp client logs it (issue 13's seed; same text as the diagnosis tests).
        private const string Bounce =
            "16E104: to=<user@gmail.com>, relay=gmail-smtp-in.l.google.com[2607:f8b0:4004:c07::1a]:25, delay=0.2, " +
            "delays=0.01/0/0.08/0.11, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[2607:f8b0:4004:c07::1a] said: " +
            "550-5.7.1 [2001:db8::25] Our system has detected that this message does 550-5.7.1 not meet IPv6 sending guidelines " +
            "regarding PTR records and 550-5.7.1 authentication. Please review 550-5.7.1 https://support.google.com/mail/?p=IPv6AuthError " +
            "for more information 550 5.7.1 . m15si10283441qtc.60 - gsmtp (in reply to end of DATA command))";

        [Test]
        public void Journald_stores_the_bounce_compressed_and_MailDoctor_finds_it_from_outside_then_Debian_accepts_the_fix()
        {
            using BootableTree host = DebianHostImage.Extract();
            host.RunAtBoot("mck-bounce", "logger -t postfix/smtp --id=38652 -p mail.info '" + Bounce + "'");
            RunResult boot = host.Boot();
            boot.ExitCode.Should().Be(0, "the container boots, logs and powers off: " + DebianHostImage.Tail(boot.Stdout + boot.Stderr));
            host.RemoveBootStep("mck-bounce");

            string[] journals = Directory.GetFiles(host.PathOf("var/log/journal"), "*.journal", SearchOption.AllDirectories);
            journals.Should().NotBeEmpty("Debian 12 keeps a persistent journal in var/log/journal");
            byte[] needle = Encoding.ASCII.GetBytes("IPv6 sending guidelines");
            journals.Any(j => IndexOf(File.ReadAllBytes(j), needle) >= 0).Should().BeFalse(
                "journald compresses a field over 512 bytes, so grep on the file finds nothing (what the issue measured)");

            // MailDoctor from outside the container, with a PATH that has no journalctl (only the dotnet host's folder).
            string dotnetDir = Path.GetDirectoryName(Path.GetFullPath(ResolveOnPath("dotnet")))!;
            var env = new Dictionary<string, string> { ["PATH"] = dotnetDir };
            RunResult doctor = Run.Dotnet(Built.MailDoctorDll, env, "--root", host.Root, "--no-dns", "--json");
            TestContext.Out.WriteLine(doctor.Stdout);
            using JsonDocument report = JsonDocument.Parse(doctor.Stdout);
            JsonElement bounceFinding = report.RootElement.GetProperty("findings").EnumerateArray()
                .FirstOrDefault(f => f.GetProperty("id").GetString() == "postfix.ipv6-delivery-refused");
            bounceFinding.ValueKind.Should().Be(JsonValueKind.Object, "the journal's bounce is the evidence: " + doctor.Stdout);
            bounceFinding.GetProperty("evidence").EnumerateArray()
                .Any(e => (e.GetProperty("source").GetString() ?? string.Empty).Contains("var/log/journal/", StringComparison.Ordinal))
                .Should().BeTrue("the evidence names the journal file it came from");

            // Apply the plan, then let Debian judge it: boot again and run Postfix's own checks inside the host.
            RunResult apply = Run.Dotnet(Built.MailDoctorDll, env, "--root", host.Root, "--no-dns", "--apply", "--json");
            TestContext.Out.WriteLine(apply.Stdout);
            host.RunAtBoot("mck-judge", "postfix check > /root/postfix-check.out 2>&1; echo $? > /root/postfix-check.rc; " +
                "postconf -P 'smtp/unix/inet_protocols' > /root/postconf-P.out 2>&1");
            host.Boot().ExitCode.Should().Be(0);
            File.ReadAllText(host.PathOf("root/postfix-check.rc")).Trim().Should().Be("0", "postfix check accepts the edited files: " + File.ReadAllText(host.PathOf("root/postfix-check.out")));
            File.ReadAllText(host.PathOf("root/postconf-P.out")).Should().Contain("smtp/unix/inet_protocols = ipv4", "Postfix's own postconf reads the override MailDoctor wrote");

            RunResult again = Run.Dotnet(Built.MailDoctorDll, env, "--root", host.Root, "--no-dns", "--apply", "--json");
            using JsonDocument second = JsonDocument.Parse(again.Stdout);
            second.RootElement.GetProperty("plan").GetProperty("files").GetArrayLength().Should().Be(0, "a second run changes nothing: " + again.Stdout);
        }

        private static string ResolveOnPath(string file)
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
            {
                string p = Path.Combine(dir, file);
                if (File.Exists(p)) return new FileInfo(p).LinkTarget is string t ? Path.GetFullPath(t, dir) : p;
            }
            throw new FileNotFoundException(file + " is not on PATH");
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int k = 0;
                while (k < needle.Length && haystack[i + k] == needle[k]) k++;
                if (k == needle.Length) return i;
            }
            return -1;
        }
    }
}
