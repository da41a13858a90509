using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>
    /// The exim loopback check and its fix follow the configuration exim really loads, on trees with Debian's own
    /// exim4-config files: a hand-written exim4.conf, local macros with their own MAIN_LOCAL_INTERFACES, the split layout,
    /// and disable_ipv6 in the local macros. Each fix is applied to the tree, then Debian's real update-exim4.conf (where
    /// it generates the configuration) and <c>exim4 -bP</c> must show that exim no longer binds ::1.
    /// </summary>
    public class EximEffectiveDiagnosisTests
    {
        private const string Debconf = "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1 ; ::1'\ndc_use_split_config='false'\n";
        private const string Paniclog = "2026-11-25 20:15:34 socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned\n";

        public static object[] Cases =
        {
            new object[] { "hand-written exim4.conf", Debconf, "etc/exim4/exim4.conf", "# mine\nprimary_hostname = mail.example.org\nlocal_interfaces = <; 127.0.0.1 ; ::1\nbegin acl\n", 3, false },
            new object[] { "hand-written exim4.conf with a macro", Debconf, "etc/exim4/exim4.conf", "LISTEN = 127.0.0.1 : ::::1\n.ifdef LISTEN\nlocal_interfaces = LISTEN\n.endif\n", 1, false },
            new object[] { "localmacros with own MAIN_LOCAL_INTERFACES", Debconf, "etc/exim4/exim4.conf.localmacros", "# local\nMAIN_LOCAL_INTERFACES = <; 127.0.0.1 ; ::1 ; 192.0.2.25\n", 2, true },
            new object[] { "split config, 000_localmacros", Debconf.Replace("'false'", "'true'"), "etc/exim4/conf.d/main/000_localmacros", "MAIN_LOCAL_INTERFACES = ::1\n", 1, true },
            new object[] { "split config, dc_local_interfaces", Debconf.Replace("'false'", "'true'"), "etc/exim4/update-exim4.conf.conf", null!, 2, true },
        };

        [TestCaseSource(nameof(Cases))]
        public void The_fix_edits_the_file_that_defines_it_and_exim_agrees(string name, string debconf, string definedIn, string? content, int line, bool generated)
        {
            using var tool = new UpdateExim4ConfTool(debconf);
            string root = tool.TreeRoot;
            if (content != null) Write(root, definedIn, content);
            WithoutIpv6OnLoopback(root);
            Write(root, "var/log/exim4/paniclog", Paniclog);
            ExpectedBp(tool, generated).Should().Contain("::1", "exim binds ::1 before the fix");

            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(root), new DiagnosisOptions { CheckDns = false });
            report.Findings.Select(f => f.Id).Should().Equal(new[] { FindingIds.EximIpv6LoopbackWithoutIpv6 }, string.Join("\n", report.Findings));
            Finding finding = report.Findings[0];
            finding.Evidence[0].Source.Should().Be(definedIn);
            finding.Evidence[0].Line.Should().Be(line);

            RemediationPlan plan = RemediationCatalog.Default.PlanBest(report);
            plan.FileChanges.Select(f => f.RelativePath).Should().Equal(definedIn);
            plan.ServiceActions.Any(a => a.Kind == ServiceActionKind.RunUpdateExim4Conf).Should().Be(generated, "update-exim4.conf runs only where it generates the configuration");
            plan.ServiceActions.Should().Contain(a => a.Kind == ServiceActionKind.RestartExim4);
            TestContext.Out.WriteLine(plan.ToUnifiedDiff());
            PlanExecutor.Apply(plan);

            string after = ExpectedBp(tool, generated);
            TestContext.Out.WriteLine("exim after: " + after);
            string li = after.Split('\n')[0];
            li.Should().StartWith("local_interfaces = ");
            EximInterfaceListValue.ParseLocalInterfaces(li.Substring("local_interfaces = ".Length)).Value.ContainsIPv6Loopback.Should().BeFalse(after);
            EximEffectiveConfiguration ours = MailHost.Open(root).ReadEximConfiguration();
            (ours.LocalInterfaces.ToBpLine() + "\n" + ours.DisableIpv6.ToBpLine()).Should().Be(string.Join("\n", after.Split('\n').Take(2)));
            if (definedIn != "etc/exim4/update-exim4.conf.conf")
            {
                File.ReadAllText(tool.ConfPath).Should().Be(debconf, "update-exim4.conf.conf is not where this value is defined");
            }

            DiagnosisReport again = MailDiagnosis.Examine(MailHost.Open(root), new DiagnosisOptions { CheckDns = false });
            again.Findings.Select(f => f.Id).Should().Equal(FindingIds.EximStalePaniclog);
            RemediationCatalog.Default.PlanBest(again).HasChanges.Should().BeFalse("a second run changes nothing");
        }

        [TestCase("disable_ipv6 = true")]
        [TestCase("disable_ipv6")]
        [TestCase("hide disable_ipv6 = yes")]
        public void Disable_ipv6_in_localmacros_is_no_error(string line)
        {
            using var tool = new UpdateExim4ConfTool(Debconf);
            Write(tool.TreeRoot, "etc/exim4/exim4.conf.localmacros", line + "\n");
            WithoutIpv6OnLoopback(tool.TreeRoot);
            ExpectedBp(tool, generated: true).Split('\n')[1].Should().Be("disable_ipv6");

            DiagnosisReport quiet = MailDiagnosis.Examine(MailHost.Open(tool.TreeRoot), new DiagnosisOptions { CheckDns = false });
            quiet.Findings.Should().BeEmpty(string.Join("\n", quiet.Findings));
            Write(tool.TreeRoot, "var/log/exim4/paniclog", Paniclog);
            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(tool.TreeRoot), new DiagnosisOptions { CheckDns = false });
            report.Findings.Select(f => f.Id).Should().Equal(FindingIds.EximStalePaniclog);
            report.Findings[0].Explanation.Should().Contain("disable_ipv6 is true");
            report.Findings[0].Evidence.Should().Contain(e => e.Source == "etc/exim4/exim4.conf.localmacros" && e.Line == 1);
            RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse();
        }

        [Test]
        public void A_run_time_expansion_is_unknown_and_changes_nothing()
        {
            using var tool = new UpdateExim4ConfTool(Debconf);
            Write(tool.TreeRoot, "etc/exim4/exim4.conf", "local_interfaces = ${if exists{/etc/ipv6}{<; 127.0.0.1 ; ::1}{127.0.0.1}}\n");
            WithoutIpv6OnLoopback(tool.TreeRoot);
            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(tool.TreeRoot), new DiagnosisOptions { CheckDns = false });
            report.Findings.Select(f => f.Id).Should().Equal(FindingIds.EximConfigurationUnknown);
            RemediationCatalog.Default.PlanBest(report).HasChanges.Should().BeFalse();
            File.ReadAllText(tool.ConfPath).Should().Be(Debconf);
        }

        [Test]
        public void What_exim_refuses_in_a_hand_written_exim4_conf_is_a_config_error_and_update_exim4_conf_conf_no_longer_matters()
        {
            using var tree = new HostTree();
            tree.Write("etc/exim4/update-exim4.conf.conf", "dc_local_interfaces='127.0.0.1' ; broken\n");
            tree.Write("etc/exim4/exim4.conf", "LI = 127.0.0.1\nLI = ::1\nlocal_interfaces = LI\n");
            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(tree.Root), new DiagnosisOptions { CheckDns = false });
            report.Findings.Select(f => f.Id).Should().Equal(FindingIds.Exim4ConfigError);
            report.Findings[0].Evidence.Select(e => e.ToString()).Should().Equal(
                "etc/exim4/exim4.conf:2:1: EXC0006: macro \"LI\" is already defined (use \"==\" if you want to redefine it)");
        }

        [Test]
        public void A_macro_line_in_update_exim4_conf_conf_is_found_and_left_to_a_person()
        {
            const string Conf = "dc_eximconfig_configtype='local'\ndc_local_interfaces=''\nMAIN_LOCAL_INTERFACES=::1\n";
            using var tool = new UpdateExim4ConfTool(Conf);
            WithoutIpv6OnLoopback(tool.TreeRoot);
            ExpectedBp(tool, generated: true).Split('\n')[0].Should().Be("local_interfaces = ::1");
            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(tool.TreeRoot), new DiagnosisOptions { CheckDns = false });
            report.Findings.Select(f => f.Id).Should().Equal(FindingIds.EximIpv6LoopbackWithoutIpv6);
            report.Findings[0].Evidence[0].ToString().Should().Be("etc/exim4/update-exim4.conf.conf:3:1: MAIN_LOCAL_INTERFACES=::1");
            RemediationCatalog.Default.FindingsNeedingAPerson(report).Select(f => f.Id).Should().Equal(FindingIds.EximIpv6LoopbackWithoutIpv6);
            File.ReadAllText(tool.ConfPath).Should().Be(Conf);
        }

        // The three -bP lines for the configuration exim loads in the tree (after update-exim4.conf where it generates it).
        private static string ExpectedBp(UpdateExim4ConfTool tool, bool generated)
        {
            string config = Path.Combine(tool.TreeRoot, "etc/exim4/exim4.conf");
            if (generated)
            {
                var run = tool.RunDefault();
                run.ExitCode.Should().Be(0, run.ToString());
                config = tool.DefaultOutputPath;
            }
            ProcessResult bp = EximRunner.Run("-C", config, "-bP", "local_interfaces", "disable_ipv6", "daemon_smtp_ports");
            bp.ExitCode.Should().Be(0, bp.Describe());
            return bp.Stdout.TrimEnd('\n');
        }

        private static void Write(string root, string relative, string text)
        {
            string path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }

        private static void WithoutIpv6OnLoopback(string root)
        {
            Write(root, "proc/sys/net/ipv6/conf/lo/disable_ipv6", "1\n");
            Write(root, "proc/sys/net/ipv6/conf/all/disable_ipv6", "0\n");
            Write(root, "proc/net/if_inet6", string.Empty);
        }
    }
}
