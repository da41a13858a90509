using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>A finished process: exit code and what it wrote.</summary>
    public sealed class RunResult
    {
        public RunResult(int exitCode, string stdout, string stderr)
        {
            ExitCode = exitCode;
            Stdout = stdout;
            Stderr = stderr;
        }

        public int ExitCode { get; }
        public string Stdout { get; }
        public string Stderr { get; }

        public override string ToString() => "exit " + ExitCode + "\n--- stdout\n" + Stdout + "\n--- stderr\n" + Stderr;
    }

    /// <summary>Runs a built sample with <c>dotnet DLL args</c>, output redirected (so it is what a pipe or CI sees).</summary>
    public static class Run
    {
        public static RunResult Dotnet(string dll, params string[] args) => Dotnet(dll, null, args);

        public static RunResult Dotnet(string dll, IDictionary<string, string>? environment, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(dll);
            foreach (string a in args) start.ArgumentList.Add(a);
            // A colour-forcing environment must not leak in; each test sets what it checks.
            start.Environment.Remove("NO_COLOR");
            if (environment != null) foreach (var kv in environment) start.Environment[kv.Key] = kv.Value;
            using var process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(dll + " did not finish within 2 minutes");
            }
            return new RunResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
