namespace MailConfigKit.Tests.Netns
{
    /// <summary>How a <see cref="NetNamespace"/> is set up. The defaults give a namespace whose lo has 127.0.0.1 and ::1.</summary>
    public sealed class NetNamespaceOptions
    {
        /// <summary>
        /// <c>net.ipv6.conf.lo.disable_ipv6=1</c>: lo keeps only 127.0.0.1/8, the seed failure's host (spec E7/P7).
        /// </summary>
        public bool DisableLoopbackIpv6 { get; init; }

        /// <summary>
        /// Also <c>net.ipv6.conf.all</c> and <c>.default</c>, as a host booted with IPv6 switched off.
        /// <see cref="ExtraInterface"/> still gets its IPv6 address: it is re-enabled on that one interface.
        /// </summary>
        public bool DisableAllIpv6 { get; init; }

        /// <summary>A second interface with global addresses (for "the host has a global IPv6 address"); null: none.</summary>
        public ExtraInterface? ExtraInterface { get; init; }

        /// <summary>Text for <c>/etc/netns/NAME/resolv.conf</c>, which <c>ip netns exec</c> mounts over /etc/resolv.conf.</summary>
        public string? ResolvConf { get; init; }

        /// <summary>Text for <c>/etc/netns/NAME/hosts</c>, mounted over /etc/hosts the same way.</summary>
        public string? Hosts { get; init; }

        /// <summary>
        /// Write passwd/group copies with the Debian-exim, postfix and postdrop accounts (<see cref="ServiceUsers"/>) into
        /// <c>/etc/netns/NAME/</c>, so that the daemons find their users inside without touching the system. Default true.
        /// </summary>
        public bool ServiceUsers { get; init; } = true;
    }
}
