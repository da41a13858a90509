using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>
    /// The MailConfigKit module in real PowerShell 7.6.9 (installed by the tests into the oracle cache). Four pwsh
    /// processes in all, because pwsh starts slowly: the main session runs every cmdlet on copies of the demo host
    /// (relative -Root after Set-Location, -WhatIf, -Confirm:$false, a second run, -Verbose, the parameter cmdlets,
    /// Get-Help, the format views) and writes what it saw as JSON; two sessions hold another
    /// Microsoft.Extensions.Logging.Abstractions (6.0 loaded before the import, 9.0 loaded before it too) and repair a
    /// host; one imports a module folder without Sprache.dll.
    /// </summary>
    [TestFixture]
    [NonParallelizable]
    public class PowerShellModuleTests
    {
        private TempTree _work = null!;
        private JsonElement _main;
        private ProcessResult _mainRun = null!;
        private Dictionary<string, string> _demoHashes = null!;

        private string HostA => Path.Combine(_work.Root, "hostA");
        private string HostB => Path.Combine(_work.Root, "hostB");

        private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

        private static string ModulePsd1 => Path.Combine(Built.PowerShellModule, "MailConfigKit.psd1");

        [OneTimeSetUp]
        public void RunMainSession()
        {
            Pwsh.Require();
            _work = new TempTree();
            CopyTree(Built.DemoTree, HostA);
            CopyTree(Built.DemoTree, HostB);
            _demoHashes = Hashes(Built.DemoTree);
            string result = Path.Combine(_work.Root, "result.json");
            // pwsh starts in hostA; every cmdlet gets '.' after Set-Location ../hostB, so a path resolved against the
            // process's folder would hit hostA (which the tests then find changed).
            string script = @"
$ErrorActionPreference = 'Stop'
$r = [ordered]@{}
function Hashes { Get-ChildItem -LiteralPath . -Recurse -File | Sort-Object FullName | ForEach-Object { '{0} {1}' -f $_.FullName.Substring((Get-Location).Path.Length + 1), (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash.ToLowerInvariant() } }
Import-Module " + Quote(ModulePsd1) + @"
$r.commands = @(Get-Command -Module MailConfigKit | ForEach-Object Name)
$outcome = Test-MailHost -Root . -NoDns
$r.outcomeDemo = $outcome.ExitCode
$r.outcomeDemoReasons = @($outcome.Reasons)
$r.outcomeTable = ($outcome | Out-String -Width 300)
Set-Location ../hostB
$r.location = (Get-Location).Path
$r.findings = @(Get-MailDiagnosis -Root . -NoDns | ForEach-Object Id)
# -Debug makes a compiled cmdlet ask at each message (Inquire), which a non-interactive session refuses: the preference variable instead.
$DebugPreference = 'Continue'
$r.debug = @(Get-MailDiagnosis -Root . -NoDns 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
$DebugPreference = 'SilentlyContinue'
$plan = Get-MailRemediationPlan -Root . -NoDns
$r.planRoot = $plan.Root
$r.planFiles = @($plan.FileChanges | ForEach-Object RelativePath)
$r.planDiff = $plan.ToUnifiedDiff()
Repair-MailHost -Root . -NoDns -WhatIf
$r.afterWhatIf = @(Hashes)
$out = @(Repair-MailHost -Root . -NoDns -Confirm:$false -Verbose 4>&1 3>&1)
$r.verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
$r.warnings = @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
$applied = @($out | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })
$r.appliedCount = $applied.Count
$r.appliedType = $applied[0].GetType().FullName
$r.changed = $applied[0].Changed
$r.afterApply = @(Hashes)
$second = @(Repair-MailHost -Root . -NoDns -Confirm:$false)
$r.secondCount = $second.Count
$r.afterSecond = @(Hashes)
$r.secondPlanHasChanges = (Get-MailRemediationPlan -Root . -NoDns).HasChanges
Set-Location ../hostA
$r.findingTable = (Get-MailDiagnosis . -NoDns | Out-String -Width 300)
$planA = Get-MailRemediationPlan . -NoDns
$r.planTable = ($planA | Out-String -Width 300)
$r.fileChangeTable = ($planA.FileChanges | Out-String -Width 300)
$r.fileChangeString = $planA.FileChanges[0].ToString()
$doc = Get-MailConfigDocument ./etc/postfix/main.cf
$r.docView = ($doc | Out-String -Width 300)
$r.docText = $doc.ToString()
$exim = Get-MailConfigDocument ./etc/exim4/update-exim4.conf.conf
$r.docKind = $exim.GetType().FullName
$exim.MinimalDns = 'false'
$r.flagFalse = $exim.GetValue('dc_minimaldns')
try { $exim.MinimalDns = 'maybe'; $r.flagMaybe = 'none' } catch { $r.flagMaybe = $_.Exception.Message }
$exim.CFileMode = '0644'
$r.modeString = $exim.GetValue('CFILEMODE')
$exim.CFileMode = 600
$r.modeNumber = $exim.GetValue('CFILEMODE')
try { $exim.CFileMode = '0x1a4'; $r.modeHex = 'none' } catch { $r.modeHex = $_.Exception.Message }
try { $exim.Set('dc_other_hostnames', [NullString]::Value); $r.docNull = 'none' } catch { $r.docNull = $_.Exception.Message }
Set-Location ../hostB
$r.paramTable = (Get-PostfixParameter inet_* -Path etc/postfix/main.cf | Out-String -Width 300)
$r.paramBefore = (Get-PostfixParameter inet_protocols -Path etc/postfix/main.cf).Value
Set-PostfixParameter inet_protocols ipv4 -Path etc/postfix/main.cf -WhatIf
$r.paramAfterWhatIf = (Get-PostfixParameter inet_protocols -Path etc/postfix/main.cf).Value
$set = Set-PostfixParameter inet_protocols ipv4 -Path etc/postfix/main.cf -Confirm:$false
$r.paramSet = $set.Value
$r.paramAfter = (Get-PostfixParameter inet_protocols -Path etc/postfix/main.cf).Value
try { Set-PostfixParameter inet_protocols $null -Path etc/postfix/main.cf; $r.nullError = 'none' } catch { $r.nullError = $_.Exception.Message }
try { Set-PostfixParameter inet_protocols ""a`nb"" -Path etc/postfix/main.cf -ErrorAction Stop; $r.newlineError = 'none' } catch { $r.newlineError = $_.Exception.Message }
$r.paramAfterRefusals = (Get-PostfixParameter inet_protocols -Path etc/postfix/main.cf).Value
try { Set-Exim4Parameter dc_minimaldns maybe -Path etc/exim4/update-exim4.conf.conf -ErrorAction Stop; $r.flagError = 'none' } catch { $r.flagError = $_.Exception.Message }
Set-Exim4Parameter dc_minimaldns false -Path etc/exim4/update-exim4.conf.conf | Out-Null
$r.eximFlag = (Get-Exim4Parameter dc_minimaldns -Path etc/exim4/update-exim4.conf.conf).Value
$r.help = [ordered]@{}
foreach ($c in $r.commands) { $h = Get-Help $c -Full; $r.help[$c] = [ordered]@{ synopsis = ($h.Synopsis | Out-String).Trim(); examples = @($h.examples.example).Count; parameters = @($h.parameters.parameter | ForEach-Object name) } }
$r.outcomeHostB = (Test-MailHost -Root " + Quote(HostB) + @" -NoDns).ExitCode
$r | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath " + Quote(result) + @" -Encoding utf8
";
            _mainRun = Pwsh.RunScript(script, HostA);
            TestContext.Progress.WriteLine("main pwsh session: " + _mainRun.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s");
            _mainRun.ExitCode.Should().Be(0, _mainRun.Stdout + _mainRun.Stderr);
            _main = JsonDocument.Parse(File.ReadAllText(result)).RootElement.Clone();
        }

        [OneTimeTearDown]
        public void CleanUp() => _work?.Dispose();

        private string S(string name) => _main.GetProperty(name).ValueKind == JsonValueKind.Null ? null! : _main.GetProperty(name).ToString();

        private string[] A(string name) => _main.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

        [Test]
        public void The_module_exports_the_designed_cmdlets()
        {
            A("commands").Should().Contain(new[] { "Get-MailDiagnosis", "Get-MailRemediationPlan", "Repair-MailHost", "Test-MailHost", "Get-PostfixParameter", "Set-PostfixParameter", "Get-Exim4Parameter", "Set-Exim4Parameter", "Get-MailConfigDocument" });
        }

        [Test]
        public void Test_MailHost_gives_the_exit_code_MailDoctor_returns_on_the_same_tree()
        {
            // One exit-code contract (MailOutcome) decides both: the demo tree needs changes (1), and hostB after the
            // session's repair may differ; whatever each is, MailDoctor run on the same tree must agree.
            using var demo = new TempTree();
            CopyTree(Built.DemoTree, demo.Root);
            RunResult before = Run.Dotnet(Built.MailDoctorDll, "--root", demo.Root, "--no-dns");
            S("outcomeDemo").Should().Be("1");
            before.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(S("outcomeDemo"), before.ToString());
            A("outcomeDemoReasons").Should().Contain(r => r.StartsWith("changes are planned", StringComparison.Ordinal));
            S("outcomeTable").Should().Contain("ExitCode").And.Contain("changes are planned");
            RunResult afterRepair = Run.Dotnet(Built.MailDoctorDll, "--root", HostB, "--no-dns");
            afterRepair.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(S("outcomeHostB"), afterRepair.ToString());
        }

        [Test]
        public void A_relative_root_is_PowerShells_location_and_the_start_folder_is_never_touched()
        {
            S("location").Should().Be(HostB);
            S("planRoot").Should().Be(HostB);
            A("findings").Should().Contain("exim4.ipv6-loopback-without-ipv6");
            A("planFiles").Should().Contain("etc/exim4/update-exim4.conf.conf");
            S("planDiff").Should().Contain("+dc_local_interfaces='127.0.0.1'");
            Hashes(HostA).Should().Equal(_demoHashes, "hostA (where pwsh started) is only ever read");
        }

        [Test]
        public void WhatIf_writes_nothing_and_says_what_it_would_do()
        {
            // ShouldProcess writes "What if:" to the host (pwsh's standard output here), not to a stream.
            _mainRun.Stdout.Should().Contain("What if: Performing the operation").And.Contain("etc/exim4/update-exim4.conf.conf, etc/postfix/master.cf under " + HostB);
            Lines(A("afterWhatIf")).Should().Equal(_demoHashes);
        }

        [Test]
        public void Confirm_false_applies_and_a_second_run_changes_nothing()
        {
            S("appliedCount").Should().Be("1");
            S("appliedType").Should().Be("MailConfigKit.Remediation.ApplyResult");
            S("changed").Should().Be("True");
            var applied = Lines(A("afterApply"));
            applied["etc/exim4/update-exim4.conf.conf"].Should().NotBe(_demoHashes["etc/exim4/update-exim4.conf.conf"]);
            A("warnings").Should().Contain(w => w.Contains("update-exim4.conf", StringComparison.Ordinal), "service actions are left to the user");
            S("secondCount").Should().Be("0");
            S("secondPlanHasChanges").Should().Be("False");
            Lines(A("afterSecond")).Should().Equal(applied);
        }

        [Test]
        public void Verbose_and_Debug_carry_the_library_log()
        {
            A("debug").Should().Contain(d => d.StartsWith("MailConfigKit debug: exim4: local_interfaces names ::1", StringComparison.Ordinal), "the library's LogDebug goes to the debug stream");
            A("verbose").Should().Contain(v => v.StartsWith("MailConfigKit information: Wrote " + HostB + "/etc/exim4/update-exim4.conf.conf", StringComparison.Ordinal));
            A("verbose").Should().Contain(v => v.StartsWith("MailConfigKit information: Backed up", StringComparison.Ordinal));
        }

        [Test]
        public void Parameter_cmdlets_read_and_edit_main_cf_and_refuse_null_and_bad_values()
        {
            S("paramTable").Should().MatchRegex(@"Line\s+Name\s+Value\s+IsEffective").And.Contain("inet_protocols");
            S("paramBefore").Should().Be("all");
            S("paramAfterWhatIf").Should().Be("all");
            S("paramSet").Should().Be("ipv4");
            S("paramAfter").Should().Be("ipv4");
            S("nullError").Should().Contain("because it is null");
            S("newlineError").Should().Contain("line break").And.Contain("unchanged");
            S("paramAfterRefusals").Should().Be("ipv4");
            S("flagError").Should().Contain("dc_minimaldns takes true or false");
            S("eximFlag").Should().Be("false");
        }

        [Test]
        public void Document_properties_take_what_the_file_takes_from_PowerShell_strings_and_numbers()
        {
            S("flagFalse").Should().Be("false", "PowerShell turns 'false' into $true for a bool; EximFlag parses it");
            S("flagMaybe").Should().Contain("not true or false");
            S("modeString").Should().Be("644");
            S("modeNumber").Should().Be("600", "PowerShell converts the number through its digits, which are octal");
            S("modeHex").Should().Contain("not an octal file mode");
            S("docNull").Should().Contain("Value cannot be null").And.Contain("value");
        }

        [Test]
        public void Format_views_show_tables_and_documents_without_their_text()
        {
            S("findingTable").Should().MatchRegex(@"Severity\s+Id\s+Title\s+Evidence").And.Contain("exim4.ipv6-loopback-without-ipv6");
            S("planTable").Should().MatchRegex(@"Title\s+Root\s+Files\s+ServiceActions").And.Contain("etc/exim4/update-exim4.conf.conf");
            S("fileChangeTable").Should().MatchRegex(@"RelativePath\s+Root\s+LockStyle\s+Change").And.Contain("(+1 -1 lines)");
            S("fileChangeString").Should().StartWith("change to ").And.EndWith(" lines)");
            string docView = S("docView");
            docView.Should().MatchRegex(@"Kind\s+: MainCf").And.MatchRegex(@"HasErrors\s+: False");
            // The view names what the document is; none of the file's own lines appear in it.
            string firstSetting = S("docText").Split('\n').First(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'));
            docView.Should().NotContain(firstSetting);
            S("docKind").Should().Be("MailConfigKit.Exim4.UpdateExim4Conf");
        }

        [Test]
        public void Every_cmdlet_has_help_with_a_synopsis_examples_and_its_parameters()
        {
            var help = _main.GetProperty("help");
            foreach (string command in A("commands"))
            {
                var h = help.GetProperty(command);
                h.GetProperty("synopsis").GetString().Should().NotBeNullOrWhiteSpace().And.NotStartWith(command, "a cmdlet without help shows only its syntax");
                h.GetProperty("examples").GetInt32().Should().BeGreaterThan(0, command);
                h.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()).Should().NotBeEmpty(command);
            }
            help.GetProperty("Repair-MailHost").GetProperty("parameters").EnumerateArray().Select(p => p.GetString()).Should().Contain(new[] { "Root", "NoDns", "WhatIf", "Confirm" });
        }

        [TestCase("6.0.0", "net6.0")]
        [TestCase("9.0.0", "net8.0")]
        public void A_session_holding_another_Logging_Abstractions_still_works(string version, string framework)
        {
            string dll = Path.Combine(Built.NuGetPackageRoot, "microsoft.extensions.logging.abstractions", version, "lib", framework, "Microsoft.Extensions.Logging.Abstractions.dll");
            File.Exists(dll).Should().BeTrue(dll + " comes from the test project's PackageDownload");
            string host = Path.Combine(_work.Root, "conflict-" + version);
            CopyTree(Built.DemoTree, host);
            string script = @"
$ErrorActionPreference = 'Stop'
Add-Type -Path " + Quote(dll) + @"
Import-Module " + Quote(ModulePsd1) + @"
$out = @(Repair-MailHost -Root . -NoDns -Confirm:$false -Verbose 4>&1 3>&1)
'VERBOSE ' + @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count
'CHANGED ' + @($out | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })[0].Changed
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Extensions.Logging.Abstractions' } | ForEach-Object { 'LOADED ' + $_.GetName().Version }
";
            ProcessResult r = Pwsh.RunScript(script, host);
            r.ExitCode.Should().Be(0, r.Stdout + r.Stderr);
            r.Stdout.Should().Contain("CHANGED True");
            r.Stdout.Should().MatchRegex(@"VERBOSE [1-9]");
            // Both copies live side by side: the session's and the module's own (8.0, in the module's load context).
            r.Stdout.Should().Contain("LOADED " + version.Split('.')[0] + ".0.0.0").And.Contain("LOADED 8.0.0.0");
            File.ReadAllText(Path.Combine(host, "etc/exim4/update-exim4.conf.conf")).Should().Contain("dc_local_interfaces='127.0.0.1'\n");
        }

        [Test]
        public void A_module_folder_missing_a_dependency_fails_the_import_loudly()
        {
            string copy = Path.Combine(_work.Root, "broken-module", "MailConfigKit");
            CopyTree(Built.PowerShellModule, copy);
            File.Delete(Path.Combine(copy, "Dependencies", "Sprache.dll"));
            string script = @"
try { Import-Module " + Quote(Path.Combine(copy, "MailConfigKit.psd1")) + @" -ErrorAction Stop; 'IMPORTED' } catch { 'FAILED ' + $_.Exception.Message }
";
            ProcessResult r = Pwsh.RunScript(script, _work.Root);
            r.Stdout.Should().NotContain("IMPORTED");
            r.Stdout.Should().Contain("FAILED The MailConfigKit module is incomplete: " + Path.Combine(copy, "Dependencies", "Sprache.dll") + " is missing");
        }

        [Test]
        public void The_sample_script_resolves_a_relative_root_against_PowerShells_location()
        {
            string start = Path.Combine(_work.Root, "script-start");
            string target = Path.Combine(_work.Root, "script-target");
            CopyTree(Built.DemoTree, start);
            CopyTree(Built.DemoTree, target);
            string script = @"
$ErrorActionPreference = 'Stop'
Set-Location ../script-target
& " + Quote(Built.PowerShellScript) + @" -Root . -NoDns -LibraryPath " + Quote(Path.Combine(Built.PowerShellModule, "Dependencies")) + @" -Confirm:$false | Out-Null
'SCRIPT DONE'
";
            ProcessResult r = Pwsh.RunScript(script, start);
            r.ExitCode.Should().Be(0, r.Stdout + r.Stderr);
            r.Stdout.Should().Contain("SCRIPT DONE");
            File.ReadAllText(Path.Combine(target, "etc/exim4/update-exim4.conf.conf")).Should().Contain("dc_local_interfaces='127.0.0.1'\n");
            Hashes(start).Should().Equal(_demoHashes, "the folder pwsh started in is not the root");
        }

        private static void CopyTree(string from, string to)
        {
            foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
            Directory.CreateDirectory(to);
            foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }

        private static Dictionary<string, string> Hashes(string root) =>
            Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))).ToLowerInvariant());

        private static Dictionary<string, string> Lines(string[] lines) =>
            lines.Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1]);
    }
}
