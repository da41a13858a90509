using System.Net;

namespace MailConfigKit.Host
{
    /// <summary>One line of <c>proc/net/if_inet6</c>: an IPv6 address configured on an interface.</summary>
    public sealed class Ipv6InterfaceAddress
    {
        // Kernel IFA_F_* flags and the scope values if_inet6 prints (include/net/ipv6.h: IPV6_ADDR_LOOPBACK and friends).
        private const int FlagDadFailed = 0x08, FlagTentative = 0x40;
        private const int ScopeGlobal = 0x00;

        /// <summary>Creates an entry.</summary>
        public Ipv6InterfaceAddress(IPAddress address, int interfaceIndex, int prefixLength, int scope, int flags, string interfaceName, int line)
        {
            Address = address;
            InterfaceIndex = interfaceIndex;
            PrefixLength = prefixLength;
            Scope = scope;
            Flags = flags;
            InterfaceName = interfaceName;
            Line = line;
        }

        /// <summary>The address.</summary>
        public IPAddress Address { get; }

        /// <summary>The kernel's interface index.</summary>
        public int InterfaceIndex { get; }

        /// <summary>The prefix length.</summary>
        public int PrefixLength { get; }

        /// <summary>The kernel's scope value (0 global, 0x10 host, 0x20 link, 0x40 site).</summary>
        public int Scope { get; }

        /// <summary>The kernel's address flags (IFA_F_*).</summary>
        public int Flags { get; }

        /// <summary>The interface name (<c>lo</c>, <c>eth0</c>).</summary>
        public string InterfaceName { get; }

        /// <summary>The 1-based line in <c>proc/net/if_inet6</c>, for evidence.</summary>
        public int Line { get; }

        /// <summary>Whether the address is usable: duplicate address detection neither pending nor failed.</summary>
        public bool IsUsable => (Flags & (FlagDadFailed | FlagTentative)) == 0;

        /// <summary>
        /// Whether this is a global unicast address a mail server could send from: global scope, not loopback, not a
        /// unique local address (fc00::/7, which has global scope in the kernel but is not routed on the internet).
        /// </summary>
        public bool IsGlobalUnicast
        {
            get
            {
                if (Scope != ScopeGlobal || IPAddress.IsLoopback(Address)) return false;
                byte[] b = Address.GetAddressBytes();
                return (b[0] & 0xFE) != 0xFC && b[0] != 0xFF && !Address.IsIPv4MappedToIPv6;
            }
        }

        /// <summary>The line as <c>address/prefix on interface</c>.</summary>
        public override string ToString() => Address + "/" + PrefixLength + " on " + InterfaceName;
    }
}
