using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using MailConfigKit.Samples.Tests.Support.Fleet;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>
    /// The Ansible collection (samples/ansible) driven by real ansible-core over SSH against eleven real hosts: network
    /// namespaces, each with Debian's sshd and its own host tree (exim and Postfix, broken and healthy, one whose files the
    /// SSH user cannot read). The oracle is Ansible itself: its recap, its diff output, its argument validation; and
    /// MailDoctor run directly on each tree afterwards.
    /// </summary>
    [TestFixture, NonParallelizable, System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public class AnsibleFleetTests
    {
        internal static readonly FleetHostKind[] Kinds =
        {
            FleetHostKind.EximBroken, FleetHostKind.PostfixBroken, FleetHostKind.EximHealthy, FleetHostKind.PostfixHealthy,
            FleetHostKind.EximBroken, FleetHostKind.PostfixBroken, FleetHostKind.EximHealthy, FleetHostKind.PostfixHealthy,
            FleetHostKind.EximBroken, FleetHostKind.PostfixBroken, FleetHostKind.Unreadable,
        };

        private SshFleet? _fleet;
        private string _inventory = "";
        private string _collections = "";

        [OneTimeSetUp]
        public void CreateFleet()
        {
            if (Environment.UserName != "root") Prerequisite.Missing("the fleet needs root (network namespaces, sshd)");
            _ = FleetTools.AnsibleBin;
            _ = FleetTools.SshRoot;
            _ = FleetTools.Bundle;
            _fleet = new SshFleet(Kinds, Built.DemoTree);
            _inventory = _fleet.WriteInventory();
            _collections = InstallCollection(_fleet.Dir);
            // MailDoctor onto every host first (the playbook's install tag), so every test finds it there.
            ProcessResult install = RunPlaybook("maildoctor", "--tags", "install");
            Recap(install).Values.Should().OnlyContain(r => r.Failed == 0 && r.Unreachable == 0, install.Describe());
            TestContext.Progress.WriteLine("fleet: " + string.Join(", ", _fleet.Hosts) + "\n" + string.Join("\n", FleetTools.Notes));
        }

        [OneTimeTearDown]
        public void RemoveFleet()
        {
            _fleet?.Dispose();
            // The fleet benchmark runs here when asked for (MCK_FLEET_BENCH=1), after the test fleet is gone: a test that
            // is skipped unless asked would show as skipped in every CI run, which the house rules forbid.
            if (Environment.GetEnvironmentVariable("MCK_FLEET_BENCH") == "1") AnsibleFleetBenchmark.Run();
        }

        [Test]
        public void Check_diff_plans_without_writing_apply_fixes_the_broken_hosts_and_a_third_run_changes_nothing()
        {
            SshFleet fleet = _fleet!;
            List<FleetHost> good = fleet.Hosts.Where(h => h.Kind != FleetHostKind.Unreadable).ToList();
            FleetHost unreadable = fleet.Hosts.Single(h => h.Kind == FleetHostKind.Unreadable);

            var before = fleet.Hosts.ToDictionary(h => h.Name, h => SshFleet.Snapshot(h.Tree));
            ProcessResult check = RunPlaybook("maildoctor", "--check", "--diff", "--tags", "examine");
            string output = check.Stdout;
            check.ExitCode.Should().Be(2, "one host fails, and ansible-playbook says so with exit 2\n" + check.Describe());
            Dictionary<string, RecapLine> recap = Recap(check);
            foreach (FleetHost h in good)
            {
                recap[h.Name].Failed.Should().Be(0, h + "\n" + output);
                recap[h.Name].Changed.Should().Be(h.IsBroken ? 1 : 0, h + "\n" + output);
                SshFleet.Snapshot(h.Tree).Should().Equal(before[h.Name], "check mode writes nothing on " + h);
            }
            foreach (FleetHost h in good.Where(h => h.Kind == FleetHostKind.EximBroken))
            {
                output.Should().Contain("--- before: " + Path.Combine(h.Tree, "etc/exim4/update-exim4.conf.conf"));
                output.Should().Contain("+++ after: " + Path.Combine(h.Tree, "etc/exim4/update-exim4.conf.conf"));
            }
            foreach (FleetHost h in good.Where(h => h.Kind == FleetHostKind.PostfixBroken))
                output.Should().Contain("--- before: " + Path.Combine(h.Tree, "etc/postfix/master.cf"));
            foreach (FleetHost h in good.Where(h => !h.IsBroken))
                output.Should().NotContain("--- before: " + h.Tree + "/", "nothing is planned on the healthy " + h);
            output.Should().Contain("-dc_local_interfaces='127.0.0.1 ; ::1'").And.Contain("+dc_local_interfaces='127.0.0.1'");
            output.Should().Contain("+        -o inet_protocols=ipv4");
            AssertUnreadableFailedClearly(check, unreadable);

            ProcessResult summary = RunPlaybook("fleet_summary", "--tags", "examine", "-e", "maildoctor_summary_file=" + Path.Combine(fleet.Dir, "fleet.txt"));
            string table = File.ReadAllText(Path.Combine(fleet.Dir, "fleet.txt"));
            TestContext.Progress.WriteLine(table);
            Recap(summary).Where(r => r.Key != unreadable.Name).Select(r => r.Value.Failed).Should().OnlyContain(f => f == 0, summary.Describe());
            AssertTable(table, fleet);
            foreach (FleetHost h in fleet.Hosts) SshFleet.Snapshot(h.Tree).Should().Equal(before[h.Name], "the summary writes nothing on " + h);

            ProcessResult apply = RunPlaybook("maildoctor", "--diff", "--tags", "examine");
            recap = Recap(apply);
            foreach (FleetHost h in good)
            {
                recap[h.Name].Failed.Should().Be(0, h + "\n" + apply.Stdout);
                recap[h.Name].Changed.Should().Be(h.IsBroken ? 1 : 0, h + "\n" + apply.Stdout);
                // MailDoctor itself, run here on the tree: nothing left to change, nothing that says mail is down.
                RunResult after = Run.Program(FleetTools.Bundle.Executable, new[] { "--root", h.Tree, "--json", "--no-dns" });
                after.ExitCode.Should().Be(0, h + " after apply\n" + after);
                after.Stdout.Should().Contain("\"hasChanges\": false");
            }
            AssertUnreadableFailedClearly(apply, unreadable);
            SshFleet.Snapshot(unreadable.Tree).Should().Equal(before[unreadable.Name]);

            ProcessResult third = RunPlaybook("maildoctor", "--diff", "--tags", "examine");
            recap = Recap(third);
            foreach (FleetHost h in good)
            {
                recap[h.Name].Failed.Should().Be(0, third.Stdout);
                recap[h.Name].Changed.Should().Be(0, "a second apply changes nothing on " + h + "\n" + third.Stdout);
            }
            recap[unreadable.Name].Failed.Should().Be(1);
        }

        [Test]
        public void Unknown_options_and_bad_types_get_Ansibles_own_errors()
        {
            FleetHost h = _fleet!.Hosts.First(x => x.Kind == FleetHostKind.EximHealthy);
            ProcessResult unknown = Adhoc(h, "root=" + h.Tree + " colour=red");
            unknown.ExitCode.Should().NotBe(0);
            unknown.Stdout.Should().Contain("Unsupported parameters for (mailconfigkit.maildoctor.maildoctor) module: colour", unknown.Describe());
            unknown.Stdout.Should().Contain("Supported parameters include:");

            ProcessResult badBool = Adhoc(h, "root=" + h.Tree + " no_dns=sometimes");
            badBool.Stdout.Should().MatchRegex("argument '?no_dns'? is of type .*str.* and we were unable to convert to bool", badBool.Describe());

            ProcessResult badInt = Adhoc(h, "root=" + h.Tree + " timeout=soon");
            badInt.Stdout.Should().MatchRegex("argument '?timeout'? is of type .*str.* and we were unable to convert to int", badInt.Describe());

            ProcessResult exclusive = Adhoc(h, "root=" + h.Tree + " no_dns=true dns_servers=192.0.2.53");
            exclusive.Stdout.Should().Contain("parameters are mutually exclusive: no_dns|dns_servers", exclusive.Describe());

            // And the module's own refusal reaches Ansible as msg: a check id MailDoctor does not know.
            // The documentation block is what ansible-doc reads: it must parse and list every option.
            ProcessResult doc = ProcessRunner.Run(Path.Combine(FleetTools.AnsibleBin, "ansible-doc"), new[] { "-t", "module", "mailconfigkit.maildoctor.maildoctor" },
                env: AnsibleEnv(_inventory, _collections), timeout: TimeSpan.FromMinutes(2));
            doc.ExitCode.Should().Be(0, doc.Describe());
            foreach (string option in new[] { "binary", "root", "apply", "restart", "no_dns", "dns_servers", "skip", "timeout" }) doc.Stdout.Should().Contain("- " + option, doc.Stdout);
            doc.Stdout.Should().Contain("EXAMPLES").And.Contain("RETURN VALUES");

            ProcessResult skip = Adhoc(h, "binary=" + Path.Combine(h.InstallDir, "MailDoctor") + " root=" + h.Tree + " no_dns=true skip=no.such-check");
            skip.Stdout.Should().Contain("--skip no.such-check: there is no such check", skip.Describe());
        }

        private static void AssertUnreadableFailedClearly(ProcessResult run, FleetHost unreadable)
        {
            Recap(run)[unreadable.Name].Failed.Should().Be(1, run.Stdout);
            string fatal = run.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("fatal: [" + unreadable.Name + "]", StringComparison.Ordinal)) ?? "";
            fatal.Should().Contain("MailDoctor could not examine " + unreadable.Tree, run.Stdout);
            fatal.Should().Contain("etc/exim4/update-exim4.conf.conf").And.MatchRegex("(?i)denied|permission");
        }

        private static void AssertTable(string table, SshFleet fleet)
        {
            // Header: one column per host in order; rows: id, one cell per host, count.
            var lines = table.Split('\n');
            string eximRow = lines.Single(l => l.StartsWith("exim4.ipv6-loopback-without-ipv6 ", StringComparison.Ordinal));
            string postfixRow = lines.Single(l => l.StartsWith("postfix.ipv6-delivery-refused ", StringComparison.Ordinal));
            string[] eximCells = eximRow.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            string[] postfixCells = postfixRow.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            for (int i = 0; i < fleet.Hosts.Count; i++)
            {
                FleetHost h = fleet.Hosts[i];
                string expectExim = h.Kind == FleetHostKind.Unreadable ? "?" : h.Kind == FleetHostKind.EximBroken ? "E" : ".";
                string expectPostfix = h.Kind == FleetHostKind.Unreadable ? "?" : h.Kind == FleetHostKind.PostfixBroken ? "W" : ".";
                eximCells[i].Should().Be(expectExim, h + "\n" + table);
                postfixCells[i].Should().Be(expectPostfix, h + "\n" + table);
            }
            eximCells.Last().Should().Be(fleet.Hosts.Count(h => h.Kind == FleetHostKind.EximBroken).ToString());
            table.Should().Contain(fleet.Hosts.Single(h => h.Kind == FleetHostKind.Unreadable).Name + ": NOT EXAMINED: MailDoctor could not examine");
        }

        private ProcessResult RunPlaybook(string name, params string[] args) => Playbook(_inventory, _collections, name, args);

        internal static ProcessResult Playbook(string inventory, string collections, string name, params string[] args)
        {
            var all = new List<string> { "-i", inventory, "-f", "10", "mailconfigkit.maildoctor." + name, "-e", "maildoctor_bundle=" + FleetTools.Bundle.Tarball };
            all.AddRange(args);
            ProcessResult r = ProcessRunner.Run(Path.Combine(FleetTools.AnsibleBin, "ansible-playbook"), all, env: AnsibleEnv(inventory, collections), timeout: TimeSpan.FromMinutes(5));
            TestContext.Progress.WriteLine("ansible-playbook " + name + " " + string.Join(" ", args) + ": exit " + r.ExitCode + ", " + r.Elapsed.TotalSeconds.ToString("F1") + " s");
            return r;
        }

        private ProcessResult Adhoc(FleetHost h, string moduleArgs) =>
            Ansible(_inventory, _collections, h.Name, "-m", "mailconfigkit.maildoctor.maildoctor", "-a", moduleArgs);

        internal static ProcessResult Ansible(string inventory, string collections, string pattern, params string[] args)
        {
            var all = new List<string> { "-i", inventory, "-f", "10", pattern };
            all.AddRange(args);
            return ProcessRunner.Run(Path.Combine(FleetTools.AnsibleBin, "ansible"), all, env: AnsibleEnv(inventory, collections), timeout: TimeSpan.FromMinutes(3));
        }

        /// <summary>The collection installed the way the README says: ansible-galaxy from the repository folder.</summary>
        internal static string InstallCollection(string dir)
        {
            string repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Built.LibraryProject)!, "..", ".."));
            string target = Path.Combine(dir, "collections");
            ProcessRunner.RunChecked(Path.Combine(FleetTools.AnsibleBin, "ansible-galaxy"),
                new[] { "collection", "install", Path.Combine(repo, "samples/ansible/ansible_collections/mailconfigkit/maildoctor"), "-p", target },
                env: AnsibleEnv(null, target), timeout: TimeSpan.FromMinutes(2));
            return target;
        }

        private static IReadOnlyDictionary<string, string?> AnsibleEnv(string? inventory, string collections)
        {
            string home = Path.Combine(Path.GetDirectoryName(collections)!, "control-home");
            Directory.CreateDirectory(home);
            return new Dictionary<string, string?>
            {
                ["HOME"] = home,
                ["ANSIBLE_COLLECTIONS_PATH"] = collections,
                ["ANSIBLE_HOST_KEY_CHECKING"] = "False",
                // A loaded 2-core machine: an SSH handshake took ~1 s here; the default 10 s connect timeout is too close.
                ["ANSIBLE_TIMEOUT"] = "60",
                ["ANSIBLE_PIPELINING"] = "True",
                ["ANSIBLE_NOCOLOR"] = "1",
                ["ANSIBLE_FORCE_COLOR"] = null,
                ["ANSIBLE_RETRY_FILES_ENABLED"] = "False",
                ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(home, "tmp"),
                ["ANSIBLE_SSH_CONTROL_PATH_DIR"] = Path.Combine(home, "cp"),
                ["ANSIBLE_CONFIG"] = null,
                ["ANSIBLE_STDOUT_CALLBACK"] = null,
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            };
        }

        private sealed record RecapLine(int Ok, int Changed, int Unreachable, int Failed);

        private static Dictionary<string, RecapLine> Recap(ProcessResult r)
        {
            var map = new Dictionary<string, RecapLine>();
            foreach (Match m in Regex.Matches(r.Stdout, @"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", RegexOptions.Multiline))
                map[m.Groups[1].Value] = new RecapLine(int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), int.Parse(m.Groups[4].Value), int.Parse(m.Groups[5].Value));
            map.Should().NotBeEmpty("ansible-playbook printed a recap\n" + r.Describe());
            return map;
        }
    }

    /// <summary>
    /// The check-mode run over a fleet and over twice the fleet, timed, with one host's share taken apart (SSH, MailDoctor's
    /// start-up, the examination). Opt-in: MCK_FLEET_BENCH=1 makes <see cref="AnsibleFleetTests"/>' teardown run it; it
    /// measures and prints, it asserts no speed.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static class AnsibleFleetBenchmark
    {
        /// <summary>
        /// Not a test of correctness: times the check-mode run over N and 2N hosts and what one host's share is made of
        /// (SSH, MailDoctor's start-up, the examination). Opt-in: MCK_FLEET_BENCH=1 (speed is never asserted).
        /// </summary>
        public static void Run()
        {
            if (Environment.UserName != "root") Prerequisite.Missing("the fleet needs root (network namespaces, sshd)");
            int n = int.TryParse(Environment.GetEnvironmentVariable("MCK_FLEET_BENCH_N"), out int v) ? v : 10;
            foreach (int count in new[] { n, 2 * n })
            {
                var kinds = Enumerable.Range(0, count).Select(i => AnsibleFleetTests.Kinds[i % 10]).ToList();
                using var fleet = new SshFleet(kinds, Built.DemoTree);
                string inv = fleet.WriteInventory();
                string collections = AnsibleFleetTests.InstallCollection(fleet.Dir);
                AnsibleFleetTests.Playbook(inv, collections, "maildoctor", "--tags", "install").ExitCode.Should().Be(0);
                var watch = Stopwatch.StartNew();
                ProcessResult check = AnsibleFleetTests.Playbook(inv, collections, "maildoctor", "--check", "--tags", "examine");
                double total = watch.Elapsed.TotalSeconds;
                check.ExitCode.Should().Be(0, check.Describe());
                watch.Restart();
                ProcessResult ping = AnsibleFleetTests.Ansible(inv, collections, "all", "-m", "ansible.builtin.ping");
                double pingSeconds = watch.Elapsed.TotalSeconds;
                ping.ExitCode.Should().Be(0, ping.Describe());
                // One host, measured directly: an SSH round trip, MailDoctor's start-up (--help), a whole examination.
                FleetHost h = fleet.Hosts[0];
                double ssh = Median(5, () => ProcessRunner.RunChecked("ssh", new[] { "-i", fleet.ClientKey, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "root@" + h.Address, "true" }));
                double startup = Median(5, () => ProcessRunner.RunChecked(FleetTools.Bundle.Executable, new[] { "--help" }));
                double examine = Median(5, () => ProcessRunner.Run(FleetTools.Bundle.Executable, new[] { "--root", h.Tree, "--json", "--no-dns" }));
                TestContext.Progress.WriteLine(
                    $"fleet bench: {count} hosts, forks=10: check-mode playbook {total:F1} s = {total / count * 1000:F0} ms/host; " +
                    $"ansible ping over the fleet {pingSeconds:F1} s ({pingSeconds / count * 1000:F0} ms/host); " +
                    $"one ssh round trip {ssh * 1000:F0} ms; MailDoctor start-up (--help) {startup * 1000:F0} ms; " +
                    $"MailDoctor examination incl. start-up {examine * 1000:F0} ms ({(examine - startup) * 1000:F0} ms examining); " +
                    string.Join("; ", FleetTools.Notes));
            }
        }

        private static double Median(int runs, Action action)
        {
            var times = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                var w = Stopwatch.StartNew();
                action();
                times.Add(w.Elapsed.TotalSeconds);
            }
            return times.OrderBy(t => t).ElementAt(runs / 2);
        }

    }
}
