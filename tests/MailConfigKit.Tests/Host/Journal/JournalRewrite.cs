using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace MailConfigKit.Tests.Host.Journal
{
    /// <summary>
    /// Test-side edits of a real journal file (written by systemd-journal-remote): walking its objects from the header
    /// on (they lie back to back, 8-byte aligned) and re-encoding DATA objects with another compression. This build of
    /// systemd-journal-remote only writes zstd, so LZ4 and XZ objects are made this way, and journalctl (built with LZ4
    /// and XZ) proves the rewrite is what systemd itself would read.
    /// </summary>
    internal static class JournalRewrite
    {
        public const int FlagXz = 1, FlagLz4 = 2;

        /// <summary>The offsets of the plain (uncompressed) DATA objects whose payload starts with <paramref name="prefix"/> and is at least <paramref name="minLength"/> bytes.</summary>
        public static List<long> PlainDataObjects(byte[] file, string prefix, int minLength)
        {
            var found = new List<long>();
            bool compact = (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12)) & 16) != 0;
            int payloadOffset = compact ? 72 : 64;
            long at = (long)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(88));
            byte[] p = System.Text.Encoding.ASCII.GetBytes(prefix);
            while (at + 16 <= file.Length)
            {
                byte type = file[at];
                ulong size = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan((int)at + 8));
                if (type == 0 || size < 16 || at + (long)size > file.Length) break;
                long payloadLength = (long)size - payloadOffset;
                if (type == 1 && file[at + 1] == 0 && payloadLength >= minLength && file.AsSpan((int)at + payloadOffset, p.Length).SequenceEqual(p)) found.Add(at);
                at += ((long)size + 7) & ~7L;
            }
            return found;
        }

        /// <summary>Replaces the payload of the plain DATA object at <paramref name="offset"/> with <paramref name="compressed"/>, flagged <paramref name="flag"/>; false when it does not fit.</summary>
        public static bool Recompress(byte[] file, long offset, Func<byte[], byte[]> compress, int flag)
        {
            bool compact = (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12)) & 16) != 0;
            int payloadOffset = compact ? 72 : 64;
            int size = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan((int)offset + 8));
            byte[] payload = file.AsSpan((int)offset + payloadOffset, size - payloadOffset).ToArray();
            byte[] compressed = compress(payload);
            if (compressed.Length >= payload.Length) return false;
            compressed.CopyTo(file, offset + payloadOffset);
            // The object shrinks; the bytes after it up to the next object stay as an unreferenced gap.
            file.AsSpan((int)offset + payloadOffset + compressed.Length, payload.Length - compressed.Length).Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan((int)offset + 8), (ulong)(payloadOffset + compressed.Length));
            file[offset + 1] = (byte)flag;
            uint incompatible = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12));
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), incompatible | (uint)(flag == FlagXz ? 1 : 2));
            return true;
        }

        /// <summary>The offsets of the ENTRY objects, in file order.</summary>
        public static List<long> EntryObjects(byte[] file)
        {
            var found = new List<long>();
            long at = (long)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(88));
            while (at + 16 <= file.Length)
            {
                byte type = file[at];
                ulong size = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan((int)at + 8));
                if (type == 0 || size < 16 || at + (long)size > file.Length) break;
                if (type == 3) found.Add(at);
                at += ((long)size + 7) & ~7L;
            }
            return found;
        }

        /// <summary>Gives the file the sequence-number source <paramref name="seqnumId"/> (16 bytes) and its entries the numbers <paramref name="seqnums"/>, in file order.</summary>
        public static void Renumber(byte[] file, byte[] seqnumId, IReadOnlyList<ulong> seqnums)
        {
            seqnumId.CopyTo(file, 72);
            var entries = EntryObjects(file);
            if (entries.Count != seqnums.Count) throw new InvalidOperationException(entries.Count + " entries, " + seqnums.Count + " numbers");
            for (int i = 0; i < entries.Count; i++) BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan((int)entries[i] + 16), seqnums[i]);
            // The header's first and last numbers (journalctl seeks by them).
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(160), seqnums[seqnums.Count - 1]);
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(168), seqnums[0]);
        }

        /// <summary>systemd's LZ4 value: the uncompressed size as a little-endian 64-bit number, then one LZ4 block.</summary>
        public static byte[] Lz4(byte[] payload)
        {
            var dst = new byte[8 + K4os.Compression.LZ4.LZ4Codec.MaximumOutputSize(payload.Length)];
            BinaryPrimitives.WriteUInt64LittleEndian(dst, (ulong)payload.Length);
            int n = K4os.Compression.LZ4.LZ4Codec.Encode(payload, 0, payload.Length, dst, 8, dst.Length - 8);
            return dst.AsSpan(0, 8 + n).ToArray();
        }
    }
}
