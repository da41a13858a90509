using System;
using System.IO;
using System.Text;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Reads the lines of a text log with bounded memory, as <see cref="LogLineReader"/> does (lines end at <c>\n</c>, one
    /// <c>\r</c> before it is dropped, a line is kept up to <see cref="LogLine.MaxBytes"/> bytes and the rest skipped
    /// unbuilt, invalid UTF-8 becomes U+FFFD), and, given a <see cref="KeywordFilter"/>, yields only the lines that
    /// contain a keyword: the others are never decoded, only their newlines counted (for line numbers) when a later line
    /// is yielded. That is what makes a scan of a gigabyte log cost about what <c>grep -c</c> costs.
    /// </summary>
    internal sealed class LineScanner : IDisposable
    {
        private const int BufferSize = 256 * 1024;
        private const int MaxLine = LogLine.MaxBytes;
        private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

        private readonly Stream _stream;
        private readonly KeywordFilter? _filter;
        private readonly byte[] _buffer = new byte[BufferSize];
        private int _start, _end, _generation;
        private bool _eof;

        // The 1-based number of the line that starts at _start.
        private long _line = 1;

        /// <summary>Scans <paramref name="stream"/> (disposed with the scanner); every line when <paramref name="filter"/> is null.</summary>
        public LineScanner(Stream stream, KeywordFilter? filter)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _filter = filter;
        }

        /// <summary>How many bytes were read from the stream so far.</summary>
        public long BytesRead { get; private set; }

        /// <summary>The next line (that contains a keyword, with a filter), or false at the end.</summary>
        public bool TryNext(out string text, out long lineNumber, out bool truncated, out long byteLength)
        {
            while (true)
            {
                if (_start == _end && !ReadMore())
                {
                    text = string.Empty;
                    lineNumber = _line;
                    truncated = false;
                    byteLength = 0;
                    return false;
                }
                int lastNewline = Array.LastIndexOf(_buffer, (byte)'\n', _end - 1, _end - _start);
                if (lastNewline < 0)
                {
                    int length = _end - _start;
                    if (length >= MaxLine)
                    {
                        if (Overlong(out text, out lineNumber, out truncated, out byteLength)) return true;
                        continue;
                    }
                    if (!_eof && ReadMore()) continue;
                    // The last line, without a newline.
                    int s = _start, e = _end;
                    _start = _end;
                    lineNumber = _line++;
                    if (_filter != null && FindOnce(s, e) < 0) continue;
                    Emit(s, e, out text, out truncated, out byteLength);
                    return true;
                }

                int regionEnd = lastNewline + 1;
                int lineStart, lineEnd;
                if (_filter == null)
                {
                    lineStart = _start;
                    lineEnd = Array.IndexOf(_buffer, (byte)'\n', _start, regionEnd - _start);
                }
                else
                {
                    int hit = _filter.Find(_buffer, _start, regionEnd, _generation);
                    if (hit < 0)
                    {
                        _line += CountNewlines(_start, regionEnd);
                        _start = regionEnd;
                        continue;
                    }
                    lineStart = hit == _start ? _start : Math.Max(_start, Array.LastIndexOf(_buffer, (byte)'\n', hit - 1, hit - _start) + 1);
                    _line += CountNewlines(_start, lineStart);
                    lineEnd = Array.IndexOf(_buffer, (byte)'\n', hit, regionEnd - hit);
                    if (lineEnd - lineStart > MaxLine && FindOnce(lineStart, lineStart + MaxLine) < 0)
                    {
                        // No keyword lies wholly in the part of the line that is kept: no match, as for a line read whole.
                        _start = lineEnd + 1;
                        _line++;
                        continue;
                    }
                }
                _start = lineEnd + 1;
                lineNumber = _line++;
                Emit(lineStart, lineEnd, out text, out truncated, out byteLength);
                return true;
            }
        }

        /// <summary>A line of at least <see cref="MaxLine"/> bytes starts at <c>_start</c> and has no newline in the buffer.</summary>
        private bool Overlong(out string text, out long lineNumber, out bool truncated, out long byteLength)
        {
            int s = _start;
            bool wanted = _filter == null || FindOnce(s, s + MaxLine) >= 0;
            text = wanted ? Utf8.GetString(_buffer, s, MaxLine) : string.Empty;
            long total = _end - s;
            _start = _end;
            while (ReadMore())
            {
                int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (nl < 0)
                {
                    total += _end - _start;
                    _start = _end;
                    continue;
                }
                total += nl - _start;
                _start = nl + 1;
                break;
            }
            lineNumber = _line++;
            truncated = total > MaxLine;
            byteLength = total;
            if (!truncated && wanted && text.Length > 0 && text[text.Length - 1] == '\r')
            {
                text = text.Substring(0, text.Length - 1);
                byteLength--;
            }
            return wanted;
        }

        /// <summary>A search of a range other than the current region: the filter's remembered places are dropped before and after.</summary>
        private int FindOnce(int from, int to)
        {
            int found = _filter!.Find(_buffer, from, to, ++_generation);
            _generation++;
            return found;
        }

        private void Emit(int start, int end, out string text, out bool truncated, out long byteLength)
        {
            int length = end - start;
            truncated = length > MaxLine;
            int kept = truncated ? MaxLine : length;
            if (!truncated && kept > 0 && _buffer[start + kept - 1] == (byte)'\r')
            {
                kept--;
                length--;
            }
            text = Utf8.GetString(_buffer, start, kept);
            byteLength = length;
        }

        private long CountNewlines(int from, int to)
        {
#if NET8_0_OR_GREATER
            return _buffer.AsSpan(from, to - from).Count((byte)'\n');
#else
            long n = 0;
            for (int i = Array.IndexOf(_buffer, (byte)'\n', from, to - from); i >= 0; i = i + 1 < to ? Array.IndexOf(_buffer, (byte)'\n', i + 1, to - i - 1) : -1) n++;
            return n;
#endif
        }

        /// <summary>Moves the unread bytes to the front and reads more after them; false at the end of the stream.</summary>
        private bool ReadMore()
        {
            if (_eof) return false;
            if (_start > 0)
            {
                int keep = _end - _start;
                if (keep > 0) Buffer.BlockCopy(_buffer, _start, _buffer, 0, keep);
                _start = 0;
                _end = keep;
            }
            _generation++;
            int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n <= 0)
            {
                _eof = true;
                return false;
            }
            BytesRead += n;
            _end += n;
            return true;
        }

        /// <summary>Disposes the stream.</summary>
        public void Dispose() => _stream.Dispose();
    }
}
