using System.IO;
using System.Linq;
using System.Net;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host
{
    public class HostNetworkStateTests
    {
        [Test]
        public void Listening_sockets_agree_with_ss_on_the_live_host()
        {
            // The oracle is iproute2's ss, reading the same kernel through netlink. A listener of our own makes sure
            // there is at least one of each family to compare.
            using var v4 = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            using var v6 = new System.Net.Sockets.TcpListener(IPAddress.IPv6Any, 0);
            v4.Start();
            v6.Start();
            var ss = ProcessRunner.RunChecked("/usr/bin/ss", new[] { "-ltnH" });
            var expected = ss.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)[3].Replace("*:", "0.0.0.0:").Replace("%lo", string.Empty))
                .ToHashSet();
            var ours = MailHost.Open("/").ReadNetwork().ListeningSockets.Select(s => s.ToString().Replace("[::]", "[::]")).ToHashSet();
            ours.Should().BeEquivalentTo(expected, "ss -ltnH printed:\n" + ss.Stdout);
            ours.Should().Contain("127.0.0.1:" + ((IPEndPoint)v4.LocalEndpoint).Port);
            ours.Should().Contain("[::]:" + ((IPEndPoint)v6.LocalEndpoint).Port);
        }

        [Test]
        public void Ipv6_addresses_agree_with_ip_addr_on_the_live_host()
        {
            var ip = ProcessRunner.RunChecked("/usr/sbin/ip", new[] { "-6", "-o", "addr", "show" });
            var expected = ip.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
                .Select(f => IPAddress.Parse(f[3].Split('/')[0]) + "/" + f[3].Split('/')[1] + " on " + f[1])
                .ToHashSet();
            MailHost.Open("/").ReadNetwork().Ipv6Addresses.Select(a => a.ToString()).ToHashSet().Should().BeEquivalentTo(expected);
        }

        [Test]
        public void A_snapshot_of_proc_reads_like_the_live_host()
        {
            using var tree = new HostTree();
            foreach (string f in new[] { "proc/net/if_inet6", "proc/net/tcp", "proc/net/tcp6" })
            {
                if (File.Exists("/" + f)) tree.Write(f, File.ReadAllBytes("/" + f));
            }
            foreach (string dir in Directory.GetDirectories("/proc/sys/net/ipv6/conf"))
            {
                string name = Path.GetFileName(dir);
                tree.Write("proc/sys/net/ipv6/conf/" + name + "/disable_ipv6", File.ReadAllBytes(dir + "/disable_ipv6"));
            }
            HostNetworkState live = MailHost.Open("/").ReadNetwork(), snap = MailHost.Open(tree.Root).ReadNetwork();
            snap.LoopbackIpv6.Should().Be(live.LoopbackIpv6);
            snap.Ipv6Addresses.Select(a => a.ToString()).Should().Equal(live.Ipv6Addresses.Select(a => a.ToString()));
            snap.Ipv6DisabledByInterface.Should().BeEquivalentTo(live.Ipv6DisabledByInterface);
        }

        [Test]
        public void Loopback_ipv6_verdicts()
        {
            using (var t = new HostTree().WithIpv6OnLoopback()) MailHost.Open(t.Root).ReadNetwork().LoopbackIpv6.Should().Be(Ipv6Availability.Available);
            using (var t = new HostTree().WithoutIpv6OnLoopback()) MailHost.Open(t.Root).ReadNetwork().LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
            using (var t = new HostTree().WithoutIpv6Kernel()) MailHost.Open(t.Root).ReadNetwork().LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
            // An image without proc/ is no evidence either way.
            using (var t = new HostTree().WithDebianExim()) MailHost.Open(t.Root).ReadNetwork().LoopbackIpv6.Should().Be(Ipv6Availability.Unknown);
            // if_inet6 still listing ::1 does not outweigh disable_ipv6 = 1 (a snapshot taken mid-change).
            using (var t = new HostTree().WithIpv6OnLoopback().Write("proc/sys/net/ipv6/conf/lo/disable_ipv6", "1\n"))
                MailHost.Open(t.Root).ReadNetwork().LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
        }

        [Test]
        public void Global_addresses_exclude_link_local_unique_local_and_tentative_ones()
        {
            using var t = new HostTree().WithIpv6OnLoopback(
                HostTree.GlobalLine,
                "fe800000000000000000000000000025 02 40 20 80     eth0\n",
                "fd000000000000000000000000000025 02 40 00 80     eth0\n",
                "20010db8000000000000000000000026 02 40 00 40     eth0\n");
            var net = MailHost.Open(t.Root).ReadNetwork();
            net.Ipv6Addresses.Should().HaveCount(5);
            net.GlobalIpv6Addresses.Select(a => a.Address.ToString()).Should().Equal("2001:db8::25");
        }
    }
}
