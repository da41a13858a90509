using System.Collections.Generic;
using System.Linq;

namespace MailConfigKit.Host
{
    /// <summary>
    /// What an image's configuration says about IPv6 at its next boot: whether the kernel command line turns IPv6 off
    /// altogether (<c>ipv6.disable=1</c> in <c>etc/default/grub</c>, <c>etc/default/grub.d/*.cfg</c> or
    /// <c>etc/kernel/cmdline</c>), and the <c>disable_ipv6</c> values systemd-sysctl writes for <c>all</c>, <c>default</c> and
    /// <c>lo</c> from <c>sysctl.d</c> (see <see cref="MailHost.ReadIpv6Intent"/>). Each verdict names the file and line.
    /// </summary>
    public sealed class Ipv6Intent
    {
        internal Ipv6Intent(NetworkProvenance? kernelWithoutIpv6, IReadOnlyList<Ipv6ConfiguredValue> values, IReadOnlyList<string> notes,
            IReadOnlyList<HostFileStatus> unreadable, IReadOnlyList<string> filesRead)
        {
            KernelCommandLineSource = kernelWithoutIpv6;
            DisableIpv6 = values;
            Notes = notes;
            Unreadable = unreadable;
            FilesRead = filesRead;
        }

        /// <summary>Whether the configured kernel command line has <c>ipv6.disable</c> set (non-zero): the kernel then has no IPv6 at all.</summary>
        public bool KernelWithoutIpv6 => KernelCommandLineSource != null;

        /// <summary>The line whose <c>ipv6.disable</c> turns IPv6 off, or null.</summary>
        public NetworkProvenance? KernelCommandLineSource { get; }

        /// <summary>The <c>disable_ipv6</c> values of <c>all</c>, <c>default</c> and <c>lo</c> after boot, in that order.</summary>
        public IReadOnlyList<Ipv6ConfiguredValue> DisableIpv6 { get; }

        /// <summary>The value for one interface folder (<c>all</c>, <c>default</c>, <c>lo</c>), or null for another name.</summary>
        public Ipv6ConfiguredValue? For(string interfaceName) => DisableIpv6.FirstOrDefault(v => v.Interface == interfaceName);

        /// <summary>Whether <c>lo</c> has IPv6 at boot as configured: unavailable when the configuration turns it off, otherwise unknown (configuration alone never proves <c>::1</c> is there).</summary>
        public Ipv6Availability LoopbackIpv6 => KernelWithoutIpv6 || (For("lo")?.Disabled ?? false) ? Ipv6Availability.Unavailable : Ipv6Availability.Unknown;

        /// <summary>The line behind <see cref="LoopbackIpv6"/>: the kernel command line, or the write that leaves <c>lo</c> disabled; null when nothing turns it off.</summary>
        public NetworkProvenance? LoopbackSource => KernelCommandLineSource ?? ((For("lo")?.Disabled ?? false) ? For("lo")!.Source : null);

        /// <summary>What could not be concluded and why (a GRUB value computed at run time, ...).</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>Configuration files that are there but could not be read.</summary>
        public IReadOnlyList<HostFileStatus> Unreadable { get; }

        /// <summary>The configuration files read (relative to the root), in the order read.</summary>
        public IReadOnlyList<string> FilesRead { get; }

        /// <summary>One sentence: why <c>lo</c> has or lacks IPv6 at boot by this configuration.</summary>
        public string Describe()
        {
            if (KernelCommandLineSource != null)
                return Cite(KernelCommandLineSource) + " puts ipv6.disable on the kernel command line: the kernel boots without IPv6";
            NetworkProvenance? lo = LoopbackSource;
            if (lo != null) return Cite(lo) + " leaves lo's disable_ipv6 at " + For("lo")!.Value + " after boot (" + lo.Text.Trim() + ")";
            return "the image's configuration does not turn IPv6 off (" + (FilesRead.Count == 0 ? "no sysctl.d or kernel command line files" : FilesRead.Count + " file(s) read") + ")";
        }

        private static string Cite(NetworkProvenance p) => p.Source + (p.Line.HasValue ? ":" + p.Line.Value : string.Empty);

        /// <summary>A one-line summary.</summary>
        public override string ToString() => "configured intent: " + Describe();
    }
}
