using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Net;
using System;
using MailConfigKit.Values;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Parse/format pair for <c>dc_local_interfaces</c>, following update-exim4.conf (a value with <c>;</c> and no
    /// <c>&lt;</c> prefix gets <c>&lt;; </c>) and exim (list splitting, <c>host_address_extract_port</c>, numeric
    /// addresses only).
    /// </summary>
    public static class EximInterfaceListValue
    {
        /// <summary>Parses a value. The list itself always parses; items exim rejects carry <see cref="EximInterface.Error"/>.</summary>
        public static ValueParseResult<EximInterfaceList> Parse(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            EximListSplit split = EximListGrammar.Split(value, value.IndexOf(';') >= 0 ? ';' : ':');
            EximListStyle style = split.Prefix.Length > 0 ? EximListStyle.Prefixed : split.Separator == ';' ? EximListStyle.Semicolon : EximListStyle.Colon;
            string joiner = split.Joiner ?? (split.Separator == ':' ? " : " : " " + split.Separator + " ");
            var items = split.Items.Select(i => ParseItem(i.Raw, i.Text)).ToList();
            return ValueParseResult<EximInterfaceList>.Ok(new EximInterfaceList(style, split.Separator, split.Prefix, joiner, items));
        }

        /// <summary>
        /// Parses exim's own <c>local_interfaces</c> value (what <c>exim -bP</c> prints): a <c>:</c> list unless a
        /// <c>&lt;X</c> prefix chooses another separator; update-exim4.conf's <c>;</c> handling does not apply here.
        /// </summary>
        public static ValueParseResult<EximInterfaceList> ParseLocalInterfaces(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            EximListSplit split = EximListGrammar.Split(value, ':');
            EximListStyle style = split.Prefix.Length > 0 ? EximListStyle.Prefixed : EximListStyle.Colon;
            string joiner = split.Joiner ?? (split.Separator == ':' ? " : " : " " + split.Separator + " ");
            var items = split.Items.Select(i => ParseItem(i.Raw, i.Text)).ToList();
            return ValueParseResult<EximInterfaceList>.Ok(new EximInterfaceList(style, split.Separator, split.Prefix, joiner, items));
        }

        /// <summary>
        /// The value to write: the prefix and the items' own spelling joined as the list was; empty for no items. When
        /// that joining would read back differently (a joiner without spaces meeting a doubled separator, an empty last
        /// item, a first item that looks like a <c>&lt;X</c> prefix), the items are joined with the separator between
        /// spaces instead, so that <see cref="Parse"/> gives back the same items.
        /// </summary>
        public static string Format(EximInterfaceList list)
        {
            if (list == null) throw new ArgumentNullException(nameof(list));
            if (list.Items.Count == 0) return string.Empty;
            string asWritten = Join(list, list.Joiner, safe: false);
            if (ReadsBack(list, asWritten)) return asWritten;
            string sep = list.Separator.ToString();
            string safe = Join(list, " " + sep + " ", safe: true);
            return safe;
        }

        private static string Join(EximInterfaceList list, string joiner, bool safe)
        {
            var sb = new System.Text.StringBuilder();
            for (int k = 0; k < list.Items.Count; k++)
            {
                if (k > 0) sb.Append(safe && sb.Length > 0 && sb[sb.Length - 1] == '\\' ? joiner.TrimStart() : joiner);
                sb.Append(list.Items[k].RawText);
            }
            // An empty last item needs its separator after it: exim ignores an empty remainder.
            if (safe && list.Items[list.Items.Count - 1].RawText.Length == 0) sb.Append(list.Separator);
            string body = sb.ToString();
            // A ';' list left with one item has no ';' for update-exim4.conf to see, so it would become a ':' list and
            // split IPv6 addresses and [ip]:port items: say "<; " explicitly then.
            if (list.Style == EximListStyle.Semicolon && body.IndexOf(';') < 0 && body.IndexOf(':') >= 0) return "<; " + body;
            string prefix = list.Prefix;
            if (prefix.Length == 0 && body.Length > 0 && body[0] == '<' && (body.Length == 1 || EximListGrammar.IsSeparatorChoice(body[1])))
            {
                prefix = "<" + list.Separator + " ";
            }
            return prefix + body;
        }

        private static bool ReadsBack(EximInterfaceList list, string value)
        {
            EximInterfaceList back = Parse(value).Value;
            if (back.Items.Count != list.Items.Count) return false;
            for (int k = 0; k < back.Items.Count; k++)
            {
                if (back.Items[k].Text != list.Items[k].Text) return false;
            }
            return true;
        }

        internal static EximInterface ParseItem(string raw, string text)
        {
            Extract(text, out string address, out int? port, out EximPortForm form);
            IPAddress? ip = ParseAddress(address);
            string? error = ip == null ? "Malformed IP address \"" + address + "\" in local_interfaces" : null;
            IPAddress? intended = ip;
            if (ip == null && raw != text)
            {
                Extract(raw, out string rawAddress, out _, out _);
                intended = ParseAddress(rawAddress);
            }
            return new EximInterface(raw, text, ip, port, form, error, intended);
        }

        // exim's host_address_extract_port: "[ip]:port", or a port after the 4th dot (IPv4) or the first dot after the
        // last colon (IPv6); an invalid port leaves the whole text as the address.
        private static void Extract(string text, out string address, out int? port, out EximPortForm form)
        {
            address = text;
            port = null;
            form = EximPortForm.None;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                int rb = text.IndexOf(']');
                if (rb < 0) return;
                string after = text.Substring(rb + 1);
                if (after.Length == 0)
                {
                    address = text.Substring(1, rb - 1);
                    return;
                }
                if (after[0] != ':' || !TryPort(after.Substring(1), out int p)) return;
                address = text.Substring(1, rb - 1);
                port = p;
                form = EximPortForm.Bracket;
                return;
            }
            int skip = -3;
            for (int i = 0; i < text.Length; i++)
            {
                char ch = text[i];
                if (ch == ':') skip = 0;
                else if (ch == '.' && skip++ >= 0)
                {
                    if (!TryPort(text.Substring(i + 1), out int p)) return;
                    address = text.Substring(0, i);
                    port = p;
                    form = EximPortForm.Dot;
                    return;
                }
            }
        }

        private static bool TryPort(string s, out int port)
        {
            port = 0;
            return s.Length > 0 && s.All(c => c >= '0' && c <= '9') && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out port);
        }

        // exim's string_is_ip_address without a mask: a dotted quad, or IPv6 with an optional %scope.
        internal static IPAddress? ParseAddress(string text)
        {
            if (text.IndexOf(':') < 0) return NumericAddress.TryParse(text);
            int percent = text.IndexOf('%');
            string v6 = percent < 0 ? text : text.Substring(0, percent);
            if (percent >= 0 && percent == text.Length - 1) return null;
            foreach (char c in v6)
            {
                bool ok = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!ok) return null;
            }
            return IPAddress.TryParse(v6, out IPAddress? ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? ip : null;
        }
    }
}
