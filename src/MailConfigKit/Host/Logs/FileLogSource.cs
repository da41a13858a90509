using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using MailConfigKit.IO;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// One text log and its rotations under a host root (<c>var/log/mail.log</c>, <c>mail.log.1</c>, <c>mail.log.2.gz</c>,
    /// ...), read oldest rotation first, each line a <see cref="LogRecord"/> (see <see cref="SyslogHeader"/> for the time
    /// stamps). Streamed with bounded memory (lines cut at <see cref="LogLine.MaxBytes"/>); gzip rotations are
    /// decompressed as they are read. Regular files only (<see cref="RegularFile"/>): a FIFO, a device, a folder, a link
    /// out of the root is listed in <see cref="Unreadable"/> and the other files are still read. A damaged or truncated
    /// compressed rotation yields its readable lines and a note. Never throws for what is on disk.
    /// </summary>
    public sealed class FileLogSource : ILogSource
    {
        private readonly MailHost _host;
        private readonly List<string> _notes = new List<string>();
        private readonly HashSet<string> _noted = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<HostFileStatus> _unreadable = new List<HostFileStatus>();

        /// <summary>Creates the source of <paramref name="files"/> (relative to the host root, oldest first).</summary>
        /// <param name="host">The host whose root the paths are under.</param>
        /// <param name="family">What kind of log it is (<see cref="LogFamilies"/>).</param>
        /// <param name="files">The log's files relative to the root, oldest rotation first, the live file last.</param>
        public FileLogSource(MailHost host, string family, IReadOnlyList<string> files)
        {
            _host = host ?? throw new ArgumentNullException(nameof(host));
            Family = family ?? throw new ArgumentNullException(nameof(family));
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (files.Count == 0) throw new ArgumentException("A log source has at least one file.", nameof(files));
            Files = new List<string>(files);
        }

        /// <summary>What kind of log it is (<see cref="LogFamilies.MailLog"/>, <see cref="LogFamilies.EximMainlog"/>, ...).</summary>
        public string Family { get; }

        /// <summary>The files, relative to the host root, oldest rotation first.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <inheritdoc />
        public string Description => Files[Files.Count - 1] + (Files.Count > 1 ? " (and " + (Files.Count - 1) + " rotation(s))" : string.Empty);

        /// <inheritdoc />
        public IReadOnlyList<string> Notes => _notes.ToArray();

        /// <summary>The files of this source that are there but could not be read (so far), each once.</summary>
        public IReadOnlyList<HostFileStatus> Unreadable => _unreadable.ToArray();

        /// <inheritdoc />
        public IEnumerable<LogRecord> Read() => Scan(null, null);

        /// <summary>The records from <paramref name="since"/> on (rotations last written before it are not opened).</summary>
        public IEnumerable<LogRecord> Read(DateTimeOffset since) => Scan(null, since);

        /// <summary>
        /// The records of lines that contain one of <paramref name="keywords"/> (ASCII, any case; all lines with none), from
        /// <paramref name="since"/> on when given.
        /// </summary>
        internal IEnumerable<LogRecord> Scan(IReadOnlyList<string>? keywords, DateTimeOffset? since)
        {
            foreach (Line line in Lines(keywords, since)) yield return line.ToRecord();
        }

        /// <summary>
        /// Counts the lines <paramref name="recogniser"/> matches into <paramref name="result"/> (from <paramref name="since"/>
        /// on when given), as <see cref="Scan"/> and <see cref="LogRecogniser.Matches(LogRecord)"/> would, but testing each
        /// line before it is a record: the result makes records only of the newest matches it keeps, so a log of nothing
        /// but matches costs a match test per line, not a record (issue 11: within 2x of an ordinary log).
        /// </summary>
        internal void Search(LogRecogniser recogniser, LogSearchResult result, DateTimeOffset? since)
        {
            // The loop of Lines, written out: a line that does not match is never copied into a Line (it is a large struct,
            // and passing it through an iterator was a third of the cost of a log of nothing but matches).
            IReadOnlyList<string> keywords = recogniser.Keywords;
            DateTimeOffset order = DateTimeOffset.MinValue;
            // Each line is decoded into this one buffer, parsed and tested there; only a match the result keeps is copied.
            char[] chars = System.Buffers.ArrayPool<char>.Shared.Rent(LineScanner.MaxChars);
            try
            {
                SearchFiles(recogniser, result, since, keywords, chars, ref order);
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(chars);
            }
        }

        private void SearchFiles(LogRecogniser recogniser, LogSearchResult result, DateTimeOffset? since, IReadOnlyList<string> keywords, char[] chars, ref DateTimeOffset order)
        {
            foreach (string file in Files)
            {
                KeywordFilter? filter = keywords == null ? null : KeywordFilter.Create(keywords);
                LineScanner? scanner = Open(file, filter, since, out DateTime? mtime, out TailStream? gzipped);
                if (scanner == null) continue;
                using (scanner)
                {
                    long lastLine = 0;
                    DateTimeOffset? lastTime = null;
                    bool complete = false;
                    while (true)
                    {
                        int count;
                        long number;
                        bool truncated;
                        long length;
                        try
                        {
                            if (!scanner.TryNext(chars, out count, out number, out truncated, out length))
                            {
                                complete = true;
                                break;
                            }
                        }
                        catch (Exception ex) when (IsDataFailure(ex))
                        {
                            Note(file, file + ": cannot read past line " + lastLine + " (" + Describe(ex) + "); the rest of it is unread.");
                            break;
                        }
                        lastLine = number;
                        var text = new ReadOnlySpan<char>(chars, 0, count);
                        SyslogHeader.Parts parts = SyslogHeader.Parse(text, mtime, _host.TimeZone);
                        if (parts.Time.HasValue) lastTime = parts.Time;
                        if (since.HasValue && lastTime.HasValue && lastTime.Value < since.Value) continue;
                        if (parts.Time.HasValue) order = parts.Time.Value;
                        int start = parts.MessageStart;
                        // A line without a header is its own message (Matches(text) for a string, MatchesAt(text, 0) here).
                        if (recogniser.MatchesAt(text, start >= 0 ? start : 0))
                        {
                            result.Add(file, chars, count, number, truncated, length, parts, order);
                        }
                    }
                    if (complete && gzipped != null && !gzipped.TrailerMatches(scanner.BytesRead))
                    {
                        Note(file, file + ": cannot read past line " + lastLine + " (the compressed data ends early: truncated or damaged); the rest of it is unread.");
                    }
                }
            }
        }

        /// <summary>A line read, with where its parts are; made a <see cref="LogRecord"/> only when wanted.</summary>
        internal readonly struct Line
        {
            public Line(string file, string text, long number, bool truncated, long byteLength, SyslogHeader.Parts parts)
            {
                File = file;
                Text = text;
                Chars = null;
                CharCount = 0;
                Number = number;
                Truncated = truncated;
                ByteLength = byteLength;
                Parts = parts;
            }

            /// <summary>A line whose text is the first <paramref name="count"/> characters of <paramref name="chars"/> (its own copy).</summary>
            public Line(string file, char[] chars, int count, long number, bool truncated, long byteLength, SyslogHeader.Parts parts)
            {
                File = file;
                Text = null;
                Chars = chars;
                CharCount = count;
                Number = number;
                Truncated = truncated;
                ByteLength = byteLength;
                Parts = parts;
            }

            public string File { get; }

            public string? Text { get; }

            public char[]? Chars { get; }

            public int CharCount { get; }

            public long Number { get; }

            public bool Truncated { get; }

            public long ByteLength { get; }

            public SyslogHeader.Parts Parts { get; }

            public LogRecord ToRecord()
            {
                string text = Text ?? new string(Chars!, 0, CharCount);
                return SyslogHeader.ToRecord(text, Parts, LogOrigin.FileLine(File, Number), text, Truncated, ByteLength);
            }
        }

        private IEnumerable<Line> Lines(IReadOnlyList<string>? keywords, DateTimeOffset? since)
        {
            foreach (string file in Files)
            {
                // A filter per file: it remembers places in its scanner's buffer.
                KeywordFilter? filter = keywords == null ? null : KeywordFilter.Create(keywords);
                LineScanner? scanner = Open(file, filter, since, out DateTime? mtime, out TailStream? gzipped);
                if (scanner == null) continue;
                using (scanner)
                {
                    long lastLine = 0;
                    DateTimeOffset? lastTime = null;
                    bool complete = false;
                    while (true)
                    {
                        string text;
                        long number;
                        bool truncated;
                        long length;
                        try
                        {
                            if (!scanner.TryNext(out text, out number, out truncated, out length))
                            {
                                complete = true;
                                break;
                            }
                        }
                        catch (Exception ex) when (IsDataFailure(ex))
                        {
                            Note(file, file + ": cannot read past line " + lastLine + " (" + Describe(ex) + "); the rest of it is unread.");
                            break;
                        }
                        lastLine = number;
                        SyslogHeader.Parts parts = SyslogHeader.Parse(text, mtime, _host.TimeZone);
                        if (parts.Time.HasValue) lastTime = parts.Time;
                        // A line without a time stamp (a continuation) goes with the line before it (Search does the same).
                        if (since.HasValue && lastTime.HasValue && lastTime.Value < since.Value) continue;
                        yield return new Line(file, text, number, truncated, length, parts);
                    }
                    if (complete && gzipped != null && !gzipped.TrailerMatches(scanner.BytesRead))
                    {
                        Note(file, file + ": cannot read past line " + lastLine + " (the compressed data ends early: truncated or damaged); the rest of it is unread.");
                    }
                }
            }
        }

        private LineScanner? Open(string file, KeywordFilter? filter, DateTimeOffset? since, out DateTime? mtime, out TailStream? gzipped)
        {
            mtime = null;
            gzipped = null;
            Stream? stream = null;
            try
            {
                string path = _host.GetPath(file);
                stream = RegularFile.OpenRead(path, followLastLink: false);
                mtime = File.GetLastWriteTimeUtc(path);
                // Every line of a rotation last written before "since" is older than it (a day's slack for local time stamps).
                if (since.HasValue && mtime.Value < since.Value.UtcDateTime.AddDays(-1))
                {
                    stream.Dispose();
                    return null;
                }
                if (file.EndsWith(".gz", StringComparison.Ordinal))
                {
                    gzipped = new TailStream(stream);
                    stream = new GZipStream(gzipped, CompressionMode.Decompress);
                }
                return new LineScanner(stream, filter);
            }
            catch (FileNotFoundException)
            {
                // Rotated away since discovery: nothing to read.
                stream?.Dispose();
                return null;
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is ArgumentException)
            {
                stream?.Dispose();
                if (_noted.Add("open:" + file))
                {
                    _unreadable.Add(MailHost.Unreadable(file, ex));
                    _notes.Add(ex.Message);
                }
                return null;
            }
        }

        private void Note(string file, string note)
        {
            if (_noted.Add("data:" + file)) _notes.Add(note);
        }

        // Damaged compressed data (InvalidDataException), a file cut short or gone (IOException), a read refused midway.
        private static bool IsDataFailure(Exception ex) => ex is InvalidDataException || MailHost.IsReadFailure(ex) || ex is NotSupportedException;

        private static string Describe(Exception ex) => ex is InvalidDataException ? "damaged compressed data: " + ex.Message : ex.Message;

        /// <summary>
        /// Remembers the last bytes read through it: a gzip file ends with the size of what it holds (ISIZE, modulo 2^32),
        /// which tells a whole file from one cut short (GZipStream simply stops at the end of a truncated file).
        /// </summary>
        private sealed class TailStream : Stream
        {
            private readonly Stream _inner;
            private readonly byte[] _tail = new byte[4];
            private long _total;

            public TailStream(Stream inner)
            {
                _inner = inner;
            }

            /// <summary>Whether the file's last four bytes are the size of <paramref name="decompressed"/> bytes (one gzip member, as logrotate writes).</summary>
            public bool TrailerMatches(long decompressed)
            {
                if (_total < 18) return false;
                uint size = (uint)(_tail[0] | _tail[1] << 8 | _tail[2] << 16 | _tail[3] << 24);
                return size == (uint)decompressed;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = _inner.Read(buffer, offset, count);
                if (n <= 0) return n;
                if (n >= 4) Buffer.BlockCopy(buffer, offset + n - 4, _tail, 0, 4);
                else
                {
                    Buffer.BlockCopy(_tail, n, _tail, 0, 4 - n);
                    Buffer.BlockCopy(buffer, offset, _tail, 4 - n, n);
                }
                _total += n;
                return n;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }

        /// <summary>The <see cref="Description"/>.</summary>
        public override string ToString() => Description;
    }
}
