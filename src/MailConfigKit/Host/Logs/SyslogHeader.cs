using System;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Splits a text log line into the parts of a <see cref="LogRecord"/>: the time stamp, host, identifier, process id and
    /// message. The forms real hosts write:
    /// <list type="bullet">
    /// <item>classic syslog, <c>Nov 25 20:15:34 host prog[pid]: msg</c> (rsyslog's traditional format, older Debian,
    /// RHEL; Postfix's own <c>maillog_file</c> may add microseconds, <c>Nov 25 20:15:34.123456</c>): no year, so the year
    /// is the one that puts the line no later than the file's modification time (a line dated after it was written the
    /// year before: a December line in a file last written in January);</item>
    /// <item>RFC 3339 (rsyslog's <c>RSYSLOG_FileFormat</c>, Debian 12's default),
    /// <c>2026-11-25T20:15:34.903649+00:00 host postfix/smtp[15728]: msg</c>;</item>
    /// <item>exim's own logs, <c>2026-11-25 20:15:34 msg</c>, with <c>log_selector</c> options <c>+pid</c>
    /// (<c>[1234] </c>), <c>+millisec</c> (<c>.123</c>) and a time zone (<c>+0100</c>).</item>
    /// </list>
    /// A time without an offset is the host's local time, which a log does not say: an exim stamp is read in the zone
    /// given (the examined host's, <see cref="HostTimeZone"/>; UTC when none is given or the host's is unknown); a
    /// classic syslog stamp (rsyslog's traditional format, local time) likewise. Anything else is a record without a header: the whole line is its message. Never throws.
    /// </summary>
    internal static class SyslogHeader
    {
        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        // Time zones make a classic stamp (local time, read as UTC) up to 14 hours later than the file's UTC mtime, and
        // a line may be written a moment after the stat: a day of slack before a line counts as "after the mtime".
        private static readonly TimeSpan YearSlack = TimeSpan.FromDays(1);

        /// <summary>The parts of <paramref name="line"/>; <paramref name="fileTimeUtc"/> dates classic stamps (null: the current year).</summary>
        public static LogRecord ToRecord(string line, DateTime? fileTimeUtc, LogOrigin origin) => ToRecord(line, fileTimeUtc, origin, line, false, 0);

        /// <summary>As <see cref="ToRecord(string, DateTime?, LogOrigin)"/>, keeping the raw line and whether it was cut short.</summary>
        public static LogRecord ToRecord(string line, DateTime? fileTimeUtc, LogOrigin origin, string rawText, bool truncated, long byteLength) =>
            ToRecord(line, fileTimeUtc, origin, rawText, truncated, byteLength, HostTimeZone.Utc);

        /// <summary>As above, reading exim stamps without an offset in <paramref name="zone"/> (the host's).</summary>
        public static LogRecord ToRecord(string line, DateTime? fileTimeUtc, LogOrigin origin, string rawText, bool truncated, long byteLength, HostTimeZone zone) =>
            ToRecord(line, Parse(line, fileTimeUtc, zone), origin, rawText, truncated, byteLength);

        /// <summary>The record of <paramref name="line"/> from its parts (<see cref="Parse(string, DateTime?, HostTimeZone)"/>).</summary>
        public static LogRecord ToRecord(string line, Parts p, LogOrigin origin, string rawText, bool truncated, long byteLength)
        {
            if (p.MessageStart < 0) return new LogRecord(null, null, null, null, line, origin, rawText, truncated, byteLength);
            string? host = p.HostStart < 0 ? null : line.Substring(p.HostStart, p.HostEnd - p.HostStart);
            string? identifier = p.IdentifierStart < 0 ? null : line.Substring(p.IdentifierStart, p.IdentifierEnd - p.IdentifierStart);
            return Make(p.Time, host, identifier, p.ProcessId, line, p.MessageStart, origin, rawText, truncated, byteLength);
        }

        /// <summary>
        /// Where the parts of a line are (MessageStart -1 for a line without a header: the whole line is the message), found
        /// without making anything: a search tests the message first and makes records only of the matches it keeps.
        /// </summary>
        internal struct Parts
        {
            public DateTimeOffset? Time;
            public int HostStart, HostEnd, IdentifierStart, IdentifierEnd, MessageStart;
            public int? ProcessId;
        }

        /// <summary>The parts of <paramref name="line"/>; <paramref name="fileTimeUtc"/> dates classic stamps (null: the current year).</summary>
        public static Parts Parse(string line, DateTime? fileTimeUtc) => Parse(line, fileTimeUtc, HostTimeZone.Utc);

        /// <summary>As above, reading exim stamps without an offset in <paramref name="zone"/> (the host's).</summary>
        public static Parts Parse(string line, DateTime? fileTimeUtc, HostTimeZone zone) => Parse(line.AsSpan(), fileTimeUtc, zone);

        /// <summary>As above, for a line held in a buffer (a search parses every line it reads without making a string of it).</summary>
        public static Parts Parse(ReadOnlySpan<char> line, DateTime? fileTimeUtc, HostTimeZone zone)
        {
            var parts = new Parts { HostStart = -1, IdentifierStart = -1, MessageStart = -1 };
            DateTimeOffset? time;
            int pos;
            bool syslog;
            if (TryRfc3339(line, out time, out pos)) syslog = true;
            else if (TryClassic(line, fileTimeUtc, zone, out time, out pos)) syslog = true;
            else if (TryEximSpan(line, zone, out time, out pos))
            {
                int? eximPid = null;
                if (pos < line.Length && line[pos] == '[')
                {
                    int close = IndexOf(line, ']', pos);
                    if (close > pos + 1 && TryInt(line, pos + 1, close, out int p) && close + 1 < line.Length && line[close + 1] == ' ')
                    {
                        eximPid = p;
                        pos = close + 2;
                    }
                }
                parts.Time = time;
                parts.ProcessId = eximPid;
                parts.MessageStart = pos;
                return parts;
            }
            else return parts;

            parts.Time = time;
            // host, then "tag[pid]: " or "tag: "; the message is the rest.
            int hostEnd = IndexOf(line, ' ', pos);
            if (!syslog || hostEnd <= pos)
            {
                parts.MessageStart = Math.Min(pos, line.Length);
                return parts;
            }
            parts.HostStart = pos;
            parts.HostEnd = hostEnd;
            int tagStart = hostEnd + 1;
            int messageStart = tagStart;
            int i = tagStart;
            // A tag has no spaces; syslog caps it at 32 characters, journald-forwarded ones may be longer (cap 256).
            while (i < line.Length && i - tagStart < 256 && line[i] != ' ' && line[i] != '[' && line[i] != ':') i++;
            if (i > tagStart && i < line.Length)
            {
                if (line[i] == ':' && i + 1 < line.Length && line[i + 1] == ' ')
                {
                    parts.IdentifierStart = tagStart;
                    parts.IdentifierEnd = i;
                    messageStart = i + 2;
                }
                else if (line[i] == '[')
                {
                    int close = IndexOf(line, ']', i);
                    if (close > i + 1 && close + 1 < line.Length && line[close + 1] == ':'
                        && TryInt(line, i + 1, close, out int p))
                    {
                        parts.IdentifierStart = tagStart;
                        parts.IdentifierEnd = i;
                        parts.ProcessId = p;
                        messageStart = close + 2 < line.Length && line[close + 2] == ' ' ? close + 3 : close + 2;
                    }
                }
            }
            parts.MessageStart = Math.Min(messageStart, line.Length);
            return parts;
        }

        // The message stays an offset into the line until someone asks for it (a search of a log of nothing but matches
        // reads it through the offset and never copies it).
        private static LogRecord Make(DateTimeOffset? time, string? host, string? identifier, int? pid, string line, int messageStart, LogOrigin origin, string rawText, bool truncated, long byteLength) =>
            ReferenceEquals(line, rawText)
                ? new LogRecord(time, host, identifier, pid, rawText, messageStart, origin, truncated, byteLength)
                : new LogRecord(time, host, identifier, pid, line.Substring(messageStart), origin, rawText, truncated, byteLength);

        /// <summary>The time stamp at the start of <paramref name="line"/>, in any of the forms above; null when there is none.</summary>
        public static DateTimeOffset? TimeOf(string line, DateTime? fileTimeUtc)
        {
            if (TryRfc3339(line, out DateTimeOffset? t, out _)) return t;
            if (TryClassic(line, fileTimeUtc, HostTimeZone.Utc, out t, out _)) return t;
            if (TryExim(line, HostTimeZone.Utc, out t, out _)) return t;
            return null;
        }

        /// <summary><c>YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM) </c>.</summary>
        internal static bool TryRfc3339(string s, out DateTimeOffset? time, out int next) => TryRfc3339(s.AsSpan(), out time, out next);

        private static bool TryRfc3339(ReadOnlySpan<char> s, out DateTimeOffset? time, out int next)
        {
            time = null;
            next = 0;
            if (s.Length < 20 || s[10] != 'T') return false;
            if (!TryDate(s, out int year, out int month, out int day) || !TryClock(s, 11, out int hour, out int minute, out int second)) return false;
            int i = 19;
            long ticks = Fraction(s, ref i);
            TimeSpan offset;
            if (i < s.Length && (s[i] == 'Z' || s[i] == 'z'))
            {
                offset = TimeSpan.Zero;
                i++;
            }
            else if (i + 6 <= s.Length && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':' && TryInt(s, i + 1, i + 3, out int oh) && TryInt(s, i + 4, i + 6, out int om) && oh < 24 && om < 60)
            {
                offset = new TimeSpan(oh, om, 0);
                if (s[i] == '-') offset = offset.Negate();
                i += 6;
            }
            else return false;
            if (i >= s.Length || s[i] != ' ') return false;
            if (!TryMake(year, month, day, hour, minute, second, ticks, offset, out DateTimeOffset value)) return false;
            time = value;
            next = i + 1;
            return true;
        }

        /// <summary><c>Mmm dd HH:MM:SS[.frac] </c> (day space-padded or not).</summary>
        // A wall-clock time read in the host's zone (UTC needs no work); false for a time the zone's clock skipped.
        private static bool InZone(ref DateTimeOffset value, HostTimeZone zone)
        {
            if (ReferenceEquals(zone, HostTimeZone.Utc) || zone == null) return true;
            DateTimeOffset? placed = zone.ToInstant(value.DateTime);
            if (placed == null) return false;
            value = placed.Value;
            return true;
        }

        internal static bool TryClassic(string s, DateTime? fileTimeUtc, HostTimeZone zone, out DateTimeOffset? time, out int next) =>
            TryClassic(s.AsSpan(), fileTimeUtc, zone, out time, out next);

        private static bool TryClassic(ReadOnlySpan<char> s, DateTime? fileTimeUtc, HostTimeZone zone, out DateTimeOffset? time, out int next)
        {
            time = null;
            next = 0;
            if (s.Length < 16 || s[3] != ' ') return false;
            int month = 0;
            for (int m = 0; m < Months.Length && month == 0; m++)
            {
                string name = Months[m];
                if (s[0] == name[0] && s[1] == name[1] && s[2] == name[2]) month = m + 1;
            }
            if (month == 0) return false;
            int day;
            int i;
            if (s[4] == ' ' && IsDigit(s[5]) && s[6] == ' ') { day = s[5] - '0'; i = 7; }
            else if (IsDigit(s[4]) && IsDigit(s[5]) && s[6] == ' ') { day = (s[4] - '0') * 10 + (s[5] - '0'); i = 7; }
            else if (IsDigit(s[4]) && s[5] == ' ') { day = s[4] - '0'; i = 6; }
            else return false;
            if (!TryClock(s, i, out int hour, out int minute, out int second)) return false;
            i += 8;
            long ticks = Fraction(s, ref i);
            if (i >= s.Length || s[i] != ' ') return false;
            DateTime reference = fileTimeUtc ?? DateTime.UtcNow;
            bool made = false;
            DateTimeOffset value = default;
            // The latest year that puts the line no later than the file was written; Feb 29 skips years without one.
            for (int year = reference.Year; year > reference.Year - 5 && !made; year--)
            {
                made = TryMake(year, month, day, hour, minute, second, ticks, TimeSpan.Zero, out value) && InZone(ref value, zone) && value.UtcDateTime <= reference + YearSlack;
            }
            if (!made) return false;
            time = value;
            next = i + 1;
            return true;
        }

        /// <summary>
        /// exim's stamp, the one parser for it (<see cref="EximLogTime"/> calls it): <c>YYYY-MM-DD HH:MM:SS</c>, a fraction
        /// (<c>+subsecond</c>/<c>+millisec</c>), then <c> +HHMM</c> (<c>log_timezone = true</c>) or nothing, then a space or
        /// the end of the line. Without an offset the wall-clock time is read in <paramref name="zone"/>; a time the zone's
        /// clock skipped (the hour lost when daylight saving time starts) is no stamp, one it showed twice is its earlier
        /// instant (<see cref="HostTimeZone.ToInstant"/>). <paramref name="next"/>: where the rest of the line starts.
        /// </summary>
        internal static bool TryExim(string s, HostTimeZone zone, out DateTimeOffset? time, out int next)
        {
            time = null;
            next = 0;
            return s != null && TryEximSpan(s.AsSpan(), zone, out time, out next);
        }

        private static bool TryEximSpan(ReadOnlySpan<char> s, HostTimeZone zone, out DateTimeOffset? time, out int next)
        {
            time = null;
            next = 0;
            if (s.Length < 19 || s[10] != ' ') return false;
            if (!TryDate(s, out int year, out int month, out int day) || !TryClock(s, 11, out int hour, out int minute, out int second)) return false;
            int i = 19;
            long ticks = Fraction(s, ref i);
            if (i < s.Length && s[i] != ' ') return false;
            TimeSpan? offset = null;
            if (i + 6 <= s.Length && (s[i + 1] == '+' || s[i + 1] == '-') && (i + 6 == s.Length || s[i + 6] == ' ') && TryInt(s, i + 2, i + 4, out int oh) && TryInt(s, i + 4, i + 6, out int om) && oh < 24 && om < 60)
            {
                offset = new TimeSpan(oh, om, 0);
                if (s[i + 1] == '-') offset = offset.Value.Negate();
                i += 6;
            }
            if (!TryMake(year, month, day, hour, minute, second, ticks, offset ?? TimeSpan.Zero, out DateTimeOffset value)) return false;
            if (offset == null)
            {
                DateTimeOffset? placed = (zone ?? HostTimeZone.Utc).ToInstant(value.DateTime);
                if (placed == null) return false;
                value = placed.Value;
            }
            time = value;
            next = Math.Min(i + 1, s.Length);
            return true;
        }

        private static bool TryDate(ReadOnlySpan<char> s, out int year, out int month, out int day)
        {
            month = day = 0;
            return TryInt(s, 0, 4, out year) && s[4] == '-' && TryInt(s, 5, 7, out month) && s[7] == '-' && TryInt(s, 8, 10, out day);
        }

        private static bool TryClock(ReadOnlySpan<char> s, int i, out int hour, out int minute, out int second)
        {
            hour = minute = second = 0;
            return i + 8 <= s.Length && TryInt(s, i, i + 2, out hour) && s[i + 2] == ':' && TryInt(s, i + 3, i + 5, out minute) && s[i + 5] == ':' && TryInt(s, i + 6, i + 8, out second);
        }

        /// <summary>A <c>.digits</c> fraction at <paramref name="i"/> as ticks (digits past the seventh are read and dropped).</summary>
        private static long Fraction(ReadOnlySpan<char> s, ref int i)
        {
            if (i >= s.Length || s[i] != '.' || i + 1 >= s.Length || !IsDigit(s[i + 1])) return 0;
            i++;
            long ticks = 0;
            int digits = 0;
            while (i < s.Length && IsDigit(s[i]))
            {
                if (digits < 7)
                {
                    ticks = ticks * 10 + (s[i] - '0');
                    digits++;
                }
                i++;
            }
            for (; digits < 7; digits++) ticks *= 10;
            return ticks;
        }

        private static bool TryMake(int year, int month, int day, int hour, int minute, int second, long ticks, TimeSpan offset, out DateTimeOffset value)
        {
            value = default;
            // 60 is a leap second; it is read as the last moment of the minute rather than refused.
            if (second == 60) second = 59;
            if (year < 1 || year > 9998 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
            if (day > DateTime.DaysInMonth(year, month)) return false;
            // One construction (the seven-part one and AddTicks each validate the whole value again): every line pays it.
            value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).Ticks + ticks, offset);
            return true;
        }

        // string.IndexOf(char, int) on a span.
        private static int IndexOf(ReadOnlySpan<char> s, char c, int from)
        {
            int found = s.Slice(from).IndexOf(c);
            return found < 0 ? -1 : found + from;
        }

        // ASCII digits only (char.IsDigit accepts Arabic-Indic digits: issue 11, defect 4).
        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool TryInt(ReadOnlySpan<char> s, int start, int end, out int value)
        {
            value = 0;
            if (start >= end || end > s.Length || end - start > 9) return false;
            for (int i = start; i < end; i++)
            {
                if (!IsDigit(s[i])) return false;
                value = value * 10 + (s[i] - '0');
            }
            return true;
        }
    }
}
