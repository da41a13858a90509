namespace MailConfigKit.Host
{
    /// <summary>A line of a log file, with where it came from, as evidence for a finding.</summary>
    public sealed class LogLine
    {
        /// <summary>
        /// How much of one line is kept: 64 KiB, far more than any real log line (syslog's own limit is 8 KiB). Logs are read
        /// in chunks, and the rest of a longer line is skipped without ever being built, so a gigabyte without a newline
        /// costs no more memory than a short line.
        /// </summary>
        public const int MaxBytes = 64 * 1024;

        /// <summary>Creates a log line.</summary>
        public LogLine(string path, int line, string text)
            : this(path, line, text, false, 0)
        {
        }

        /// <summary>Creates a log line that may have been cut short (see <see cref="IsTruncated"/>).</summary>
        public LogLine(string path, int line, string text, bool isTruncated, long byteLength)
        {
            Path = path;
            Line = line;
            Text = text;
            IsTruncated = isTruncated;
            ByteLength = byteLength;
        }

        /// <summary>The log's path relative to the host root (<c>var/log/mail.log</c>).</summary>
        public string Path { get; }

        /// <summary>The 1-based line number.</summary>
        public int Line { get; }

        /// <summary>The line's text, without its newline; only its first <see cref="MaxBytes"/> bytes when <see cref="IsTruncated"/>.</summary>
        public string Text { get; }

        /// <summary>Whether the line was longer than <see cref="MaxBytes"/> bytes, so that <see cref="Text"/> is only its start.</summary>
        public bool IsTruncated { get; }

        /// <summary>The line's length in bytes as written (without the newline); 0 when not known.</summary>
        public long ByteLength { get; }

        /// <summary><see cref="Text"/>, followed by a marker when the line was cut short.</summary>
        public string TextWithMarker => IsTruncated ? Text + " [... line truncated: " + ByteLength + " bytes in all]" : Text;

        /// <summary><c>path:line: text</c>.</summary>
        public override string ToString() => Path + ":" + Line + ": " + TextWithMarker;
    }
}
