using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// A daemon kept running in the foreground (exim -bdf, dnsmasq -k, smtp-sink) while a test talks to it; stdout and
    /// stderr are collected. Dispose kills the whole process tree.
    /// </summary>
    public sealed class BackgroundProcess : IDisposable
    {
        private readonly Process _process;
        private readonly LiveBuffer _stdout = new();
        private readonly LiveBuffer _stderr = new();

        private BackgroundProcess(Process process, string commandLine)
        {
            _process = process;
            CommandLine = commandLine;
            _ = _stdout.FillAsync(process.StandardOutput.BaseStream);
            _ = _stderr.FillAsync(process.StandardError.BaseStream);
        }

        /// <summary>For messages: the program and its arguments.</summary>
        public string CommandLine { get; }

        public int Pid => _process.Id;

        public bool HasExited => _process.HasExited;

        /// <summary>The exit code, or null while it runs.</summary>
        public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

        public string StdoutSoFar => Encoding.UTF8.GetString(_stdout.ToArray());

        public string StderrSoFar => Encoding.UTF8.GetString(_stderr.ToArray());

        /// <summary>Starts FILE ARGS with stdin closed and this process's environment.</summary>
        public static BackgroundProcess Start(string file, IReadOnlyList<string> args)
        {
            var process = Process.Start(ProcessRunner.StartInfo(file, args)) ?? throw new InvalidOperationException("Cannot start " + file);
            process.StandardInput.Close();
            return new BackgroundProcess(process, file + " " + string.Join(" ", args));
        }

        /// <summary>Waits up to <paramref name="timeout"/> for the process to end by itself; true when it has.</summary>
        public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

        /// <summary>A description for assertion messages.</summary>
        public string Describe() =>
            $"{CommandLine}\n{(HasExited ? "exit code " + _process.ExitCode : "running, pid " + Pid)}\nstdout: {StdoutSoFar}\nstderr: {StderrSoFar}";

        /// <summary>Kills the tree (SIGKILL) and waits for it.</summary>
        public void Dispose()
        {
            ProcessRunner.KillTree(_process);
            _process.Dispose();
        }
    }
}
