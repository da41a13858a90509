using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>
    /// src/pack.sh, and installing what it makes the way the README says: the maildoctor tool with
    /// <c>dotnet tool install --tool-path --add-source</c>, the self-contained binary with no dotnet on PATH, the module
    /// from a local PowerShell repository with Install-PSResource in real pwsh. The folder is cached under
    /// /var/cache/mailconfigkit-oracle keyed by the SHA-256 of src/, samples/ and Directory.Build.props (a pack with a
    /// single-file publish takes minutes).
    /// </summary>
    [TestFixture]
    [NonParallelizable]
    public class PackScriptTests
    {
        private static string RepoRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Built.LibraryProject)!, "..", ".."));
        private string _out = null!;
        private TempTree _work = null!;

        [OneTimeSetUp]
        public void Pack()
        {
            _work = new TempTree();
            string pwsh = Pwsh.Require();
            _out = "/var/cache/mailconfigkit-oracle/pack-" + SourceHash();
            if (File.Exists(Path.Combine(_out, ".complete"))) return;
            string staging = _out + ".tmp-" + Environment.ProcessId;
            var env = new Dictionary<string, string?> { ["PWSH"] = pwsh };
            ProcessResult r = ProcessRunner.Run("bash", new[] { Path.Combine(RepoRoot, "src", "pack.sh"), staging }, null, env, TimeSpan.FromMinutes(15), RepoRoot);
            r.ExitCode.Should().Be(0, r.Stdout + r.Stderr);
            File.WriteAllText(Path.Combine(staging, ".complete"), DateTime.UtcNow.ToString("o"));
            // Packs of older sources are of no further use: keep the cache to one.
            foreach (string old in Directory.GetDirectories("/var/cache/mailconfigkit-oracle", "pack-*").Where(d => d != staging)) Directory.Delete(old, true);
            Directory.Move(staging, _out);
        }

        [OneTimeTearDown]
        public void CleanUp() => _work?.Dispose();

        [Test]
        public void The_folder_holds_the_library_the_tool_the_module_its_repository_package_and_the_binary()
        {
            File.Exists(Path.Combine(_out, "MailConfigKit.0.1.0.nupkg")).Should().BeTrue();
            File.Exists(Path.Combine(_out, "MailConfigKit.0.1.0.snupkg")).Should().BeTrue();
            File.Exists(Path.Combine(_out, "MailDoctor.0.1.0.nupkg")).Should().BeTrue();
            foreach (string f in new[] { "MailConfigKit.psd1", "MailConfigKit.PowerShell.dll", "MailConfigKit.format.ps1xml", "en-US/MailConfigKit.PowerShell.dll-Help.xml", "Dependencies/MailConfigKit.dll", "Dependencies/MailConfigKit.dependencies.txt" })
            {
                File.Exists(Path.Combine(_out, "MailConfigKit", f)).Should().BeTrue(f);
            }
            using ZipArchive repoPackage = ZipFile.OpenRead(Path.Combine(_out, "psrepo", "MailConfigKit.0.1.0.nupkg"));
            repoPackage.Entries.Select(e => e.FullName).Should().Contain(new[] { "MailConfigKit.nuspec", "MailConfigKit.psd1", "Dependencies/MailConfigKit.dll" });
            using ZipArchive tool = ZipFile.OpenRead(Path.Combine(_out, "MailDoctor.0.1.0.nupkg"));
            tool.Entries.Select(e => e.FullName).Should().Contain("tools/net10.0/any/DotnetToolSettings.xml");
            tool.Entries.Select(e => e.FullName).Should().Contain(e => e.StartsWith("tools/net10.0/any/demo/", StringComparison.Ordinal));
        }

        [Test]
        public void The_tool_installs_from_the_folder_and_runs_the_demo()
        {
            string tools = Path.Combine(_work.Root, "tools");
            ProcessResult install = ProcessRunner.Run("dotnet", new[] { "tool", "install", "--tool-path", tools, "--add-source", _out, "MailDoctor", "--version", "0.1.0" }, timeout: TimeSpan.FromMinutes(5));
            install.ExitCode.Should().Be(0, install.Stdout + install.Stderr);
            ProcessResult demo = ProcessRunner.Run(Path.Combine(tools, "maildoctor"), new[] { "--demo", "--no-dns" }, timeout: TimeSpan.FromMinutes(2));
            demo.ExitCode.Should().Be(1, "the demo host needs changes (a dry run): " + demo.Stdout + demo.Stderr);
            demo.Stdout.Should().Contain("MailDoctor: examining").And.Contain("exim4.loopback");
        }

        [Test]
        public void The_single_file_binary_runs_the_demo_without_dotnet_on_PATH()
        {
            string exe = Path.Combine(_out, "maildoctor-linux-x64", "MailDoctor");
            var env = new Dictionary<string, string?> { ["PATH"] = Path.Combine(_work.Root, "empty-bin"), ["HOME"] = _work.Root };
            ProcessResult demo = ProcessRunner.Run(exe, new[] { "--demo", "--no-dns" }, null, env, TimeSpan.FromMinutes(2), inheritEnvironment: false);
            demo.ExitCode.Should().Be(1, demo.Stdout + demo.Stderr);
            demo.Stdout.Should().Contain("MailDoctor: examining").And.Contain("exim4.loopback");
            Directory.GetFiles(Path.Combine(_out, "maildoctor-linux-x64"), "*.dll").Should().BeEmpty("everything is inside the one executable");
            TestContext.Progress.WriteLine("maildoctor-linux-x64/MailDoctor: " + new FileInfo(exe).Length + " bytes");
        }

        [Test]
        public void The_module_installs_from_a_local_PowerShell_repository()
        {
            string script = @"
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name MailConfigKitLocal -Uri '" + Path.Combine(_out, "psrepo") + @"' -Trusted
Install-PSResource -Name MailConfigKit -Repository MailConfigKitLocal -Scope CurrentUser
Import-Module MailConfigKit
'COMMANDS ' + ((Get-Command -Module MailConfigKit | ForEach-Object Name | Sort-Object) -join ',')
'PATH ' + (Get-Module MailConfigKit).ModuleBase
";
            // A throw-away HOME, so the repository and the installed module never reach the real user's PowerShell.
            ProcessResult r = Pwsh.RunScript(script, _work.Root, new Dictionary<string, string?> { ["HOME"] = _work.Root });
            r.ExitCode.Should().Be(0, r.Stdout + r.Stderr);
            r.Stdout.Should().Contain("COMMANDS Get-Exim4Parameter,Get-MailConfigDocument,Get-MailDiagnosis,Get-MailRemediationPlan,Get-PostfixParameter,Repair-MailHost,Set-Exim4Parameter,Set-PostfixParameter,Test-MailHost");
            r.Stdout.Should().Contain("PATH " + _work.Root);
        }

        /// <summary>SHA-256 over the paths and bytes of src/, samples/ and Directory.Build.props (bin and obj left out).</summary>
        private static string SourceHash()
        {
            var files = new List<string> { Path.Combine(RepoRoot, "Directory.Build.props"), Path.Combine(RepoRoot, "README.md"), Path.Combine(RepoRoot, "LICENSE") };
            foreach (string dir in new[] { "src", "samples" })
            {
                files.AddRange(Directory.GetFiles(Path.Combine(RepoRoot, dir), "*", SearchOption.AllDirectories)
                    .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p == "bin" || p == "obj")));
            }
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (string f in files.OrderBy(f => f, StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(RepoRoot, f) + "\n"));
                sha.AppendData(File.ReadAllBytes(f));
            }
            return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant()[..16];
        }
    }
}
