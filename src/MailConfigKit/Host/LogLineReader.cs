using System;
using System.IO;
using System.Text;

namespace MailConfigKit.Host
{
    /// <summary>
    /// Splits a stream into lines with bounded memory, whatever the input: it reads fixed-size chunks, keeps at most
    /// <see cref="MaxLineBytes"/> bytes of a line and skips the rest up to the newline without ever building it, so a
    /// gigabyte without a newline costs two 64 KiB buffers. Lines end at <c>\n</c>; one <c>\r</c> before it is dropped.
    /// Invalid UTF-8 becomes U+FFFD, as logs are read, never edited.
    /// </summary>
    internal sealed class LogLineReader : IDisposable
    {
        /// <summary>How much of one line is kept (<see cref="LogLine.MaxBytes"/>).</summary>
        public const int MaxLineBytes = LogLine.MaxBytes;

        private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

        private readonly Stream _stream;
        private readonly byte[] _buffer = new byte[64 * 1024];
        private readonly byte[] _line = new byte[MaxLineBytes];
        private int _start, _end;
        private bool _eof;

        /// <summary>Reads lines from <paramref name="stream"/>, which the reader disposes.</summary>
        public LogLineReader(Stream stream)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        }

        /// <summary>The next line, or false at the end of the stream.</summary>
        /// <param name="text">The line (its first <see cref="MaxLineBytes"/> bytes when longer).</param>
        /// <param name="truncated">Whether the line was longer than <see cref="MaxLineBytes"/>.</param>
        /// <param name="byteLength">The line's whole length in bytes, without the newline.</param>
        public bool TryReadLine(out string text, out bool truncated, out long byteLength)
        {
            int kept = 0;
            long total = 0;
            bool any = false;
            while (true)
            {
                if (_start == _end)
                {
                    if (_eof || !Fill())
                    {
                        if (!any)
                        {
                            text = string.Empty;
                            truncated = false;
                            byteLength = 0;
                            return false;
                        }
                        return Finish(kept, total, out text, out truncated, out byteLength);
                    }
                }
                any = true;
                int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                int segmentEnd = newline < 0 ? _end : newline;
                int length = segmentEnd - _start;
                int copy = Math.Min(length, MaxLineBytes - kept);
                if (copy > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _line, kept, copy);
                    kept += copy;
                }
                total += length;
                if (newline < 0)
                {
                    _start = _end;
                    continue;
                }
                _start = newline + 1;
                return Finish(kept, total, out text, out truncated, out byteLength);
            }
        }

        private bool Finish(int kept, long total, out string text, out bool truncated, out long byteLength)
        {
            truncated = total > kept;
            if (!truncated && kept > 0 && _line[kept - 1] == (byte)'\r')
            {
                kept--;
                total--;
            }
            text = Utf8.GetString(_line, 0, kept);
            byteLength = total;
            return true;
        }

        private bool Fill()
        {
            int n = _stream.Read(_buffer, 0, _buffer.Length);
            _start = 0;
            _end = n;
            if (n == 0) _eof = true;
            return n > 0;
        }

        /// <summary>Disposes the stream.</summary>
        public void Dispose() => _stream.Dispose();
    }
}
