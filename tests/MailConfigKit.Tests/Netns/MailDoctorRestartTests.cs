using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// MailDoctor on the live root (<c>/</c>), end to end, with the real exim, the real Debian update-exim4.conf and the real
    /// <c>service</c> command: in a network namespace whose lo has no IPv6, and a private mount namespace in which the tree
    /// is laid over this machine's <c>/etc</c>, <c>/var</c>, <c>/run</c> and <c>/usr/local/sbin</c> (overlayfs, the tree is
    /// the upper layer), so MailDoctor sees the seed host as <c>/</c> and every write lands in the tree.
    /// The one stand-in: <c>/etc/init.d/exim4</c> is a short script, because Debian's init script needs the exim4 package
    /// installed on this machine (start-stop-daemon matches <c>/usr/sbin/exim4</c>) and no real init can run here; it does
    /// what Debian's does on restart (stop the pid file's daemon, start <c>exim4 -bd</c>). The booted-host proof (systemd,
    /// Debian's own init) is another issue's.
    /// </summary>
    [Parallelizable(ParallelScope.All)]
    public class MailDoctorRestartTests
    {
        private const string BindFailure = "socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned";

        private static string MailDoctorDll =>
            typeof(MailDoctorRestartTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MailDoctorDll").Value!;

        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        [Test]
        public void Restart_fixes_exim_verifies_its_greeting_moves_the_paniclog_to_a_dated_file_and_exits_0()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            using var exim = SeedHost(ns, tree);
            string paniclog = tree.Read(HostPaths.Exim4Paniclog);
            paniclog.Should().Contain(BindFailure, "the seed: exim started by its init script and abandoned");

            ProcessResult doctor = InHost(ns, tree, "dotnet", MailDoctorDll, "--apply", "--restart", "--json", "--no-dns");
            TestContext.Out.WriteLine(doctor.Stdout + doctor.Stderr);
            using JsonDocument report = JsonDocument.Parse(doctor.Stdout);
            JsonElement root = report.RootElement;
            doctor.ExitCode.Should().Be(0, doctor.Describe());
            root.GetProperty("serviceControl").GetProperty("manager").GetString().Should().Be("SysVinit");
            var actions = root.GetProperty("applied").GetProperty("serviceActions").EnumerateArray().ToList();
            actions.Select(a => a.GetProperty("status").GetString()).Should().Equal("done", "done", "done");
            actions[1].GetProperty("commandLine").GetString().Should().Be("service exim4 restart");
            JsonElement verification = root.GetProperty("verification").EnumerateArray().Single();
            verification.GetProperty("verified").GetBoolean().Should().BeTrue();
            JsonElement address = verification.GetProperty("addresses").EnumerateArray().Single();
            address.GetProperty("endpoint").GetString().Should().Be("127.0.0.1:25");
            address.GetProperty("greeting").GetString().Should().StartWith("220 ").And.Contain("Exim");
            address.GetProperty("program").GetString().Should().Be("exim4");
            root.GetProperty("mailDown").GetArrayLength().Should().Be(0);

            tree.Read(HostPaths.Exim4Paniclog).Should().BeEmpty();
            string archive = actions[2].GetProperty("paniclogArchive").GetString()!;
            Path.GetFileName(archive).Should().MatchRegex(@"^paniclog\.mck-\d{8}T\d{6}Z$");
            File.ReadAllText(tree.PathOf("var/log/exim4/" + Path.GetFileName(archive))).Should().Be(paniclog, "the evidence is moved, never destroyed");
            tree.Read(HostPaths.Exim4UpdateConf).Should().Contain("dc_local_interfaces='127.0.0.1'");
            SmtpProbe.ToRcpt(ns, "127.0.0.1", 25, "postmaster@debian.example.org").CodeFor("RCPT").Should().Be(250);
        }

        [Test]
        public void A_restart_another_process_answers_for_is_not_verified_keeps_the_paniclog_and_exits_1()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            using var exim = SeedHost(ns, tree);
            // Another program holds 127.0.0.1:25 and greets like exim: the restarted exim cannot bind it and abandons.
            using var impostor = NetnsProbe.Start(ns, "listen", "127.0.0.1", "25", "vm ESMTP Exim 4.96 impostor");

            ProcessResult doctor = InHost(ns, tree, "dotnet", MailDoctorDll, "--apply", "--restart", "--json", "--no-dns");
            TestContext.Out.WriteLine(doctor.Stdout + doctor.Stderr);
            using JsonDocument report = JsonDocument.Parse(doctor.Stdout);
            JsonElement root = report.RootElement;
            doctor.ExitCode.Should().Be(1, "applied but not verified: mail is not known to work; " + doctor.Describe());
            var actions = root.GetProperty("applied").GetProperty("serviceActions").EnumerateArray().ToList();
            actions.Select(a => a.GetProperty("status").GetString()).Should().Equal("done", "failed", "skipped");
            JsonElement verification = root.GetProperty("verification").EnumerateArray().Single();
            verification.GetProperty("verified").GetBoolean().Should().BeFalse();
            JsonElement address = verification.GetProperty("addresses").EnumerateArray().Single();
            address.GetProperty("status").GetString().Should().BeOneOf("ForeignProcess", "Unattributed");
            address.GetProperty("pid").GetInt32().Should().Be(impostor.Pid);
            root.GetProperty("mailDown").GetArrayLength().Should().Be(1);
            tree.Read(HostPaths.Exim4Paniclog).Should().Contain(BindFailure, "nothing is cleared without a verified start");
            Directory.GetFiles(tree.PathOf("var/log/exim4"), "paniclog.mck-*").Should().BeEmpty();
        }

        [Test]
        public void A_note_only_report_while_exim_is_dead_exits_1_and_says_mail_is_down()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            using var tree = new HostTree();
            using var exim = SeedHost(ns, tree);
            // Fixed by hand and regenerated, but never restarted: the configuration is right and mail is still down. A
            // second passes first: exim's log stamps have whole seconds, and a failure in the second of the fix cannot be
            // told from one after it (LogRecency counts it as current), which a real fix minutes later never meets.
            System.Threading.Thread.Sleep(1100);
            File.WriteAllBytes(tree.PathOf(HostPaths.Exim4UpdateConf), TestFiles.Exim21V4Only);
            InHost(ns, tree, "/usr/local/sbin/update-exim4.conf").ExitCode.Should().Be(0);

            ProcessResult doctor = InHost(ns, tree, "dotnet", MailDoctorDll, "--json", "--no-dns");
            TestContext.Out.WriteLine(doctor.Stdout + doctor.Stderr);
            using JsonDocument report = JsonDocument.Parse(doctor.Stdout);
            JsonElement root = report.RootElement;
            root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("severity").GetString()).Should().OnlyContain(s => s == "note");
            doctor.ExitCode.Should().Be(1, doctor.Describe());
            root.GetProperty("mailDown").EnumerateArray().Single().GetString().Should().Contain("Exim4 NOT verified").And.Contain("127.0.0.1:25 refused");
        }

        /// <summary>
        /// The seed host in <paramref name="tree"/>: Debian's exim4 configuration (<c>127.0.0.1 ; ::1</c>), the real
        /// update-exim4.conf and exim4 (wrappers in usr/local/sbin), the init-script stand-in, and one start that failed.
        /// </summary>
        private static EximDaemon SeedHost(NetNamespace ns, HostTree tree)
        {
            OracleToolPaths tools = OracleTools.RequireRootOrIgnore();
            tree.Write("etc/exim4/update-exim4.conf.conf", TestFiles.Exim20Default);
            var exim = new EximDaemon(ns, tree.Root);
            exim.Generate().ExitCode.Should().Be(0); // lays out exim4-config, mailname, spool and log folders owned by Debian-exim
            Executable(tree, "usr/local/sbin/exim4", $"#!/bin/sh\nLD_LIBRARY_PATH='{tools.LdLibraryPath}' exec '{tools.Exim4}' \"$@\"\n");
            Executable(tree, "usr/local/sbin/update-exim4.conf", UpdateExim4ConfTool.RewriteScript(File.ReadAllText(tools.UpdateExim4Conf), string.Empty, "/usr/local/sbin/exim4"));
            Executable(tree, "etc/init.d/exim4",
                "#!/bin/sh\n"
                + "# Test stand-in for Debian's /etc/init.d/exim4 (see MailDoctorRestartTests): restart = stop the pid file's daemon, start exim4 -bd.\n"
                + "case \"$1\" in\n"
                + "  start|restart)\n"
                + "    if [ -f /run/exim4/exim.pid ]; then kill \"$(cat /run/exim4/exim.pid)\" 2>/dev/null || true; sleep 1; fi\n"
                + "    /usr/local/sbin/exim4 -bd -C /etc/exim4/mck-daemon.conf\n"
                + "    echo 'Restarting MTA: exim4.' ;;\n"
                + "  *) echo \"usage: $0 start|restart\" >&2; exit 1 ;;\n"
                + "esac\n");
            // Debian's paths as seen inside the overlay; port 25 (the namespace is ours); no retries, so the seed fails at once.
            tree.Write("etc/exim4/mck-daemon.conf", EximDaemon.Prelude(string.Empty).Replace("= " + EximDaemon.Port, "= 25") + ".include /var/lib/exim4/config.autogenerated\n");
            tree.Write("etc/passwd", ServiceUsers.Passwd).Write("etc/group", ServiceUsers.Group);
            Directory.CreateDirectory(tree.PathOf("run/exim4"));
            InHost(ns, tree, "/bin/sh", "-c", "/usr/local/sbin/update-exim4.conf && service exim4 restart").ExitCode.Should().Be(0, "the init script says it started, as Debian's does");
            NetNamespace.WaitUntil(() => File.Exists(tree.PathOf(HostPaths.Exim4Paniclog)) && tree.Read(HostPaths.Exim4Paniclog).Contains(BindFailure), TimeSpan.FromSeconds(10));
            return exim;
        }

        private static void Executable(HostTree tree, string relative, string text)
        {
            tree.Write(relative, text);
            ProcessRunner.RunChecked("chmod", new[] { "755", tree.PathOf(relative) });
        }

        /// <summary>Runs a command in the namespace with the tree laid over /etc, /var, /run and /usr/local/sbin (a private mount namespace).</summary>
        private static ProcessResult InHost(NetNamespace ns, HostTree tree, params string[] command)
        {
            var mounts = new List<string> { "set -e" };
            foreach (string dir in new[] { "etc", "var", "run", "usr/local/sbin" })
            {
                string upper = tree.PathOf(dir), work = tree.PathOf(".overlay-work/" + dir.Replace('/', '-'));
                Directory.CreateDirectory(upper);
                Directory.CreateDirectory(work);
                mounts.Add($"mount -t overlay overlay -o lowerdir=/{dir},upperdir={upper},workdir={work} /{dir}");
            }
            mounts.Add("exec \"$@\"");
            var args = new List<string> { "--mount", "--propagation", "private", "/bin/sh", "-c", string.Join("\n", mounts), "in-host" };
            args.AddRange(command);
            return ns.Exec("unshare", args, new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, TimeSpan.FromMinutes(6));
        }
    }
}
