using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// Log evidence written by the real daemons (issue 13): Postfix 3.7.11's own maillog_file (postlogd) with a bounce the
    /// real smtp client logged from a multi-line 550 reply, and exim 4.96's mainlog during its startup retries.
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class LogsEndToEndTests
    {
        private const string DebianHosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tvm\n";

        // Gmail's reply (the form quoted in DiagnosisTestBase.GmailIPv6AuthError), as the lines of a multi-line SMTP reply.
        private static readonly string[] GmailReply =
        {
            "550-5.7.1 [2001:db8::25] Our system has detected that this message does",
            "550-5.7.1 not meet IPv6 sending guidelines regarding PTR records and",
            "550-5.7.1 authentication. Please review",
            "550-5.7.1  https://support.google.com/mail/?p=IPv6AuthError for more information",
            "550 5.7.1 . m15si10283441qtc.60 - gsmtp",
        };

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        private static DiagnosisReport Examine(string root) => MailDiagnosis.Examine(MailHost.Open(root), new DiagnosisOptions { CheckDns = false });

        /// <summary>
        /// A stand-in for Gmail's MX (Gmail cannot exist here; this is the only test double): perl on [2001:db8::25]:2526 in
        /// the namespace, answering DATA with Gmail's multi-line refusal. Everything else is real: Postfix's smtp client turns
        /// the reply into its one-line log form, postlogd writes it to maillog_file.
        /// </summary>
        private static BackgroundProcess StartFakeGmail(NetNamespace ns)
        {
            string reply = string.Concat(GmailReply.Select(l => l + "\\r\\n"));
            string script =
                "use strict; use IO::Socket::IP; $| = 1;\n"
                + "my $s = IO::Socket::IP->new(LocalHost => '2001:db8::25', LocalPort => 2526, Listen => 5, ReuseAddr => 1) or die \"listen: $@\";\n"
                + "while (my $c = $s->accept) { $c->autoflush(1); print $c \"220 mx.google.com ESMTP fake - gsmtp\\r\\n\"; my $data = 0;\n"
                + "  while (my $l = <$c>) {\n"
                + "    if ($data) { if ($l eq \".\\r\\n\") { $data = 0; print $c \"" + reply + "\"; } next; }\n"
                + "    if ($l =~ /^(EHLO|HELO)/i) { print $c \"250-mx.google.com at your service\\r\\n250 8BITMIME\\r\\n\"; }\n"
                + "    elsif ($l =~ /^DATA/i) { print $c \"354 Go ahead\\r\\n\"; $data = 1; }\n"
                + "    elsif ($l =~ /^QUIT/i) { print $c \"221 2.0.0 closing connection\\r\\n\"; last; }\n"
                + "    else { print $c \"250 2.1.0 OK\\r\\n\"; } }\n"
                + "  close $c; }\n";
            var process = ns.Start("/usr/bin/perl", new[] { "-e", script }, new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null });
            if (!NetNamespace.WaitUntil(() => process.HasExited || ns.ListeningTcp().Contains("[2001:db8::25]:2526"), TimeSpan.FromSeconds(10)) || process.HasExited)
            {
                throw new InvalidOperationException("the fake Gmail MX did not start: " + process.Describe());
            }
            return process;
        }

        [Test]
        public void A_bounce_postfix_logged_in_its_own_maillog_file_is_found_there()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { ExtraInterface = new ExtraInterface(), Hosts = DebianHosts });
            using var tree = new HostTree();
            using var postfix = new PostfixDaemon(ns, tree.Root);
            using var gmail = StartFakeGmail(ns);
            postfix.Postconf("-e", "transport_maps = inline:{ gmail.example=smtp:[2001:db8::25]:2526 }").ExitCode.Should().Be(0);
            var started = postfix.Start();
            started.ExitCode.Should().Be(0, started.ToString());
            postfix.Sendmail("sender@client.example", "user@gmail.example", "a test").ExitCode.Should().Be(0);
            string? bounce = postfix.WaitForLog(l => l.Contains("to=<user@gmail.example>", StringComparison.Ordinal) && l.Contains(" status=", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            bounce.Should().NotBeNull(string.Join("\n", postfix.ReadLog()));
            TestContext.Out.WriteLine(bounce);
            bounce.Should().Contain("status=bounced").And.Contain("550-5.7.1");
            postfix.Stop();

            // The image's view: main.cf names its own log (as a Postfix without syslog does); the harness's instance wrote
            // it at the tree's var/log/mail.log, so it moves to the path main.cf names, inside the root.
            File.Move(postfix.MailLogPath, tree.PathOf("var/log/postfix.log"));
            var main = MailConfigKit.Postfix.MainCf.Load(postfix.MainCfPath);
            main.Set("maillog_file", "/var/log/postfix.log");
            main.Save(postfix.MainCfPath);

            MailLogs logs = MailLogs.Discover(MailHost.Open(tree.Root));
            logs.Sources.Select(MailLogs.FamilyOf).Should().Contain(LogFamilies.PostfixMaillogFile);
            LogRecord record = logs.Records().Single(r => r.Message.Contains("to=<user@gmail.example>", StringComparison.Ordinal) && r.Message.Contains(" status=", StringComparison.Ordinal));
            record.Time.Should().NotBeNull("postlogd's time stamp is read: " + record.Text);
            record.Time!.Value.Should().BeCloseTo(DateTimeOffset.Now.ToOffset(TimeSpan.Zero).Add(DateTimeOffset.Now.Offset), TimeSpan.FromMinutes(10));
            record.Identifier.Should().StartWith("postfix").And.EndWith("/smtp");
            record.ProcessId.Should().NotBeNull();

            var report = Examine(tree.Root);
            Finding f = report.Findings.Single(x => x.Id == FindingIds.PostfixIpv6DeliveryRefused);
            f.Evidence[0].Source.Should().Be("var/log/postfix.log");
            f.Evidence[0].Text.Should().Be(record.Text);
        }

        [Test]
        public void Exim_during_its_startup_retries_is_found_from_the_mainlog_alone()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            tree.Write("etc/exim4/update-exim4.conf.conf", TestFiles.CaseBytes("Exim4/Cases/debian-default-update-exim4.conf.conf"));
            using var exim = new EximDaemon(ns, tree.Root);
            exim.Generate().ExitCode.Should().Be(0);
            // Debian's default retries (9, 30 s apart) made short: the retry window is what is examined here.
            string conf = EximDaemon.Prelude(tree.Root).Replace("daemon_startup_retries = 0", "daemon_startup_retries = 3\ndaemon_startup_sleep = 20s", StringComparison.Ordinal)
                + ".include " + exim.GeneratedConfigPath + "\n";
            Directory.CreateDirectory(Path.GetDirectoryName(exim.DaemonConfigPath)!);
            File.WriteAllText(exim.DaemonConfigPath, conf);
            var tools = OracleTools.RequireRootOrIgnore();
            using var daemon = ns.Start(tools.Exim4, new[] { "-bdf", "-C", exim.DaemonConfigPath });
            NetNamespace.WaitUntil(() => daemon.HasExited || (File.Exists(exim.MainLogPath) && File.ReadAllText(exim.MainLogPath).Contains("before trying again", StringComparison.Ordinal)), TimeSpan.FromSeconds(15))
                .Should().BeTrue(daemon.Describe());
            daemon.HasExited.Should().BeFalse("exim is still retrying: " + daemon.Describe());
            File.Exists(exim.PanicLogPath).Should().BeFalse("during the retries only the mainlog says anything");
            string mainlog = File.ReadAllText(exim.MainLogPath);
            TestContext.Out.WriteLine(mainlog);

            // An image (no proc/): the mainlog alone is the evidence, a note.
            var report = Examine(tree.Root);
            Finding note = report.Findings.Single(x => x.Id == FindingIds.EximIpv6LoopbackUnverified);
            note.Title.Should().Contain("(mainlog)");
            Evidence line = note.Evidence.Single(e => e.Kind == EvidenceKind.Log);
            line.Source.Should().Be("var/log/exim4/mainlog");
            line.Text.Should().Contain("socket bind() to port 2525 for address ::1 failed: Cannot assign requested address: waiting 20s before trying again (3 more tries)");
            mainlog.Split('\n')[line.Line!.Value - 1].Should().Be(line.Text);

            // With the namespace's proc/: the error, with the same evidence.
            ns.SnapshotProc(tree.Root);
            Finding error = Examine(tree.Root).Findings.Single(x => x.Id == FindingIds.EximIpv6LoopbackWithoutIpv6);
            error.Evidence.Should().Contain(e => e.Source == "var/log/exim4/mainlog" && e.Line == line.Line);
        }
    }
}
