using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>
    /// The effective view against the real thing: for hand-picked and generated Debian layouts (monolithic and split,
    /// local macros, disable_ipv6 spellings, hand-written exim4.conf with macros, conditionals, includes and continuation
    /// lines, dc_local_interfaces variants) Debian's update-exim4.conf generates the configuration (or exits, for a
    /// hand-written exim4.conf) and <c>exim4 -bP local_interfaces disable_ipv6 daemon_smtp_ports</c> prints what exim
    /// uses; <see cref="EximEffectiveConfiguration"/> must print the same, or report the error exim stops on. Where exim
    /// binds ::1, the remediation is applied (lo has no IPv6 in the tree's proc/) and exim's view must agree that it no
    /// longer does.
    /// </summary>
    public class EximEffectiveDifferentialTests
    {
        private const string SeedVariable = "MCK_EXIMCONF_SEED";

        // Distinct update-exim4.conf.conf files per run: enough for every configtype, split spelling and
        // dc_local_interfaces variant to meet each other, few enough that the script's runs stay a fraction of the layouts.
        private const int ConfPool = 80;

        public static IEnumerable<TestCaseData> HandPicked()
        {
            yield return Case("debian default", "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1 ; ::1'\n");
            yield return Case("localmacros disable_ipv6", "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1 ; ::1'\n",
                ("etc/exim4/exim4.conf.localmacros", "disable_ipv6 = true\n"));
            yield return Case("localmacros own MAIN_LOCAL_INTERFACES", "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1 ; ::1'\n",
                ("etc/exim4/exim4.conf.localmacros", "MAIN_LOCAL_INTERFACES = <; 127.0.0.1 ; ::1 ; 192.0.2.1\n"));
            yield return Case("split with 000_localmacros", "dc_eximconfig_configtype='internet'\ndc_use_split_config='true'\ndc_local_interfaces='127.0.0.1'\n",
                ("etc/exim4/conf.d/main/000_localmacros", "MAIN_LOCAL_INTERFACES = 127.0.0.1 : ::::1\ndaemon_smtp_ports = 25 : 587\n"));
            yield return Case("split ignores exim4.conf.localmacros", "dc_eximconfig_configtype='local'\ndc_use_split_config='true'\n",
                ("etc/exim4/exim4.conf.localmacros", "disable_ipv6 = true\n"));
            yield return Case("hand-written exim4.conf", "dc_eximconfig_configtype='local'\n",
                ("etc/exim4/exim4.conf", "LI = 127.0.0.1 : ::::1\nlocal_interfaces = LI\n.include ports.inc\nbegin acl\n"),
                ("etc/exim4/ports.inc", ".ifdef LI\ndaemon_smtp_ports = 2525\n.endif\n"));
            yield return Case("localmacros without final newline", "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1 ; ::1'\n",
                ("etc/exim4/exim4.conf.localmacros", "disable_ipv6 = true"));
            yield return Case("configtype none", "dc_eximconfig_configtype='none'\ndc_local_interfaces='127.0.0.1 ; ::1'\n");
            yield return Case("macro line in update-exim4.conf.conf", "dc_eximconfig_configtype='local'\ndc_local_interfaces=''\nMAIN_LOCAL_INTERFACES=::1\n");
            yield return Case("local_interfaces twice", "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1 ; ::1'\n",
                ("etc/exim4/exim4.conf.localmacros", "local_interfaces = 127.0.0.1\n"));
        }

        private static TestCaseData Case(string name, string conf, params (string Path, string Text)[] files) =>
            new TestCaseData(conf, files).SetName("Effective view equals exim -bP: " + name);

        [TestCaseSource(nameof(HandPicked))]
        public void Hand_picked(string conf, (string Path, string Text)[] files)
        {
            using var batch = new EximLayoutBatch();
            LayoutTree tree = batch.NewTree(new Layout(conf, files.ToList()));
            batch.Run(new[] { tree });
            if (Compare(tree, verbose: true) == Outcome.Remediated)
            {
                batch.Run(new[] { tree });
                CompareAfterRemediation(tree);
            }
        }

        /// <summary>
        /// Thousands of generated layouts per run (MCK_EXIMCONF_COUNT, default 2000), in chunks of 250 trees: exim's view
        /// of a chunk comes from <see cref="EximLayoutBatch"/> (two drivers side by side), then every layout where exim
        /// binds ::1 is remediated and the chunk's remediated trees go to exim again.
        /// </summary>
        [Test]
        public void Generated_layouts()
        {
            int seed = Seeds.From(SeedVariable);
            int count = int.Parse(Environment.GetEnvironmentVariable("MCK_EXIMCONF_COUNT") ?? "2000", System.Globalization.CultureInfo.InvariantCulture);
            var random = new Random(seed);
            // update-exim4.conf runs once per distinct update-exim4.conf.conf (see EximLayoutBatch): a pool of them, each
            // met with many local macros and hand-written files.
            var confs = Enumerable.Range(0, ConfPool).Select(_ => LayoutGenerator.NextConf(random)).ToList();
            var layouts = Enumerable.Range(0, count).Select(_ => LayoutGenerator.Next(random, confs[random.Next(confs.Count)])).ToList();
            var tally = new Dictionary<string, int>(StringComparer.Ordinal);
            void Count(string key) => tally[key] = tally.TryGetValue(key, out int n) ? n + 1 : 1;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var oracleTime = TimeSpan.Zero;
            using var batch = new EximLayoutBatch();
            const int Chunk = 250;
            for (int start = 0; start < count; start += Chunk)
            {
                var trees = layouts.Skip(start).Take(Chunk).Select(batch.NewTree).ToList();
                var oracleClock = System.Diagnostics.Stopwatch.StartNew();
                batch.Run(trees);
                oracleTime += oracleClock.Elapsed;
                // The library's side of a chunk on both cores: each tree is its own host.
                var outcomes = new Outcome[trees.Count];
                var failures = new System.Collections.Concurrent.ConcurrentBag<(int Case, string Message)>();
                System.Threading.Tasks.Parallel.For(0, trees.Count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
                {
                    try
                    {
                        outcomes[k] = Compare(trees[k], verbose: false);
                    }
                    catch (Exception ex)
                    {
                        failures.Add((start + k, ex.Message));
                    }
                });
                Fail(failures, layouts, seed);
                var remediated = new List<LayoutTree>();
                for (int k = 0; k < trees.Count; k++)
                {
                    Count(Kind(trees[k].Layout));
                    Count(outcomes[k].ToString());
                    if (outcomes[k] == Outcome.Remediated) remediated.Add(trees[k]);
                }
                oracleClock.Restart();
                batch.Run(remediated);
                oracleTime += oracleClock.Elapsed;
                System.Threading.Tasks.Parallel.For(0, remediated.Count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
                {
                    try
                    {
                        CompareAfterRemediation(remediated[k]);
                    }
                    catch (Exception ex)
                    {
                        failures.Add((start + trees.IndexOf(remediated[k]), "after the remediation: " + ex.Message));
                    }
                });
                Fail(failures, layouts, seed);
                foreach (LayoutTree tree in trees) tree.Delete();
            }
            TestContext.Out.WriteLine(count + " layouts in " + clock.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s (update-exim4.conf ran " + batch.ScriptRuns + " times, " + batch.SplicedLayouts + " layouts spliced, " + batch.SpliceChecks + " of them checked against the script; " + oracleTime.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s in update-exim4.conf and exim): "
                + string.Join(", ", tally.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value)));
            // Every dimension the generator draws must have been met, or the run proved less than it claims.
            foreach (string kind in new[] { "hand-written", "monolithic", "split", "debconf only", nameof(Outcome.Refused), nameof(Outcome.Agreed), nameof(Outcome.Remediated) })
            {
                if (count >= 200) tally.Should().ContainKey(kind);
            }
        }

        // The first failing case (lowest number), with its layout and the line that replays the run.
        private static void Fail(System.Collections.Concurrent.ConcurrentBag<(int Case, string Message)> failures, List<Layout> layouts, int seed)
        {
            if (failures.IsEmpty) return;
            var (first, message) = failures.OrderBy(f => f.Case).First();
            Assert.Fail("case " + first + " of seed " + seed + " (MCK_EXIMCONF_SEED=" + seed + " replays; " + failures.Count + " failing in this chunk):\n"
                + message + "\n" + layouts[first]);
        }

        internal enum Outcome
        {
            /// <summary>exim refuses the configuration, and ours says so too.</summary>
            Refused,

            /// <summary>Same values, nothing to fix.</summary>
            Agreed,

            /// <summary>Same values, exim binds ::1 and the remediation left to a person (a definition built from other macros).</summary>
            ByHand,

            /// <summary>Same values, exim binds ::1, and the remediation was applied to the tree (exim must be asked again).</summary>
            Remediated,
        }

        private static string Kind(Layout layout) =>
            layout.Files.Any(f => f.Path == "etc/exim4/exim4.conf") ? "hand-written"
            : layout.Files.Any(f => f.Path.Contains("/conf.d/", StringComparison.Ordinal)) ? "split"
            : layout.Files.Any(f => f.Path.EndsWith("localmacros", StringComparison.Ordinal)) ? "monolithic"
            : "debconf only";

        private static Outcome Compare(LayoutTree tree, bool verbose)
        {
            Layout layout = tree.Layout;
            EximView exim = tree.Exim;
            EximEffectiveConfiguration ours = MailHost.Open(tree.Root).ReadEximConfiguration();
            if (verbose)
            {
                TestContext.Out.WriteLine(layout);
                TestContext.Out.WriteLine("exim: " + exim);
                TestContext.Out.WriteLine("ours: " + ours);
                foreach (var d in ours.Diagnostics) TestContext.Out.WriteLine("  " + d);
            }
            if (exim.Refused)
            {
                (ours.HasErrors || ours.Diagnostics.Any(d => d.Severity == MailConfigKit.Text.DiagnosticSeverity.Error) || (ours.UnknownReason ?? string.Empty).Contains("update-exim4.conf stops"))
                    .Should().BeTrue("exim refuses this configuration (" + exim.Detail + "); ours: " + ours + "\n" + layout);
                return Outcome.Refused;
            }
            ours.IsKnown.Should().BeTrue("exim reads it: " + exim.Lines + "\n" + ours + "\n" + string.Join("\n", ours.Diagnostics) + "\n" + layout);
            string actual = string.Join("\n", ours.LocalInterfaces.ToBpLine(), ours.DisableIpv6.ToBpLine(), ours.DaemonSmtpPorts.ToBpLine());
            actual.Should().Be(exim.Lines, layout.ToString());
            if (ours.DisableIpv6.IsTrue || !EximInterfaceListValue.ParseLocalInterfaces(ours.LocalInterfaces.Value!).Value.ContainsIPv6Loopback) return Outcome.Agreed;
            return Remediate(tree, verbose);
        }

        // The remediation on a host whose lo has no IPv6, applied to the tree; exim is asked again afterwards.
        private static Outcome Remediate(LayoutTree tree, bool verbose)
        {
            var host = MailHost.Open(tree.Root);
            RemediationPlan plan;
            try
            {
                plan = new EximLocalInterfacesWhereDefined().Plan(host);
            }
            catch (InvalidOperationException ex)
            {
                // Only a definition built from other macros is left to a person.
                ex.Message.Should().Contain("by hand", tree.Layout.ToString());
                return Outcome.ByHand;
            }
            plan.HasChanges.Should().BeTrue("exim binds ::1 here and lo has no IPv6\n" + tree.Layout);
            if (verbose) TestContext.Out.WriteLine(plan.ToUnifiedDiff());
            tree.Plan = plan.ToUnifiedDiff();
            PlanExecutor.Apply(plan);
            return Outcome.Remediated;
        }

        // After the remediation (update-exim4.conf run again where it generates the configuration): exim no longer binds
        // ::1, the effective view still prints what exim prints, and a second run changes nothing.
        private static void CompareAfterRemediation(LayoutTree tree)
        {
            EximView after = tree.Exim;
            string context = tree.Plan + "\n" + tree.Layout;
            after.Refused.Should().BeFalse("the fixed configuration is accepted: " + after.Detail + "\n" + context);
            string[] lines = after.Lines.Split('\n');
            (lines[1] == "disable_ipv6" || !EximInterfaceListValue.ParseLocalInterfaces(lines[0].Substring("local_interfaces = ".Length)).Value.ContainsIPv6Loopback)
                .Should().BeTrue("exim no longer binds ::1: " + after.Lines + "\n" + context);
            EximEffectiveConfiguration ours = MailHost.Open(tree.Root).ReadEximConfiguration();
            string.Join("\n", ours.LocalInterfaces.ToBpLine(), ours.DisableIpv6.ToBpLine(), ours.DaemonSmtpPorts.ToBpLine()).Should().Be(after.Lines, context);
            (ours.DisableIpv6.IsTrue || !EximInterfaceListValue.ParseLocalInterfaces(ours.LocalInterfaces.Value!).Value.ContainsIPv6Loopback)
                .Should().BeTrue("ours agrees that ::1 is gone: " + ours + "\n" + context);
            new EximLocalInterfacesWhereDefined().Plan(MailHost.Open(tree.Root)).HasChanges.Should().BeFalse("a second run changes nothing\n" + context);
        }

        /// <summary>The files of one layout (relative to the root); update-exim4.conf.conf first.</summary>
        internal sealed class Layout
        {
            public Layout(string conf, List<(string Path, string Text)> files)
            {
                Conf = conf;
                Files = files;
            }

            public string Conf { get; }

            public List<(string Path, string Text)> Files { get; }

            public override string ToString()
            {
                var sb = new StringBuilder("--- etc/exim4/update-exim4.conf.conf\n" + Conf);
                foreach (var (path, text) in Files) sb.Append("--- ").Append(path).Append('\n').Append(text.Replace("\r", "\\r")).Append(text.EndsWith('\n') ? string.Empty : "\\ (no final newline)\n");
                return sb.ToString();
            }
        }
    }
}
