using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host
{
    /// <summary>
    /// The kernel command line an image asks for: GRUB's defaults read as dash sources them (grub-mkconfig's order:
    /// etc/default/grub, then etc/default/grub.d/*.cfg), compared with dash itself on the same files, and
    /// etc/kernel/cmdline; the verdict names the file and line.
    /// </summary>
    public class KernelCommandLineIntentTests
    {
        private const string DebianGrub =
            "# If you change this file, run 'update-grub' afterwards to update\n"
            + "# /boot/grub/grub.cfg.\n"
            + "# For full documentation of the options in this file, see:\n"
            + "#   info -f grub -n 'Simple configuration'\n"
            + "\n"
            + "GRUB_DEFAULT=0\n"
            + "GRUB_TIMEOUT=5\n"
            + "GRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`\n"
            + "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
            + "GRUB_CMDLINE_LINUX=\"\"\n"
            + "\n"
            + "# Uncomment to disable graphical terminal (grub-pc only)\n"
            + "#GRUB_TERMINAL=console\n";

        /// <summary>What dash leaves in both variables after sourcing the tree's files as grub-mkconfig does.</summary>
        private static (string Linux, string Default) SourceWithDash(HostTree tree)
        {
            OracleTools.RequireOrIgnore();
            const string script = "cd \"$1\"; [ -e etc/default/grub ] && . ./etc/default/grub; for x in etc/default/grub.d/*.cfg; do if [ -e \"$x\" ]; then . \"./$x\"; fi; done; "
                + "printf '%s\\0%s' \"$GRUB_CMDLINE_LINUX\" \"$GRUB_CMDLINE_LINUX_DEFAULT\"";
            ProcessResult r = ProcessRunner.Run("/usr/bin/dash", new[] { "-c", script, "sh", tree.Root }, env: new Dictionary<string, string?> { ["LC_ALL"] = "C" });
            string[] parts = r.Stdout.Split('\0');
            return (parts[0], parts[1]);
        }

        private static void AssertAgreesWithDash(HostTree tree)
        {
            var problems = new List<HostFileStatus>();
            GrubDefaults ours = GrubDefaults.Read(MailHost.Open(tree.Root), problems);
            var (linux, dflt) = SourceWithDash(tree);
            ours.Value("GRUB_CMDLINE_LINUX").Should().Be(linux);
            ours.Value("GRUB_CMDLINE_LINUX_DEFAULT").Should().Be(dflt);
        }

        [Test]
        public void Debian_default_grub_keeps_ipv6()
        {
            using var tree = new HostTree().Write("etc/default/grub", DebianGrub);
            AssertAgreesWithDash(tree);
            Ipv6Intent intent = MailHost.Open(tree.Root).ReadIpv6Intent();
            intent.KernelWithoutIpv6.Should().BeFalse();
            intent.Notes.Should().BeEmpty();
        }

        [TestCase("GRUB_CMDLINE_LINUX=\"\"", "GRUB_CMDLINE_LINUX=\"ipv6.disable=1\"", 10)]
        [TestCase("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"", "GRUB_CMDLINE_LINUX_DEFAULT='quiet ipv6.disable=1'", 9)]
        [TestCase("GRUB_CMDLINE_LINUX=\"\"", "GRUB_CMDLINE_LINUX=console=ttyS0\\ ipv6.disable=0x1", 10)]
        public void Ipv6_disable_in_grub_defaults_is_a_kernel_without_ipv6_cited_by_line(string from, string to, int line)
        {
            using var tree = new HostTree().Write("etc/default/grub", DebianGrub).Edit("etc/default/grub", from, to);
            AssertAgreesWithDash(tree);
            Ipv6Intent intent = MailHost.Open(tree.Root).ReadIpv6Intent();
            intent.KernelWithoutIpv6.Should().BeTrue();
            intent.LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
            intent.KernelCommandLineSource!.Source.Should().Be("etc/default/grub");
            intent.KernelCommandLineSource.Line.Should().Be(line);
            intent.KernelCommandLineSource.Text.Should().Be(to);
        }

        [TestCase("GRUB_CMDLINE_LINUX=\"ipv6.disable=1\"", "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet ipv6.disable=0\"")]
        [TestCase("GRUB_CMDLINE_LINUX=\"ipv6.disable=1 -- \"", "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"")]
        [TestCase("GRUB_CMDLINE_LINUX=\"ipv6.disable=no\"", "GRUB_CMDLINE_LINUX_DEFAULT=\"\"")]
        [TestCase("#GRUB_CMDLINE_LINUX=\"ipv6.disable=1\"", "GRUB_CMDLINE_LINUX_DEFAULT=\"\"")]
        public void What_the_kernel_does_not_read_as_ipv6_disable_is_not_one(string linux, string dflt)
        {
            using var tree = new HostTree().Write("etc/default/grub", linux + "\n" + dflt + "\n");
            AssertAgreesWithDash(tree);
            bool expected = linux.Contains("-- ", StringComparison.Ordinal);
            // After "--" the words go to init, but the ipv6.disable=1 before it counts.
            MailHost.Open(tree.Root).ReadIpv6Intent().KernelWithoutIpv6.Should().Be(expected);
        }

        [Test]
        public void A_grub_d_drop_in_that_appends_to_the_variable_is_followed()
        {
            using var tree = new HostTree()
                .Write("etc/default/grub", DebianGrub)
                .Write("etc/default/grub.d/50-cloud.cfg", "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT console=ttyS0\"\n")
                .Write("etc/default/grub.d/90-no-ipv6.cfg", "# hardening\nGRUB_CMDLINE_LINUX=\"${GRUB_CMDLINE_LINUX} ipv6.disable=1\"\n")
                .Write("etc/default/grub.d/readme.txt", "GRUB_CMDLINE_LINUX=ipv6.disable=0\n");
            AssertAgreesWithDash(tree);
            Ipv6Intent intent = MailHost.Open(tree.Root).ReadIpv6Intent();
            intent.KernelWithoutIpv6.Should().BeTrue();
            intent.KernelCommandLineSource!.Source.Should().Be("etc/default/grub.d/90-no-ipv6.cfg");
            intent.KernelCommandLineSource.Line.Should().Be(2);
        }

        [Test]
        public void A_value_computed_by_a_command_is_unknown_and_says_so()
        {
            using var tree = new HostTree().Write("etc/default/grub", DebianGrub + "GRUB_CMDLINE_LINUX_DEFAULT=\"$(cat /etc/extra) ipv6.disable=1\"\n");
            Ipv6Intent intent = MailHost.Open(tree.Root).ReadIpv6Intent();
            intent.KernelWithoutIpv6.Should().BeFalse("an unknown value is no evidence");
            intent.Notes.Should().ContainSingle(n => n.Contains("etc/default/grub:14") && n.Contains("GRUB_CMDLINE_LINUX_DEFAULT"));
        }

        [Test]
        public void Generated_grub_files_agree_with_dash()
        {
            int seed = Seeds.From("MCK_GRUB_SEED");
            var random = new Random(seed);
            string[] words = { "quiet", "ipv6.disable=1", "ipv6.disable=0", "console=ttyS0,115200", "a b", "x=\"y z\"", "ipv6.disable_ipv6=1", "$", "\\$", "'" };
            for (int round = 0; round < 40; round++)
            {
                using var tree = new HostTree();
                var all = new StringBuilder();
                int files = random.Next(1, 4);
                for (int f = 0; f < files; f++)
                {
                    var sb = new StringBuilder();
                    int lines = random.Next(1, 4);
                    for (int l = 0; l < lines; l++)
                    {
                        string name = random.Next(2) == 0 ? "GRUB_CMDLINE_LINUX" : "GRUB_CMDLINE_LINUX_DEFAULT";
                        string other = random.Next(2) == 0 ? "GRUB_CMDLINE_LINUX" : "GRUB_CMDLINE_LINUX_DEFAULT";
                        string w = words[random.Next(words.Length)];
                        string value = random.Next(5) switch
                        {
                            0 => "\"$" + other + " " + w.Replace("\"", "\\\"") + "\"",
                            1 => "\"${" + other + "} " + w.Replace("\"", "\\\"") + "\"",
                            2 => "'" + w.Replace("'", "'\\''") + "'",
                            3 => w.Replace(" ", "\\ ").Replace("\"", "\\\"").Replace("'", "\\'"),
                            _ => "\"" + w.Replace("\"", "\\\"") + "\"$" + other,
                        };
                        sb.Append(name).Append('=').Append(value).Append('\n');
                    }
                    string path = f == 0 ? "etc/default/grub" : "etc/default/grub.d/" + (char)('a' + random.Next(26)) + ".cfg";
                    tree.Write(path, sb.ToString());
                    all.Append("== ").Append(path).Append('\n').Append(sb);
                }
                var problems = new List<HostFileStatus>();
                GrubDefaults ours = GrubDefaults.Read(MailHost.Open(tree.Root), problems);
                var (linux, dflt) = SourceWithDash(tree);
                string because = "round " + round + " (seed " + seed + "):\n" + all;
                ours.Value("GRUB_CMDLINE_LINUX").Should().Be(linux, because);
                ours.Value("GRUB_CMDLINE_LINUX_DEFAULT").Should().Be(dflt, because);
            }
        }

        [TestCase("root=/dev/sda1 ro ipv6.disable=1\n", true, 1)]
        [TestCase("root=/dev/sda1 ro\n\"ipv6.disable=1\" quiet\n", true, 2)]
        [TestCase("root=/dev/sda1 ipv6.disable=1 ipv6.disable=0\n", false, 0)]
        [TestCase("ipv6.disable=1 -- ipv6.disable=0\n", true, 1)]
        [TestCase("ipv6.disable_ipv6=1\n", false, 0)]
        public void Etc_kernel_cmdline(string text, bool kernelWithoutIpv6, int line)
        {
            using var tree = new HostTree().Write("etc/kernel/cmdline", text);
            Ipv6Intent intent = MailHost.Open(tree.Root).ReadIpv6Intent();
            intent.KernelWithoutIpv6.Should().Be(kernelWithoutIpv6);
            if (kernelWithoutIpv6)
            {
                intent.KernelCommandLineSource!.Source.Should().Be("etc/kernel/cmdline");
                intent.KernelCommandLineSource.Line.Should().Be(line);
            }
        }

        [Test]
        public void Ipv6_disable_ipv6_on_the_command_line_starts_every_interface_disabled()
        {
            using var tree = new HostTree().Write("etc/kernel/cmdline", "ro ipv6.disable-ipv6=1\n");
            Ipv6Intent intent = MailHost.Open(tree.Root).ReadIpv6Intent();
            intent.KernelWithoutIpv6.Should().BeFalse();
            intent.LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
            intent.For("lo")!.Source!.Source.Should().Be("etc/kernel/cmdline");
            // A sysctl.d line that turns lo back on wins: it is written after boot.
            tree.Write("etc/sysctl.d/50-lo.conf", "net.ipv6.conf.lo.disable_ipv6 = 0\n");
            MailHost.Open(tree.Root).ReadIpv6Intent().LoopbackIpv6.Should().Be(Ipv6Availability.Unknown);
        }
    }
}
