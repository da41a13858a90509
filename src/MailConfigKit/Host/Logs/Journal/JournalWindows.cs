using System;
using System.IO;

namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>
    /// Positional reads of one journal file through the shared page cache (<see cref="JournalCache"/>): a miss that
    /// continues a forward read reads sixteen pages at once, a lone one its page only, and a range across pages is
    /// assembled in a shared buffer. Walking millions of entries costs the fixed cache, never the file.
    /// </summary>
    internal sealed class JournalWindows
    {
        /// <summary>The largest range <see cref="TryMap"/> serves; larger reads go straight to the file.</summary>
        internal const int WindowSize = 128 * 1024;
        private const int ReadAheadPages = 16;

        private readonly Stream _stream;
        private readonly JournalCache _cache;
        private readonly int _file;
        private long _lastMiss = -2, _streamNext = -1;

        public JournalWindows(Stream stream, long length, JournalCache cache)
        {
            _stream = stream;
            Length = length;
            _cache = cache;
            _file = cache.NextFileId();
        }

        /// <summary>The file's number in the shared cache.</summary>
        public int FileId => _file;

        /// <summary>The file's length when it was opened: every offset is checked against it.</summary>
        public long Length { get; }

        /// <summary>Whether [offset, offset+count) lies inside the file.</summary>
        public bool InFile(long offset, long count) => offset >= 0 && count >= 0 && offset <= Length && count <= Length - offset;

        /// <summary>
        /// Makes [offset, offset+count) available in one buffer (<paramref name="count"/> at most <see cref="WindowSize"/>);
        /// false when the range is outside the file or cannot be read. The buffer is valid until the next call.
        /// </summary>
        public bool TryMap(long offset, int count, out byte[] buffer, out int index)
        {
            buffer = Array.Empty<byte>();
            index = 0;
            if (count > WindowSize || !InFile(offset, count)) return false;
            long page = offset / JournalCache.PageSize;
            int within = (int)(offset - page * JournalCache.PageSize);
            if (within + count <= JournalCache.PageSize)
            {
                int slot = Page(page, out int length);
                if (slot < 0 || within + count > length) return false;
                buffer = _cache.Pages;
                index = slot * JournalCache.PageSize + within;
                return true;
            }

            // Across pages: copied together into the shared assembly buffer.
            byte[] assembly = _cache.Assembly;
            int done = 0;
            while (done < count)
            {
                long at = offset + done;
                long p = at / JournalCache.PageSize;
                int w = (int)(at - p * JournalCache.PageSize);
                int slot = Page(p, out int length);
                if (slot < 0 || length <= w) return false;
                int n = Math.Min(count - done, length - w);
                Buffer.BlockCopy(_cache.Pages, slot * JournalCache.PageSize + w, assembly, done, n);
                done += n;
            }
            buffer = assembly;
            return true;
        }

        private int Page(long page, out int length)
        {
            int slot = _cache.FindPage(_file, page, out length);
            if (slot >= 0) return slot;

            // A miss that continues the previous one reads ahead (entries and their data are read forward); a lone miss
            // (a data object far back) reads its page only.
            bool sequential = page == _lastMiss + 1 || page == _streamNext;
            _lastMiss = page;
            int pages = sequential ? ReadAheadPages : 1;
            int first = _cache.PageSlotOf(_file, page);
            pages = Math.Min(pages, JournalCache.PageSlots - first); // consecutive pages take consecutive slots, up to the table's end
            long start = page * JournalCache.PageSize;
            int want = (int)Math.Min((long)pages * JournalCache.PageSize, Length - start);
            int got = ReadAt(start, _cache.Pages, first * JournalCache.PageSize, want);
            if (sequential) _streamNext = page + pages;
            if (got <= 0)
            {
                length = 0;
                return -1;
            }
            for (int k = 0; k * JournalCache.PageSize < got; k++)
            {
                _cache.ClaimPage(_file, page + k, Math.Min(JournalCache.PageSize, got - k * JournalCache.PageSize));
            }
            length = Math.Min(JournalCache.PageSize, got);
            return first;
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
