using System;
using MailConfigKit.IO;

namespace MailConfigKit.Host
{
    /// <summary>
    /// The examined host's time zone, for log time stamps written without an offset (exim's <c>2026-11-25 20:15:34</c>):
    /// read from the root's <c>etc/localtime</c> (a TZif file, resolved inside the root, regular file only, at most
    /// 1 MiB), else from the zone name in <c>etc/timezone</c> or the <c>etc/localtime</c> link target looked up in this
    /// machine's time zone database; else UTC, with a note that says so. The host's zone, not the zone of the machine
    /// MailConfigKit runs on: an image examined elsewhere keeps its own.
    /// </summary>
    public sealed class HostTimeZone
    {
        private const long MaxTzifBytes = 1024 * 1024;

        // UTC's offset function (the fallback): ToInstant knows its answer without asking it.
        private static readonly Func<long, int> AlwaysUtc = _ => 0;

        private readonly Func<long, int> _offsetAt;

        private HostTimeZone(string name, bool isKnown, string source, string? note, Func<long, int> offsetAt)
        {
            Name = name;
            IsKnown = isKnown;
            Source = source;
            Note = note;
            _offsetAt = offsetAt;
        }

        /// <summary>UTC, for a host whose zone is unknown.</summary>
        public static HostTimeZone Utc { get; } = new HostTimeZone("UTC", false, "fallback", "the host's time zone is unknown: local time stamps are read as UTC", AlwaysUtc);

        /// <summary>The zone's name (<c>Europe/Berlin</c>), or <c>etc/localtime</c> when only the file is known.</summary>
        public string Name { get; }

        /// <summary>Whether the zone was found on the host (false: UTC by default).</summary>
        public bool IsKnown { get; }

        /// <summary>Where it came from: <c>etc/localtime</c>, <c>etc/timezone</c> (the name), or <c>fallback</c>.</summary>
        public string Source { get; }

        /// <summary>Why the zone is UTC by default or came from a name rather than the host's file; null when all went well.</summary>
        public string? Note { get; }

        /// <summary>Reads the zone of the host under <paramref name="host"/>'s root (see the class summary). Never throws for bad files.</summary>
        public static HostTimeZone Read(MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            string? name = ZoneName(host, out string nameSource);
            string? problem = null;
            try
            {
                byte[]? bytes = host.ReadBytes("etc/localtime", MaxTzifBytes);
                if (bytes == null) problem = "etc/localtime does not exist";
                else
                {
                    TzifZone? zone = TzifZone.Parse(bytes, out string? error);
                    if (zone != null) return new HostTimeZone(name ?? "etc/localtime", true, "etc/localtime", null, zone.OffsetAt);
                    problem = "etc/localtime: " + error;
                }
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
            {
                problem = "etc/localtime cannot be read (" + ex.Message + ")";
            }
            if (name != null)
            {
                TimeZoneInfo? info = FindOnThisMachine(name);
                if (info != null)
                {
                    return new HostTimeZone(name, true, nameSource, problem + "; the zone named in " + nameSource + " is taken from this machine's time zone database",
                        s => (int)info.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(s)).TotalSeconds);
                }
                problem += "; " + nameSource + " names " + name + ", which this machine does not know";
            }
            return new HostTimeZone("UTC", false, "fallback", problem + ": local time stamps are read as UTC", AlwaysUtc);
        }

        /// <summary>A zone from the bytes of a TZif file (for tests and tools); UTC with a note when they are not one.</summary>
        public static HostTimeZone FromTzif(byte[] data, string name)
        {
            TzifZone? zone = TzifZone.Parse(data, out string? error);
            return zone == null
                ? new HostTimeZone("UTC", false, "fallback", name + ": " + error + ": local time stamps are read as UTC", AlwaysUtc)
                : new HostTimeZone(name, true, "etc/localtime", null, zone.OffsetAt);
        }

        /// <summary>The zone's offset from UTC at <paramref name="instant"/>.</summary>
        public TimeSpan GetUtcOffset(DateTimeOffset instant) => TimeSpan.FromSeconds(_offsetAt(instant.ToUnixTimeSeconds()));

        /// <summary>
        /// The instant a wall-clock time in this zone stands for (the <see cref="DateTime.Kind"/> is ignored). Null when
        /// the clock never showed it (the hour skipped when daylight saving time starts). When it showed it twice (the
        /// hour repeated when it ends) the earlier instant: a stamp in that hour cannot say which it was. The result
        /// carries the zone's offset, or UTC when that offset has seconds (local mean time before 1900 or so).
        /// </summary>
        public DateTimeOffset? ToInstant(DateTime localTime)
        {
            // What the general case below gives for offset 0 everywhere (a search reads every line's stamp through here).
            if (ReferenceEquals(_offsetAt, AlwaysUtc)) return new DateTimeOffset(localTime.Ticks, TimeSpan.Zero);
            long ticks = localTime.Ticks % TimeSpan.TicksPerSecond;
            long local = (long)(new DateTime(localTime.Ticks - ticks, DateTimeKind.Utc) - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;
            // The offsets a day either side are the candidates (zones do not change twice within two days).
            int before = _offsetAt(local - 86400);
            int after = _offsetAt(local + 86400);
            long? best = null;
            int bestOffset = 0;
            // The candidates without an array per call: before, then after when it differs.
            for (int candidate = 0; candidate < (before == after ? 1 : 2); candidate++)
            {
                int offset = candidate == 0 ? before : after;
                long utc = local - offset;
                if (_offsetAt(utc) != offset) continue;
                if (best == null || utc < best.Value)
                {
                    best = utc;
                    bestOffset = offset;
                }
            }
            if (best == null) return null;
            try
            {
                DateTimeOffset utc = new DateTimeOffset(localTime.Ticks, TimeSpan.Zero).AddSeconds(-bestOffset);
                // DateTimeOffset holds whole minutes only: a local mean time offset (+00:53:28) stays in UTC, the same instant.
                return bestOffset % 60 == 0 ? utc.ToOffset(TimeSpan.FromSeconds(bestOffset)) : utc;
            }
            catch (ArgumentOutOfRangeException)
            {
                return null; // Within a day of year 1 or 9999.
            }
        }

        /// <summary>The name, where it came from and any note.</summary>
        public override string ToString() => Name + " (" + Source + ")" + (Note == null ? string.Empty : ": " + Note);

        // etc/timezone's first line, else the part after "zoneinfo/" of etc/localtime's link target.
        private static string? ZoneName(MailHost host, out string source)
        {
            source = "etc/timezone";
            try
            {
                string? text = host.ReadText("etc/timezone", 4096);
                string? first = text?.Split('\n')[0].Trim();
                if (!string.IsNullOrEmpty(first) && IsZoneName(first!)) return first;
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
            {
            }
            source = "the etc/localtime link";
            try
            {
                if (!UnixNative.IsUnix) return null;
                string? target = UnixNative.ReadLink(System.IO.Path.Combine(host.GetPath("etc"), "localtime"));
                int at = target?.LastIndexOf("zoneinfo/", StringComparison.Ordinal) ?? -1;
                if (at >= 0)
                {
                    string name = target!.Substring(at + "zoneinfo/".Length);
                    if (IsZoneName(name)) return name;
                }
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
            {
            }
            return null;
        }

        // Area/Location names as tzdata spells them: letters, digits, '_', '-', '+', '/', no "..".
        private static bool IsZoneName(string name)
        {
            if (name.Length == 0 || name.Length > 64 || name.StartsWith("/", StringComparison.Ordinal) || name.Contains("..")) return false;
            foreach (char c in name)
            {
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' || c == '/')) return false;
            }
            return true;
        }

        private static TimeZoneInfo? FindOnThisMachine(string name)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(name);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException || ex is InvalidTimeZoneException || ex is System.Security.SecurityException || ex is ArgumentException)
            {
                return null;
            }
        }
    }
}
