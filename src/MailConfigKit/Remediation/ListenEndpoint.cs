using System;
using System.Net;
using System.Net.Sockets;

namespace MailConfigKit.Remediation
{
    /// <summary>One address and port a mail daemon is configured to listen on, with the configuration that says so.</summary>
    public sealed class ListenEndpoint
    {
        /// <summary>Creates an endpoint.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="address"/> or <paramref name="source"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1-65535.</exception>
        public ListenEndpoint(IPAddress address, int port, string source)
        {
            Address = address ?? throw new ArgumentNullException(nameof(address));
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "A TCP port is 1-65535.");
            Port = port;
            Source = source ?? throw new ArgumentNullException(nameof(source));
        }

        /// <summary>The address to connect to (a wildcard listener is probed on a loopback address).</summary>
        public IPAddress Address { get; }

        /// <summary>The TCP port.</summary>
        public int Port { get; }

        /// <summary>Where the configuration says so, e.g. <c>inet_interfaces = loopback-only x master.cf smtp/inet</c>.</summary>
        public string Source { get; }

        /// <summary>Whether the address is IPv6.</summary>
        public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

        /// <summary><c>address:port</c>, IPv6 in brackets (<c>[::1]:25</c>).</summary>
        public override string ToString() => (IsIPv6 ? "[" + Address + "]" : Address.ToString()) + ":" + Port;

        /// <summary>Same address and port.</summary>
        public override bool Equals(object? obj) => obj is ListenEndpoint other && other.Address.Equals(Address) && other.Port == Port;

        /// <summary>A hash of the address and port.</summary>
        public override int GetHashCode() => Address.GetHashCode() * 31 + Port;
    }
}
