using System.Net;

namespace MailConfigKit.Host
{
    /// <summary>A TCP socket in the LISTEN state, from <c>proc/net/tcp</c> or <c>proc/net/tcp6</c>.</summary>
    public sealed class ListeningSocket
    {
        /// <summary>Creates an entry.</summary>
        public ListeningSocket(IPAddress address, int port)
        {
            Address = address;
            Port = port;
        }

        /// <summary>The local address (<c>0.0.0.0</c> or <c>::</c> for every address).</summary>
        public IPAddress Address { get; }

        /// <summary>The local port.</summary>
        public int Port { get; }

        /// <summary>Whether this is an IPv6 socket.</summary>
        public bool IsIPv6 => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

        /// <summary><c>address:port</c>, IPv6 addresses in brackets, as <c>ss</c> prints them.</summary>
        public override string ToString() => (IsIPv6 ? "[" + Address + "]" : Address.ToString()) + ":" + Port;
    }
}
