using System;
using System.Collections.Generic;

namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>
    /// Interleaves the entries of several journal files into one stream the way journalctl (systemd 252) does: at each
    /// step every file's next entry beyond the last one shown is found, and the earliest is taken, where entries of the
    /// same sequence-number source compare by sequence number, then entries of the same boot by monotonic time, then all
    /// by wall-clock time and finally by content hash. An entry identical to the last one shown, found in another file
    /// (a copy in an archive), is shown once. That order is not total when files of different sequence sources mix
    /// (numbers within one, clocks across): journalctl then passes over entries that sort behind the last one shown,
    /// and so does this merge, counting them so that the source can say so.
    /// </summary>
    internal static class JournalMerge
    {
        /// <summary>What the last merge passed over.</summary>
        internal sealed class Counts
        {
            /// <summary>Entries found behind the last one shown (files of different sequence sources interleaved).</summary>
            public long PassedOver;

            /// <summary>Entries shown already from another file (a copy).</summary>
            public long Duplicates;
        }

        public static IEnumerable<JournalEntry> Merge(IReadOnlyList<JournalFile> files, Counts counts)
        {
            var walkers = new JournalFile.EntryWalker[files.Count];
            var heads = new JournalEntry?[files.Count];
            for (int i = 0; i < files.Count; i++)
            {
                walkers[i] = files[i].CreateWalker();
                heads[i] = walkers[i].Next();
            }
            JournalEntry? last = null;
            int lastFile = -1;
            while (true)
            {
                int best = -1;
                for (int i = 0; i < heads.Length; i++)
                {
                    // A file's entries at or before the last one shown are passed over (journalctl shows each position once).
                    while (heads[i] != null && last != null)
                    {
                        int c = CompareWithLocation(heads[i]!, i, last, lastFile);
                        if (c > 0) break;
                        if (c == 0) counts.Duplicates++;
                        else counts.PassedOver++;
                        heads[i] = walkers[i].Next();
                    }
                    if (heads[i] == null) continue;
                    if (best < 0 || Compare(heads[i]!, heads[best]!) < 0) best = i;
                }
                if (best < 0) yield break;
                last = heads[best]!;
                lastFile = best;
                yield return last;
                heads[best] = walkers[best].Next();
            }
        }

        /// <summary>journalctl's order between two entries of different files.</summary>
        internal static int Compare(JournalEntry a, JournalEntry b)
        {
            if (SameId(a.SeqnumIdBytes, b.SeqnumIdBytes))
            {
                int r = a.Seqnum.CompareTo(b.Seqnum);
                if (r != 0) return r;
            }
            if (SameId(a.BootIdBytes, b.BootIdBytes))
            {
                int r = a.MonotonicMicroseconds.CompareTo(b.MonotonicMicroseconds);
                if (r != 0) return r;
            }
            int t = a.RealtimeMicroseconds.CompareTo(b.RealtimeMicroseconds);
            if (t != 0) return t;
            return a.XorHash.CompareTo(b.XorHash);
        }

        private static int CompareWithLocation(JournalEntry e, int file, JournalEntry location, int locationFile)
        {
            if (file != locationFile && SameId(e.BootIdBytes, location.BootIdBytes) && e.RealtimeMicroseconds == location.RealtimeMicroseconds
                && e.XorHash == location.XorHash && SameId(e.SeqnumIdBytes, location.SeqnumIdBytes) && e.Seqnum == location.Seqnum)
            {
                return 0;
            }
            return Compare(e, location);
        }

        private static bool SameId(byte[] a, byte[] b)
        {
            for (int i = 0; i < 16; i++)
            {
                if (a[i] != b[i]) return false;
            }
            return true;
        }
    }
}
