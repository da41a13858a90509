using System;
using System.IO;

namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>
    /// Positional reads of a journal file through a few fixed windows (least recently used replaced), so that walking
    /// millions of entries costs a handful of buffers, never the file: the journal is read by offsets (entry arrays,
    /// entries, their data objects), which mostly move forward together.
    /// </summary>
    internal sealed class JournalWindows
    {
        internal const int WindowSize = 128 * 1024;
        private const int WindowCount = 4;

        private readonly Stream _stream;
        private readonly byte[][] _buffers = new byte[WindowCount][];
        private readonly long[] _starts = new long[WindowCount];
        private readonly int[] _lengths = new int[WindowCount];
        private readonly long[] _used = new long[WindowCount];
        private long _clock;

        public JournalWindows(Stream stream, long length)
        {
            _stream = stream;
            Length = length;
            for (int i = 0; i < WindowCount; i++) _starts[i] = -1;
        }

        /// <summary>The file's length when it was opened: every offset is checked against it.</summary>
        public long Length { get; }

        /// <summary>Whether [offset, offset+count) lies inside the file.</summary>
        public bool InFile(long offset, long count) => offset >= 0 && count >= 0 && offset <= Length && count <= Length - offset;

        /// <summary>
        /// Makes [offset, offset+count) available in one buffer (<paramref name="count"/> at most <see cref="WindowSize"/>);
        /// false when the range is outside the file or cannot be read.
        /// </summary>
        public bool TryMap(long offset, int count, out byte[] buffer, out int index)
        {
            buffer = Array.Empty<byte>();
            index = 0;
            if (count > WindowSize || !InFile(offset, count)) return false;
            int lru = 0;
            for (int i = 0; i < WindowCount; i++)
            {
                if (_starts[i] >= 0 && offset >= _starts[i] && offset + count <= _starts[i] + _lengths[i])
                {
                    _used[i] = ++_clock;
                    buffer = _buffers[i];
                    index = (int)(offset - _starts[i]);
                    return true;
                }
                if (_used[i] < _used[lru]) lru = i;
            }

            // Start the window a little before the offset (data objects sit just before the entries that use them).
            long start = Math.Max(0, (offset & ~4095L) - 4096);
            if (offset + count > start + WindowSize) start = offset & ~7L;
            byte[] b = _buffers[lru] ??= new byte[WindowSize];
            int want = (int)Math.Min(WindowSize, Length - start);
            int got = ReadAt(start, b, 0, want);
            _starts[lru] = got > 0 ? start : -1;
            _lengths[lru] = got;
            _used[lru] = ++_clock;
            if (offset + count > start + got) return false;
            buffer = b;
            index = (int)(offset - start);
            return true;
        }

        /// <summary>Reads [offset, offset+count) into <paramref name="destination"/>; false when it is not all there.</summary>
        public bool ReadExact(long offset, byte[] destination, int destinationIndex, int count)
        {
            if (!InFile(offset, count)) return false;
            if (count <= WindowSize && TryMap(offset, count, out byte[] b, out int i))
            {
                Buffer.BlockCopy(b, i, destination, destinationIndex, count);
                return true;
            }
            return ReadAt(offset, destination, destinationIndex, count) == count;
        }

        /// <summary>A read-only view of [offset, offset+count) of the file, for streaming decompression of large values.</summary>
        public Stream Slice(long offset, long count) => new SliceStream(this, offset, count);

        private int ReadAt(long offset, byte[] destination, int index, int count)
        {
            int total = 0;
            try
            {
                _stream.Seek(offset, SeekOrigin.Begin);
                while (total < count)
                {
                    int n = _stream.Read(destination, index + total, count - total);
                    if (n <= 0) break;
                    total += n;
                }
            }
            catch (IOException)
            {
                // A file cut under us (journald truncating, a failing disk): what was read is what there is.
            }
            catch (UnauthorizedAccessException)
            {
            }
            return total;
        }

        private sealed class SliceStream : Stream
        {
            private readonly JournalWindows _owner;
            private readonly long _start;
            private readonly long _count;
            private long _position;

            public SliceStream(JournalWindows owner, long start, long count)
            {
                _owner = owner;
                _start = start;
                _count = count;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => _count;

            public override long Position
            {
                get => _position;
                set => throw new NotSupportedException();
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int want = (int)Math.Min(count, _count - _position);
                if (want <= 0) return 0;
                int got = _owner.ReadAt(_start + _position, buffer, offset, want);
                _position += got;
                return got;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
