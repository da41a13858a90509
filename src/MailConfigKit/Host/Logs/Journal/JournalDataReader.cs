using System;
using System.Collections.Generic;
using System.IO;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>
    /// Reads ENTRY objects and the DATA objects they list: checks each against the file, decompresses zstd and LZ4
    /// values (at most <see cref="JournalFile.MaxFieldBytes"/> of each kept), and remembers small fields by offset (the
    /// host name, the unit, the priority are shared by most entries) in a fixed-size table.
    /// </summary>
    internal sealed class JournalDataReader
    {
        private const int CacheableLength = 512;
        private const int MaxNames = 256;

        private readonly JournalFile _file;
        private readonly JournalWindows _windows;
        private readonly long _headerSize;
        private readonly bool _compact;
        private readonly int _itemSize;
        private readonly int _payloadOffset;
        private readonly JournalCache _cache;
        private readonly List<KeyValuePair<byte[], string>> _names = new List<KeyValuePair<byte[], string>>();
        private readonly List<JournalField> _fields = new List<JournalField>();
        private readonly long _budget;
        private long _produced;
        private ulong[] _items = new ulong[64];
        private byte[] _lastBootId = new byte[16];

        /// <summary>How many zstd-compressed values were decompressed (tests prove the files really compress).</summary>
        internal long ZstdValues { get; private set; }

        /// <summary>How many LZ4-compressed values were decompressed.</summary>
        internal long Lz4Values { get; private set; }

        /// <summary>How many XZ-compressed values were met and left unread.</summary>
        internal long XzValues { get; private set; }

        /// <summary>Starts the value budget again (each walk of the file has its own).</summary>
        internal void ResetBudget() => _produced = 0;

        public JournalDataReader(JournalFile file, JournalWindows windows, JournalCache cache, long headerSize, bool compact)
        {
            _cache = cache;
            _budget = (1L << 30) + Math.Min(windows.Length, long.MaxValue / 128) * 64;
            _file = file;
            _windows = windows;
            _headerSize = headerSize;
            _compact = compact;
            _itemSize = compact ? 4 : 16;
            _payloadOffset = compact ? 72 : 64;
        }

        /// <summary>The entry at <paramref name="offset"/>, or null with the reason it cannot be read.</summary>
        public JournalEntry? ReadEntry(ulong offset, out string? reason)
        {
            reason = null;
            if (!ValidOffset(offset, 64))
            {
                reason = "an entry offset points outside the file (" + offset + ")";
                return null;
            }
            if (!_windows.TryMap((long)offset, 64, out byte[] b, out int i) || b[i] != JournalFile.ObjectTypeEntry)
            {
                reason = "an entry offset does not lead to an entry (" + offset + ")";
                return null;
            }
            ulong size = JournalFile.Le64(b, i + 8);
            if (size < 64 + (ulong)_itemSize || size > (ulong)_windows.Length - offset || (size - 64) % (ulong)_itemSize != 0)
            {
                reason = "an entry's size is damaged or runs past the end of the file (offset " + offset + ")";
                return null;
            }
            ulong n = (size - 64) / (ulong)_itemSize;
            if (n > (ulong)JournalFile.MaxItems)
            {
                reason = "an entry lists " + n + " fields (offset " + offset + ")";
                return null;
            }
            ulong seqnum = JournalFile.Le64(b, i + 16);
            ulong realtime = JournalFile.Le64(b, i + 24);
            ulong monotonic = JournalFile.Le64(b, i + 32);
            byte[] bootId = BootId(b, i + 40);
            ulong xorHash = JournalFile.Le64(b, i + 56);
            if (seqnum == 0 || !JournalFile.ValidTimes(realtime, monotonic))
            {
                reason = "an entry has an invalid sequence number or timestamp (offset " + offset + ")";
                return null;
            }

            // The item list is copied first: reading the data objects reuses the buffers it was mapped in.
            int count = (int)n;
            if (_items.Length < count) _items = new ulong[Math.Max(count, _items.Length * 2)];
            for (int done = 0; done < count;)
            {
                int chunk = Math.Min(count - done, JournalWindows.WindowSize / _itemSize);
                if (!_windows.TryMap((long)offset + 64 + (long)done * _itemSize, chunk * _itemSize, out byte[] ib, out int ii))
                {
                    reason = "an entry's item list is cut short (offset " + offset + ")";
                    return null;
                }
                for (int k = 0; k < chunk; k++) _items[done + k] = _compact ? JournalFile.Le32(ib, ii + 4 * k) : JournalFile.Le64(ib, ii + 16 * k);
                done += chunk;
            }

            _fields.Clear();
            bool complete = true;
            long kept = 0;
            for (int k = 0; k < count; k++)
            {
                ulong dataOffset = _items[k];
                DataResult r = ReadData(dataOffset, out JournalField? field);
                if (r == DataResult.Invalid)
                {
                    reason = "an entry refers to a damaged or missing data object (offset " + dataOffset + ")";
                    return null;
                }
                if (r == DataResult.Unread)
                {
                    complete = false;
                    continue;
                }
                kept += field!.Length;
                if (kept > JournalFile.MaxEntryBytes)
                {
                    // Fields that all point at one huge value would otherwise multiply it; the rest are left out.
                    _file.AddNote("an entry keeps more than " + JournalFile.MaxEntryBytes + " bytes of fields; the rest of it is left out");
                    complete = false;
                    break;
                }
                _fields.Add(field);
            }
            return new JournalEntry(_file.Path, _file.SeqnumIdBytes, seqnum, realtime, monotonic, bootId, xorHash, _fields.ToArray(), complete);
        }

        /// <summary>The boot id at <paramref name="index"/>, the same array as the previous entry's when it is the same boot.</summary>
        private byte[] BootId(byte[] b, int index)
        {
            bool same = true;
            for (int k = 0; k < 16 && same; k++) same = _lastBootId[k] == b[index + k];
            if (same) return _lastBootId;
            var id = new byte[16];
            Buffer.BlockCopy(b, index, id, 0, 16);
            _lastBootId = id;
            return id;
        }

        private bool ValidOffset(ulong offset, int minimumSize) =>
            offset % 8 == 0 && offset >= (ulong)_headerSize && offset <= (ulong)_windows.Length && (ulong)_windows.Length - offset >= (ulong)minimumSize;

        private enum DataResult
        {
            Ok,
            Invalid,
            Unread,
        }

        private DataResult ReadData(ulong offset, out JournalField? field)
        {
            field = null;
            field = _cache.FindField(_windows.FileId, (long)offset) ?? _cache.FindLargeField(_windows.FileId, (long)offset);
            if (field != null) return DataResult.Ok;
            if (!ValidOffset(offset, _payloadOffset + 1)) return DataResult.Invalid;
            if (!_windows.TryMap((long)offset, 64, out byte[] b, out int i) || b[i] != JournalFile.ObjectTypeData) return DataResult.Invalid;
            byte flags = b[i + 1];
            ulong size = JournalFile.Le64(b, i + 8);
            ulong users = JournalFile.Le64(b, i + 56); // n_entries: how many entries use this value
            if (size <= (ulong)_payloadOffset || size > (ulong)_windows.Length - offset) return DataResult.Invalid;
            long payloadAt = (long)offset + _payloadOffset;
            long payloadLength = (long)size - _payloadOffset;
            byte compression = (byte)(flags & (JournalFile.FlagXz | JournalFile.FlagLz4 | JournalFile.FlagZstd));

            DataResult result;
            if (compression == 0 && payloadLength <= JournalCache.PageSize && _windows.TryMap(payloadAt, (int)payloadLength, out byte[] pb, out int pi))
            {
                result = Split(pb, pi, (int)payloadLength, payloadLength, out field);
            }
            else if (compression == 0) result = ReadPlain(payloadAt, payloadLength, out field);
            else if (compression == JournalFile.FlagZstd)
            {
                result = ReadZstd(payloadAt, payloadLength, out field);
                if (result == DataResult.Ok) ZstdValues++;
            }
            else if (compression == JournalFile.FlagLz4)
            {
                result = ReadLz4(payloadAt, payloadLength, out field);
                if (result == DataResult.Ok) Lz4Values++;
            }
            else if (compression == JournalFile.FlagXz)
            {
                XzValues++;
                _file.AddNote("has XZ-compressed values, which this reader does not decompress; the entries are read without them (MESSAGE included when it is one)");
                return DataResult.Unread;
            }
            else return DataResult.Invalid; // more than one compression flag

            // Only values that several entries share are kept: a unique one (most messages) would only be carried along.
            if (result == DataResult.Ok)
            {
                // Every value produced counts against a budget tied to the file's size: a crafted file could make millions
                // of entries point at one value that expands to a megabyte, costing far more than its bytes.
                _produced += field!.Length;
                if (_produced > _budget)
                {
                    _file.AddNote("yields far more value bytes than its size warrants (" + _budget + " bytes); the remaining values are not read");
                    field = null;
                    return DataResult.Unread;
                }
            }
            if (result == DataResult.Ok && users > 1 && (compression != 0 || payloadLength > CacheableLength)) _cache.KeepLargeField(_windows.FileId, (long)offset, field!);
            if (result == DataResult.Ok && compression == 0 && payloadLength <= CacheableLength && users > 1)
            {
                _cache.KeepField(_windows.FileId, (long)offset, field!);
            }
            return result;
        }

        private DataResult ReadPlain(long at, long length, out JournalField? field)
        {
            field = null;
            int want = (int)Math.Min(length, JournalFile.MaxFieldBytes + 256);
            byte[] buffer;
            int index;
            if (want <= JournalWindows.WindowSize)
            {
                if (!_windows.TryMap(at, want, out buffer, out index)) return DataResult.Invalid;
            }
            else
            {
                buffer = Scratch(want);
                index = 0;
                if (!_windows.ReadExact(at, buffer, 0, want)) return DataResult.Invalid;
            }
            return Split(buffer, index, want, length, out field);
        }

        private DataResult ReadZstd(long at, long length, out JournalField? field)
        {
            field = null;
            try
            {
                if (length <= JournalFile.MaxCompressed)
                {
                    byte[] src = Compressed((int)length);
                    if (!_windows.ReadExact(at, src, 0, (int)length)) return DataResult.Invalid;
                    var span = new ReadOnlySpan<byte>(src, 0, (int)length);
                    ulong content = Decompressor.GetDecompressedSize(span);
                    if (content > 0 && content <= (ulong)(JournalFile.MaxFieldBytes + 256))
                    {
                        byte[] dst = Scratch((int)content);
                        int n = _cache.Zstd.Unwrap(span, new Span<byte>(dst, 0, (int)content));
                        return Split(dst, 0, n, n, out field);
                    }
                }
                // A value beyond what is kept (or without a size in its frame): decompress as a stream and stop at the limit.
                using (var stream = new DecompressionStream(_windows.Slice(at, length)))
                {
                    int cap = JournalFile.MaxFieldBytes + 256;
                    byte[] dst = Scratch(cap);
                    int got = 0;
                    while (got < cap)
                    {
                        int r = stream.Read(dst, got, cap - got);
                        if (r <= 0) break;
                        got += r;
                    }
                    long full = got;
                    if (got == cap)
                    {
                        // Count the rest without keeping it, so that the field says how long it really is.
                        var sink = new byte[64 * 1024];
                        int r;
                        while ((r = stream.Read(sink, 0, sink.Length)) > 0) full += r;
                    }
                    return Split(dst, 0, got, full, out field);
                }
            }
            catch (Exception e) when (e is ZstdException || e is InvalidOperationException || e is ArgumentException || e is IOException || e is IndexOutOfRangeException)
            {
                return DataResult.Invalid;
            }
        }

        private DataResult ReadLz4(long at, long length, out JournalField? field)
        {
            field = null;
            // systemd's LZ4 values: the uncompressed size as a little-endian 64-bit number, then one LZ4 block.
            if (length < 9) return DataResult.Invalid;
            if (length > JournalFile.MaxCompressed)
            {
                _file.AddNote("has LZ4-compressed values larger than " + JournalFile.MaxCompressed + " bytes compressed, which are not read");
                return DataResult.Unread;
            }
            byte[] src = Compressed((int)length);
            if (!_windows.ReadExact(at, src, 0, (int)length)) return DataResult.Invalid;
            ulong content = JournalFile.Le64(src, 0);
            if (content == 0 || content > (ulong)length * 256) return DataResult.Invalid; // LZ4 cannot expand more than 255 times
            try
            {
                int cap = JournalFile.MaxFieldBytes + 256;
                int want = (int)Math.Min(content, (ulong)cap);
                byte[] dst = Scratch(want);
                var source = new ReadOnlySpan<byte>(src, 8, (int)length - 8);
                int n = content <= (ulong)cap
                    ? LZ4Codec.Decode(source, new Span<byte>(dst, 0, want))
                    : LZ4Codec.PartialDecode(source, new Span<byte>(dst, 0, want));
                if (n != want) return DataResult.Invalid;
                return Split(dst, 0, n, (long)content, out field);
            }
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException || e is IndexOutOfRangeException)
            {
                return DataResult.Invalid;
            }
        }

        /// <summary>Splits <c>NAME=value</c>; a payload without '=' (or with an empty name) is not a field.</summary>
        private DataResult Split(byte[] buffer, int index, int count, long fullLength, out JournalField? field)
        {
            field = null;
            int eq = Array.IndexOf(buffer, (byte)'=', index, Math.Min(count, 256 + 1));
            if (eq <= index) return DataResult.Invalid;
            int nameLength = eq - index;
            string name = Name(buffer, index, nameLength);
            int valueLength = Math.Min(count - nameLength - 1, JournalFile.MaxFieldBytes);
            var value = new byte[valueLength];
            Buffer.BlockCopy(buffer, eq + 1, value, 0, valueLength);
            field = new JournalField(name, value, fullLength - nameLength - 1);
            return DataResult.Ok;
        }

        private string Name(byte[] buffer, int index, int length)
        {
            for (int k = 0; k < _names.Count; k++)
            {
                byte[] known = _names[k].Key;
                if (known.Length != length) continue;
                int j = 0;
                while (j < length && known[j] == buffer[index + j]) j++;
                if (j == length) return _names[k].Value;
            }
            string name = System.Text.Encoding.UTF8.GetString(buffer, index, length);
            if (_names.Count < MaxNames)
            {
                var key = new byte[length];
                Buffer.BlockCopy(buffer, index, key, 0, length);
                _names.Add(new KeyValuePair<byte[], string>(key, name));
            }
            return name;
        }

        private byte[] Scratch(int size) => _cache.Scratch(size);

        private byte[] Compressed(int size) => _cache.Compressed(size);
    }
}
