using System;
using System.Collections.Generic;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// What a search of the logs found: how many records matched in all, and the newest few of them (bounded, however
    /// many matched), oldest of those first.
    /// </summary>
    public sealed class LogSearchResult
    {
        private readonly int _keep;
        // The newest matches, oldest first, in a ring: a new newest match (the usual case, a log is read in time order)
        // replaces the oldest without moving the others.
        private readonly Entry[] _ring;
        private int _head;
        private int _count;
        private long _sequence;

        internal LogSearchResult(string recogniser, int keep)
        {
            Recogniser = recogniser;
            _keep = keep;
            _ring = new Entry[Math.Max(0, keep)];
        }

        /// <summary>The name of the recogniser searched for.</summary>
        public string Recogniser { get; }

        /// <summary>How many records matched in all.</summary>
        public long Count { get; private set; }

        /// <summary>The newest matches (by time; in reading order for equal or unknown times), oldest of them first.</summary>
        public IReadOnlyList<LogRecord> Newest
        {
            get
            {
                var result = new List<LogRecord>(_count);
                for (int i = 0; i < _count; i++) result.Add(RecordAt(i));
                return result;
            }
        }

        /// <summary>The newest match, or null when nothing matched.</summary>
        public LogRecord? Last => _count == 0 ? null : RecordAt(_count - 1);

        // A line kept by a file search becomes its record when first asked for (once).
        private LogRecord RecordAt(int i)
        {
            Entry e = _ring[Slot(i)];
            if (e.Record != null) return e.Record;
            LogRecord record = e.Line.ToRecord();
            _ring[Slot(i)] = new Entry(record, default, e.Time, e.Sequence);
            return record;
        }

        /// <summary>Counts a match; <paramref name="orderTime"/> places it among the others (its time, or the time of the record before it).</summary>
        internal void Add(LogRecord record, DateTimeOffset orderTime)
        {
            Count++;
            if (_keep <= 0) return;
            Keep(new Entry(record, default, orderTime, _sequence++));
        }

        /// <summary>Counts a matching line of a file log; it becomes a record only if it is among the newest kept.</summary>
        internal void Add(FileLogSource.Line line, DateTimeOffset orderTime)
        {
            Count++;
            if (_keep <= 0) return;
            Keep(new Entry(null, line, orderTime, _sequence++));
        }

        /// <summary>
        /// Counts a matching line of a file log held in <paramref name="chars"/> (the caller's buffer, reused for the next
        /// line): it is copied only if it is among the newest kept, into the buffer of the line it pushes out when that is
        /// large enough, so a log of nothing but matches allocates almost nothing.
        /// </summary>
        internal void Add(string file, char[] chars, int count, long number, bool truncated, long byteLength, SyslogHeader.Parts parts, DateTimeOffset orderTime)
        {
            Count++;
            if (_keep <= 0) return;
            long sequence = _sequence++;
            // Older than the oldest kept (Compare: a later sequence never sorts first): counted only.
            if (_count == _keep && orderTime < _ring[_head].Time) return;
            char[] copy;
            if (_spare != null && _spare.Length >= count)
            {
                copy = _spare;
                _spare = null;
            }
            else copy = new char[(count + 63) & ~63];
            Array.Copy(chars, 0, copy, 0, count);
            Keep(new Entry(null, new FileLogSource.Line(file, copy, count, number, truncated, byteLength, parts), orderTime, sequence));
        }

        // The buffer of the last line pushed out of the ring (nothing else refers to it), for the next copy.
        private char[]? _spare;

        private void Keep(in Entry entry)
        {
            if (_count == _keep && Compare(entry, _ring[_head]) < 0) return;
            // The oldest goes (below) when the ring is full; its buffer, if it has one, serves the next line.
            if (_count == _keep && _ring[_head].Record == null && _ring[_head].Line.Chars != null) _spare = _ring[_head].Line.Chars;
            int i = _count;
            while (i > 0 && Compare(entry, _ring[Slot(i - 1)]) < 0) i--;
            if (_count < _keep)
            {
                // Filling up (the ring starts at 0): make room at i.
                for (int j = _count; j > i; j--) _ring[j] = _ring[j - 1];
                _ring[i] = entry;
                _count++;
                return;
            }
            if (i == _count)
            {
                // The newest of all: it takes the oldest's place, which becomes the end of the ring.
                _ring[_head] = entry;
                _head = (_head + 1) % _keep;
                return;
            }
            // Between older ones: the oldest goes, the ones before i move down one place.
            for (int j = 1; j < i; j++) _ring[Slot(j - 1)] = _ring[Slot(j)];
            _ring[Slot(i - 1)] = entry;
        }

        private int Slot(int i) => (_head + i) % _keep;

        private static int Compare(in Entry a, in Entry b)
        {
            int c = a.Time.CompareTo(b.Time);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        }

        /// <summary><c>N match(es) of NAME</c>.</summary>
        public override string ToString() => Count + " match(es) of " + Recogniser;

        private readonly struct Entry
        {
            public Entry(LogRecord? record, FileLogSource.Line line, DateTimeOffset time, long sequence)
            {
                Record = record;
                Line = line;
                Time = time;
                Sequence = sequence;
            }

            public LogRecord? Record { get; }

            public FileLogSource.Line Line { get; }

            public DateTimeOffset Time { get; }

            public long Sequence { get; }
        }
    }
}
