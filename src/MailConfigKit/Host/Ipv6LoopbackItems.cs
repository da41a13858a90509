using System.Collections.Generic;
using System.Linq;
using System.Net;
using MailConfigKit.Postfix;

namespace MailConfigKit.Host
{
    /// <summary>
    /// Which <c>inet_interfaces</c> items make Postfix bind <c>::1</c>: <c>::1</c> and <c>[::1]</c> themselves, and, while
    /// <c>inet_protocols</c> includes IPv6, host names that <c>etc/hosts</c> maps to <c>::1</c> (Debian's
    /// <c>::1 localhost ip6-localhost ip6-loopback</c> line makes <c>localhost</c> one of them).
    /// </summary>
    internal static class Ipv6LoopbackItems
    {
        public sealed class Item
        {
            public Item(InetInterfaceItem value, HostsEntry? hostsEntry)
            {
                Value = value;
                HostsEntry = hostsEntry;
            }

            public InetInterfaceItem Value { get; }

            /// <summary>The hosts line that maps the name to ::1; null for a literal address.</summary>
            public HostsEntry? HostsEntry { get; }
        }

        public static List<Item> Find(MainCf main, HostsFile? hosts) => Find(main, hosts, kernelHasIpv6: true);

        /// <summary>
        /// As <see cref="Find(MainCf, HostsFile?)"/>; on a kernel without IPv6 Postfix turns its IPv6 name and address support
        /// off ("disabling IPv6 name/address support"), so a host name no longer resolves to <c>::1</c> and only the literal
        /// addresses are left to fail.
        /// </summary>
        public static List<Item> Find(MainCf main, HostsFile? hosts, bool kernelHasIpv6)
        {
            var found = new List<Item>();
            InetInterfaceList? list = main.InetInterfaces;
            if (list == null || list.Kind != InetInterfacesKind.List) return found;
            bool ipv6 = kernelHasIpv6 && (main.InetProtocols ?? InetProtocols.All).HasFlag(InetProtocols.IPv6);
            foreach (InetInterfaceItem item in list.Items)
            {
                if (item.IsIPv6Loopback)
                {
                    found.Add(new Item(item, null));
                    continue;
                }
                if (!item.IsHostName || !ipv6 || hosts == null) continue;
                HostsEntry? entry = hosts.Lookup(item.Text).FirstOrDefault(e => e.Address.Equals(IPAddress.IPv6Loopback));
                if (entry != null) found.Add(new Item(item, entry));
            }
            return found;
        }

        /// <summary>Whether a name or address is loopback only, judging names by <c>etc/hosts</c>.</summary>
        public static bool IsLoopbackOnly(InetInterfaceItem item, HostsFile? hosts)
        {
            if (item.Address != null) return IPAddress.IsLoopback(item.Address);
            if (hosts == null) return false;
            IReadOnlyList<HostsEntry> entries = hosts.Lookup(item.Text);
            return entries.Count > 0 && entries.All(e => IPAddress.IsLoopback(e.Address));
        }
    }
}
