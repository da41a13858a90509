using System;

namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>
    /// The memory the journal reader keeps, shared by every file read together (a source's files are open at once for
    /// interleaving, and a host may keep dozens): 4 KiB pages of the files (8 MiB) and decoded small fields by offset
    /// (the host name, the unit, the priority, recurring pids are shared by many entries, often far back in the file),
    /// and the last few large values several entries share.
    /// Both are fixed-size, direct-mapped tables: the memory used never depends on the files.
    /// </summary>
    internal sealed class JournalCache
    {
        internal const int PageSize = 4096;
        internal const int PageSlots = 2048;
        private const int FieldSlots = 65536;

        private readonly long[] _pageKeys = new long[PageSlots];
        private readonly int[] _pageLengths = new int[PageSlots];
        private readonly long[] _fieldKeys = new long[FieldSlots];
        private readonly JournalField?[] _fields = new JournalField?[FieldSlots];
        private const int LargeSlots = 4;
        private readonly long[] _largeKeys = { -1, -1, -1, -1 };
        private readonly JournalField?[] _large = new JournalField?[LargeSlots];
        private byte[]? _pages;
        private byte[]? _assembly;
        private byte[] _scratch = new byte[4096];
        private byte[] _compressed = new byte[4096];
        private ZstdSharp.Decompressor? _zstd;
        private int _files;

        public JournalCache()
        {
            for (int i = 0; i < PageSlots; i++) _pageKeys[i] = -1;
            for (int i = 0; i < FieldSlots; i++) _fieldKeys[i] = -1;
        }

        /// <summary>A number for a newly opened file, part of every key it uses.</summary>
        public int NextFileId() => _files++ & 0x7FFFFF;

        public byte[] Pages => _pages ??= new byte[PageSlots * PageSize];

        // The working buffers below are shared by the files read together: reading is single-threaded, and each use
        // ends (its bytes copied out) before the next read of any file.

        /// <summary>Where a range across pages is assembled.</summary>
        public byte[] Assembly => _assembly ??= new byte[JournalWindows.WindowSize];

        /// <summary>The zstd decompressor (its context is reused).</summary>
        public ZstdSharp.Decompressor Zstd => _zstd ??= new ZstdSharp.Decompressor();

        /// <summary>A buffer of at least <paramref name="size"/> bytes for decompressed or large values.</summary>
        public byte[] Scratch(int size)
        {
            if (_scratch.Length < size) _scratch = new byte[Math.Max(size, Math.Min(_scratch.Length * 2, JournalFile.MaxFieldBytes + 256))];
            return _scratch;
        }

        /// <summary>A buffer of at least <paramref name="size"/> bytes for compressed values.</summary>
        public byte[] Compressed(int size)
        {
            if (_compressed.Length < size) _compressed = new byte[Math.Max(size, Math.Min(_compressed.Length * 2, JournalFile.MaxCompressed))];
            return _compressed;
        }

        /// <summary>The slot of a cached page and the bytes it holds; -1 when not cached.</summary>
        public int FindPage(int file, long page, out int length)
        {
            int slot = PageSlot(file, page);
            length = _pageLengths[slot];
            return _pageKeys[slot] == PageKey(file, page) ? slot : -1;
        }

        /// <summary>The slot to fill for a page (whatever it held is forgotten).</summary>
        public int ClaimPage(int file, long page, int length)
        {
            int slot = PageSlot(file, page);
            _pageKeys[slot] = PageKey(file, page);
            _pageLengths[slot] = length;
            return slot;
        }

        /// <summary>The slot a page of a file always takes.</summary>
        public int PageSlotOf(int file, long page) => PageSlot(file, page);

        public JournalField? FindField(int file, long offset)
        {
            int slot = FieldSlot(file, offset);
            return _fieldKeys[slot] == FieldKey(file, offset) ? _fields[slot] : null;
        }

        public void KeepField(int file, long offset, JournalField field)
        {
            int slot = FieldSlot(file, offset);
            _fieldKeys[slot] = FieldKey(file, offset);
            _fields[slot] = field;
        }

        /// <summary>A large or compressed value that several entries share (journald stores a repeated message once).</summary>
        public JournalField? FindLargeField(int file, long offset)
        {
            int slot = (int)((offset >> 3) & (LargeSlots - 1));
            return _largeKeys[slot] == FieldKey(file, offset) ? _large[slot] : null;
        }

        public void KeepLargeField(int file, long offset, JournalField field)
        {
            int slot = (int)((offset >> 3) & (LargeSlots - 1));
            _largeKeys[slot] = FieldKey(file, offset);
            _large[slot] = field;
        }

        private static long PageKey(int file, long page) => (long)file << 40 | (page & 0xFFFFFFFFFFL);

        private static int PageSlot(int file, long page) => (int)((page + (long)file * 613) & (PageSlots - 1));

        private static long FieldKey(int file, long offset) => (long)file << 40 | ((offset >> 3) & 0xFFFFFFFFFFL);

        private static int FieldSlot(int file, long offset)
        {
            ulong h = (ulong)((offset >> 3) + (long)file * 40503) * 0x9E3779B97F4A7C15UL;
            return (int)(h >> 48) & (FieldSlots - 1);
        }
    }
}
