using System;
using System.Collections.Generic;

namespace MailConfigKit.Host
{
    /// <summary>
    /// A time zone read from a TZif file (RFC 8536, what <c>/etc/localtime</c> is): the transitions of the version 2+
    /// 64-bit block (the 32-bit block of a version 1 file), and the footer's POSIX TZ rule for instants after the last
    /// transition (a "slim" file stops its transitions in 2007 and leaves the rest to the rule). Reads a byte array
    /// the caller got from a size-capped read of a regular file; no recursion, every count checked against the data
    /// before use, never throws: a file it cannot read is null with the reason.
    /// </summary>
    internal sealed class TzifZone
    {
        private readonly long[] _transitions;
        private readonly int[] _transitionOffsets;
        private readonly int _initialOffset;
        private readonly PosixTzRule? _rule;

        private TzifZone(long[] transitions, int[] transitionOffsets, int initialOffset, PosixTzRule? rule)
        {
            _transitions = transitions;
            _transitionOffsets = transitionOffsets;
            _initialOffset = initialOffset;
            _rule = rule;
        }

        /// <summary>Offset from UTC in seconds at the instant <paramref name="unixSeconds"/>.</summary>
        public int OffsetAt(long unixSeconds)
        {
            if (_transitions.Length == 0) return _rule?.OffsetAt(unixSeconds) ?? _initialOffset;
            if (unixSeconds < _transitions[0]) return _initialOffset;
            if (unixSeconds >= _transitions[_transitions.Length - 1] && _rule != null) return _rule.OffsetAt(unixSeconds);
            int index = Array.BinarySearch(_transitions, unixSeconds);
            if (index < 0) index = ~index - 1;
            return _transitionOffsets[index];
        }

        /// <summary>The zone in <paramref name="data"/>, or null with <paramref name="error"/>.</summary>
        public static TzifZone? Parse(byte[] data, out string? error)
        {
            error = null;
            if (data == null || data.Length < 44 || data[0] != (byte)'T' || data[1] != (byte)'Z' || data[2] != (byte)'i' || data[3] != (byte)'f')
            {
                error = "not a TZif file (no TZif magic)";
                return null;
            }
            bool v2 = data[4] >= (byte)'2';
            if (!Header(data, 0, out Counts v1Counts, out error)) return null;
            long start = 44;
            int timeSize = 4;
            Counts counts = v1Counts;
            if (v2)
            {
                long second = 44 + v1Counts.BlockSize(4);
                if (second + 44 > data.Length || !Header(data, (int)second, out counts, out error))
                {
                    error ??= "the version 2 header is missing";
                    return null;
                }
                start = second + 44;
                timeSize = 8;
            }
            if (start + counts.BlockSize(timeSize) > data.Length)
            {
                error = "the data block is shorter than its header says";
                return null;
            }
            int p = (int)start;
            var transitions = new long[counts.Times];
            for (int i = 0; i < counts.Times; i++, p += timeSize)
            {
                transitions[i] = timeSize == 8 ? ReadInt64(data, p) : ReadInt32(data, p);
                if (i > 0 && transitions[i] <= transitions[i - 1])
                {
                    error = "transition times are not in ascending order";
                    return null;
                }
            }
            var indices = new int[counts.Times];
            for (int i = 0; i < counts.Times; i++, p++)
            {
                indices[i] = data[p];
                if (indices[i] >= counts.Types)
                {
                    error = "a transition names a local time type that does not exist";
                    return null;
                }
            }
            var offsets = new int[counts.Types];
            for (int i = 0; i < counts.Types; i++, p += 6)
            {
                offsets[i] = ReadInt32(data, p);
                if (offsets[i] < -25 * 3600 || offsets[i] > 26 * 3600)
                {
                    error = "a UTC offset out of range";
                    return null;
                }
            }
            var transitionOffsets = new int[counts.Times];
            for (int i = 0; i < counts.Times; i++) transitionOffsets[i] = offsets[indices[i]];
            PosixTzRule? rule = null;
            if (v2)
            {
                // The footer: "\n" TZ-string "\n" right after the block.
                int footer = (int)(start + counts.BlockSize(timeSize));
                if (footer < data.Length && data[footer] == (byte)'\n')
                {
                    int end = Array.IndexOf(data, (byte)'\n', footer + 1);
                    if (end > footer + 1 && end - footer < 256)
                    {
                        string tz = System.Text.Encoding.ASCII.GetString(data, footer + 1, end - footer - 1);
                        rule = PosixTzRule.Parse(tz);
                    }
                }
            }
            return new TzifZone(transitions, transitionOffsets, offsets[0], rule);
        }

        private static bool Header(byte[] data, int at, out Counts counts, out string? error)
        {
            counts = default;
            error = null;
            if (data[at] != (byte)'T' || data[at + 1] != (byte)'Z' || data[at + 2] != (byte)'i' || data[at + 3] != (byte)'f')
            {
                error = "no TZif magic at the second header";
                return false;
            }
            var values = new int[6];
            for (int i = 0; i < 6; i++)
            {
                values[i] = ReadInt32(data, at + 20 + 4 * i);
                // RFC 8536 limits: at most 256 types (an index is one byte), counts never negative; a cap on transitions
                // keeps a forged header from asking for gigabytes (real files have a few hundred).
                if (values[i] < 0 || values[i] > 1_000_000)
                {
                    error = "a count in the header is out of range";
                    return false;
                }
            }
            counts = new Counts(values[0], values[1], values[2], values[3], values[4], values[5]);
            if (counts.Types < 1 || counts.Types > 256 || counts.Chars < 1)
            {
                error = "the header has no local time types";
                return false;
            }
            return true;
        }

        private static int ReadInt32(byte[] d, int p) => (d[p] << 24) | (d[p + 1] << 16) | (d[p + 2] << 8) | d[p + 3];

        private static long ReadInt64(byte[] d, int p) => ((long)ReadInt32(d, p) << 32) | (uint)ReadInt32(d, p + 4);

        private readonly struct Counts
        {
            public Counts(int isUt, int isStd, int leap, int times, int types, int chars)
            {
                IsUt = isUt;
                IsStd = isStd;
                Leap = leap;
                Times = times;
                Types = types;
                Chars = chars;
            }

            public int IsUt { get; }

            public int IsStd { get; }

            public int Leap { get; }

            public int Times { get; }

            public int Types { get; }

            public int Chars { get; }

            public long BlockSize(int timeSize) =>
                (long)Times * timeSize + Times + (long)Types * 6 + Chars + (long)Leap * (timeSize + 4) + IsStd + IsUt;
        }
    }

    /// <summary>
    /// A POSIX TZ string as TZif footers carry it: <c>std offset [dst [offset] [,start[/time],end[/time]]]</c>, names
    /// alphabetic or in angle brackets, offsets west-positive, rules <c>Mm.w.d</c>, <c>Jn</c> or <c>n</c>, times that
    /// may be negative or past 24 hours (RFC 8536 section 3.3.1). Null from <see cref="Parse"/> when it is not one.
    /// </summary>
    internal sealed class PosixTzRule
    {
        private readonly int _std;
        private readonly int _dst;
        private readonly Date? _start;
        private readonly Date? _end;

        private PosixTzRule(int std, int dst, Date? start, Date? end)
        {
            _std = std;
            _dst = dst;
            _start = start;
            _end = end;
        }

        public int OffsetAt(long unixSeconds)
        {
            if (_start == null || _end == null) return _std;
            int year = DateTimeOffset.FromUnixTimeSeconds(Clamp(unixSeconds)).Year;
            // The year's two changes in UTC, and the neighbours' (a change near new year may belong to either).
            for (int y = year + 1; y >= year - 1; y--)
            {
                long start = _start.Value.Seconds(y) - _std; // the start is given in standard time
                long end = _end.Value.Seconds(y) - _dst; // the end in daylight time
                if (start < end)
                {
                    if (unixSeconds >= end) return _std;
                    if (unixSeconds >= start) return _dst;
                }
                else
                {
                    if (unixSeconds >= start) return _dst;
                    if (unixSeconds >= end) return _std;
                }
            }
            return _std;
        }

        public static PosixTzRule? Parse(string tz)
        {
            int i = 0;
            if (!Name(tz, ref i) || !Offset(tz, ref i, out int stdWest)) return null;
            int std = -stdWest;
            if (i == tz.Length) return new PosixTzRule(std, std, null, null);
            if (!Name(tz, ref i)) return null;
            int dst = std + 3600;
            if (i < tz.Length && tz[i] != ',')
            {
                if (!Offset(tz, ref i, out int dstWest)) return null;
                dst = -dstWest;
            }
            if (i == tz.Length) return null; // DST without a rule: POSIX leaves it to the implementation.
            if (tz[i] != ',' || !Rule(tz, ref i, out Date start) || i >= tz.Length || tz[i] != ',' || !Rule(tz, ref i, out Date end) || i != tz.Length) return null;
            return new PosixTzRule(std, dst, start, end);
        }

        private static long Clamp(long s) => Math.Max(-62135596800L, Math.Min(253402300799L, s));

        private static bool Name(string s, ref int i)
        {
            int start = i;
            if (i < s.Length && s[i] == '<')
            {
                int close = s.IndexOf('>', i);
                if (close < 0) return false;
                i = close + 1;
                return close - start >= 4;
            }
            while (i < s.Length && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) i++;
            return i - start >= 3;
        }

        // [+-]hh[:mm[:ss]] in seconds (hours up to 167 for rule times).
        private static bool Offset(string s, ref int i, out int seconds)
        {
            seconds = 0;
            int sign = 1;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                if (s[i] == '-') sign = -1;
                i++;
            }
            if (!Number(s, ref i, 3, out int h) || h > 167) return false;
            seconds = h * 3600;
            for (int part = 0; part < 2 && i < s.Length && s[i] == ':'; part++)
            {
                i++;
                if (!Number(s, ref i, 2, out int v) || v > 59) return false;
                seconds += part == 0 ? v * 60 : v;
            }
            seconds *= sign;
            return true;
        }

        private static bool Number(string s, ref int i, int maxDigits, out int value)
        {
            value = 0;
            int start = i;
            while (i < s.Length && i - start < maxDigits && s[i] >= '0' && s[i] <= '9') value = value * 10 + (s[i++] - '0');
            return i > start;
        }

        // ",Mm.w.d[/time]" or ",Jn[/time]" or ",n[/time]".
        private static bool Rule(string s, ref int i, out Date date)
        {
            date = default;
            i++; // the comma
            int kind;
            int a = 0, b = 0, c = 0;
            if (i < s.Length && s[i] == 'M')
            {
                i++;
                kind = 0;
                if (!Number(s, ref i, 2, out a) || a < 1 || a > 12 || i >= s.Length || s[i++] != '.'
                    || !Number(s, ref i, 1, out b) || b < 1 || b > 5 || i >= s.Length || s[i++] != '.'
                    || !Number(s, ref i, 1, out c) || c > 6) return false;
            }
            else if (i < s.Length && s[i] == 'J')
            {
                i++;
                kind = 1;
                if (!Number(s, ref i, 3, out a) || a < 1 || a > 365) return false;
            }
            else
            {
                kind = 2;
                if (!Number(s, ref i, 3, out a) || a > 365) return false;
            }
            int time = 7200;
            if (i < s.Length && s[i] == '/')
            {
                i++;
                if (!Offset(s, ref i, out time)) return false;
            }
            date = new Date(kind, a, b, c, time);
            return true;
        }

        private readonly struct Date
        {
            private readonly int _kind;
            private readonly int _a;
            private readonly int _b;
            private readonly int _c;
            private readonly int _time;

            public Date(int kind, int a, int b, int c, int time)
            {
                _kind = kind;
                _a = a;
                _b = b;
                _c = c;
                _time = time;
            }

            // Seconds from the epoch to the change, in the local time the rule is written in (offset not yet applied).
            public long Seconds(int year)
            {
                if (year < 1 || year > 9999) year = Math.Max(1, Math.Min(9999, year));
                var jan1 = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                DateTime day;
                switch (_kind)
                {
                    case 0:
                    {
                        var first = new DateTime(year, _a, 1, 0, 0, 0, DateTimeKind.Utc);
                        int delta = (_c - (int)first.DayOfWeek + 7) % 7;
                        day = first.AddDays(delta + 7 * (_b - 1));
                        if (day.Month != _a) day = day.AddDays(-7); // week 5: the last such day
                        break;
                    }
                    case 1:
                        // Jn: day n of 365, February 29 never counted.
                        day = jan1.AddDays(_a - 1 + (DateTime.IsLeapYear(year) && _a >= 60 ? 1 : 0));
                        break;
                    default:
                        day = jan1.AddDays(_a);
                        break;
                }
                return (long)(day - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds + _time;
            }
        }
    }
}
