using System;
using System.IO;
using System.Text;

namespace MailConfigKit.Tests.Support
{
    /// <summary>
    /// A Debian host tree in a temp folder, for MailHost: config files at their Debian paths and a hand-made proc/
    /// snapshot (the same files the kernel shows, in its own format), deleted on dispose.
    /// </summary>
    public sealed class HostTree : IDisposable
    {
        private readonly TempDir _dir = new TempDir();

        public string Root => _dir.Path;

        public string PathOf(string relative) => Path.Combine(Root, relative);

        public HostTree Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

        public HostTree Write(string relative, byte[] bytes)
        {
            string path = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            return this;
        }

        /// <summary>Replaces <paramref name="from"/> (which must occur) with <paramref name="to"/> in a file of the tree.</summary>
        public HostTree Edit(string relative, string from, string to)
        {
            string text = Read(relative);
            if (!text.Contains(from, StringComparison.Ordinal)) throw new InvalidOperationException(relative + " does not contain " + from);
            return Write(relative, text.Replace(from, to, StringComparison.Ordinal));
        }

        public string Read(string relative) => File.ReadAllText(PathOf(relative));

        public byte[] ReadBytes(string relative) => File.ReadAllBytes(PathOf(relative));

        /// <summary>Debian's default update-exim4.conf.conf (dc_local_interfaces='127.0.0.1 ; ::1').</summary>
        public HostTree WithDebianExim() => Write("etc/exim4/update-exim4.conf.conf", TestFiles.CaseBytes("Exim4/Cases/debian-default-update-exim4.conf.conf"));

        /// <summary>Debian's default main.cf.</summary>
        public HostTree WithDebianPostfix() => Write("etc/postfix/main.cf", TestFiles.CaseBytes("Postfix/Cases/debian-default-main.cf"));

        /// <summary>Debian's /etc/hosts (127.0.0.1 localhost, ::1 localhost ip6-localhost ip6-loopback).</summary>
        public HostTree WithDebianHosts() => Write("etc/hosts", TestFiles.CaseBytes("Postfix/Cases/runtime/hosts"));

        /// <summary>A proc/ snapshot of a host whose lo has IPv6 disabled: lo's disable_ipv6 is 1 and if_inet6 lacks ::1.</summary>
        public HostTree WithoutIpv6OnLoopback(params string[] ifInet6Lines)
        {
            Write("proc/sys/net/ipv6/conf/lo/disable_ipv6", "1\n");
            Write("proc/sys/net/ipv6/conf/all/disable_ipv6", "0\n");
            return Write("proc/net/if_inet6", string.Concat(ifInet6Lines));
        }

        /// <summary>A proc/ snapshot of a host with IPv6 on lo (and the given extra if_inet6 lines).</summary>
        public HostTree WithIpv6OnLoopback(params string[] ifInet6Lines)
        {
            Write("proc/sys/net/ipv6/conf/lo/disable_ipv6", "0\n");
            return Write("proc/net/if_inet6", LoopbackLine + string.Concat(ifInet6Lines));
        }

        /// <summary>A proc/ snapshot of a kernel without IPv6: proc/net exists, if_inet6 does not.</summary>
        public HostTree WithoutIpv6Kernel() => Write("proc/net/tcp", TcpHeader);

        public const string LoopbackLine = "00000000000000000000000000000001 01 80 10 80       lo\n";
        public const string GlobalLine = "20010db8000000000000000000000025 02 40 00 80     eth0\n";
        public const string TcpHeader = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

        public void Dispose() => _dir.Dispose();
    }
}
