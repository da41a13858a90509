using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System;
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

        /// <summary>
        /// Formats items as a <c>:</c> list that <see cref="Parse"/> (and exim) read back as exactly these items: colons
        /// inside items are doubled, a first item that would read as a separator-choosing <c>&lt;X</c> prefix gets an
        /// explicit <c>&lt;: </c> in front, and an item ending in a backslash is followed by its separator directly.
        /// </summary>
        /// <exception cref="ArgumentException">
        /// An item is null, empty, starts or ends with white space (exim trims it) or contains NUL (exim's strings end
        /// there): no list text reads back as that item.
        /// </exception>
        public static string Format(IEnumerable<string> items)
        {
            if (items == null) throw new ArgumentNullException(nameof(items));
            var sb = new System.Text.StringBuilder();
            int index = 0;
            foreach (string item in items)
            {
                string why = item == null ? "is null" : item.Length == 0 ? "is empty (exim reads an empty item, which Parse leaves out)"
                    : EximListGrammar.IsSpace(item[0]) || EximListGrammar.IsSpace(item[item.Length - 1]) ? "starts or ends with white space, which exim trims"
                    : item.IndexOf('\0') >= 0 ? "contains NUL, where exim's string ends" : string.Empty;
                if (why.Length > 0) throw new ArgumentException("List item " + index + " " + why + ": no list text reads back as it.", nameof(items));
                if (index > 0) sb.Append(sb[sb.Length - 1] == '\\' ? ": " : " : ");
                sb.Append(item!.Replace(":", "::"));
                index++;
            }
            // "<" followed by punctuation or a control character (or nothing) at the start would choose the separator.
            if (sb.Length > 0 && sb[0] == '<' && (sb.Length == 1 || EximListGrammar.IsSeparatorChoice(sb[1]))) sb.Insert(0, "<: ");
            return sb.ToString();
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

        private static bool IsAsciiDigits(string s, int from)
        {
            if (from >= s.Length) return false;
            for (int i = from; i < s.Length; i++)
            {
                if (s[i] < '0' || s[i] > '9') return false;
            }
            return true;
        }

        private static EximSmarthost ParseSmarthost(string raw, string text)
        {
            string host = text;
            int? port = null;
            int colon = text.LastIndexOf(':');
            if (colon > 0 && IsAsciiDigits(text, colon + 1) && int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int p))
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
