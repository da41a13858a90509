using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using MailConfigKit.Host;
using MailConfigKit.IO;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Runs a plan's service actions on the live system, in order, so MailDoctor, the PowerShell sample and a provisioning
    /// app run exactly the same thing. A start counts only once the daemon is seen listening in <c>/proc/net/tcp*</c>,
    /// because exim's init script reports success even when the daemon abandons a moment later; actions that need a
    /// verified start (clearing the paniclog) are skipped otherwise, and nothing runs after a failure.
    /// </summary>
    public static class ServiceActionRunner
    {
        private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

        /// <summary>Runs <paramref name="actions"/> in order on <paramref name="host"/>, which must be the live system.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="host"/> is not the live system (<c>/</c>): the commands would restart this machine's daemons for another root.</exception>
        public static IReadOnlyList<ServiceActionResult> Run(IReadOnlyList<ServiceAction> actions, MailHost host)
        {
            if (actions == null) throw new ArgumentNullException(nameof(actions));
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (!host.IsLiveSystem) throw new ArgumentException("Service actions run commands on this machine; " + host.Root + " is not the live system (/).", nameof(host));
            var results = new List<ServiceActionResult>();
            bool verifiedStart = false;
            foreach (ServiceAction action in actions)
            {
                if (results.Any(o => o.Status == ServiceActionStatus.Failed))
                {
                    results.Add(new ServiceActionResult(action, ServiceActionStatus.Skipped, "skipped: an earlier action failed"));
                    continue;
                }
                if (action.RequiresVerifiedStart && !verifiedStart)
                {
                    results.Add(new ServiceActionResult(action, ServiceActionStatus.Skipped, "skipped: no daemon was seen listening, so the evidence in the paniclog stays"));
                    continue;
                }
                ServiceActionResult result = action.Run(host);
                if (result.Status == ServiceActionStatus.Done && action.VerifyListeningPort.HasValue) verifiedStart = true;
                results.Add(result);
            }
            return results;
        }

        /// <summary>Runs one action (see <see cref="ServiceAction.Run(MailHost)"/>).</summary>
        internal static ServiceActionResult RunOne(ServiceAction action, MailHost host)
        {
            if (action.Kind == ServiceActionKind.ClearEximPaniclog)
            {
                string path;
                try
                {
                    path = host.GetPath(HostPaths.Exim4Paniclog);
                    // Regular files only: opening a FIFO for writing would block until a reader comes.
                    if (!RegularFile.Exists(path)) return new ServiceActionResult(action, ServiceActionStatus.Done, "no paniclog at " + path);
                    // Truncate rather than delete: exim and logrotate expect the file (owner Debian-exim, mode 640) to stay.
                    new FileStream(path, FileMode.Truncate, FileAccess.Write).Dispose();
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex))
                {
                    return new ServiceActionResult(action, ServiceActionStatus.Failed, "cannot empty " + HostPaths.Exim4Paniclog + ": " + ex.Message);
                }
                return new ServiceActionResult(action, ServiceActionStatus.Done, "emptied " + path);
            }
            if (action.Command.Count > 0)
            {
                string? failure = Execute(action.Command);
                if (failure != null) return new ServiceActionResult(action, ServiceActionStatus.Failed, action.CommandLine + ": " + failure);
            }
            if (action.VerifyListeningPort is int port)
            {
                if (!WaitForListener(host, port))
                {
                    return new ServiceActionResult(action, ServiceActionStatus.Failed,
                        action.CommandLine + " returned, but nothing listens on port " + port + " after " + ListenTimeout.TotalSeconds + " s");
                }
                return new ServiceActionResult(action, ServiceActionStatus.Done, action.CommandLine + ": listening on port " + port);
            }
            return new ServiceActionResult(action, ServiceActionStatus.Done, action.CommandLine);
        }

        private static string? Execute(IReadOnlyList<string> command)
        {
            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
#if NET8_0_OR_GREATER
            foreach (string arg in command.Skip(1)) start.ArgumentList.Add(arg);
#else
            start.Arguments = string.Join(" ", command.Skip(1).Select(Quote));
#endif
            try
            {
                using Process process = Process.Start(start)!;
                var stderr = process.StandardError.ReadToEndAsync();
                process.StandardOutput.ReadToEnd();
                if (!process.WaitForExit((int)CommandTimeout.TotalMilliseconds))
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                        // It ended between the timeout and the kill.
                    }
                    return "did not finish within " + CommandTimeout.TotalMinutes + " minutes";
                }
                return process.ExitCode == 0 ? null : "exit code " + process.ExitCode + ": " + stderr.Result.Trim();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return "could not be started: " + ex.Message;
            }
        }

#if !NET8_0_OR_GREATER
        // .NET splits Arguments with the Windows rules on every platform: quote, and double backslashes before a quote.
        private static string Quote(string arg)
        {
            if (arg.Length > 0 && arg.IndexOfAny(new[] { ' ', '\t', '"', '\\' }) < 0) return arg;
            var sb = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in arg)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                sb.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                backslashes = 0;
                sb.Append(c);
            }
            return sb.Append('\\', backslashes * 2).Append('"').ToString();
        }
#endif

        // Re-reads proc/ each time: MailHost caches nothing, so each call sees the sockets as they are now.
        private static bool WaitForListener(MailHost host, int port)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (host.ReadNetwork().ListeningSockets.Any(s => s.Port == port)) return true;
                if (clock.Elapsed >= ListenTimeout) return false;
                Thread.Sleep(500);
            }
        }
    }
}
