using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>
    /// Real PowerShell 7.6.9, the PowerShell global tool from NuGet, installed once into the oracle cache with
    /// <c>dotnet tool install --tool-path</c>. A failed install fails the test under CI=true (Prerequisite).
    /// Scripts run with <c>pwsh -NoProfile -NonInteractive -File</c>, plain-text output, no telemetry or update check.
    /// </summary>
    public static class Pwsh
    {
        public const string Version = "7.6.9";
        public static readonly string ToolFolder = "/var/cache/mailconfigkit-oracle/pwsh-" + Version;
        private static readonly object Gate = new();

        /// <summary>The pwsh executable, installing it first when the cache lacks it.</summary>
        public static string Require()
        {
            string exe = Path.Combine(ToolFolder, "pwsh");
            lock (Gate)
            {
                if (File.Exists(exe)) return exe;
                Directory.CreateDirectory(Path.GetDirectoryName(ToolFolder)!);
                // Another test process may install at the same time: the lock file serialises them.
                using var lockFile = new FileStream(ToolFolder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (File.Exists(exe)) return exe;
                ProcessResult r = ProcessRunner.Run("dotnet", new[] { "tool", "install", "--tool-path", ToolFolder, "PowerShell", "--version", Version },
                    timeout: TimeSpan.FromMinutes(5));
                if (r.ExitCode != 0 || !File.Exists(exe)) Prerequisite.Missing("dotnet tool install PowerShell " + Version + " failed: " + r.Stdout + r.Stderr);
                return exe;
            }
        }

        /// <summary>Runs <paramref name="script"/> in a new pwsh process in <paramref name="workingDirectory"/>.</summary>
        public static ProcessResult RunScript(string script, string workingDirectory) => RunScript(script, workingDirectory, null);

        /// <summary>Runs <paramref name="script"/> with extra environment variables (HOME for a throw-away profile).</summary>
        public static ProcessResult RunScript(string script, string workingDirectory, IReadOnlyDictionary<string, string?>? environment)
        {
            string exe = Require();
            string file = Path.Combine(Path.GetTempPath(), "pwsh-mck-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(file, "$PSStyle.OutputRendering = 'PlainText'\n" + script);
            try
            {
                var env = new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
                    ["POWERSHELL_UPDATECHECK"] = "Off",
                    ["NO_COLOR"] = "1",
                    ["TERM"] = "dumb",
                };
                if (environment != null) foreach (var kv in environment) env[kv.Key] = kv.Value;
                return ProcessRunner.Run(exe, new[] { "-NoProfile", "-NonInteractive", "-File", file }, null, env, TimeSpan.FromMinutes(5), workingDirectory);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
