using System;
using System.Collections.Generic;
using System.Globalization;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Values of exim's daemon options: <c>daemon_smtp_ports</c> (an exim list of port numbers or service names) and exim
    /// times (<c>30s</c>, <c>1m30s</c>, <c>2h</c>, a bare number of seconds), as the exim specification's "Time
    /// intervals" section and <c>readconf_readtime</c> define them.
    /// </summary>
    internal static class EximPortList
    {
        // The names /etc/services gives the SMTP ports on Debian (netbase); exim resolves names with getservbyname.
        private static readonly Dictionary<string, int> Services = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["smtp"] = 25,
            ["submission"] = 587,
            ["submissions"] = 465,
            ["smtps"] = 465,
            ["ssmtp"] = 465,
            ["urd"] = 465,
        };

        /// <summary>The items of a <c>daemon_smtp_ports</c> value.</summary>
        public static IEnumerable<string> Split(string value)
        {
            foreach (EximListItem item in EximListGrammar.Split(value, ':').Items) yield return item.Text;
        }

        /// <summary>The port an item names, or null when it is neither a number 1-65535 nor a known service name.</summary>
        public static int? Port(string item)
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n >= 1 && n <= 65535 ? n : (int?)null;
            return Services.TryGetValue(item, out int p) ? p : (int?)null;
        }

        /// <summary>An exim time interval: digits followed by w, d, h, m or s, repeated; a bare number is seconds. Null when malformed.</summary>
        public static TimeSpan? Time(string value)
        {
            string s = value.Trim();
            if (s.Length == 0) return null;
            long total = 0;
            int i = 0;
            while (i < s.Length)
            {
                int start = i;
                long n = 0;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9')
                {
                    n = n * 10 + (s[i] - '0');
                    if (n > int.MaxValue) return null;
                    i++;
                }
                if (i == start) return null;
                if (i == s.Length)
                {
                    total += n;
                    break;
                }
                long unit;
                switch (s[i])
                {
                    case 'w': unit = 7 * 24 * 3600; break;
                    case 'd': unit = 24 * 3600; break;
                    case 'h': unit = 3600; break;
                    case 'm': unit = 60; break;
                    case 's': unit = 1; break;
                    default: return null;
                }
                total += n * unit;
                if (total > int.MaxValue) return null;
                i++;
            }
            return TimeSpan.FromSeconds(total);
        }
    }
}
