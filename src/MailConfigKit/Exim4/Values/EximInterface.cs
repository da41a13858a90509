using System.Net;
using System.Net.Sockets;

namespace MailConfigKit.Exim4
{
    /// <summary>How an interface item writes its port.</summary>
    public enum EximPortForm
    {
        /// <summary>No port: the daemon's <c>daemon_smtp_ports</c> apply.</summary>
        None = 0,

        /// <summary><c>ip.port</c> (<c>127.0.0.1.2525</c>, <c>::1.2525</c>).</summary>
        Dot = 1,

        /// <summary><c>[ip]:port</c> (<c>[::1]:2525</c>).</summary>
        Bracket = 2,
    }

    /// <summary>One item of exim's <c>local_interfaces</c>: an address with an optional port, as exim reads it.</summary>
    public sealed class EximInterface
    {
        internal EximInterface(string raw, string text, IPAddress? address, int? port, EximPortForm portForm, string? error, IPAddress? intended)
        {
            RawText = raw;
            Text = text;
            Address = address;
            Port = port;
            PortForm = portForm;
            Error = error;
            IntendedAddress = intended;
        }

        /// <summary>The item as written in the list (in a <c>:</c> list IPv6 colons are doubled: <c>::::1</c>).</summary>
        public string RawText { get; }

        /// <summary>The item as exim sees it after undoing doubled separators (<c>::1</c>).</summary>
        public string Text { get; }

        /// <summary>The address exim binds; null when exim rejects the item ("Malformed IP address").</summary>
        public IPAddress? Address { get; }

        /// <summary>The port, when the item names one.</summary>
        public int? Port { get; }

        /// <summary>How the port is written.</summary>
        public EximPortForm PortForm { get; }

        /// <summary>Why exim rejects the item when the daemon starts; null when it is valid.</summary>
        public string? Error { get; }

        /// <summary>Whether exim accepts the item.</summary>
        public bool IsValid => Error == null;

        /// <summary>
        /// The address the administrator evidently meant: <see cref="Address"/>, or for an item exim rejects only
        /// because its colons were not doubled in a <c>:</c> list (<c>::1</c> read as <c>:1</c>), the address as written.
        /// </summary>
        public IPAddress? IntendedAddress { get; }

        /// <summary>
        /// Whether the item is the IPv6 loopback in any spelling: <c>::1</c>, <c>::1.25</c>, <c>[::1]:25</c>,
        /// <c>0:0:0:0:0:0:0:1</c>, <c>::::1</c> in a <c>:</c> list, and <c>::1</c> mangled by a <c>:</c> list.
        /// </summary>
        public bool IsIPv6Loopback => IntendedAddress != null && IntendedAddress.AddressFamily == AddressFamily.InterNetworkV6 && IntendedAddress.Equals(IPAddress.IPv6Loopback);

        /// <summary>Whether the item names <paramref name="address"/> (compared as addresses, any spelling).</summary>
        public bool Is(IPAddress address) => IntendedAddress != null && address != null && IntendedAddress.Equals(address);

        /// <inheritdoc />
        public override string ToString() => RawText;
    }
}
