namespace MailConfigKit.Host
{
    /// <summary>A line of a log file, with where it came from, as evidence for a finding.</summary>
    public sealed class LogLine
    {
        /// <summary>Creates a log line.</summary>
        public LogLine(string path, int line, string text)
        {
            Path = path;
            Line = line;
            Text = text;
        }

        /// <summary>The log's path relative to the host root (<c>var/log/mail.log</c>).</summary>
        public string Path { get; }

        /// <summary>The 1-based line number.</summary>
        public int Line { get; }

        /// <summary>The line's text, without its newline.</summary>
        public string Text { get; }

        /// <summary><c>path:line: text</c>.</summary>
        public override string ToString() => Path + ":" + Line + ": " + Text;
    }
}
