using System;
using System.Collections.Generic;
using System.IO;
using MailConfigKit.IO;

namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>
    /// A systemd journal file read natively (no <c>journalctl</c>), following systemd's "Journal File Format": the header
    /// (regular and compact files, keyed or Jenkins hashes), the global entry-array chain in order, entries and their
    /// DATA objects, plain or compressed with zstd or LZ4 (XZ-compressed values are reported as unread). Everything in the
    /// file is checked against the file's size before it is used; a corrupt, truncated or still-written file yields
    /// what is readable and says what was not in <see cref="Notes"/>, never an exception.
    /// </summary>
    public sealed class JournalFile : IDisposable
    {
        /// <summary>The most bytes of one field value kept (1 MiB); longer values are cut (<see cref="JournalField.IsTruncated"/>).</summary>
        public const int MaxFieldBytes = 1024 * 1024;

        // Compressed values up to this size are decompressed in memory; larger zstd values are streamed from the file, and
        // larger LZ4 values (a block format that cannot be streamed) are reported as unread.
        private const int MaxCompressedInMemory = 4 * 1024 * 1024;

        // An entry with more items than this is not a real one (journald allows a few hundred fields).
        private const int MaxItemsPerEntry = 65536;

        // The kept bytes of one entry, all fields together.
        private const long MaxBytesPerEntry = 16L * 1024 * 1024;

        private const int MaxNotes = 32;
        private const int MinHeaderSize = 208; // every field up to tail_entry_monotonic; later ones are checked by size
        private const byte ObjectData = 1, ObjectEntry = 3, ObjectEntryArray = 6;
        private const byte CompressedXz = 1, CompressedLz4 = 2, CompressedZstd = 4;
        private const uint IncompatibleXz = 1, IncompatibleLz4 = 2, IncompatibleKeyedHash = 4, IncompatibleZstd = 8, IncompatibleCompact = 16;
        private const uint KnownIncompatible = IncompatibleXz | IncompatibleLz4 | IncompatibleKeyedHash | IncompatibleZstd | IncompatibleCompact;
        private const ulong TimeLimit = 1UL << 55; // journald's bound on valid realtime and monotonic values

        private readonly FileStream? _stream;
        private readonly JournalWindows? _windows;
        private readonly List<string> _notes = new List<string>();
        private readonly byte[] _seqnumId = new byte[16];
        private readonly JournalDataReader? _data;
        private readonly long _headerSize;
        private readonly ulong _entryArrayOffset;
        private readonly ulong _entryCount;
        private readonly bool _readable;
        private int _droppedNotes;

        private JournalFile(string path, FileStream? stream, JournalCache cache)
        {
            Path = path;
            _stream = stream;
            if (stream == null) return;
            long length;
            try
            {
                length = stream.Length;
            }
            catch (IOException e)
            {
                AddNote("cannot tell its size (" + e.Message + "); nothing read");
                return;
            }
            _windows = new JournalWindows(stream, length, cache);
            var header = new byte[272];
            int headerBytes = (int)Math.Min(header.Length, length);
            if (headerBytes < MinHeaderSize || !_windows.ReadExact(0, header, 0, headerBytes))
            {
                AddNote("too short for a journal header (" + length + " bytes); nothing read");
                return;
            }
            if (header[0] != 'L' || header[1] != 'P' || header[2] != 'K' || header[3] != 'S' || header[4] != 'H' || header[5] != 'H' || header[6] != 'R' || header[7] != 'H')
            {
                AddNote("not a journal file (no LPKSHHRH signature); nothing read");
                return;
            }
            CompatibleFlags = Le32(header, 8);
            IncompatibleFlags = Le32(header, 12);
            State = header[16] <= 2 ? (JournalFileState)header[16] : JournalFileState.Unknown;
            Buffer.BlockCopy(header, 72, _seqnumId, 0, 16);
            FileId = JournalEntry.Hex(Slice16(header, 24));
            MachineId = JournalEntry.Hex(Slice16(header, 40));
            ulong headerSize = Le64(header, 88);
            _entryCount = Le64(header, 152);
            _entryArrayOffset = Le64(header, 176);
            IsCompact = (IncompatibleFlags & IncompatibleCompact) != 0;
            if ((IncompatibleFlags & ~KnownIncompatible) != 0)
            {
                AddNote("uses format features this reader does not know (incompatible flags 0x" + IncompatibleFlags.ToString("x") + "); nothing read");
                return;
            }
            if (headerSize < MinHeaderSize || headerSize > (ulong)length || headerSize % 8 != 0)
            {
                AddNote("has a damaged header (header size " + headerSize + " in a file of " + length + " bytes); nothing read");
                return;
            }
            _headerSize = (long)headerSize;
            if (State == JournalFileState.Online) AddNote("is open for writing (state ONLINE): its newest entries may be missing or partly written");
            else if (State == JournalFileState.Unknown) AddNote("has an unknown state " + header[16] + " in its header");
            _data = new JournalDataReader(this, _windows, cache, _headerSize, IsCompact);
            _readable = true;
        }

        /// <summary>The path the file was opened with.</summary>
        public string Path { get; }

        /// <summary>The header's state (a file being written is <see cref="JournalFileState.Online"/>).</summary>
        public JournalFileState State { get; } = JournalFileState.Unknown;

        /// <summary>The header's compatible feature flags (bit 0 sealed, bit 1 tail-entry boot id).</summary>
        public uint CompatibleFlags { get; }

        /// <summary>The header's incompatible feature flags (XZ 1, LZ4 2, keyed hash 4, zstd 8, compact 16).</summary>
        public uint IncompatibleFlags { get; }

        /// <summary>Whether the file uses the compact format of systemd 252 and later (32-bit offsets).</summary>
        public bool IsCompact { get; }

        /// <summary>The file's id (32 lowercase hex digits); empty when the header could not be read.</summary>
        public string FileId { get; } = "";

        /// <summary>The id of the machine that wrote the file (32 lowercase hex digits); empty when the header could not be read.</summary>
        public string MachineId { get; } = "";

        /// <summary>The number of entries the header announces.</summary>
        public long EntryCount => (long)Math.Min(_entryCount, long.MaxValue);

        /// <summary>What could not be read (a damaged object, a truncated tail, XZ values), each once, with counts.</summary>
        public IReadOnlyList<string> Notes
        {
            get
            {
                if (_droppedNotes == 0) return _notes.ToArray();
                var all = new List<string>(_notes) { "(" + _droppedNotes + " more notes left out)" };
                return all;
            }
        }

        /// <summary>
        /// Opens the journal file at <paramref name="path"/> (a regular file only; shared with writers, renames and
        /// deletes). A file whose content is not a readable journal opens too, with a note and no entries.
        /// </summary>
        /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
        /// <exception cref="UnreadableFileException">Not a regular file, or refused by the system.</exception>
        public static JournalFile Open(string path) => Open(path, followLastLink: true);

        /// <summary>Opens <paramref name="fullPath"/> (no link as its last component) and names it <paramref name="shownPath"/> in entries and notes.</summary>
        internal static JournalFile OpenAs(string fullPath, string shownPath, JournalCache cache)
        {
            FileStream stream = RegularFile.OpenSeekable(fullPath, followLastLink: false);
            try
            {
                return new JournalFile(shownPath, stream, cache);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        internal static JournalFile Open(string path, bool followLastLink)
        {
            FileStream stream = RegularFile.OpenSeekable(path, followLastLink);
            try
            {
                return new JournalFile(path, stream, new JournalCache());
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The entries in the file's order (the global entry-array chain), streaming: a few windows of the file and the
        /// current entry are held, never the file. Entries that cannot be read whole are left out and counted in
        /// <see cref="Notes"/>.
        /// </summary>
        public IEnumerable<JournalEntry> ReadEntries()
        {
            var walker = CreateWalker();
            while (true)
            {
                JournalEntry? e = walker.Next();
                if (e == null) yield break;
                yield return e;
            }
        }

        /// <summary>Closes the file.</summary>
        public void Dispose() => _stream?.Dispose();

        /// <summary>The file's path and the number of entries its header announces.</summary>
        public override string ToString() => Path + " (" + EntryCount + " entries, " + State + ")";

        internal EntryWalker CreateWalker()
        {
            _data?.ResetBudget();
            return new EntryWalker(this);
        }

        internal byte[] SeqnumIdBytes => _seqnumId;

        /// <summary>The data reader (decompression counters for tests); null when the header was not readable.</summary>
        internal JournalDataReader? DataReader => _data;

        internal void AddNote(string note)
        {
            string text = Path + ": " + note;
            if (_notes.Contains(text)) return;
            if (_notes.Count >= MaxNotes)
            {
                _droppedNotes++;
                return;
            }
            _notes.Add(text);
        }

        internal static uint Le32(byte[] b, int i) => (uint)(b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24);

        internal static ulong Le64(byte[] b, int i) => Le32(b, i) | (ulong)Le32(b, i + 4) << 32;

        private static byte[] Slice16(byte[] b, int i)
        {
            var r = new byte[16];
            Buffer.BlockCopy(b, i, r, 0, 16);
            return r;
        }

        /// <summary>
        /// Walks the global entry-array chain one entry at a time (the merge across files advances each file's walker
        /// on its own). Every array must lie after the previous one, so the walk ends whatever the file says.
        /// </summary>
        internal sealed class EntryWalker
        {
            private readonly JournalFile _file;
            private ulong _arrayOffset;
            private long _arrayItems;
            private long _index;
            private ulong _remaining;
            private bool _done;
            private long _skipped;
            private string? _firstSkipReason;
            private ulong _previousEntryOffset;

            internal EntryWalker(JournalFile file)
            {
                _file = file;
                _done = !file._readable;
                _remaining = file._entryCount;
                if (!_done) _done = !EnterArray(file._entryArrayOffset, 0);
            }

            /// <summary>The next readable entry; null at the end.</summary>
            public JournalEntry? Next()
            {
                while (!_done)
                {
                    if (_remaining == 0)
                    {
                        Finish();
                        break;
                    }
                    if (_index >= _arrayItems)
                    {
                        if (!NextArray()) break;
                        continue;
                    }
                    ulong entryOffset = ReadArrayItem(_index);
                    _index++;
                    if (_done) break;
                    if (entryOffset == 0)
                    {
                        // The unused tail of the last array: the end of the chain (the header's count ran ahead of it).
                        Finish();
                        break;
                    }
                    _remaining--;
                    if (entryOffset <= _previousEntryOffset)
                    {
                        Skip("an entry array lists entries out of order (offset " + entryOffset + ")");
                        continue;
                    }
                    _previousEntryOffset = entryOffset;
                    JournalEntry? entry = _file._data!.ReadEntry(entryOffset, out string? reason);
                    if (entry != null) return entry;
                    Skip(reason ?? "unreadable entry");
                }
                return null;
            }

            private void Skip(string reason)
            {
                _skipped++;
                _firstSkipReason ??= reason;
            }

            private void Finish()
            {
                if (_done) return;
                _done = true;
                if (_skipped > 0) _file.AddNote(_skipped + " entries could not be read and were left out (first: " + _firstSkipReason + ")");
            }

            private ulong ReadArrayItem(long index)
            {
                int size = _file.IsCompact ? 4 : 8;
                long at = (long)_arrayOffset + 24 + index * size;
                if (!_file._windows!.TryMap(at, size, out byte[] b, out int i))
                {
                    Fail("the entry array at offset " + _arrayOffset + " is cut short (a truncated file)");
                    return 0;
                }
                return size == 4 ? Le32(b, i) : Le64(b, i);
            }

            private bool NextArray()
            {
                if (!_file._windows!.TryMap((long)_arrayOffset + 16, 8, out byte[] b, out int i))
                {
                    Fail("the entry array chain is cut short");
                    return false;
                }
                ulong next = Le64(b, i);
                if (next == 0)
                {
                    Finish();
                    return false;
                }
                return EnterArray(next, _arrayOffset);
            }

            private bool EnterArray(ulong offset, ulong previous)
            {
                if (offset == 0)
                {
                    Finish();
                    return false;
                }
                var windows = _file._windows!;
                if (offset <= previous || offset % 8 != 0 || offset < (ulong)_file._headerSize || offset > (ulong)windows.Length - 24)
                {
                    Fail("the entry array chain points outside the file or backwards (offset " + offset + ")");
                    return false;
                }
                if (!windows.TryMap((long)offset, 16, out byte[] b, out int i) || b[i] != ObjectEntryArray)
                {
                    Fail("the entry array chain leads to something that is not an entry array (offset " + offset + ")");
                    return false;
                }
                ulong size = Le64(b, i + 8);
                if (size < 24)
                {
                    Fail("an entry array has a damaged size (offset " + offset + ")");
                    return false;
                }
                if (size > (ulong)windows.Length - offset)
                {
                    // A cut file (journald allocates arrays ahead, so the last one is often cut): the items that are
                    // there still lead to readable entries.
                    _file.AddNote("the entry array at offset " + offset + " runs past the end of the file (a truncated file); only its items inside the file are read");
                    size = (ulong)windows.Length - offset;
                }
                _arrayOffset = offset;
                _arrayItems = (long)((size - 24) / (ulong)(_file.IsCompact ? 4 : 8));
                _index = 0;
                return true;
            }

            private void Fail(string note)
            {
                _file.AddNote(note + "; entries after it are not read");
                Finish();
            }
        }

        internal static bool ValidTimes(ulong realtime, ulong monotonic) => realtime > 0 && realtime < TimeLimit && monotonic < TimeLimit;

        internal static byte ObjectTypeData => ObjectData;

        internal static byte ObjectTypeEntry => ObjectEntry;

        internal static int MaxItems => MaxItemsPerEntry;

        internal static long MaxEntryBytes => MaxBytesPerEntry;

        internal static int MaxCompressed => MaxCompressedInMemory;

        internal static byte FlagXz => CompressedXz;

        internal static byte FlagLz4 => CompressedLz4;

        internal static byte FlagZstd => CompressedZstd;
    }
}
