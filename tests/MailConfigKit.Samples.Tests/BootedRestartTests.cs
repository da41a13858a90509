using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>
    /// Issue 15's booted proof: a Debian 12 host made by mmdebstrap (Debian's exim4 or Postfix packages and systemd, their
    /// postinst scripts, Debian's init script under systemd's sysv generator), booted with <c>systemd-nspawn -b</c> in a
    /// network namespace of its own, and <c>MailDoctor --apply --restart</c> run INSIDE it as root on <c>/</c>: this
    /// machine's .NET runtime and MailDoctor's framework-dependent build are bind-mounted read-only, so the doctor sees
    /// the booted host exactly as an administrator's run would (its /proc, its systemd, its journal), and the restart is
    /// done by the container's systemd (<c>systemctl</c>). A boot step runs the scenario and powers the container off;
    /// the test then reads what it wrote. Each boot is bounded (<see cref="BootTimeout"/>) and its namespace's processes
    /// are killed in teardown.
    /// </summary>
    [TestFixture, NonParallelizable]
    public class BootedRestartTests
    {
        internal static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(4);
        private const string DotnetInContainer = "/opt/mck-dotnet";
        private const string DoctorInContainer = "/opt/mck-maildoctor";

        // How the boot step runs MailDoctor inside the container: the bind-mounted runtime, no ICU in a minbase Debian.
        internal static readonly string Doctor =
            $"DOTNET_ROOT={DotnetInContainer} DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 HOME=/root " +
            $"timeout 180 {DotnetInContainer}/dotnet {DoctorInContainer}/MailDoctor.dll";

        [Test]
        public void Exim_with_debians_default_interfaces_on_a_host_without_ipv6_on_lo_is_fixed_restarted_by_systemd_verified_and_delivers()
        {
            using BootableTree host = DebianHostImage.Exim.ExtractTree();
            string conf = File.ReadAllText(host.PathOf("etc/exim4/update-exim4.conf.conf"));
            conf.Should().Contain("dc_local_interfaces='127.0.0.1 ; ::1'", "the seed is Debian's own default, written by exim4-config's postinst");
            // Debian's exim retries a failed bind 9 times, 30 s apart (4.5 minutes) before it abandons; the seed shortens
            // the wait so the test does not sit through it (MailDoctor's verification bound assumes exim's defaults, 9 x 30 s,
            // which covers this).
            File.WriteAllText(host.PathOf("etc/exim4/exim4.conf.localmacros"),
                "# MailConfigKit test seed: a short bind retry loop instead of Debian's 9 x 30 s\ndaemon_startup_retries = 2\ndaemon_startup_sleep = 2s\n");
            // A local mailbox owner: exim never delivers as root (FIXED_NEVER_USERS); Debian's mail4root router would put
            // root's mail in /var/mail/mail instead.
            Chroot(host, "useradd", "-m", "mck").ExitCode.Should().Be(0);

            host.RunAtBoot("mck-scenario", string.Join("\n",
                "mkdir -p /root/mck; cd /root/mck",
                // The seed failure: Debian's init script reported success and exim abandons after its retries.
                "i=0; while [ $i -lt 60 ] && ! grep -q 'daemon abandoned' /var/log/exim4/paniclog 2>/dev/null; do sleep 1; i=$((i+1)); done",
                "cp /var/log/exim4/paniclog paniclog.before",
                "systemctl is-active exim4 > exim4-active.before 2>&1",
                "swaks --to mck@localhost --server 127.0.0.1 --timeout 5 > swaks.before 2>&1; echo $? > swaks.before.rc",
                Doctor + " --apply --restart --json --no-dns > doctor.json 2> doctor.err; echo $? > doctor.rc",
                "swaks --to mck@localhost --from root@localhost --server 127.0.0.1 --header 'Subject: mck-booted-delivery' --timeout 20 > swaks.out 2>&1; echo $? > swaks.rc",
                "i=0; while [ $i -lt 30 ] && ! grep -q mck-booted-delivery /var/mail/mck 2>/dev/null; do sleep 1; i=$((i+1)); done",
                "journalctl -b --no-pager -u exim4 > journal-exim4.txt 2>&1",
                Doctor + " --json --no-dns > doctor-again.json 2>&1; echo $? > doctor-again.rc",
                "exit 0"), "exim4.service");

            using var ns = new BootNamespace(loopbackIpv6: false);
            RunResult boot = host.Boot(ns, Binds(), BootTimeout);
            string Out(string file) => File.Exists(host.PathOf("root/mck/" + file)) ? File.ReadAllText(host.PathOf("root/mck/" + file)) : "(missing " + file + ")";
            TestContext.Out.WriteLine("boot: " + boot.ExitCode + "\n" + DebianHostImage.Tail(boot.Stdout + boot.Stderr));
            foreach (string f in new[] { "paniclog.before", "exim4-active.before", "swaks.before", "doctor.json", "doctor.err", "doctor.rc", "swaks.out", "journal-exim4.txt", "doctor-again.json" })
                TestContext.Out.WriteLine("--- " + f + "\n" + Out(f));
            boot.ExitCode.Should().Be(0, "the container runs the scenario and powers off");

            Out("paniclog.before").Should().Contain("socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned");
            Out("exim4-active.before").Trim().Should().Be("active", "Debian's init script reported success, so systemd believes exim runs");
            Out("swaks.before.rc").Trim().Should().NotBe("0", "before the fix, nothing accepts mail on 127.0.0.1:25");

            Out("doctor.rc").Trim().Should().Be("0", "applied and verified: " + Out("doctor.err"));
            using JsonDocument report = JsonDocument.Parse(Out("doctor.json"));
            JsonElement root = report.RootElement;
            root.GetProperty("exitCode").GetInt32().Should().Be(0, "the report and the process agree");
            root.GetProperty("serviceControl").GetProperty("manager").GetString().Should().Be("Systemd");
            var actions = root.GetProperty("applied").GetProperty("serviceActions").EnumerateArray().ToList();
            actions.Should().OnlyContain(a => a.GetProperty("status").GetString() == "done");
            actions.Select(a => a.GetProperty("commandLine").GetString()).Should().Contain("systemctl restart exim4", "systemd does the restart");
            JsonElement verification = root.GetProperty("verification").EnumerateArray().Single();
            verification.GetProperty("verified").GetBoolean().Should().BeTrue();
            JsonElement address = verification.GetProperty("addresses").EnumerateArray().Single();
            address.GetProperty("endpoint").GetString().Should().Be("127.0.0.1:25");
            address.GetProperty("greeting").GetString().Should().StartWith("220 ").And.Contain("Exim");
            root.GetProperty("mailDown").GetArrayLength().Should().Be(0);
            Out("journal-exim4.txt").Should().Contain("Stopped exim4.service").And.Contain("Stopping MTA", "systemd ran Debian's init script to restart exim");

            File.ReadAllText(host.PathOf("etc/exim4/update-exim4.conf.conf")).Should().Contain("dc_local_interfaces='127.0.0.1'");
            string archive = actions.Select(a => a.GetProperty("paniclogArchive").GetString()).Single(a => a != null)!;
            Path.GetFileName(archive).Should().MatchRegex(@"^paniclog\.mck-\d{8}T\d{6}Z$");
            File.ReadAllText(host.PathOf("var/log/exim4/" + Path.GetFileName(archive))).Should().Be(Out("paniclog.before"), "the evidence is moved to the dated file, never destroyed");
            new FileInfo(host.PathOf("var/log/exim4/paniclog")).Length.Should().Be(0);

            Out("swaks.rc").Trim().Should().Be("0", "swaks delivers through the restarted exim: " + Out("swaks.out"));
            File.ReadAllText(host.PathOf("var/mail/mck")).Should().Contain("Subject: mck-booted-delivery", "the message landed in the local mailbox");
            Out("doctor-again.rc").Trim().Should().Be("0", "a second run finds nothing to change and exim greeting: " + Out("doctor-again.json"));
        }

        [Test]
        public void Postfix_refused_by_gmail_over_ipv6_is_fixed_restarted_by_systemd_verified_and_the_next_message_reaches_the_ipv4_sink()
        {
            using BootableTree host = DebianHostImage.Postfix.ExtractTree();
            // The destination, like gmail-smtp-in.l.google.com, has an IPv4 and an IPv6 address: one sink on each. Postfix
            // finds both in /etc/hosts (no DNS here), and prefers IPv6, as Postfix did by default before 3.0 and as its
            // random choice does half of the time since: the seed needs the refusal every time.
            File.AppendAllText(host.PathOf("etc/hosts"), "\n192.0.2.25 mx.gmail.test\n2001:db8::25 mx.gmail.test\n");
            Chroot(host, "postconf", "-e", "relayhost = [mx.gmail.test]:2526", "smtp_dns_support_level = disabled", "smtp_address_preference = ipv6")
                .ExitCode.Should().Be(0);
            Chroot(host, "postconf", "-h", "inet_protocols").Stdout.Trim().Should().Be("all", "the seed is Debian's default: Postfix sends over IPv6 where it can");

            string Send(string subject) =>
                $"printf 'Subject: {subject}\\n\\n{subject}\\n' | /usr/sbin/sendmail -f root@localhost user@gmail.test";
            string WaitForSmtp(string status) =>
                $"i=0; while [ $i -lt 60 ] && ! journalctl -q --no-pager -t postfix/smtp | grep -q 'status={status}'; do sleep 1; i=$((i+1)); done";
            host.RunAtBoot("mck-scenario", string.Join("\n",
                "mkdir -p /root/mck; cd /root/mck",
                Send("mck-before"),
                WaitForSmtp("bounced"),
                "journalctl -q --no-pager -t postfix/smtp > smtp-before.txt 2>&1",
                Doctor + " --apply --restart --json --no-dns > doctor.json 2> doctor.err; echo $? > doctor.rc",
                Send("mck-after"),
                WaitForSmtp("sent"),
                "journalctl -q --no-pager -t postfix/smtp > smtp-after.txt 2>&1",
                "postconf -P 'smtp/unix/inet_protocols' > postconf-P.out 2>&1",
                "journalctl -b --no-pager -u postfix.service -u postfix@-.service > journal-postfix.txt 2>&1",
                Doctor + " --json --no-dns > doctor-again.json 2>&1; echo $? > doctor-again.rc",
                "exit 0"), "postfix.service");

            using var ns = new BootNamespace(loopbackIpv6: true, ipv4: "192.0.2.25/24", ipv6: "2001:db8::25/64");
            using var v4 = new ScriptedSmtpSink(ns, "192.0.2.25", 2526, ScriptedSmtpSink.Mode.Accept);
            using var v6 = new ScriptedSmtpSink(ns, "2001:db8::25", 2526, ScriptedSmtpSink.Mode.GmailIpv6Refusal);
            RunResult boot = host.Boot(ns, Binds(), BootTimeout);
            string Out(string file) => File.Exists(host.PathOf("root/mck/" + file)) ? File.ReadAllText(host.PathOf("root/mck/" + file)) : "(missing " + file + ")";
            TestContext.Out.WriteLine("boot: " + boot.ExitCode + "\n" + DebianHostImage.Tail(boot.Stdout + boot.Stderr));
            foreach (string f in new[] { "smtp-before.txt", "doctor.json", "doctor.err", "doctor.rc", "smtp-after.txt", "postconf-P.out", "journal-postfix.txt", "doctor-again.json" })
                TestContext.Out.WriteLine("--- " + f + "\n" + Out(f));
            TestContext.Out.WriteLine("--- IPv4 sink\n" + v4.Log + "--- IPv6 sink\n" + v6.Log);
            boot.ExitCode.Should().Be(0, "the container runs the scenario and powers off");

            // Before: the message went to the IPv6 sink and was refused as Gmail refuses it; Postfix itself logged the bounce.
            v6.Log.Should().Contain("peer 2001:db8::25").And.Contain("refused");
            Out("smtp-before.txt").Should().Contain("relay=mx.gmail.test[2001:db8::25]:2526").And.Contain("status=bounced").And.Contain("IPv6 sending guidelines");

            Out("doctor.rc").Trim().Should().Be("0", "applied and verified: " + Out("doctor.err"));
            using JsonDocument report = JsonDocument.Parse(Out("doctor.json"));
            JsonElement root = report.RootElement;
            root.GetProperty("exitCode").GetInt32().Should().Be(0, "the report and the process agree");
            JsonElement finding = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "postfix.ipv6-delivery-refused");
            finding.GetProperty("evidence").EnumerateArray()
                .Any(e => (e.GetProperty("source").GetString() ?? string.Empty).Contains("var/log/journal/", StringComparison.Ordinal)
                    && (e.GetProperty("text").GetString() ?? string.Empty).Contains("2001:db8::25", StringComparison.Ordinal))
                .Should().BeTrue("the evidence is Postfix's own bounce, read from the journal");
            root.GetProperty("serviceControl").GetProperty("manager").GetString().Should().Be("Systemd");
            var actions = root.GetProperty("applied").GetProperty("serviceActions").EnumerateArray().ToList();
            actions.Should().OnlyContain(a => a.GetProperty("status").GetString() == "done");
            actions.Select(a => a.GetProperty("commandLine").GetString()).Should().Equal(new[] { "systemctl stop postfix", "systemctl start postfix" }, "systemd does the restart");
            JsonElement verification = root.GetProperty("verification").EnumerateArray().Single();
            verification.GetProperty("daemon").GetString().Should().Be("Postfix");
            verification.GetProperty("verified").GetBoolean().Should().BeTrue();
            var addresses = verification.GetProperty("addresses").EnumerateArray().ToList();
            addresses.Should().NotBeEmpty();
            addresses.Should().OnlyContain(a => (a.GetProperty("greeting").GetString() ?? string.Empty).StartsWith("220 ", StringComparison.Ordinal));
            // systemd stopped and started Postfix: its unit says so, and master says it ended and a new master started. (Not
            // postfix-script's own "stopping the Postfix mail system" line: journald missed it in one CI run.)
            string journal = Out("journal-postfix.txt");
            journal.Should().Contain("Stopping postfix@-.service").And.Contain("terminating on signal 15");
            System.Text.RegularExpressions.Regex.Matches(journal, @"postfix/master\[\d+\]: daemon started").Count.Should().BeGreaterThanOrEqualTo(2, "a new master after the stop");
            Out("postconf-P.out").Should().Contain("smtp/unix/inet_protocols = ipv4", "Postfix's own postconf reads the override MailDoctor wrote");

            // After: the same destination, now reached over IPv4 only, accepts.
            Out("smtp-after.txt").Should().Contain("relay=mx.gmail.test[192.0.2.25]:2526").And.Contain("status=sent");
            v4.Log.Should().Contain("peer 192.0.2.25").And.Contain("Subject: mck-after");
            v6.Log.Split('\n').Count(l => l.StartsWith("peer ", StringComparison.Ordinal)).Should().Be(1, "after the fix nothing goes to the IPv6 address");
            Out("doctor-again.rc").Trim().Should().Be("0", "a second run finds nothing to change: " + Out("doctor-again.json"));
        }

        /// <summary>The read-only bind mounts: this machine's .NET runtime and MailDoctor's build output.</summary>
        internal static IEnumerable<string> Binds()
        {
            string dotnet = Path.GetDirectoryName(ResolveOnPath("dotnet"))!;
            string doctor = Path.GetDirectoryName(Built.MailDoctorDll)!;
            return new[] { dotnet + ":" + DotnetInContainer, doctor + ":" + DoctorInContainer };
        }

        internal static RunResult Chroot(BootableTree host, params string[] command) =>
            Run.Program("chroot", new[] { host.Root }.Concat(command).ToList(), timeout: TimeSpan.FromSeconds(60));

        private static string ResolveOnPath(string file)
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
            {
                string p = Path.Combine(dir, file);
                if (File.Exists(p)) return new FileInfo(p).LinkTarget is string t ? Path.GetFullPath(t, dir) : p;
            }
            throw new FileNotFoundException(file + " is not on PATH");
        }
    }
}
