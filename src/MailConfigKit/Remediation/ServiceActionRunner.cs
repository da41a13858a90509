using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using MailConfigKit.Host;
using MailConfigKit.Values;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Runs a plan's service actions on the live system, in order, so MailDoctor, the PowerShell sample and a provisioning
    /// app run exactly the same thing. Commands come from the host's <see cref="ServiceControl"/> (systemd, sysvinit, or none:
    /// then nothing runs and each result says what to run), as argument lists with their output captured. A start or restart
    /// counts only once <see cref="ListenVerifier"/> has seen the restarted daemon greet on every configured address, because
    /// exim's init script reports success even when its daemon retries for minutes and then abandons; the paniclog is moved
    /// to a dated file only after that (<see cref="PaniclogArchive"/>), and nothing runs after a failure.
    /// </summary>
    public static class ServiceActionRunner
    {
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

        // Output kept per command: enough for an init script's complaint, not a flood.
        private const int MaxOutputChars = 4000;

        /// <summary>Runs <paramref name="actions"/> in order on <paramref name="host"/> with the default options.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="host"/> is not the live system (<c>/</c>): the commands would restart this machine's daemons for another root.</exception>
        public static IReadOnlyList<ServiceActionResult> Run(IReadOnlyList<ServiceAction> actions, MailHost host) => Run(actions, host, ServiceRunOptions.Default);

        /// <summary>Runs <paramref name="actions"/> in order on <paramref name="host"/>, which must be the live system.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="host"/> is not the live system (<c>/</c>).</exception>
        public static IReadOnlyList<ServiceActionResult> Run(IReadOnlyList<ServiceAction> actions, MailHost host, ServiceRunOptions options)
        {
            if (actions == null) throw new ArgumentNullException(nameof(actions));
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (!host.IsLiveSystem) throw new ArgumentException("Service actions run commands on this machine; " + host.Root + " is not the live system (/).", nameof(host));
            ServiceControl control = options.Control ?? ServiceControl.Detect(host);
            var results = new List<ServiceActionResult>();
            ListenVerification? eximVerified = null;
            foreach (ServiceAction action in actions)
            {
                if (results.Any(o => o.Status == ServiceActionStatus.Failed))
                {
                    results.Add(new ServiceActionResult(action, ServiceActionStatus.Skipped, "skipped: an earlier action failed", control.Describe(action), null, null, null));
                    continue;
                }
                if (action.RequiresVerifiedStart && (eximVerified == null || !eximVerified.IsVerified))
                {
                    results.Add(new ServiceActionResult(action, ServiceActionStatus.Skipped, "skipped: exim was not verified to greet on every address it should, so the paniclog stays as evidence", null, null, eximVerified, null));
                    continue;
                }
                ServiceActionResult result = RunOne(action, host, control, options, eximVerified);
                if (action.Kind == ServiceActionKind.RestartExim4) eximVerified = result.Verification;
                results.Add(result);
            }
            return results;
        }

        /// <summary>Runs one action with the detected control (see <see cref="ServiceAction.Run(MailHost)"/>).</summary>
        internal static ServiceActionResult RunOne(ServiceAction action, MailHost host) => RunOne(action, host, ServiceControl.Detect(host), ServiceRunOptions.Default, null);

        private static ServiceActionResult RunOne(ServiceAction action, MailHost host, ServiceControl control, ServiceRunOptions options, ListenVerification? eximVerified)
        {
            if (action.Kind == ServiceActionKind.ClearEximPaniclog)
            {
                if (eximVerified == null)
                    return new ServiceActionResult(action, ServiceActionStatus.Skipped, "skipped: exim was not restarted and verified in this run, so the paniclog stays as evidence", null, null, null, null);
                PaniclogArchiveResult archive = PaniclogArchive.Archive(host, eximVerified);
                ServiceActionStatus status = archive.Outcome == PaniclogArchiveOutcome.Failed ? ServiceActionStatus.Failed
                    : archive.Outcome == PaniclogArchiveOutcome.Refused ? ServiceActionStatus.Skipped : ServiceActionStatus.Done;
                return new ServiceActionResult(action, status, archive.Message, null, null, null, archive);
            }
            IReadOnlyList<string>? command = control.CommandFor(action);
            if (command == null)
                return new ServiceActionResult(action, ServiceActionStatus.Skipped, "not run: " + (control.NoteFor(action) ?? "no such step on this host"), null, null, null, null);
            string line = string.Join(" ", command);
            if (!control.CanRun)
                return new ServiceActionResult(action, ServiceActionStatus.Skipped, "not run (" + control.Reason + "); run: " + line, line, null, null, null);
            DateTimeOffset restartedAt = DateTimeOffset.Now;
            string output = string.Empty;
            string? failure = command.Count > 0 ? Execute(command, out output) : null;
            if (failure != null) return new ServiceActionResult(action, ServiceActionStatus.Failed, line + ": " + failure, line, output, null, null);
            IListenConfigurationSource? source = action.Kind == ServiceActionKind.RestartExim4 ? options.EximListeners
                : action.Kind == ServiceActionKind.StartPostfix ? options.PostfixListeners : null;
            if (source == null || !action.VerifyListeningPort.HasValue) return new ServiceActionResult(action, ServiceActionStatus.Done, line, line, output, null, null);
            var verifyOptions = new ListenVerificationOptions
            {
                RestartedAt = restartedAt,
                Timeout = options.Verification.Timeout,
                ProbeTimeout = options.Verification.ProbeTimeout,
                PollInterval = options.Verification.PollInterval,
            };
            ListenVerification verification = ListenVerifier.Verify(host, source, verifyOptions);
            return verification.IsVerified
                ? new ServiceActionResult(action, ServiceActionStatus.Done, line + ": " + verification.Summary, line, output, verification, null)
                : new ServiceActionResult(action, ServiceActionStatus.Failed, line + " returned, but " + verification.Summary, line, output, verification, null);
        }

        private static string? Execute(IReadOnlyList<string> command, out string output)
        {
            output = string.Empty;
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
                var stdout = process.StandardOutput.ReadToEndAsync();
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
                process.WaitForExit();
                string all = (stdout.Result + stderr.Result).Trim();
                output = LogText.Escape(all.Length > MaxOutputChars ? all.Substring(0, MaxOutputChars) + " [...]" : all);
                return process.ExitCode == 0 ? null : "exit code " + process.ExitCode + ": " + LogText.Escape(stderr.Result.Trim());
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
    }
}
