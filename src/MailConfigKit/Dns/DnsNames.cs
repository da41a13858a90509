using System;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailConfigKit.Dns
{
    /// <summary>Names the DNS questions need.</summary>
    public static class DnsNames
    {
        private const string Hex = "0123456789abcdef";

        /// <summary>
        /// The name of <paramref name="address"/>'s PTR record: <c>25.2.0.192.in-addr.arpa</c>, or the 32 nibbles of an IPv6
        /// address, last first, under <c>ip6.arpa</c>. An IPv4-mapped IPv6 address is named as IPv6 (it is what it is).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
        public static string Reverse(IPAddress address)
        {
            if (address == null) throw new ArgumentNullException(nameof(address));
            byte[] bytes = address.GetAddressBytes();
            var sb = new StringBuilder(74);
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                for (int i = bytes.Length - 1; i >= 0; i--) sb.Append(bytes[i]).Append('.');
                return sb.Append("in-addr.arpa").ToString();
            }
            for (int i = bytes.Length - 1; i >= 0; i--)
            {
                sb.Append(Hex[bytes[i] & 0xF]).Append('.').Append(Hex[bytes[i] >> 4]).Append('.');
            }
            return sb.Append("ip6.arpa").ToString();
        }
    }
}
