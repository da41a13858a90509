using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// Addresses as SPF reads and writes them: the strict <c>ip4-network</c>/<c>ip6-network</c> grammar of RFC 7208
    /// (<see cref="IPAddress.TryParse(string, out IPAddress)"/> also takes <c>1.2.3</c>, octal and scope ids), prefix
    /// comparison, and the <c>%{i}</c>/<c>%{c}</c> macro forms.
    /// </summary>
    internal static class SpfAddress
    {
        /// <summary>The client address as SPF sees it: an IPv4-mapped IPv6 address is its IPv4 address; no scope id.</summary>
        public static IPAddress Normalize(IPAddress ip)
        {
            if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                byte[] b = ip.GetAddressBytes();
                if (IsMapped(b)) return new IPAddress(new[] { b[12], b[13], b[14], b[15] });
                return new IPAddress(b);
            }
            return ip;
        }

        private static bool IsMapped(byte[] b)
        {
            for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
            return b[10] == 0xFF && b[11] == 0xFF;
        }

        /// <summary><c>qnum "." qnum "." qnum "." qnum</c>, qnum 0 to 255 without leading zeros; null if <paramref name="text"/> is not that.</summary>
        public static byte[]? ParseIp4(string text)
        {
            var result = new byte[4];
            int pos = 0;
            for (int part = 0; part < 4; part++)
            {
                if (part > 0)
                {
                    if (pos >= text.Length || text[pos] != '.') return null;
                    pos++;
                }
                int start = pos, value = 0;
                while (pos < text.Length && pos - start < 4 && text[pos] >= '0' && text[pos] <= '9') value = value * 10 + (text[pos++] - '0');
                int digits = pos - start;
                if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text[start] == '0')) return null;
                result[part] = (byte)value;
            }
            return pos == text.Length ? result : null;
        }

        /// <summary>
        /// An IPv6 address in the text forms of RFC 4291 section 2.2 (the <c>IPv6address</c> rule of RFC 3986: 1 to 4
        /// hex digits a group, at most one <c>::</c>, an embedded dotted quad last); null otherwise.
        /// </summary>
        public static byte[]? ParseIp6(string text)
        {
            var groups = new int[8];
            int count = 0, gap = -1, pos = 0;
            if (text.StartsWith("::", StringComparison.Ordinal))
            {
                gap = 0;
                pos = 2;
                if (pos == text.Length) return Assemble(groups, count, gap);
            }
            else if (text.Length == 0 || text[0] == ':')
            {
                return null;
            }
            while (true)
            {
                int start = pos, value = 0;
                while (pos < text.Length && pos - start < 5 && Hex(text[pos]) >= 0) value = value * 16 + Hex(text[pos++]);
                int digits = pos - start;
                if (pos < text.Length && text[pos] == '.')
                {
                    // The embedded IPv4 address takes the last two groups.
                    byte[]? v4 = ParseIp4(text.Substring(start));
                    if (v4 == null || count > 6) return null;
                    groups[count++] = (v4[0] << 8) | v4[1];
                    groups[count++] = (v4[2] << 8) | v4[3];
                    return Assemble(groups, count, gap);
                }
                if (digits == 0 || digits > 4 || count == 8) return null;
                groups[count++] = value;
                if (pos == text.Length) return Assemble(groups, count, gap);
                if (text[pos] != ':') return null;
                pos++;
                if (pos < text.Length && text[pos] == ':')
                {
                    if (gap >= 0) return null;
                    gap = count;
                    pos++;
                    if (pos == text.Length) return Assemble(groups, count, gap);
                }
                else if (pos == text.Length)
                {
                    return null;
                }
            }
        }

        private static byte[]? Assemble(int[] groups, int count, int gap)
        {
            if (gap < 0 ? count != 8 : count > 7) return null;
            var full = new int[8];
            if (gap < 0)
            {
                Array.Copy(groups, full, 8);
            }
            else
            {
                Array.Copy(groups, 0, full, 0, gap);
                int tail = count - gap;
                Array.Copy(groups, gap, full, 8 - tail, tail);
            }
            var bytes = new byte[16];
            for (int i = 0; i < 8; i++)
            {
                bytes[2 * i] = (byte)(full[i] >> 8);
                bytes[2 * i + 1] = (byte)full[i];
            }
            return bytes;
        }

        private static int Hex(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>Whether the first <paramref name="prefix"/> bits of the two addresses (of one family) agree.</summary>
        public static bool PrefixMatch(byte[] a, byte[] b, int prefix)
        {
            if (a.Length != b.Length) return false;
            int full = prefix / 8, rest = prefix % 8;
            for (int i = 0; i < full && i < a.Length; i++) if (a[i] != b[i]) return false;
            if (rest == 0 || full >= a.Length) return true;
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (a[full] & mask) == (b[full] & mask);
        }

        /// <summary>The <c>%{i}</c> form: a dotted quad, or an IPv6 address as 32 dot-separated hex nibbles (upper case, as the RFC 7208 conformance suite expects).</summary>
        public static string DotFormat(byte[] address)
        {
            if (address.Length == 4) return string.Join(".", address[0], address[1], address[2], address[3]);
            var sb = new StringBuilder(63);
            foreach (byte b in address)
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append("0123456789ABCDEF"[b >> 4]).Append('.').Append("0123456789ABCDEF"[b & 0xF]);
            }
            return sb.ToString();
        }

        /// <summary>The <c>%{c}</c> form: a dotted quad, or an IPv6 address as RFC 5952 writes it (lower case, longest zero run as <c>::</c>, no dotted tail).</summary>
        public static string Conventional(byte[] address)
        {
            if (address.Length == 4) return DotFormat(address);
            var g = new int[8];
            for (int i = 0; i < 8; i++) g[i] = (address[2 * i] << 8) | address[2 * i + 1];
            int bestStart = -1, bestLength = 1;
            for (int i = 0; i < 8;)
            {
                if (g[i] != 0) { i++; continue; }
                int j = i;
                while (j < 8 && g[j] == 0) j++;
                if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
                i = j;
            }
            var sb = new StringBuilder(39);
            for (int i = 0; i < 8; i++)
            {
                if (i == bestStart)
                {
                    sb.Append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (sb.Length > 0 && sb[sb.Length - 1] != ':') sb.Append(':');
                sb.Append(g[i].ToString("x", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        /// <summary>The name a PTR query for the address asks (<c>4.3.2.1.in-addr.arpa</c>, nibbles reversed under <c>ip6.arpa</c>).</summary>
        public static string ReverseName(byte[] address)
        {
            var sb = new StringBuilder(73);
            if (address.Length == 4)
            {
                for (int i = 3; i >= 0; i--) sb.Append(address[i].ToString(CultureInfo.InvariantCulture)).Append('.');
                return sb.Append("in-addr.arpa").ToString();
            }
            for (int i = 15; i >= 0; i--)
            {
                sb.Append("0123456789abcdef"[address[i] & 0xF]).Append('.').Append("0123456789abcdef"[address[i] >> 4]).Append('.');
            }
            return sb.Append("ip6.arpa").ToString();
        }
    }
}
