using System;
using System.Collections.Generic;
using System.Net;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// The <c>nameserver</c> lines of a <c>resolv.conf</c>, read as glibc reads them: a line starting with
    /// <c>nameserver</c>, white space, then an IPv4 or IPv6 address (a <c>%scope</c> is kept); anything after the address,
    /// comments (<c>#</c>, <c>;</c>) and every other line are ignored. Nothing else of the file is used: the
    /// resolver's own bounds are in <see cref="DnsResolverOptions"/>.
    /// </summary>
    public static class ResolvConf
    {
        /// <summary>The maximum size read of a resolv.conf.</summary>
        public const int MaxLength = 64 * 1024;

        /// <summary>The server addresses in file order, each once; empty when there is none (glibc then asks 127.0.0.1).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        public static IReadOnlyList<IPAddress> NameServers(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var result = new List<IPAddress>();
            int length = Math.Min(text.Length, MaxLength);
            int start = 0;
            while (start < length)
            {
                int end = text.IndexOf('\n', start, length - start);
                if (end < 0) end = length;
                AddServer(text.Substring(start, end - start), result);
                start = end + 1;
            }
            return result;
        }

        private static void AddServer(string line, List<IPAddress> result)
        {
            const string Keyword = "nameserver";
            if (!line.StartsWith(Keyword, StringComparison.Ordinal) || line.Length == Keyword.Length) return;
            if (line[Keyword.Length] != ' ' && line[Keyword.Length] != '\t') return;
            string[] words = line.Substring(Keyword.Length).Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return;
            if (IPAddress.TryParse(words[0], out IPAddress? address) && IsAddressLiteral(words[0]) && !result.Contains(address))
            {
                result.Add(address);
            }
        }

        // IPAddress.TryParse also takes "1" or "0x7f.1" (inet_aton forms); glibc's inet_pton takes dotted quads and IPv6 only.
        private static bool IsAddressLiteral(string word)
        {
            if (word.IndexOf(':') >= 0) return true;
            string[] parts = word.Split('.');
            if (parts.Length != 4) return false;
            foreach (string p in parts)
            {
                if (p.Length == 0 || p.Length > 3) return false;
                foreach (char c in p)
                {
                    if (c < '0' || c > '9') return false;
                }
            }
            return true;
        }
    }
}
