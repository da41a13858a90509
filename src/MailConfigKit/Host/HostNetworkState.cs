using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace MailConfigKit.Host
{
    /// <summary>
    /// A host's network state as its <c>proc/</c> shows it: per-interface <c>disable_ipv6</c>, the IPv6 addresses and
    /// the listening TCP sockets. Read once when created; a snapshot folder gives the same answers as the live host.
    /// </summary>
    public sealed class HostNetworkState
    {
        private readonly HostFileState _ifInet6;
        private readonly ICollection<string> _unreadableInterfaces;

        internal HostNetworkState(bool hasProcNet, HostFileState ifInet6, IReadOnlyDictionary<string, bool> ipv6Disabled, ICollection<string> unreadableInterfaces,
            IReadOnlyList<Ipv6InterfaceAddress> ipv6Addresses, IReadOnlyList<ListeningSocket> listening, IReadOnlyList<HostFileStatus> unreadable)
            : this(hasProcNet, ifInet6, ipv6Disabled, unreadableInterfaces, ipv6Addresses, listening, unreadable, new ProcFacts())
        {
        }

        internal HostNetworkState(bool hasProcNet, HostFileState ifInet6, IReadOnlyDictionary<string, bool> ipv6Disabled, ICollection<string> unreadableInterfaces,
            IReadOnlyList<Ipv6InterfaceAddress> ipv6Addresses, IReadOnlyList<ListeningSocket> listening, IReadOnlyList<HostFileStatus> unreadable, ProcFacts facts)
        {
            HasProcNet = hasProcNet;
            _ifInet6 = ifInet6;
            _unreadableInterfaces = unreadableInterfaces;
            KernelHasIpv6 = ifInet6 == HostFileState.RegularFile;
            Ipv6DisabledByInterface = ipv6Disabled;
            Ipv6Addresses = ipv6Addresses;
            ListeningSockets = listening;
            Unreadable = unreadable;
            _facts = facts;
        }

        private readonly ProcFacts _facts;

        /// <summary>What <see cref="MailHost.ReadNetwork"/> learnt about where the state comes from, besides the tables themselves.</summary>
        internal sealed class ProcFacts
        {
            public NetworkStateOrigin Origin = NetworkStateOrigin.None;
            public ProcSnapshotMarker? Snapshot;
            public bool ProcIsReadersLiveProcfs;
            public bool HasProcSysIpv6;
            public NetworkProvenance? CommandLineWithoutIpv6;
            public Ipv6Intent? Intent;
            public List<string> Notes = new List<string>();
        }

        /// <summary>
        /// Where the <c>proc/</c> tables come from: <see cref="NetworkStateOrigin.LiveProc"/> (root <c>/</c>), a
        /// <see cref="NetworkStateOrigin.Snapshot"/> with its marker, <see cref="NetworkStateOrigin.UnmarkedProc"/> files, or
        /// <see cref="NetworkStateOrigin.None"/> (no <c>proc/</c>, or one that is not the host's: see <see cref="ProcIsReadersLiveProcfs"/>).
        /// </summary>
        public NetworkStateOrigin ProcOrigin => _facts.Origin;

        /// <summary>The snapshot marker, when the tables come from a captured snapshot.</summary>
        public ProcSnapshotMarker? Snapshot => _facts.Snapshot;

        /// <summary>
        /// Whether the root (not <c>/</c>) has a live procfs mounted at <c>proc/</c>: it shows the network of the process that
        /// reads it, not the image's, so it is not used (<see cref="Notes"/> says so).
        /// </summary>
        public bool ProcIsReadersLiveProcfs => _facts.ProcIsReadersLiveProcfs;

        /// <summary>The image's configured IPv6 intent, read when <c>proc/</c> gives no evidence (null otherwise).</summary>
        public Ipv6Intent? Intent => _facts.Intent;

        /// <summary>What the reader noticed about its sources (a live procfs under an image root, a GRUB value it could not follow).</summary>
        public IReadOnlyList<string> Notes => _facts.Notes;

        /// <summary>
        /// Whether the kernel runs (or, by the image's configuration, boots) without IPv6 at all: <c>proc/net</c> without
        /// <c>if_inet6</c> and without <c>proc/sys/net/ipv6</c>, <c>ipv6.disable=1</c> in <c>proc/cmdline</c>, or, for an
        /// image without <c>proc/</c>, on its configured kernel command line.
        /// </summary>
        public bool KernelWithoutIpv6 =>
            HasProcNet ? _ifInet6 == HostFileState.Missing && (!_facts.HasProcSysIpv6 || _facts.CommandLineWithoutIpv6 != null)
                : _facts.Intent != null && _facts.Intent.KernelWithoutIpv6;

        /// <summary>
        /// Where <see cref="LoopbackIpv6"/> comes from: the <c>proc/</c> file (live, snapshot or unmarked), or the configuration
        /// line (file and line) that turns IPv6 off in an image without <c>proc/</c>.
        /// </summary>
        public NetworkProvenance LoopbackIpv6Source
        {
            get
            {
                string text = DescribeLoopbackIpv6WithoutOrigin();
                if (HasProcNet)
                {
                    string file = Ipv6DisabledByInterface.TryGetValue("lo", out bool d) && d ? HostPaths.ProcIpv6Conf + "/lo/disable_ipv6"
                        : _facts.CommandLineWithoutIpv6 != null && _ifInet6 == HostFileState.Missing ? "proc/cmdline" : HostPaths.ProcIfInet6;
                    return _facts.Snapshot != null ? new NetworkProvenance(_facts.Snapshot, file, text) : new NetworkProvenance(_facts.Origin, file, null, text);
                }
                NetworkProvenance? intent = _facts.Intent?.LoopbackSource;
                return intent ?? new NetworkProvenance(NetworkStateOrigin.None, _facts.ProcIsReadersLiveProcfs ? "proc (not this host's)" : "proc (absent)", null, text);
            }
        }

        /// <summary>
        /// The <c>proc/</c> files that are there but could not be read (a FIFO, a device, permission denied, too large): what
        /// they would have told is unknown, and <see cref="LoopbackIpv6"/> and <see cref="AnyIpv6"/> say so rather than guess.
        /// </summary>
        public IReadOnlyList<HostFileStatus> Unreadable { get; }

        /// <summary>Whether the root has <c>proc/net</c> at all; without it nothing about the network is known.</summary>
        public bool HasProcNet { get; }

        /// <summary>Whether the kernel has IPv6 (<c>proc/net/if_inet6</c> exists and could be read).</summary>
        public bool KernelHasIpv6 { get; }

        /// <summary><c>proc/sys/net/ipv6/conf/NAME/disable_ipv6</c> for each interface folder present (<c>all</c> and <c>default</c> included).</summary>
        public IReadOnlyDictionary<string, bool> Ipv6DisabledByInterface { get; }

        /// <summary>The IPv6 addresses from <c>proc/net/if_inet6</c>.</summary>
        public IReadOnlyList<Ipv6InterfaceAddress> Ipv6Addresses { get; }

        /// <summary>The listening TCP sockets from <c>proc/net/tcp</c> and <c>proc/net/tcp6</c>.</summary>
        public IReadOnlyList<ListeningSocket> ListeningSockets { get; }

        /// <summary>The usable global unicast IPv6 addresses: what a mail client would send from.</summary>
        public IReadOnlyList<Ipv6InterfaceAddress> GlobalIpv6Addresses =>
            Ipv6Addresses.Where(a => a.IsGlobalUnicast && a.IsUsable).ToList();

        /// <summary>Whether the loopback interface has <c>::1</c>, which exim and Postfix need to bind it.</summary>
        public Ipv6Availability LoopbackIpv6
        {
            get
            {
                if (Ipv6DisabledByInterface.TryGetValue("lo", out bool disabled) && disabled) return Ipv6Availability.Unavailable;
                // if_inet6 is there but unreadable (or lo's switch is): no evidence either way, so no change rests on it.
                if (_ifInet6 == HostFileState.Unreadable || _unreadableInterfaces.Contains("lo")) return Ipv6Availability.Unknown;
                if (KernelHasIpv6) return HasAddress(IPAddress.IPv6Loopback) ? Ipv6Availability.Available : Ipv6Availability.Unavailable;
                // proc/net without if_inet6 is a kernel without IPv6; without proc/net only the image's configuration can tell.
                if (HasProcNet) return Ipv6Availability.Unavailable;
                return _facts.Intent?.LoopbackIpv6 ?? Ipv6Availability.Unknown;
            }
        }

        /// <summary>Whether the host has any usable IPv6 address other than loopback (unknown without <c>proc/net</c>).</summary>
        public Ipv6Availability AnyIpv6
        {
            get
            {
                if (!HasProcNet || _ifInet6 == HostFileState.Unreadable) return Ipv6Availability.Unknown;
                return Ipv6Addresses.Any(a => a.IsUsable && !IPAddress.IsLoopback(a.Address)) ? Ipv6Availability.Available : Ipv6Availability.Unavailable;
            }
        }

        /// <summary>Whether <paramref name="address"/> is configured on some interface.</summary>
        public bool HasAddress(IPAddress address) => Ipv6Addresses.Any(a => a.Address.Equals(address));

        /// <summary>Whether something listens on <paramref name="port"/> at <paramref name="address"/> or at the wildcard of its family.</summary>
        public bool IsListening(IPAddress address, int port) =>
            ListeningSockets.Any(s => s.Port == port && (s.Address.Equals(address)
                || (s.Address.Equals(IPAddress.Any) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                || (s.Address.Equals(IPAddress.IPv6Any) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)));

        /// <summary>A one-line description of why <see cref="LoopbackIpv6"/> is what it is, for findings.</summary>
        public string DescribeLoopbackIpv6() => DescribeLoopbackIpv6WithoutOrigin() + (HasProcNet ? Origin() : string.Empty);

        // The fact alone; the provenance object says where it comes from itself.
        private string DescribeLoopbackIpv6WithoutOrigin()
        {
            if (Ipv6DisabledByInterface.TryGetValue("lo", out bool disabled) && disabled) return "proc/sys/net/ipv6/conf/lo/disable_ipv6 is 1";
            if (!HasProcNet)
            {
                string why = _facts.ProcIsReadersLiveProcfs
                    ? "proc/ under this root is a live procfs: it shows the network of the process reading it, not this image's, so it is not used"
                    : "the root has no proc/net to tell";
                if (_facts.Intent == null) return why;
                return why + "; by its configuration, " + _facts.Intent.Describe();
            }
            if (_ifInet6 == HostFileState.Unreadable) return "proc/net/if_inet6 could not be read";
            if (_unreadableInterfaces.Contains("lo")) return "proc/sys/net/ipv6/conf/lo/disable_ipv6 could not be read";
            if (!KernelHasIpv6)
            {
                return (_facts.CommandLineWithoutIpv6 != null ? "proc/cmdline has ipv6.disable: " : _facts.HasProcSysIpv6 ? string.Empty : "proc/net/if_inet6 and proc/sys/net/ipv6 are absent: ")
                    + (KernelWithoutIpv6 ? "the kernel runs without IPv6" : "proc/net/if_inet6 is absent");
            }
            return HasAddress(IPAddress.IPv6Loopback) ? "proc/net/if_inet6 lists ::1 on lo" : "proc/net/if_inet6 has no ::1 on lo";
        }

        private string Origin() =>
            _facts.Origin == NetworkStateOrigin.Snapshot && _facts.Snapshot != null ? " (" + _facts.Snapshot + ")"
            : _facts.Origin == NetworkStateOrigin.LiveProc ? " (live proc)"
            : _facts.Origin == NetworkStateOrigin.UnmarkedProc ? " (proc/ files under the root, no snapshot marker)" : string.Empty;

        /// <summary>A one-line summary: lo's IPv6, global IPv6 addresses, listening sockets.</summary>
        public override string ToString() =>
            (HasProcNet ? "proc/net" : "no proc/net") + (_facts.Origin != NetworkStateOrigin.None ? " (" + _facts.Origin + ")" : string.Empty) + ", lo IPv6 " + LoopbackIpv6.ToString().ToLowerInvariant()
            + ", " + GlobalIpv6Addresses.Count + " global IPv6 address(es), " + ListeningSockets.Count + " listening socket(s)";
    }
}
