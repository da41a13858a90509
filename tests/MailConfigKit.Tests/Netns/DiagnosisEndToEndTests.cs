using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// The whole loop with the real daemons (issue 5): fail as the seed did, Examine the tree (with the namespace's proc/
    /// copied into it), apply the best plan, and start for real. DNS is off here (no global address would be asked
    /// about the real internet); DiagnosisEndToEndDnsTests runs the DNS check inside a namespace against dnsmasq.
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class DiagnosisEndToEndTests
    {
        // spec cases/postfix/runtime/hosts: Debian's /etc/hosts maps localhost to ::1 as well.
        private const string DebianHosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tvm\n";

        // A Gmail refusal as Postfix logs it (see Diagnosis/DiagnosisTestBase for the forms and their sources).
        private const string GmailBounce = Tests.Diagnosis.DiagnosisTestBase.GmailIPv6AuthError + "\n";

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        private static DiagnosisReport Examine(string root) => MailDiagnosis.Examine(MailHost.Open(root), new DiagnosisOptions { CheckDns = false });

        private static string[] Ids(DiagnosisReport report) => report.Findings.Select(f => f.Id).ToArray();

        [Test]
        public void Exim_seed_failure_is_found_fixed_started_and_the_paniclog_note_goes_once_cleared()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            tree.Write("etc/exim4/update-exim4.conf.conf", TestFiles.CaseBytes("Exim4/Cases/debian-default-update-exim4.conf.conf"));
            using var exim = new EximDaemon(ns, tree.Root);
            exim.Generate().ExitCode.Should().Be(0);
            var failed = exim.Start();
            failed.Started.Should().BeFalse(failed.ToString());
            failed.PanicLog.Should().Contain("socket bind() to port 2525 for address ::1 failed: Cannot assign requested address: daemon abandoned");

            ns.SnapshotProc(tree.Root);
            var report = Examine(tree.Root);
            Ids(report).Should().Equal(new[] { FindingIds.EximIpv6LoopbackWithoutIpv6 }, string.Join("\n", report.Findings));
            var evidence = report.Findings[0].Evidence;
            evidence.Should().Contain(e => e.Kind == EvidenceKind.Network && e.Text.Contains("disable_ipv6 is 1"));
            evidence.Should().Contain(e => e.Kind == EvidenceKind.Log && e.Source == "var/log/exim4/paniclog" && e.Text.Contains("daemon abandoned"));

            var plan = RemediationCatalog.Default.PlanBest(report);
            plan.RemediationIds.Should().Equal(EximDropIpv6Loopback.RemediationId);
            // A second between the failure and the fix: exim's stamps have whole seconds, and a failure in the fix's second
            // counts as current (LogRecency); seen once in a full run on a loaded machine.
            System.Threading.Thread.Sleep(1100);
            PlanExecutor.Apply(plan);
            exim.Generate().ExitCode.Should().Be(0);
            var started = exim.Start();
            started.Started.Should().BeTrue(started.ToString());
            started.Listening.Should().Equal(new[] { "127.0.0.1:2525" }, started.ToString());
            SmtpProbe.ToRcpt(ns, "127.0.0.1", EximDaemon.Port, "postmaster@debian.example.org").CodeFor("RCPT").Should().Be(250);

            ns.SnapshotProc(tree.Root);
            MailHost.Open(tree.Root).ReadNetwork().IsListening(System.Net.IPAddress.Loopback, EximDaemon.Port).Should().BeTrue("the snapshot is fresh");
            var after = Examine(tree.Root);
            Ids(after).Should().Equal(FindingIds.EximStalePaniclog);
            RemediationCatalog.Default.PlanBest(after).HasChanges.Should().BeFalse();

            File.WriteAllText(exim.PanicLogPath, string.Empty); // cleared after the verified restart, as the note says
            Examine(tree.Root).Findings.Should().BeEmpty();
        }

        [Test]
        public void Postfix_localhost_without_ipv6_is_found_fixed_and_listens()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true, Hosts = DebianHosts });
            using var tree = new HostTree();
            tree.Write("etc/hosts", Encoding.UTF8.GetBytes(DebianHosts));
            using var postfix = new PostfixDaemon(ns, tree.Root);
            postfix.Postconf("-e", "inet_interfaces = localhost").ExitCode.Should().Be(0);
            var failed = postfix.Start();
            failed.ExitCode.Should().Be(1, failed.ToString());
            failed.Output.Should().Contain("no local interface found for ::1");

            ns.SnapshotProc(tree.Root);
            var report = Examine(tree.Root);
            Ids(report).Should().Equal(new[] { FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6 }, string.Join("\n", report.Findings));
            report.Findings[0].Evidence.Should().Contain(e => e.Source == "etc/hosts" && e.Line == 2);
            PlanExecutor.Apply(RemediationCatalog.Default.PlanBest(report));
            File.ReadAllText(postfix.MainCfPath).Should().Contain("\ninet_interfaces = loopback-only\n");

            var started = postfix.Start();
            started.ExitCode.Should().Be(0, started.ToString());
            started.Listening.Should().Equal(new[] { "127.0.0.1:2525" }, started.ToString());
            SmtpProbe.ToRcpt(ns, "127.0.0.1", PostfixDaemon.Port, "postmaster@localhost").CodeFor("RCPT").Should().Be(250);
            ns.SnapshotProc(tree.Root);
            Examine(tree.Root).Findings.Should().BeEmpty();
        }

        [Test]
        public void Postfix_gmail_bounce_is_found_and_ipv4_only_leaves_only_ipv4_listeners()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { ExtraInterface = new ExtraInterface(), Hosts = DebianHosts });
            using var tree = new HostTree();
            tree.Write("var/log/mail.log", Encoding.UTF8.GetBytes(GmailBounce));
            using var postfix = new PostfixDaemon(ns, tree.Root);
            var started = postfix.Start();
            started.ExitCode.Should().Be(0, started.ToString());
            started.Listening.Should().BeEquivalentTo(new[] { "0.0.0.0:2525", "[::]:2525" }, started.ToString());

            ns.SnapshotProc(tree.Root);
            var host = MailHost.Open(tree.Root);
            host.ReadNetwork().GlobalIpv6Addresses.Select(a => a.Address.ToString()).Should().Equal("2001:db8::25");
            var report = Examine(tree.Root);
            Ids(report).Should().Equal(new[] { FindingIds.PostfixIpv6DeliveryRefused }, string.Join("\n", report.Findings));
            RemediationCatalog.Default.For(report.Findings[0]).Select(r => r.Id).Should().Equal(PostfixSmtpClientIpv4Only.RemediationId, PostfixInetProtocolsIpv4.RemediationId);

            // The check: after the IPv4-only fix (main.cf inet_protocols = ipv4) only IPv4 listeners remain.
            PlanExecutor.Apply(new PostfixInetProtocolsIpv4().Plan(host));
            postfix.Stop().ExitCode.Should().Be(0);
            var again = postfix.Start();
            again.ExitCode.Should().Be(0, again.ToString());
            again.Listening.Should().Equal(new[] { "0.0.0.0:2525" }, again.ToString());
            ns.SnapshotProc(tree.Root);
            host.ReadNetwork().ListeningSockets.Where(s => s.Port == PostfixDaemon.Port)
                .Should().OnlyContain(s => s.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
            Examine(tree.Root).Findings.Should().BeEmpty("Postfix no longer delivers over IPv6, so the old bounce is no reason to change anything");
        }
    }
}
