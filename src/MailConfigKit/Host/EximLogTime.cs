using System;
using System.Globalization;

namespace MailConfigKit.Host
{
    /// <summary>
    /// The time stamp exim puts in front of each log line: <c>2026-11-25 20:15:34</c> in local time, optionally with
    /// <c>.123</c> or <c>.123456</c> (<c>log_selector = +subsecond</c>/<c>+millisec</c>) and a zone <c>+0100</c>
    /// (<c>log_timezone = true</c>). Without a zone the line is read in this machine's local time, which is the host's
    /// own when MailConfigKit runs on it.
    /// </summary>
    internal static class EximLogTime
    {
        public static bool TryParse(string line, out DateTimeOffset time)
        {
            time = default;
            if (line == null || line.Length < 19) return false;
            if (!DateTime.TryParseExact(line.Substring(0, 19), "yyyy'-'MM'-'dd' 'HH':'mm':'ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local)) return false;
            int i = 19;
            if (i < line.Length && line[i] == '.')
            {
                int start = ++i;
                while (i < line.Length && i - start < 6 && line[i] >= '0' && line[i] <= '9') i++;
                if (i > start) local = local.AddTicks((long)(double.Parse("0." + line.Substring(start, i - start), CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
            }
            if (i + 6 <= line.Length && line[i] == ' ' && (line[i + 1] == '+' || line[i + 1] == '-')
                && int.TryParse(line.Substring(i + 2, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int hhmm))
            {
                var offset = new TimeSpan(hhmm / 100, hhmm % 100, 0);
                if (offset < TimeSpan.FromHours(15))
                {
                    time = new DateTimeOffset(local, line[i + 1] == '-' ? -offset : offset);
                    return true;
                }
            }
            try
            {
                time = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Local));
            }
            catch (ArgumentException)
            {
                return false; // A local time that does not exist in this zone (a DST gap) cannot be placed.
            }
            return true;
        }
    }
}
