using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using MailConfigKit.Host;
using MailConfigKit.IO;
using MailConfigKit.Remediation;

namespace MailDoctor
{
    /// <summary>
    /// Runs a plan's service actions on the live system, in order. A start counts only once the daemon is seen listening
    /// in <c>/proc/net/tcp*</c>, because exim's init script reports success even when the daemon abandons a moment later;
    /// actions that need a verified start (clearing the paniclog) are skipped otherwise, and nothing runs after a failure.
    /// </summary>
    internal static class ServiceRunner
    {
        private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

        public static List<ServiceOutcome> Run(IReadOnlyList<ServiceAction> actions, MailHost host)
        {
            var outcomes = new List<ServiceOutcome>();
            bool verifiedStart = false;
            foreach (ServiceAction action in actions)
            {
                if (outcomes.Any(o => o.Status == "failed"))
                {
                    outcomes.Add(new ServiceOutcome(action, "skipped", "skipped: an earlier action failed"));
                    continue;
                }
                if (action.RequiresVerifiedStart && !verifiedStart)
                {
                    outcomes.Add(new ServiceOutcome(action, "skipped", "skipped: no daemon was seen listening, so the evidence in the paniclog stays"));
                    continue;
                }
                ServiceOutcome outcome = RunOne(action, host);
                if (outcome.Status == "done" && action.VerifyListeningPort.HasValue) verifiedStart = true;
                outcomes.Add(outcome);
            }
            return outcomes;
        }

        private static ServiceOutcome RunOne(ServiceAction action, MailHost host)
        {
            if (action.Kind == ServiceActionKind.ClearEximPaniclog)
            {
                string path;
                try
                {
                    path = host.GetPath(HostPaths.Exim4Paniclog);
                    // Regular files only: opening a FIFO for writing would block until a reader comes.
                    if (!RegularFile.Exists(path)) return new ServiceOutcome(action, "done", "no paniclog at " + path);
                    // Truncate rather than delete: exim and logrotate expect the file (owner Debian-exim, mode 640) to stay.
                    new FileStream(path, FileMode.Truncate, FileAccess.Write).Dispose();
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex))
                {
                    return new ServiceOutcome(action, "failed", "cannot empty " + HostPaths.Exim4Paniclog + ": " + ex.Message);
                }
                return new ServiceOutcome(action, "done", "emptied " + path);
            }
            if (action.Command.Count > 0)
            {
                string? failure = Execute(action.Command);
                if (failure != null) return new ServiceOutcome(action, "failed", action.CommandLine + ": " + failure);
            }
            if (action.VerifyListeningPort is int port)
            {
                if (!WaitForListener(port)) return new ServiceOutcome(action, "failed", action.CommandLine + " returned, but nothing listens on port " + port + " after " + ListenTimeout.TotalSeconds + " s");
                return new ServiceOutcome(action, "done", action.CommandLine + ": listening on port " + port);
            }
            return new ServiceOutcome(action, "done", action.CommandLine);
        }

        private static string? Execute(IReadOnlyList<string> command)
        {
            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in command.Skip(1)) start.ArgumentList.Add(arg);
            try
            {
                using Process process = Process.Start(start)!;
                var stderr = process.StandardError.ReadToEndAsync();
                process.StandardOutput.ReadToEnd();
                if (!process.WaitForExit((int)CommandTimeout.TotalMilliseconds))
                {
                    process.Kill(entireProcessTree: true);
                    return "did not finish within " + CommandTimeout.TotalMinutes + " minutes";
                }
                return process.ExitCode == 0 ? null : "exit code " + process.ExitCode + ": " + stderr.Result.Trim();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return "could not be started: " + ex.Message;
            }
        }

        // Re-reads /proc each time: MailHost caches nothing, so each call sees the sockets as they are now.
        private static bool WaitForListener(int port)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (MailHost.Open("/").ReadNetwork().ListeningSockets.Any(s => s.Port == port)) return true;
                if (clock.Elapsed >= ListenTimeout) return false;
                Thread.Sleep(500);
            }
        }
    }
}
