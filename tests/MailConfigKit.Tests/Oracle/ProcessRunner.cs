using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>
    /// Runs a real program to completion: arguments go through <see cref="ProcessStartInfo.ArgumentList"/> (no shell, no
    /// quoting), stdout and stderr are captured as bytes, and a hard timeout kills the whole process tree and throws.
    /// </summary>
    public static class ProcessRunner
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

        private const int PollMilliseconds = 5;

        /// <param name="file">Path of the program (not looked up through a shell).</param>
        /// <param name="args">Arguments, passed one by one.</param>
        /// <param name="stdin">Bytes written to stdin, which is then closed. Null: stdin is closed at once (never inherited).</param>
        /// <param name="env">Variables to set; a null value removes the variable.</param>
        /// <param name="timeout">Hard limit from start to end of output; on expiry the tree is killed and <see cref="TimeoutException"/> is thrown.</param>
        /// <param name="workingDirectory">Null: the current directory.</param>
        /// <param name="inheritEnvironment">False: the child sees only <paramref name="env"/>.</param>
        /// <param name="finishEarly">
        /// Polled while the child runs; when it returns an exit code, the tree is killed and that code is reported
        /// (<see cref="ProcessResult.FinishedEarly"/>). For programs that announce their end and then idle, like
        /// Postfix's msg_fatal (message, cleanup, sleep(1), exit 1).
        /// </param>
        public static ProcessResult Run(
            string file,
            IReadOnlyList<string> args,
            byte[]? stdin = null,
            IReadOnlyDictionary<string, string?>? env = null,
            TimeSpan? timeout = null,
            string? workingDirectory = null,
            bool inheritEnvironment = true,
            Func<RunningProcess, int?>? finishEarly = null)
        {
            var limit = timeout ?? DefaultTimeout;
            var commandLine = string.Join(" ", new[] { file }.Concat(args).Select(Quote));
            var psi = StartInfo(file, args);
            psi.WorkingDirectory = workingDirectory ?? string.Empty;

            if (!inheritEnvironment)
            {
                psi.Environment.Clear();
            }

            if (env != null)
            {
                foreach (var pair in env)
                {
                    if (pair.Value is null)
                    {
                        psi.Environment.Remove(pair.Key);
                    }
                    else
                    {
                        psi.Environment[pair.Key] = pair.Value;
                    }
                }
            }

            using var process = new Process { StartInfo = psi };
            var clock = Stopwatch.StartNew();
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException($"Cannot start {commandLine}: {e.Message}", e);
            }

            var stdout = new LiveBuffer();
            var stderr = new LiveBuffer();
            var stdoutTask = stdout.FillAsync(process.StandardOutput.BaseStream);
            var stderrTask = stderr.FillAsync(process.StandardError.BaseStream);
            var stdinTask = WriteAndCloseAsync(process.StandardInput, stdin);

            int? earlyExitCode = null;
            var running = finishEarly is null ? null : new RunningProcess(process.Id, stderr);
            while (!process.WaitForExit(running is null ? Remaining(limit, clock) : Math.Min(Remaining(limit, clock), PollMilliseconds)))
            {
                if (Remaining(limit, clock) == 0)
                {
                    KillTree(process);
                    throw new TimeoutException($"Killed after {limit.TotalSeconds:0.###} s: {commandLine}");
                }

                if (running != null && finishEarly!(running) is int code)
                {
                    earlyExitCode = code;
                    KillTree(process);
                    break;
                }
            }

            // A descendant that inherited the pipes can keep them open after the child exits; that is a timeout too.
            if (!Task.WaitAll(new Task[] { stdoutTask, stderrTask }, Remaining(limit, clock)))
            {
                KillTree(process);
                throw new TimeoutException(
                    $"Exited, but a descendant kept stdout/stderr open past {limit.TotalSeconds:0.###} s: {commandLine}");
            }

            process.WaitForExit();
            stdinTask.Wait();
            return new ProcessResult(
                commandLine, earlyExitCode ?? process.ExitCode, stdout.ToArray(), stderr.ToArray(), clock.Elapsed, earlyExitCode.HasValue);
        }

        /// <summary>Same as <see cref="Run"/>, but throws unless the exit code is 0.</summary>
        public static ProcessResult RunChecked(
            string file,
            IReadOnlyList<string> args,
            IReadOnlyDictionary<string, string?>? env = null,
            TimeSpan? timeout = null,
            string? workingDirectory = null)
        {
            var result = Run(file, args, null, env, timeout, workingDirectory);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException("Command failed: " + result.Describe());
            }

            return result;
        }

        /// <summary>
        /// How every test starts a program (here and in <c>BackgroundProcess</c>): no shell, arguments one by one, stdin,
        /// stdout and stderr redirected (stdin is never inherited).
        /// </summary>
        internal static ProcessStartInfo StartInfo(string file, IReadOnlyList<string> args)
        {
            var psi = new ProcessStartInfo(file)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                // Only BaseStream is used, but the writer must never emit a BOM when it is closed.
                StandardInputEncoding = new UTF8Encoding(false),
            };
            foreach (var arg in args)
            {
                psi.ArgumentList.Add(arg);
            }

            return psi;
        }

        internal static string Quote(string s) =>
            s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,+@%".Contains(c))
                ? s
                : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

        private static int Remaining(TimeSpan limit, Stopwatch clock) =>
            (int)Math.Max(0, Math.Min(int.MaxValue, (limit - clock.Elapsed).TotalMilliseconds));

        private static async Task WriteAndCloseAsync(StreamWriter stdin, byte[]? bytes)
        {
            try
            {
                if (bytes is { Length: > 0 })
                {
                    await stdin.BaseStream.WriteAsync(bytes).ConfigureAwait(false);
                    await stdin.BaseStream.FlushAsync().ConfigureAwait(false);
                }
            }
            catch (IOException)
            {
                // The child closed stdin early (EPIPE); what it did read is all that matters.
            }
            finally
            {
                try
                {
                    stdin.Close();
                }
                catch (IOException)
                {
                    // Same as above.
                }
            }
        }

        /// <summary>Kills the process and its descendants (SIGKILL) and waits a little for them; quiet when already gone.</summary>
        internal static void KillTree(Process process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
