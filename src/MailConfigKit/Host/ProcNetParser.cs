using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace MailConfigKit.Host
{
    /// <summary>
    /// Parsers for the kernel's text tables under <c>proc/net</c>. Malformed lines are skipped rather than fatal: a
    /// snapshot may be truncated, and one bad line must not hide the others.
    /// </summary>
    internal static class ProcNetParser
    {
        private const string ListenState = "0A";

        /// <summary><c>if_inet6</c>: <c>address(32 hex) ifindex prefix scope flags name</c>, all hex but the name.</summary>
        public static List<Ipv6InterfaceAddress> ParseIfInet6(string text)
        {
            var result = new List<Ipv6InterfaceAddress>();
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string[] f = lines[i].Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 6 || f[0].Length != 32) continue;
                byte[]? bytes = HexBytes(f[0]);
                if (bytes == null || !TryHex(f[1], out int index) || !TryHex(f[2], out int prefix) || !TryHex(f[3], out int scope) || !TryHex(f[4], out int flags)) continue;
                result.Add(new Ipv6InterfaceAddress(new IPAddress(bytes), index, prefix, scope, flags, f[5], i + 1));
            }
            return result;
        }

        /// <summary><c>tcp</c>/<c>tcp6</c>: the LISTEN sockets. Addresses are the kernel's 32-bit words in host (little-endian) order.</summary>
        public static List<ListeningSocket> ParseTcp(string text)
        {
            var result = new List<ListeningSocket>();
            foreach (string line in text.Split('\n'))
            {
                ListeningSocket? socket = ParseTcpLine(line);
                if (socket != null) result.Add(socket);
            }
            return result;
        }

        /// <summary>One line of <c>tcp</c>/<c>tcp6</c>: the socket when it is in the LISTEN state, otherwise null.</summary>
        public static ListeningSocket? ParseTcpLine(string line)
        {
            string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 4 || f[3] != ListenState) return null;
            int colon = f[1].IndexOf(':');
            if (colon < 0) return null;
            IPAddress? address = KernelAddress(f[1].Substring(0, colon));
            if (address == null || !TryHex(f[1].Substring(colon + 1), out int port)) return null;
            return new ListeningSocket(address, port);
        }

        private static IPAddress? KernelAddress(string hex)
        {
            if (hex.Length != 8 && hex.Length != 32) return null;
            byte[]? raw = HexBytes(hex);
            if (raw == null) return null;
            // Each 32-bit word was printed as a number, so its bytes come out reversed on little-endian machines.
            for (int w = 0; w < raw.Length; w += 4)
            {
                Array.Reverse(raw, w, 4);
            }
            return new IPAddress(raw);
        }

        private static byte[]? HexBytes(string hex)
        {
            if (hex.Length % 2 != 0) return null;
            var bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                if (!byte.TryParse(hex.Substring(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i])) return null;
            }
            return bytes;
        }

        private static bool TryHex(string text, out int value) =>
            int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
