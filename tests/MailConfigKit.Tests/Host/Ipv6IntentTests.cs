using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host
{
    /// <summary>
    /// An image's configured IPv6 intent (sysctl.d precedence) against the real systemd-sysctl, run on the same tree in
    /// a private namespace: every case compares the all, default and lo values it leaves in the kernel with ours.
    /// </summary>
    [NonParallelizable]
    public class Ipv6IntentTests
    {
        private const string All1 = "net.ipv6.conf.all.disable_ipv6 = 1\n";

        [SetUp]
        public void SetUp() => SystemdSysctlOracle.Require();

        private static Ipv6Intent AssertAgreesWithSystemdSysctl(HostTree tree)
        {
            Ipv6Intent ours = MailHost.Open(tree.Root).ReadIpv6Intent();
            var (values, log) = SystemdSysctlOracle.Run(tree.Root);
            var mine = ours.DisableIpv6.ToDictionary(v => v.Interface, v => v.Value);
            mine.Should().BeEquivalentTo(values, "systemd-sysctl said:\n" + log + "\nwe said: " + string.Join("; ", ours.DisableIpv6));
            return ours;
        }

        [Test]
        public void An_etc_sysctl_d_file_turns_lo_off_and_is_cited_with_its_line()
        {
            using var tree = new HostTree().Write("etc/sysctl.d/99-disable-ipv6.conf", "# no IPv6 here\n\n" + All1);
            Ipv6Intent intent = AssertAgreesWithSystemdSysctl(tree);
            intent.LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
            intent.LoopbackSource!.Source.Should().Be("etc/sysctl.d/99-disable-ipv6.conf");
            intent.LoopbackSource.Line.Should().Be(3);
            intent.LoopbackSource.Origin.Should().Be(NetworkStateOrigin.ConfiguredIntent);
            intent.Describe().Should().Contain("etc/sysctl.d/99-disable-ipv6.conf:3");
        }

        [TestCase("usr/lib/sysctl.d")]
        [TestCase("run/sysctl.d")]
        [TestCase("usr/local/lib/sysctl.d")]
        public void Each_folder_is_read(string folder)
        {
            using var tree = new HostTree().Write(folder + "/50-x.conf", "net/ipv6/conf/lo/disable_ipv6=1\n");
            AssertAgreesWithSystemdSysctl(tree).For("lo")!.Source!.Source.Should().Be(folder + "/50-x.conf");
        }

        [Test]
        public void A_name_in_etc_hides_the_same_name_in_run_and_usr_lib()
        {
            using var tree = new HostTree()
                .Write("usr/lib/sysctl.d/50-x.conf", All1)
                .Write("run/sysctl.d/50-x.conf", "net.ipv6.conf.lo.disable_ipv6 = 1\n")
                .Write("etc/sysctl.d/50-x.conf", "net.ipv6.conf.default.disable_ipv6 = 1\n");
            Ipv6Intent intent = AssertAgreesWithSystemdSysctl(tree);
            intent.LoopbackIpv6.Should().Be(Ipv6Availability.Unknown);
            intent.For("default")!.Disabled.Should().BeTrue();
        }

        [Test]
        public void Run_hides_usr_lib_and_a_link_to_dev_null_masks()
        {
            using var tree = new HostTree()
                .Write("usr/lib/sysctl.d/50-x.conf", All1)
                .Write("run/sysctl.d/50-x.conf", "net.ipv6.conf.lo.disable_ipv6 = 1\n")
                .Write("usr/lib/sysctl.d/60-y.conf", All1);
            Directory.CreateDirectory(tree.PathOf("etc/sysctl.d"));
            File.CreateSymbolicLink(tree.PathOf("etc/sysctl.d/60-y.conf"), "/dev/null");
            Ipv6Intent intent = AssertAgreesWithSystemdSysctl(tree);
            intent.For("lo")!.Source!.Source.Should().Be("run/sysctl.d/50-x.conf");
            intent.For("all")!.Disabled.Should().BeFalse();
        }

        [Test]
        public void Sysctl_conf_counts_through_the_99_sysctl_conf_link_only()
        {
            using (var tree = new HostTree().Write("etc/sysctl.conf", All1))
            {
                AssertAgreesWithSystemdSysctl(tree).LoopbackIpv6.Should().Be(Ipv6Availability.Unknown);
            }
            using (var tree = new HostTree().Write("etc/sysctl.conf", "# Debian's own comments\n" + All1).Write("etc/sysctl.d/README.sysctl", "x\n"))
            {
                File.CreateSymbolicLink(tree.PathOf("etc/sysctl.d/99-sysctl.conf"), "../sysctl.conf");
                // A file named after the link still comes later.
                tree.Write("etc/sysctl.d/99-zz.conf", "net.ipv6.conf.lo.disable_ipv6 = 0\n");
                Ipv6Intent intent = AssertAgreesWithSystemdSysctl(tree);
                intent.For("all")!.Source!.Source.Should().Be("etc/sysctl.conf");
                intent.For("all")!.Source!.Line.Should().Be(2);
                intent.LoopbackIpv6.Should().Be(Ipv6Availability.Unknown);
            }
        }

        [TestCase("net.ipv6.conf.all.disable_ipv6 = 1\n", "net.ipv6.conf.lo.disable_ipv6 = 0\n")]
        [TestCase("net.ipv6.conf.lo.disable_ipv6 = 0\n", "net.ipv6.conf.all.disable_ipv6 = 1\n")]
        [TestCase("net.ipv6.conf.lo.disable_ipv6 = 0\nnet.ipv6.conf.all.disable_ipv6 = 1\n", "net/ipv6/conf/lo/disable_ipv6=0\n")]
        [TestCase("net.ipv6.conf.lo.disable_ipv6 = 0\nnet.ipv6.conf.all.disable_ipv6 = 1\n", "net/ipv6/conf/lo/disable_ipv6=2\n")]
        [TestCase("net.ipv6.conf.*.disable_ipv6 = 1\n-net.ipv6.conf.lo.disable_ipv6\n", "")]
        [TestCase("net.ipv6.conf.*.disable_ipv6 = 1\n-net.ipv6.conf.all.disable_ipv6\n", "")]
        [TestCase("-net.ipv6.conf.l?.disable_ipv6 = 1\n", "-net.ipv6.conf.all.disable_ipv6\n")]
        [TestCase("net.ipv6.conf.lo.disable_ipv6 = 1\n", "-net.ipv6.conf.lo.disable_ipv6\n")]
        [TestCase("net.ipv6.conf.[a-d]*.disable_ipv6 = 1\n", "net/ipv6/conf/default/disable_ipv6 = 0\n")]
        [TestCase("net.ipv6.conf.lo.disable_ipv6 = x\n", "\t ; comment\n # comment\nnot an assignment\n  net.ipv6.conf.lo.disable_ipv6\t=  0x1  \n")]
        [TestCase("net.ipv6.conf.a*.disable_ipv6 = 1\nnet.ipv6.conf.lo.disable_ipv6 = 0\nnet.ipv6.conf.[a]ll.disable_ipv6 = 1\n", "")]
        [TestCase("net.ipv6.conf.lo.disable_ipv6 = 1 0\r\n", "net.ipv6.conf.default.disable_ipv6 = -1\n")]
        public void Order_and_spelling_cases(string first, string second)
        {
            using var tree = new HostTree().Write("etc/sysctl.d/10-first.conf", first).Write("usr/lib/sysctl.d/20-second.conf", second);
            AssertAgreesWithSystemdSysctl(tree);
        }

        [Test]
        public void Generated_trees_agree_with_systemd_sysctl()
        {
            int seed = Seeds.From("MCK_SYSCTL_SEED");
            var random = new Random(seed);
            string[] folders = { "etc/sysctl.d", "run/sysctl.d", "usr/local/lib/sysctl.d", "usr/lib/sysctl.d" };
            string[] names = { "10-a.conf", "50-b.conf", "50-b.conf", "90-c.conf", "99-sysctl.conf", "zz.conf", ".hidden.conf", "x.conf.bak" };
            for (int round = 0; round < 150; round++)
            {
                using var tree = new HostTree();
                var written = new StringBuilder();
                int files = random.Next(1, 5);
                for (int f = 0; f < files; f++)
                {
                    string path = folders[random.Next(folders.Length)] + "/" + names[random.Next(names.Length)];
                    if (random.Next(8) == 0 && path.StartsWith("etc/", StringComparison.Ordinal) && !File.Exists(tree.PathOf(path)))
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(tree.PathOf(path))!);
                        File.CreateSymbolicLink(tree.PathOf(path), random.Next(2) == 0 ? "/dev/null" : "../sysctl.conf");
                        written.Append(path).Append(" -> link\n");
                        continue;
                    }
                    string text = GenerateFile(random);
                    tree.Write(path, text);
                    written.Append("== ").Append(path).Append('\n').Append(text);
                }
                if (random.Next(3) == 0)
                {
                    string text = GenerateFile(random);
                    tree.Write("etc/sysctl.conf", text);
                    written.Append("== etc/sysctl.conf\n").Append(text);
                }
                Ipv6Intent ours = MailHost.Open(tree.Root).ReadIpv6Intent();
                var (values, log) = SystemdSysctlOracle.Run(tree.Root);
                ours.DisableIpv6.ToDictionary(v => v.Interface, v => v.Value).Should().BeEquivalentTo(values,
                    "round " + round + " (seed " + seed + "), tree:\n" + written + "\nsystemd-sysctl said:\n" + log);
            }
        }

        private static string GenerateFile(Random random)
        {
            string[] targets = { "all", "default", "lo", "eth0", "*", "l?", "[a-d]*", "[!l]*", "*l*" };
            string[] values = { "0", "1", "1", "0", "2", "x", "0x1", " 1 " };
            var sb = new StringBuilder();
            int lines = random.Next(1, 6);
            for (int i = 0; i < lines; i++)
            {
                switch (random.Next(12))
                {
                    case 0:
                        sb.Append("# comment\n");
                        continue;
                    case 1:
                        sb.Append("; comment = 1\n");
                        continue;
                    case 2:
                        sb.Append("not an assignment\n");
                        continue;
                }
                string target = targets[random.Next(targets.Length)];
                string key = random.Next(2) == 0 ? "net.ipv6.conf." + target + ".disable_ipv6" : "net/ipv6/conf/" + target + "/disable_ipv6";
                string lead = random.Next(4) == 0 ? "\t " : string.Empty;
                if (random.Next(6) == 0)
                {
                    sb.Append(lead).Append('-').Append(key).Append('\n');
                    continue;
                }
                string minus = random.Next(6) == 0 ? "-" : string.Empty;
                string eq = random.Next(3) switch { 0 => "=", 1 => " = ", _ => "\t=  " };
                sb.Append(lead).Append(minus).Append(key).Append(eq).Append(values[random.Next(values.Length)]).Append('\n');
            }
            return sb.ToString();
        }
    }
}
