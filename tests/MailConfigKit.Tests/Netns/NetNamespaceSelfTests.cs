using System;
using System.Globalization;
using System.IO;
using FluentAssertions;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;

namespace MailConfigKit.Tests.Netns
{
    /// <summary><see cref="NetNamespace"/> builds the network the spec's runtime findings (E7/P7) were measured on.</summary>
    [Parallelizable(ParallelScope.All)]
    public class NetNamespaceSelfTests
    {
        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        [Test]
        public void Default_namespace_has_lo_up_with_both_loopback_addresses_and_is_removed_on_dispose()
        {
            string name;
            using (var ns = new NetNamespace())
            {
                name = ns.Name;
                ns.Addresses().Should().BeEquivalentTo("lo inet 127.0.0.1/8", "lo inet6 ::1/128");
                File.Exists("/run/netns/" + name).Should().BeTrue();
            }

            File.Exists("/run/netns/" + name).Should().BeFalse();
            Directory.Exists("/etc/netns/" + name).Should().BeFalse();
        }

        [Test]
        public void Disabling_ipv6_on_lo_leaves_only_127_0_0_1()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableLoopbackIpv6 = true });
            ns.Addresses().Should().Equal("lo inet 127.0.0.1/8");
            ns.ExecChecked("sysctl", new[] { "-n", "net.ipv6.conf.lo.disable_ipv6" }).Stdout.Should().Be("1\n");
        }

        [Test]
        public void Extra_interface_keeps_its_global_ipv6_address_when_ipv6_is_off_everywhere_else()
        {
            using var ns = new NetNamespace(new NetNamespaceOptions { DisableAllIpv6 = true, ExtraInterface = new ExtraInterface() });
            ns.Addresses().Should().Contain(new[] { "lo inet 127.0.0.1/8", "d0 inet 192.0.2.25/24", "d0 inet6 2001:db8::25/64" })
                .And.NotContain("lo inet6 ::1/128");
            ns.ExecChecked("sysctl", new[] { "-n", "net.ipv6.conf.default.disable_ipv6" }).Stdout.Should().Be("1\n");
        }

        [Test]
        public void Hosts_resolv_conf_and_service_users_are_seen_inside_only()
        {
            const string Hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
            const string Resolv = "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n";
            using var ns = new NetNamespace(new NetNamespaceOptions { Hosts = Hosts, ResolvConf = Resolv });
            ns.ExecChecked("cat", new[] { "/etc/hosts" }).Stdout.Should().Be(Hosts);
            ns.ExecChecked("cat", new[] { "/etc/resolv.conf" }).Stdout.Should().Be(Resolv);
            ns.ExecChecked("getent", new[] { "passwd", "Debian-exim" }).Stdout.Should().StartWith("Debian-exim:x:");
            ns.ExecChecked("getent", new[] { "group", "postdrop" }).Stdout.Should().StartWith("postdrop:x:");
            File.ReadAllText("/etc/hosts").Should().NotBe(Hosts);
        }

        [Test]
        public void Leftovers_of_killed_runs_are_removed_by_age()
        {
            var old = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
            var leftover = NetNamespace.Prefix + old + "-" + Guid.NewGuid().ToString("N")[..8];
            ProcessRunner.RunChecked("ip", new[] { "netns", "add", leftover });
            Directory.CreateDirectory("/etc/netns/" + leftover);
            using var fresh = new NetNamespace();

            NetNamespace.RemoveStale(NetNamespace.StaleAfter).Should().BeGreaterThanOrEqualTo(1);

            File.Exists("/run/netns/" + leftover).Should().BeFalse();
            Directory.Exists("/etc/netns/" + leftover).Should().BeFalse();
            File.Exists("/run/netns/" + fresh.Name).Should().BeTrue();
            NetNamespace.CreatedAt("other-ns").Should().BeNull();
        }
    }
}
