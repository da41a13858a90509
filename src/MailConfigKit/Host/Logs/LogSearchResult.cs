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
        private readonly List<Entry> _newest = new List<Entry>();
        private long _sequence;

        internal LogSearchResult(string recogniser, int keep)
        {
            Recogniser = recogniser;
            _keep = keep;
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
                var result = new List<LogRecord>(_newest.Count);
                foreach (Entry e in _newest) result.Add(e.Record);
                return result;
            }
        }

        /// <summary>The newest match, or null when nothing matched.</summary>
        public LogRecord? Last => _newest.Count == 0 ? null : _newest[_newest.Count - 1].Record;

        /// <summary>Counts a match; <paramref name="orderTime"/> places it among the others (its time, or the time of the record before it).</summary>
        internal void Add(LogRecord record, DateTimeOffset orderTime)
        {
            Count++;
            if (_keep <= 0) return;
            var entry = new Entry(record, orderTime, _sequence++);
            if (_newest.Count == _keep && Compare(entry, _newest[0]) < 0) return;
            int i = _newest.Count;
            while (i > 0 && Compare(entry, _newest[i - 1]) < 0) i--;
            _newest.Insert(i, entry);
            if (_newest.Count > _keep) _newest.RemoveAt(0);
        }

        private static int Compare(Entry a, Entry b)
        {
            int c = a.Time.CompareTo(b.Time);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        }

        /// <summary><c>N match(es) of NAME</c>.</summary>
        public override string ToString() => Count + " match(es) of " + Recogniser;

        private readonly struct Entry
        {
            public Entry(LogRecord record, DateTimeOffset time, long sequence)
            {
                Record = record;
                Time = time;
                Sequence = sequence;
            }

            public LogRecord Record { get; }

            public DateTimeOffset Time { get; }

            public long Sequence { get; }
        }
    }
}
