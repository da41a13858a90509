using System;
using System.Text;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>What a finished child process left behind. Stdout is kept byte-exact; the strings are UTF-8 decodings.</summary>
    public sealed class ProcessResult
    {
        public ProcessResult(string commandLine, int exitCode, byte[] stdoutBytes, byte[] stderrBytes, TimeSpan elapsed, bool finishedEarly = false)
        {
            FinishedEarly = finishedEarly;
            CommandLine = commandLine;
            ExitCode = exitCode;
            StdoutBytes = stdoutBytes;
            StderrBytes = stderrBytes;
            Elapsed = elapsed;
        }

        /// <summary>For messages only: the file and its arguments, each argument quoted.</summary>
        public string CommandLine { get; }

        public int ExitCode { get; }

        public byte[] StdoutBytes { get; }

        public byte[] StderrBytes { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>True when a <c>finishEarly</c> probe ended the run; <see cref="ExitCode"/> is then the code the probe gave.</summary>
        public bool FinishedEarly { get; }

        public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

        public string Stderr => Encoding.UTF8.GetString(StderrBytes);

        /// <summary>A one-paragraph description for assertion messages.</summary>
        public string Describe() => $"{CommandLine}\nexit code {ExitCode}{(FinishedEarly ? " (finished early)" : string.Empty)}\nstdout: {Stdout}\nstderr: {Stderr}";

        public override string ToString() => Describe();
    }
}
