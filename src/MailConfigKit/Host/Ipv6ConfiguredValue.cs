namespace MailConfigKit.Host
{
    /// <summary>
    /// The <c>disable_ipv6</c> value one interface folder (<c>all</c>, <c>default</c>, <c>lo</c>) gets at boot from an image's
    /// configuration, and the line that decides it.
    /// </summary>
    public sealed class Ipv6ConfiguredValue
    {
        internal Ipv6ConfiguredValue(string interfaceName, int value, NetworkProvenance? source)
        {
            Interface = interfaceName;
            Value = value;
            Source = source;
        }

        /// <summary>The folder under <c>proc/sys/net/ipv6/conf</c>: <c>all</c>, <c>default</c> or <c>lo</c>.</summary>
        public string Interface { get; }

        /// <summary>The value after systemd-sysctl has run (the kernel's default, 0, when nothing sets it).</summary>
        public int Value { get; }

        /// <summary>Whether IPv6 ends up disabled (any value other than 0, as the kernel reads it).</summary>
        public bool Disabled => Value != 0;

        /// <summary>The line that sets it (a sysctl.d line, or <c>ipv6.disable_ipv6</c> on the kernel command line); null for the kernel's default.</summary>
        public NetworkProvenance? Source { get; }

        /// <summary><c>lo = 1 (etc/sysctl.d/x.conf:3: ...)</c>.</summary>
        public override string ToString() => Interface + " = " + Value + (Source == null ? " (kernel default)" : " (" + Source + ")");
    }
}
