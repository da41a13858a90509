using System.Collections.Generic;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>The outcome of sourcing one file with dash, the way update-exim4.conf does.</summary>
    public sealed class ShellSourceResult
    {
        internal ShellSourceResult(ProcessResult process, bool completed, Dictionary<string, string?> values, byte[] fileStdout)
        {
            Process = process;
            Completed = completed;
            Values = values;
            FileStdout = fileStdout;
        }

        public ProcessResult Process { get; }

        public int ExitCode => Process.ExitCode;

        public string Stderr => Process.Stderr;

        /// <summary>True when sourcing finished and the variables were printed (false: the file aborted the shell or exited).</summary>
        public bool Completed { get; }

        /// <summary>Each requested variable: its exact value, or null when unset. Empty when not <see cref="Completed"/>.</summary>
        public Dictionary<string, string?> Values { get; }

        /// <summary>Whatever the sourced file itself wrote to stdout.</summary>
        public byte[] FileStdout { get; }

        public override string ToString() => Process.Describe();
    }
}
