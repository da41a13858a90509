namespace MailConfigKit.Tests.Oracle
{
    /// <summary>One postconf run. For edits, <see cref="MainCf"/> and <see cref="MasterCf"/> hold the files' bytes afterwards.</summary>
    public sealed class PostconfResult
    {
        internal PostconfResult(ProcessResult process, string stderr, string stderrNormalized, byte[]? mainCf, byte[]? masterCf = null)
        {
            MasterCf = masterCf;
            Process = process;
            Stderr = stderr;
            StderrNormalized = stderrNormalized;
            MainCf = mainCf;
        }

        public ProcessResult Process { get; }

        public int ExitCode => Process.ExitCode;

        public string Stdout => Process.Stdout;

        public byte[] StdoutBytes => Process.StdoutBytes;

        /// <summary>
        /// stderr, with the program name as a user sees it: Postfix prefixes messages with argv[0], which is our
        /// absolute cache path, so every occurrence of that path (also inside usage messages) is shown as <c>postconf</c>:
        /// <c>/…/usr/sbin/postconf: warning:</c> becomes <c>postconf: warning:</c>.
        /// </summary>
        public string Stderr { get; }

        /// <summary><see cref="Stderr"/> with the config directory also replaced by <c>DIR</c>, as in spec/oracle-findings.md.</summary>
        public string StderrNormalized { get; }

        /// <summary>main.cf after an edit command; null for queries.</summary>
        public byte[]? MainCf { get; }

        /// <summary>master.cf after an edit command; null for queries.</summary>
        public byte[]? MasterCf { get; }

        public override string ToString() => Process.Describe();
    }
}
