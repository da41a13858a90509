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

        /// <summary>The length a buffer for <see cref="TryNext(char[], out int, out long, out bool, out long)"/> needs.</summary>
        public static readonly int MaxChars = Utf8.GetMaxCharCount(MaxLine);

        /// <summary>The next line (that contains a keyword, with a filter), or false at the end.</summary>
        public bool TryNext(out string text, out long lineNumber, out bool truncated, out long byteLength)
        {
            _into = null;
            bool found = Next(out lineNumber, out truncated, out byteLength);
            text = found ? _text : string.Empty;
            _text = string.Empty;
            return found;
        }

        /// <summary>
        /// As <see cref="TryNext(out string, out long, out bool, out long)"/>, decoding the line into <paramref name="chars"/>
        /// (at least <see cref="MaxChars"/> long) instead of a new string: a search tests every line it reads and keeps few.
        /// </summary>
        public bool TryNext(char[] chars, out int charCount, out long lineNumber, out bool truncated, out long byteLength)
        {
            if (chars == null || chars.Length < MaxChars) throw new ArgumentException("The buffer must hold " + MaxChars + " characters.", nameof(chars));
            _into = chars;
            bool found = Next(out lineNumber, out truncated, out byteLength);
            charCount = found ? _charCount : 0;
            _into = null;
            return found;
        }

        // Where Emit and Overlong put the line: into _into when it is set, else into _text.
        private char[]? _into;
        private int _charCount;
        private string _text = string.Empty;

        private bool Next(out long lineNumber, out bool truncated, out long byteLength)
        {
            while (true)
            {
                if (_start == _end && !ReadMore())
                {
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
                        if (Overlong(out lineNumber, out truncated, out byteLength)) return true;
                        continue;
                    }
                    if (!_eof && ReadMore()) continue;
                    // The last line, without a newline.
                    int s = _start, e = _end;
                    _start = _end;
                    lineNumber = _line++;
                    if (_filter != null && FindOnce(s, e) < 0) continue;
                    Emit(s, e, out truncated, out byteLength);
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
                Emit(lineStart, lineEnd, out truncated, out byteLength);
                return true;
            }
        }

        /// <summary>A line of at least <see cref="MaxLine"/> bytes starts at <c>_start</c> and has no newline in the buffer.</summary>
        private bool Overlong(out long lineNumber, out bool truncated, out long byteLength)
        {
            int s = _start;
            bool wanted = _filter == null || FindOnce(s, s + MaxLine) >= 0;
            if (_into != null) _charCount = wanted ? Utf8.GetChars(_buffer, s, MaxLine, _into, 0) : 0;
            else _text = wanted ? Utf8.GetString(_buffer, s, MaxLine) : string.Empty;
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
            if (!truncated && wanted && _into != null && _charCount > 0 && _into[_charCount - 1] == '\r')
            {
                _charCount--;
                byteLength--;
            }
            else if (!truncated && wanted && _into == null && _text.Length > 0 && _text[_text.Length - 1] == '\r')
            {
                _text = _text.Substring(0, _text.Length - 1);
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

        private void Emit(int start, int end, out bool truncated, out long byteLength)
        {
            int length = end - start;
            truncated = length > MaxLine;
            int kept = truncated ? MaxLine : length;
            if (!truncated && kept > 0 && _buffer[start + kept - 1] == (byte)'\r')
            {
                kept--;
                length--;
            }
            if (_into != null) _charCount = Utf8.GetChars(_buffer, start, kept, _into, 0);
            else _text = Utf8.GetString(_buffer, start, kept);
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
