using System;
using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Tests.Oracle;

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

    /// <summary>
    /// Runs a built sample with <c>dotnet DLL args</c>, output redirected (so it is what a pipe or CI sees) and stdin
    /// closed, through the library tests' <see cref="ProcessRunner"/>.
    /// </summary>
    public static class Run
    {
        /// <summary>How long a sample may run before its process tree is killed.</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

        public static RunResult Dotnet(string dll, params string[] args) => Dotnet(dll, null, args);

        public static RunResult Dotnet(string dll, IDictionary<string, string>? environment, params string[] args) =>
            Program("dotnet", new[] { dll }.Concat(args).ToList(), environment);

        /// <summary>
        /// Runs a program to its end. A colour-forcing environment must not leak in (NO_COLOR is removed); each test
        /// sets what it checks in <paramref name="environment"/>.
        /// </summary>
        public static RunResult Program(string file, IReadOnlyList<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
        {
            var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["NO_COLOR"] = null };
            if (environment != null) foreach (var kv in environment) env[kv.Key] = kv.Value;
            ProcessResult r = ProcessRunner.Run(file, args, env: env, timeout: timeout ?? Timeout);
            return new RunResult(r.ExitCode, r.Stdout, r.Stderr);
        }
    }
}
