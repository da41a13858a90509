using System;
using System.IO;
using System.Reflection;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>
    /// Repair-MailHost.ps1's calls, made late-bound against the netstandard2.0 build in its own load context (PowerShell
    /// is not available here). The calls mirror the script line for line; the first test keeps the two in step.
    /// </summary>
    [TestFixture]
    public class PowerShellScriptTests
    {
        private static readonly LibraryLoadContext Lib = LibraryLoadContext.Instance;

        [Test]
        public void The_script_makes_the_calls_these_tests_make()
        {
            string script = File.ReadAllText(Built.PowerShellScript);
            script.Should().Contain("[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]");
            script.Should().Contain("[string] $Root = '/'");
            script.Should().Contain("$rootPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Root)");
            script.Should().Contain("[MailConfigKit.Host.MailHost]::Open($rootPath)");
            script.Should().Contain("New-Object MailConfigKit.Diagnosis.DiagnosisOptions");
            script.Should().Contain("[MailConfigKit.Diagnosis.MailDiagnosis]::Examine($hostRoot, $options)");
            script.Should().Contain("$catalog = [MailConfigKit.Remediation.RemediationCatalog]::Default");
            script.Should().Contain("$catalog.PlanBest($report)");
            script.Should().Contain("$plan.ToUnifiedDiff()");
            script.Should().Contain("$PSCmdlet.ShouldProcess(");
            script.Should().Contain("[MailConfigKit.Remediation.PlanExecutor]::Apply($plan, $options)");
            // Dependencies before the library, in the order the packages' dependency groups require.
            script.IndexOf("'Microsoft.Extensions.DependencyInjection.Abstractions.dll'", StringComparison.Ordinal)
                .Should().BeLessThan(script.IndexOf("'Microsoft.Extensions.Logging.Abstractions.dll'", StringComparison.Ordinal));
            script.IndexOf("'Sprache.dll'", StringComparison.Ordinal).Should().BeLessThan(script.IndexOf("'MailConfigKit.dll'", StringComparison.Ordinal));
            script.IndexOf("'DnsClient.dll'", StringComparison.Ordinal).Should().BeGreaterThan(0)
                .And.BeLessThan(script.IndexOf("'MailConfigKit.dll'", StringComparison.Ordinal));
        }

        [Test]
        public void The_library_is_the_netstandard2_0_build_in_its_own_load_context()
        {
            Lib.Library.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()!.FrameworkName.Should().Be(".NETStandard,Version=v2.0");
            System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(Lib.Library).Should().BeSameAs(Lib);
            System.Runtime.Loader.AssemblyLoadContext.Default.Assemblies.Should().NotContain(a => a.GetName().Name == "MailConfigKit");
        }

        // Depends on MailDiagnosis (issue 5) for the plan to hold the exim change.
        [Test]
        public void Examine_plan_diff_and_apply_late_bound_on_the_demo_tree()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            object plan = ExamineAndPlan(tree.Root);
            ((bool)Get(plan, "HasChanges")).Should().BeTrue();
            string diff = (string)Call(plan, "ToUnifiedDiff");
            diff.Should().Contain("+dc_local_interfaces='127.0.0.1'");

            object result = ApplyWithBackup(plan);
            ((bool)Get(result, "Changed")).Should().BeTrue();
            File.ReadAllText(tree.PathOf("etc/exim4/update-exim4.conf.conf")).Should().Contain("dc_local_interfaces='127.0.0.1'\n");
            ((System.Collections.ICollection)Get(result, "PendingServiceActions")).Count.Should().BeGreaterThan(0);
        }

        [Test]
        public void Script_calls_run_late_bound_and_apply_writes_a_remediation_plan()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            object plan = ExamineAndPlan(tree.Root);
            Call(plan, "ToUnifiedDiff").Should().BeOfType<string>();

            // Apply, late-bound, on a plan from a remediation the script's -WhatIf path would show.
            object host = OpenHost(tree.Root);
            object remediation = Activator.CreateInstance(Lib.Type("MailConfigKit.Remediation.EximDropIpv6Loopback"))!;
            object eximPlan = Call(remediation, "Plan", host);
            ((string)Call(eximPlan, "ToUnifiedDiff")).Should().Contain("-dc_local_interfaces='127.0.0.1 ; ::1'");
            object result = ApplyWithBackup(eximPlan);
            ((bool)Get(result, "Changed")).Should().BeTrue();
            File.ReadAllText(tree.PathOf("etc/exim4/update-exim4.conf.conf")).Should().Contain("dc_local_interfaces='127.0.0.1'\n");
            Directory.GetFiles(tree.PathOf("etc/exim4"), "update-exim4.conf.conf.mck-backup-*").Should().ContainSingle();
        }

        private static object OpenHost(string root) =>
            Lib.Type("MailConfigKit.Host.MailHost").GetMethod("Open", new[] { typeof(string) })!.Invoke(null, new object[] { root })!;

        // $hostRoot = [MailHost]::Open($Root); $options = New-Object DiagnosisOptions; $options.CheckDns = ...;
        // $report = [MailDiagnosis]::Examine($hostRoot, $options); $catalog = [RemediationCatalog]::Default; $plan = $catalog.PlanBest($report)
        private static object ExamineAndPlan(string root)
        {
            object host = OpenHost(root);
            ((bool)Get(host, "HasExim4")).Should().BeTrue();
            Type optionsType = Lib.Type("MailConfigKit.Diagnosis.DiagnosisOptions");
            object options = Activator.CreateInstance(optionsType)!;
            optionsType.GetProperty("CheckDns")!.SetValue(options, false);
            Type diagnosis = Lib.Type("MailConfigKit.Diagnosis.MailDiagnosis");
            object report = diagnosis.GetMethod("Examine", new[] { host.GetType(), optionsType })!.Invoke(null, new[] { host, options })!;
            object catalog = Lib.Type("MailConfigKit.Remediation.RemediationCatalog").GetProperty("Default")!.GetValue(null)!;
            return catalog.GetType().GetMethod("PlanBest", new[] { report.GetType() })!.Invoke(catalog, new[] { report })!;
        }

        // $options = New-Object ApplyOptions; $options.CreateBackup = $true; [PlanExecutor]::Apply($plan, $options)
        private static object ApplyWithBackup(object plan)
        {
            Type optionsType = Lib.Type("MailConfigKit.Remediation.ApplyOptions");
            object options = Activator.CreateInstance(optionsType)!;
            optionsType.GetProperty("CreateBackup")!.SetValue(options, true);
            MethodInfo apply = Lib.Type("MailConfigKit.Remediation.PlanExecutor").GetMethod("Apply", new[] { plan.GetType(), optionsType })!;
            return apply.Invoke(null, new[] { plan, options })!;
        }

        private static object Call(object target, string method, params object[] args)
        {
            var types = Array.ConvertAll(args, a => a.GetType());
            MethodInfo? m = target.GetType().GetMethod(method, types);
            if (m == null)
            {
                // An interface method (IRemediation.Plan on the concrete type) is still found through the interfaces.
                foreach (Type i in target.GetType().GetInterfaces()) m ??= i.GetMethod(method, types);
            }
            return m!.Invoke(target, args)!;
        }

        private static object Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target)!;
    }
}
