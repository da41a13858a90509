using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// <see cref="ListenVerifier"/> and <see cref="PaniclogArchive"/> against the real daemons in network namespaces. The
    /// library runs inside the namespace (NetnsProbe <c>verify</c>), on the tree whose daemon runs there: it reads the tree's
    /// configuration, pid file and paniclog, probes the namespace's addresses and finds socket owners in /proc.
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class ListenVerificationTests
    {
        private const string BindFailure = "socket bind() to port 2525 for address ::1 failed: Cannot assign requested address: daemon abandoned";

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        [Test]
        public void A_listener_that_accepts_and_never_greets_is_not_verified_and_the_paniclog_stays()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            using var exim = FailedEximWithFixedConfig(ns, tree);
            string paniclog = tree.Read(HostPaths.Exim4Paniclog);

            // Stands in for exim's retry loop: a plain TCP socket on exim's address that accepts and says nothing.
            using var silent = NetnsProbe.Start(ns, "listen", "127.0.0.1", "2525");
            ns.ListeningTcp().Should().Contain("127.0.0.1:2525", "the old check (a socket in proc/net/tcp) would have counted this");

            JsonObject r = Verify(ns, tree, "exim", "port=2525", "retries=0", "timeout=4", "archive");
            TestContext.Out.WriteLine(r["text"]);
            ((bool)r["isVerified"]!).Should().BeFalse(r.ToJsonString());
            Address(r, "127.0.0.1:2525")["status"]!.ToString().Should().Be("NoGreeting", r.ToJsonString());
            r["archive"]!["outcome"]!.ToString().Should().Be("Refused");
            tree.Read(HostPaths.Exim4Paniclog).Should().Be(paniclog).And.Contain(BindFailure);
            Directory.GetFiles(tree.PathOf("var/log/exim4"), "paniclog.mck-*").Should().BeEmpty();
        }

        [Test]
        public void Real_exim_in_its_bind_retry_loop_holds_its_socket_without_greeting_and_is_not_verified()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            tree.Write("etc/exim4/update-exim4.conf.conf", TestFiles.Exim20Default);
            using var exim = new EximDaemon(ns, tree.Root) { StartupRetries = 2, StartupSleepSeconds = 15 };
            exim.Generate().ExitCode.Should().Be(0);
            long restartedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            exim.StartWithoutWaiting();
            NetNamespace.WaitUntil(() => ns.ListeningTcp().Contains("127.0.0.1:2525"), TimeSpan.FromSeconds(5)).Should().BeTrue("exim binds 127.0.0.1 before it retries ::1");

            // Inside the retry loop (2 x 15 s: room for a slow machine): 127.0.0.1:2525 accepts but never greets; ::1 cannot be used at all.
            JsonObject during = Verify(ns, tree, "exim", "port=2525", "retries=2", "sleep=15", "restartedAt=" + restartedAt, "timeout=3");
            TestContext.Out.WriteLine(during["text"]);
            exim.HasExited.Should().BeFalse("exim is still retrying");
            ((bool)during["isVerified"]!).Should().BeFalse();
            Address(during, "127.0.0.1:2525")["status"]!.ToString().Should().Be("NoGreeting", during.ToJsonString());
            Address(during, "[::1]:2525")["status"]!.ToString().Should().Be("Unreachable", during.ToJsonString());

            // With the bound of exim's own retries, verification ends when exim writes its failure to the paniclog.
            JsonObject after = Verify(ns, tree, "exim", "port=2525", "retries=2", "sleep=15", "restartedAt=" + restartedAt, "archive");
            TestContext.Out.WriteLine(after["text"]);
            ((bool)after["isVerified"]!).Should().BeFalse();
            after["failureEvidence"]!.AsArray().Select(l => l!.ToString()).Should().Contain(l => l.Contains(BindFailure), after.ToJsonString());
            after["archive"]!["outcome"]!.ToString().Should().Be("Refused");
            tree.Read(HostPaths.Exim4Paniclog).Should().Contain(BindFailure);
        }

        [Test]
        public void Real_exim_restarted_with_the_fixed_config_is_verified_and_the_paniclog_moves_to_a_dated_file()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            using var exim = FailedEximWithFixedConfig(ns, tree);
            string paniclog = tree.Read(HostPaths.Exim4Paniclog);

            // exim's log stamps have whole seconds: a seeded failure in the second of the restart counts as logged since
            // it (found by a fresh-clone CI run), which a real restart after a failed start never meets.
            System.Threading.Thread.Sleep(1100);
            long restartedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            EximStartResult start = exim.Start();
            start.Started.Should().BeTrue(start.ToString());
            JsonObject r = Verify(ns, tree, "exim", "port=2525", "retries=0", "restartedAt=" + restartedAt, "archive");
            TestContext.Out.WriteLine(r["text"]);

            ((bool)r["isVerified"]!).Should().BeTrue(r.ToJsonString());
            r["endpoints"]!.AsArray().Select(e => e!.ToString()).Should().Equal("127.0.0.1:2525");
            JsonNode a = Address(r, "127.0.0.1:2525");
            a["status"]!.ToString().Should().Be("Verified");
            a["greeting"]!.ToString().Should().StartWith("220 ").And.Contain("Exim");
            ((int)a["pid"]!).Should().Be(exim.Pid!.Value, "the socket belongs to the exim we started");
            ((int)r["daemonPid"]!).Should().Be(int.Parse(File.ReadAllText(exim.PidFilePath).Trim()));
            ((bool)a["ownerChecked"]!).Should().BeTrue();

            r["archive"]!["outcome"]!.ToString().Should().Be("Archived", r.ToJsonString());
            string archive = r["archive"]!["path"]!.ToString();
            Path.GetDirectoryName(archive).Should().Be(tree.PathOf("var/log/exim4"));
            Path.GetFileName(archive).Should().MatchRegex(@"^paniclog\.mck-\d{8}T\d{6}Z$");
            File.ReadAllText(archive).Should().Be(paniclog);
            tree.Read(HostPaths.Exim4Paniclog).Should().BeEmpty();
        }

        [Test]
        public void Another_process_greeting_on_the_port_is_not_taken_for_exim_even_when_it_claims_to_be_exim()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            using var exim = FailedEximWithFixedConfig(ns, tree);
            exim.Start().Started.Should().BeTrue();
            int eximPid = exim.Pid!.Value;
            exim.Stop(); // killed: its pid file stays behind, naming a pid that is gone.
            File.Exists(exim.PidFilePath).Should().BeTrue();

            // How it is told apart: not by the banner (this one copies exim's), but by who holds the socket.
            using var impostor = NetnsProbe.Start(ns, "listen", "127.0.0.1", "2525", "debian.example.org ESMTP Exim 4.96 impostor");
            int impostorPid = impostor.Pid;
            JsonObject r = Verify(ns, tree, "exim", "port=2525", "retries=0", "timeout=3", "archive");
            TestContext.Out.WriteLine(r["text"]);

            ((bool)r["isVerified"]!).Should().BeFalse(r.ToJsonString());
            JsonNode a = Address(r, "127.0.0.1:2525");
            a["status"]!.ToString().Should().Be("ForeignProcess");
            a["greeting"]!.ToString().Should().Contain("impostor");
            ((int)a["pid"]!).Should().Be(impostorPid).And.NotBe(eximPid);
            r["archive"]!["outcome"]!.ToString().Should().Be("Refused");
            tree.Read(HostPaths.Exim4Paniclog).Should().Contain(BindFailure);
        }

        [Test]
        public void Postfix_with_loopback_only_on_a_high_port_is_verified_on_both_loopback_addresses()
        {
            using var ns = new NetNamespace();
            using var tree = new HostTree();
            using var postfix = new PostfixDaemon(ns, tree.Root);
            postfix.Postconf("-e", "inet_interfaces = loopback-only").ExitCode.Should().Be(0);
            ns.SnapshotProc(tree.Root); // lo has IPv6 here: the tree's proc/ says so, as a live host's would
            PostfixResult start = postfix.Start();
            start.ExitCode.Should().Be(0, start.ToString());

            JsonObject r = Verify(ns, tree, "postfix");
            TestContext.Out.WriteLine(r["text"]);
            ((bool)r["isVerified"]!).Should().BeTrue(r.ToJsonString());
            r["endpoints"]!.AsArray().Select(e => e!.ToString()).Should().Equal("127.0.0.1:2525", "[::1]:2525");
            // master holds an exclusive lock on its pid file, and .NET's FileStream honours it even for reading: cat does not.
            int master = int.Parse(ProcessRunner.RunChecked("cat", new[] { tree.PathOf("var/spool/postfix/pid/master.pid") }).Stdout.Trim());
            foreach (JsonNode? a in r["addresses"]!.AsArray())
            {
                a!["status"]!.ToString().Should().Be("Verified");
                ((int)a["pid"]!).Should().Be(master);
                a["program"]!.ToString().Should().Be("master");
                a["greeting"]!.ToString().Should().StartWith("220 ").And.Contain("Postfix");
            }
        }

        /// <summary>A tree whose exim failed at start with Debian's default interfaces (real paniclog line), then fixed by the library's plan and regenerated.</summary>
        private static EximDaemon FailedEximWithFixedConfig(NetNamespace ns, HostTree tree)
        {
            tree.Write("etc/exim4/update-exim4.conf.conf", TestFiles.Exim20Default);
            var exim = new EximDaemon(ns, tree.Root);
            exim.Generate().ExitCode.Should().Be(0);
            exim.Start().Started.Should().BeFalse();
            tree.Read(HostPaths.Exim4Paniclog).Should().Contain(BindFailure);
            ns.SnapshotProc(tree.Root);
            RemediationPlan plan = new EximDropIpv6Loopback().Plan(MailHost.Open(tree.Root));
            plan.HasChanges.Should().BeTrue();
            EximDaemon.LetTheSecondPass();
            PlanExecutor.Apply(plan);
            exim.Generate().ExitCode.Should().Be(0);
            return exim;
        }

        private static JsonObject Verify(NetNamespace ns, HostTree tree, string daemon, params string[] options) =>
            NetnsProbe.Run(ns, TimeSpan.FromSeconds(90), new[] { "verify", daemon, tree.Root }.Concat(options).ToArray());

        private static JsonNode Address(JsonObject r, string endpoint) =>
            r["addresses"]!.AsArray().Single(a => a!["endpoint"]!.ToString() == endpoint)!;
    }
}
