using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System;
using MailConfigKit.Postfix;
using MailConfigKit.Values;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Parse/format pairs for Debian's list values: domain and network lists (<c>dc_other_hostnames</c>,
    /// <c>dc_relay_domains</c>, <c>dc_relay_nets</c>) and the smarthost list. update-exim4.conf turns <c>;</c> into
    /// <c>:</c> for other_hostnames and the smarthost, and into a <c>&lt;;</c> list for the relay keys.
    /// </summary>
    public static class EximListValue
    {
        /// <summary>Splits a list value into its items as exim reads them (doubled separators undone). Never fails.</summary>
        public static ValueParseResult<IReadOnlyList<string>> Parse(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            EximListSplit split = EximListGrammar.Split(value, ':');
            IReadOnlyList<string> items = split.Items.Select(i => i.Text).Where(t => t.Length > 0).ToList();
            return ValueParseResult<IReadOnlyList<string>>.Ok(items);
        }

        /// <summary>Formats items as a <c>:</c> list, doubling colons inside items so exim reads them back.</summary>
        public static string Format(IEnumerable<string> items)
        {
            if (items == null) throw new ArgumentNullException(nameof(items));
            return string.Join(" : ", items.Select(i => i.Replace(":", "::")));
        }

        /// <summary>Parses <c>dc_smarthost</c>: <c>;</c> becomes <c>:</c>, then a colon list of <c>host::port</c> entries.</summary>
        public static IReadOnlyList<EximSmarthost> ParseSmarthosts(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            var result = new List<EximSmarthost>();
            foreach (EximListItem item in EximListGrammar.Split(value.Replace(';', ':'), ':').Items)
            {
                if (item.Text.Length == 0) continue;
                result.Add(ParseSmarthost(item.Raw, item.Text));
            }
            return result;
        }

        private static EximSmarthost ParseSmarthost(string raw, string text)
        {
            string host = text;
            int? port = null;
            int colon = text.LastIndexOf(':');
            if (colon > 0 && int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int p))
            {
                string h = text.Substring(0, colon);
                // An unbracketed IPv6 address has colons of its own: only a bracketed one takes a port.
                if (h.IndexOf(':') < 0 || (h.StartsWith("[", StringComparison.Ordinal) && h.EndsWith("]", StringComparison.Ordinal)))
                {
                    host = h;
                    port = p;
                }
            }
            if (host.Length > 1 && host[0] == '[' && host[host.Length - 1] == ']') host = host.Substring(1, host.Length - 2);
            return new EximSmarthost(raw, host, port);
        }
    }
}
