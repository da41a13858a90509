using System;
using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Postfix;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// The logs of a host, as one query over their sources (<see cref="ILogSource"/>): found by
    /// <see cref="Discover(MailHost, MainCf)"/>, read in time order from a "since" bound, newest first up to a count, or
    /// searched for a <see cref="LogRecogniser"/> as a count plus the newest few matches. Everything streams: a gigabyte
    /// of log is never held, only the records asked for.
    /// </summary>
    public sealed class MailLogs
    {
        /// <summary>
        /// THE REGISTRATION POINT of log source kinds: one line per kind, in this order. The systemd journal comes after
        /// the text mail logs (it is read only where there are none) and before the syslog fallback, which stays last: it
        /// reads <c>syslog</c>/<c>messages</c> only when nothing before it found a mail log or a journal.
        /// </summary>
        private static readonly ILogSourceKind[] Kinds =
        {
            new DebianMailLogSources(),
            new RhelMaillogSources(),
            new PostfixMaillogFileSources(),
            new EximLogSources(),
            new JournalLogSources(),
            new SyslogFallbackSources(),
        };

        private readonly List<ILogSource> _sources;
        private readonly List<string> _notes;
        private readonly List<HostFileStatus> _unreadable;

        /// <summary>A query over <paramref name="sources"/> (for sources of a caller's own; hosts use <see cref="Discover(MailHost, MainCf)"/>).</summary>
        public MailLogs(IEnumerable<ILogSource> sources)
            : this(new List<ILogSource>(sources ?? throw new ArgumentNullException(nameof(sources))), new List<string>(), new List<HostFileStatus>())
        {
        }

        private MailLogs(List<ILogSource> sources, List<string> notes, List<HostFileStatus> unreadable)
        {
            _sources = sources;
            _notes = notes;
            _unreadable = unreadable;
        }

        /// <summary>The log sources of <paramref name="host"/>, with main.cf read from it for <c>maillog_file</c> (unreadable: not used).</summary>
        public static MailLogs Discover(MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            MainCf? mainCf = null;
            try
            {
                mainCf = host.LoadMainCf();
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
                // Reported by whoever reads main.cf for what it is; here it only names maillog_file.
            }
            return Discover(host, mainCf);
        }

        /// <summary>
        /// The log sources of <paramref name="host"/>: Debian's <c>mail.log</c>, RHEL's <c>maillog</c>, the
        /// <c>maillog_file</c> that <paramref name="mainCf"/> names, exim's <c>mainlog</c>/<c>paniclog</c>/<c>rejectlog</c>,
        /// and <c>syslog</c>/<c>messages</c> when there is no mail log; each with its rotations. Never throws for what is on disk.
        /// </summary>
        public static MailLogs Discover(MailHost host, MainCf? mainCf)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            var discovery = new LogDiscovery(host, mainCf);
            foreach (ILogSourceKind kind in Kinds) kind.Discover(discovery);
            return new MailLogs(discovery.Sources, discovery.Notes, discovery.Unreadable);
        }

        /// <summary>The sources, in discovery order.</summary>
        public IReadOnlyList<ILogSource> Sources => _sources.ToArray();

        /// <summary>What could not be read so far: discovery's notes and every source's.</summary>
        public IReadOnlyList<string> Notes
        {
            get
            {
                var all = new List<string>(_notes);
                foreach (ILogSource s in _sources) all.AddRange(s.Notes);
                return all.Distinct(StringComparer.Ordinal).ToList();
            }
        }

        /// <summary>The files that are there but could not be read so far (a FIFO in place of a log, a link out of the root), each once.</summary>
        public IReadOnlyList<HostFileStatus> Unreadable
        {
            get
            {
                var all = new List<HostFileStatus>(_unreadable);
                foreach (FileLogSource s in _sources.OfType<FileLogSource>()) all.AddRange(s.Unreadable);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                return all.FindAll(u => seen.Add(u.RelativePath));
            }
        }

        /// <summary>What kind of log <paramref name="source"/> is: a <see cref="FileLogSource.Family"/>, else <see cref="LogFamilies.Journal"/>.</summary>
        public static string FamilyOf(ILogSource source) => source is FileLogSource f ? f.Family : LogFamilies.Journal;

        /// <summary>The query over the sources of the families named (<see cref="LogFamilies"/>).</summary>
        public MailLogs OfFamilies(params string[] families)
        {
            var wanted = new HashSet<string>(families ?? throw new ArgumentNullException(nameof(families)), StringComparer.Ordinal);
            return Where(s => wanted.Contains(FamilyOf(s)));
        }

        /// <summary>The query over the sources other than exim's own logs (the logs syslog or the journal keep).</summary>
        public MailLogs WithoutExim() => Where(s => !LogFamilies.IsExim(FamilyOf(s)));

        internal MailLogs Where(Func<ILogSource, bool> predicate) => new MailLogs(_sources.Where(predicate).ToList(), _notes, _unreadable);

        /// <summary>Every record, in time order (sources merged; a record without a time stays after the one before it in its source).</summary>
        public IEnumerable<LogRecord> Records() => Merge(null);

        /// <summary>The records from <paramref name="since"/> on, in time order.</summary>
        public IEnumerable<LogRecord> Records(DateTimeOffset since) => Merge(since);

        /// <summary>The newest <paramref name="count"/> records, newest first (the logs are streamed; only these are kept).</summary>
        public IReadOnlyList<LogRecord> Newest(int count) => Newest(count, null);

        /// <summary>The newest <paramref name="count"/> records from <paramref name="since"/> on, newest first.</summary>
        public IReadOnlyList<LogRecord> Newest(int count, DateTimeOffset since) => Newest(count, (DateTimeOffset?)since);

        private IReadOnlyList<LogRecord> Newest(int count, DateTimeOffset? since)
        {
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
            var ring = new Queue<LogRecord>();
            if (count == 0) return ring.ToArray();
            foreach (LogRecord r in Merge(since))
            {
                ring.Enqueue(r);
                if (ring.Count > count) ring.Dequeue();
            }
            LogRecord[] result = ring.ToArray();
            Array.Reverse(result);
            return result;
        }

        /// <summary>How many records <paramref name="recogniser"/> matches in all sources, and the newest <paramref name="keep"/>.</summary>
        public LogSearchResult Search(LogRecogniser recogniser, int keep) => Search(recogniser, keep, null);

        /// <summary>As <see cref="Search(LogRecogniser, int)"/>, counting only records from <paramref name="since"/> on.</summary>
        public LogSearchResult Search(LogRecogniser recogniser, int keep, DateTimeOffset since) => Search(recogniser, keep, (DateTimeOffset?)since);

        private LogSearchResult Search(LogRecogniser recogniser, int keep, DateTimeOffset? since)
        {
            if (recogniser == null) throw new ArgumentNullException(nameof(recogniser));
            var result = new LogSearchResult(recogniser.Name, keep);
            IReadOnlyList<string> keywords = recogniser.Keywords;
            foreach (ILogSource source in _sources)
            {
                if (source is FileLogSource file)
                {
                    file.Search(recogniser, result, since);
                    continue;
                }
                DateTimeOffset order = DateTimeOffset.MinValue;
                foreach (LogRecord r in Bounded(source.Read(), since))
                {
                    if (r.Time.HasValue) order = r.Time.Value;
                    if (recogniser.Matches(r)) result.Add(r, order);
                }
            }
            return result;
        }

        private static IEnumerable<LogRecord> Bounded(IEnumerable<LogRecord> records, DateTimeOffset? since)
        {
            foreach (LogRecord r in records)
            {
                if (since.HasValue && r.Time.HasValue && r.Time.Value < since.Value) continue;
                yield return r;
            }
        }

        private IEnumerable<LogRecord> Merge(DateTimeOffset? since)
        {
            var streams = new List<IEnumerator<LogRecord>>();
            var times = new List<DateTimeOffset>();
            try
            {
                foreach (ILogSource source in _sources)
                {
                    IEnumerator<LogRecord> e = (source is FileLogSource file ? file.Scan(null, since) : Bounded(source.Read(), since)).GetEnumerator();
                    if (e.MoveNext())
                    {
                        streams.Add(e);
                        times.Add(e.Current.Time ?? DateTimeOffset.MinValue);
                    }
                    else e.Dispose();
                }
                while (streams.Count > 0)
                {
                    // A handful of sources: a linear pick of the earliest is cheaper than a heap.
                    int pick = 0;
                    for (int i = 1; i < streams.Count; i++)
                    {
                        if (times[i] < times[pick]) pick = i;
                    }
                    IEnumerator<LogRecord> e = streams[pick];
                    yield return e.Current;
                    if (e.MoveNext())
                    {
                        // A record without a time keeps the place of the record before it.
                        if (e.Current.Time.HasValue) times[pick] = e.Current.Time.Value;
                    }
                    else
                    {
                        e.Dispose();
                        streams.RemoveAt(pick);
                        times.RemoveAt(pick);
                    }
                }
            }
            finally
            {
                foreach (IEnumerator<LogRecord> e in streams) e.Dispose();
            }
        }

        /// <summary>The sources' descriptions.</summary>
        public override string ToString() => _sources.Count == 0 ? "no logs" : string.Join(", ", _sources.Select(s => s.Description));
    }
}
