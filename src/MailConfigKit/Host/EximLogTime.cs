using System;
using MailConfigKit.Host.Logs;

namespace MailConfigKit.Host
{
    /// <summary>
    /// The time stamp exim puts in front of each log line: <c>2026-11-25 20:15:34</c> in the host's local time, optionally
    /// with <c>.123</c> or <c>.123456</c> (<c>log_selector = +subsecond</c>/<c>+millisec</c>) and a zone <c>+0100</c>
    /// (<c>log_timezone = true</c>). One parser (<see cref="SyslogHeader.TryExim"/>) reads it for the log readers and
    /// for the recency checks; a stamp without a zone is read in the examined host's zone (<see cref="HostTimeZone"/>,
    /// from its <c>etc/localtime</c>), not this machine's.
    /// </summary>
    internal static class EximLogTime
    {
        public static bool TryParse(string line, HostTimeZone zone, out DateTimeOffset time)
        {
            time = default;
            if (!SyslogHeader.TryExim(line, zone, out DateTimeOffset? t, out _)) return false;
            time = t!.Value;
            return true;
        }
    }
}
