using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using MailConfigKit.Postfix;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>
    /// Real processes: MailConfigKit.TestChild applying plans (and real postconf -e), killed with SIGKILL or run fifty at
    /// a time against the same main.cf.
    /// </summary>
    public class ApplyConcurrencyTests
    {
        private const string MainCf = "etc/postfix/main.cf";

        [Test]
        public void SIGKILL_at_random_moments_leaves_the_file_entirely_old_or_entirely_new()
        {
            using var tree = new HostTree().WithDebianPostfix();
            string path = tree.PathOf(MainCf);
            string original = File.ReadAllText(path), a = Variant(tree, "ipv4"), b = Variant(tree, "ipv6");
            string? replay = Environment.GetEnvironmentVariable("MCK_KILL_SEED");
            int seed = replay != null ? int.Parse(replay, System.Globalization.CultureInfo.InvariantCulture) : 1234;
            TestContext.Out.WriteLine("seed " + seed + " (replay with MCK_KILL_SEED=" + seed + ")");
            var random = new Random(seed);
            int kills = OracleTools.IsCi ? 200 : 60, landedMidRun = 0;
            var seen = new HashSet<string>();
            for (int i = 0; i < kills; i++)
            {
                using Process child = TestChild.Start("flip", tree.Root, "inet_protocols", "ipv4", "ipv6");
                string? first = child.StandardOutput.ReadLine();
                if (first != "ready")
                {
                    child.WaitForExit(10_000);
                    Assert.Fail("the child did not start: " + first + "\n" + child.StandardError.ReadToEnd());
                }
                System.Threading.Thread.Sleep(random.Next(0, 40));
                child.Kill();
                child.WaitForExit(30_000).Should().BeTrue("a killed child exits");
                string now = File.ReadAllText(path);
                if (now != original && now != a && now != b) Assert.Fail("seed " + seed + ", after kill " + i + " main.cf is neither version:\n" + now);
                landedMidRun++;
                seen.Add(now == original ? "original" : now == a ? "ipv4" : "ipv6");
            }
            TestContext.Out.WriteLine(landedMidRun + " kills, every one left a whole version (seen: " + string.Join(", ", seen) + "); leftover files: "
                + string.Join(", ", Directory.GetFiles(tree.PathOf("etc/postfix")).Select(Path.GetFileName)));
            // A later apply still works: a stale lock file left by a killed writer is taken over, as postconf does.
            var r = ProcessRunner.Run("dotnet", TestChild.Args("set", tree.Root, "inet_protocols", "all"));
            r.ExitCode.Should().Be(0, r.Describe());
            MainCfOf(tree).GetValue("inet_protocols").Should().Be("all");
            // That apply recovered what the killed ones left (issue 11, defect 15): no temp, lock or journal file stays.
            Directory.GetFiles(tree.PathOf("etc/postfix")).Select(Path.GetFileName).Should().Equal("main.cf");
            if (Directory.Exists(tree.PathOf("var/lib/mailconfigkit"))) Directory.GetFiles(tree.PathOf("var/lib/mailconfigkit")).Should().BeEmpty();
        }

        [Test]
        public void Fifty_processes_setting_different_keys_in_parallel_lose_none()
        {
            using var tree = new HostTree().WithDebianPostfix();
            var runs = Enumerable.Range(0, 50).Select(i => Task.Run(() =>
                ProcessRunner.Run("dotnet", TestChild.Args("set", tree.Root, "mck_key_" + i, "value " + i), timeout: TimeSpan.FromMinutes(3)))).ToArray();
            Task.WaitAll(runs);
            foreach (var run in runs) run.Result.ExitCode.Should().Be(0, run.Result.Describe());
            MailConfigKit.Postfix.MainCf main = MainCfOf(tree);
            for (int i = 0; i < 50; i++) main.GetValue("mck_key_" + i).Should().Be("value " + i);
            main.Diagnostics.Should().BeEmpty();
        }

        [Test]
        public void Ours_and_postconf_e_in_parallel_lose_no_key()
        {
            OracleToolPaths tools = OracleTools.RequireOrIgnore();
            using var tree = new HostTree().WithDebianPostfix().Write("etc/postfix/master.cf", string.Empty);
            // postconf re-reads a main.cf younger than a second; date it back so its own edits are not slowed by that.
            File.SetLastWriteTimeUtc(tree.PathOf(MainCf), DateTime.UtcNow.AddMinutes(-1));
            var runs = new List<Task<ProcessResult>>();
            for (int i = 0; i < 24; i++)
            {
                int n = i;
                runs.Add(Task.Run(() => ProcessRunner.Run("dotnet", TestChild.Args("set", tree.Root, "ours_" + n, "v" + n), timeout: TimeSpan.FromMinutes(3))));
                runs.Add(Task.Run(() => ProcessRunner.Run(tools.Postconf, new[] { "-c", tree.PathOf("etc/postfix"), "-e", "theirs_" + n + " = w" + n },
                    env: tools.Environment, timeout: TimeSpan.FromMinutes(3))));
            }
            Task.WaitAll(runs.ToArray());
            foreach (var run in runs) run.Result.ExitCode.Should().Be(0, run.Result.Describe());
            MailConfigKit.Postfix.MainCf main = MainCfOf(tree);
            for (int i = 0; i < 24; i++)
            {
                main.GetValue("ours_" + i).Should().Be("v" + i);
                main.GetValue("theirs_" + i).Should().Be("w" + i);
            }
            Directory.GetFiles(tree.PathOf("etc/postfix")).Select(Path.GetFileName).Should().BeEquivalentTo("main.cf", "master.cf");
        }

        private static MailConfigKit.Postfix.MainCf MainCfOf(HostTree tree) => MailConfigKit.Postfix.MainCf.Load(tree.PathOf(MainCf));

        private static string Variant(HostTree tree, string protocols)
        {
            MailConfigKit.Postfix.MainCf main = MainCfOf(tree);
            main.Set("inet_protocols", protocols);
            return main.ToString();
        }
    }
}
