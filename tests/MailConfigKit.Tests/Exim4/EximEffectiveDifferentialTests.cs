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
            using var tree = new Tree();
            Compare(tree, new Layout(conf, files.ToList()), verbose: true);
        }

        [Test]
        public void Generated_layouts()
        {
            int seed = Seeds.From(SeedVariable);
            int count = int.Parse(Environment.GetEnvironmentVariable("MCK_EXIMCONF_COUNT") ?? "300", System.Globalization.CultureInfo.InvariantCulture);
            var random = new Random(seed);
            using var tree = new Tree();
            int errors = 0, handWritten = 0;
            for (int i = 0; i < count; i++)
            {
                Layout layout = LayoutGenerator.Next(random);
                try
                {
                    if (!Compare(tree, layout, verbose: false)) errors++;
                    if (layout.Files.Any(f => f.Path == "etc/exim4/exim4.conf")) handWritten++;
                }
                catch (Exception)
                {
                    TestContext.Out.WriteLine("case " + i + " of seed " + seed + ":\n" + layout);
                    throw;
                }
            }
            TestContext.Out.WriteLine(count + " layouts (" + handWritten + " hand-written), " + errors + " that exim refuses");
        }

        // Returns false when exim refuses the configuration (and ours says so too).
        private static bool Compare(Tree tree, Layout layout, bool verbose)
        {
            tree.Write(layout);
            string expected = tree.RunExim(out bool refused, out string detail);
            EximEffectiveConfiguration ours = MailHost.Open(tree.Root).ReadEximConfiguration();
            if (verbose)
            {
                TestContext.Out.WriteLine(layout);
                TestContext.Out.WriteLine("exim: " + expected + (refused ? " (refused) " + detail : string.Empty));
                TestContext.Out.WriteLine("ours: " + ours);
                foreach (var d in ours.Diagnostics) TestContext.Out.WriteLine("  " + d);
            }
            if (refused)
            {
                (ours.HasErrors || ours.Diagnostics.Any(d => d.Severity == MailConfigKit.Text.DiagnosticSeverity.Error) || (ours.UnknownReason ?? string.Empty).Contains("update-exim4.conf stops"))
                    .Should().BeTrue("exim refuses this configuration (" + detail + "); ours: " + ours + "\n" + layout);
                return false;
            }
            ours.IsKnown.Should().BeTrue("exim reads it: " + expected + "\n" + ours + "\n" + string.Join("\n", ours.Diagnostics) + "\n" + layout);
            string actual = string.Join("\n", ours.LocalInterfaces.ToBpLine(), ours.DisableIpv6.ToBpLine(), ours.DaemonSmtpPorts.ToBpLine());
            actual.Should().Be(expected, layout.ToString());
            if (!ours.DisableIpv6.IsTrue && EximInterfaceListValue.ParseLocalInterfaces(ours.LocalInterfaces.Value!).Value.ContainsIPv6Loopback)
            {
                Remediate(tree, layout, verbose);
            }
            return true;
        }

        // The remediation on a host whose lo has no IPv6: applied to the tree, exim (after update-exim4.conf where it
        // generates the configuration) must no longer bind ::1, and the effective view must still print what exim prints.
        private static void Remediate(Tree tree, Layout layout, bool verbose)
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
                ex.Message.Should().Contain("by hand", layout.ToString());
                return;
            }
            plan.HasChanges.Should().BeTrue("exim binds ::1 here and lo has no IPv6\n" + layout);
            if (verbose) TestContext.Out.WriteLine(plan.ToUnifiedDiff());
            PlanExecutor.Apply(plan);
            string after = tree.RunExim(out bool refused, out string detail);
            refused.Should().BeFalse("the fixed configuration is accepted: " + detail + "\n" + plan.ToUnifiedDiff() + "\n" + layout);
            string li = after.Split('\n')[0];
            (after.Split('\n')[1] == "disable_ipv6" || !EximInterfaceListValue.ParseLocalInterfaces(li.Substring("local_interfaces = ".Length)).Value.ContainsIPv6Loopback)
                .Should().BeTrue("exim no longer binds ::1: " + after + "\n" + plan.ToUnifiedDiff() + "\n" + layout);
            EximEffectiveConfiguration ours = MailHost.Open(tree.Root).ReadEximConfiguration();
            string.Join("\n", ours.LocalInterfaces.ToBpLine(), ours.DisableIpv6.ToBpLine(), ours.DaemonSmtpPorts.ToBpLine()).Should().Be(after, layout.ToString());
            new EximLocalInterfacesWhereDefined().Plan(MailHost.Open(tree.Root)).HasChanges.Should().BeFalse("a second run changes nothing");
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

        /// <summary>One tree reused for every case: the package's /etc/exim4, and the files a case writes (removed before the next).</summary>
        private sealed class Tree : IDisposable
        {
            private readonly UpdateExim4ConfTool _tool;
            private readonly List<string> _written = new List<string>();

            public Tree()
            {
                _tool = new UpdateExim4ConfTool("dc_eximconfig_configtype='local'\n");
                // A proc/ snapshot of a host whose lo has no IPv6, for the remediation.
                _tool.WriteTreeFile("proc/sys/net/ipv6/conf/lo/disable_ipv6", Encoding.ASCII.GetBytes("1\n"));
                _tool.WriteTreeFile("proc/sys/net/ipv6/conf/all/disable_ipv6", Encoding.ASCII.GetBytes("0\n"));
                _tool.WriteTreeFile("proc/net/if_inet6", Array.Empty<byte>());
            }

            public string Root => _tool.TreeRoot;

            public void Write(Layout layout)
            {
                foreach (string path in _written) File.Delete(Path.Combine(Root, path));
                _written.Clear();
                File.Delete(_tool.DefaultOutputPath);
                File.WriteAllText(_tool.ConfPath, layout.Conf);
                foreach (var (path, text) in layout.Files)
                {
                    _tool.WriteTreeFile(path, Encoding.UTF8.GetBytes(text));
                    _written.Add(path);
                }
            }

            /// <summary>The three -bP lines exim prints for the configuration it would load.</summary>
            public string RunExim(out bool refused, out string detail)
            {
                string config = Path.Combine(Root, "etc/exim4/exim4.conf");
                refused = false;
                detail = string.Empty;
                if (!File.Exists(config))
                {
                    UpdateExim4ConfResult generated = _tool.RunDefault();
                    if (generated.ExitCode != 0)
                    {
                        refused = true;
                        detail = "update-exim4.conf: " + generated.Stderr.Trim();
                        return string.Empty;
                    }
                    config = _tool.DefaultOutputPath;
                }
                ProcessResult bp = EximRunner.Run("-C", config, "-bP", "local_interfaces", "disable_ipv6", "daemon_smtp_ports");
                if (bp.ExitCode != 0)
                {
                    refused = true;
                    detail = "exim -bP: " + bp.Stderr.Trim().Split('\n').FirstOrDefault(l => l.Length > 0 && !l.StartsWith("LOG:", StringComparison.Ordinal));
                    return string.Empty;
                }
                return bp.Stdout.TrimEnd('\n');
            }

            public void Dispose() => _tool.Dispose();
        }
    }
}
