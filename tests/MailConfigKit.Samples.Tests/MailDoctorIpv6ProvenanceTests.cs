using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>
    /// MailDoctor on images whose IPv6 state comes from somewhere other than a proc/ copy: the configuration only
    /// (sysctl.d, GRUB), a kernel without IPv6, a live procfs mounted under the root, and a snapshot from --capture-proc.
    /// </summary>
    [TestFixture]
    public class MailDoctorIpv6ProvenanceTests
    {
        private static readonly string Dll = Built.MailDoctorDll;

        /// <summary>The demo host as an image: its proc/ copy removed, so only its own files can tell.</summary>
        private static TempTree DemoImage()
        {
            TempTree tree = TempTree.CopyOf(Built.DemoTree);
            Directory.Delete(tree.PathOf("proc"), recursive: true);
            return tree;
        }

        private static void Write(TempTree tree, string relative, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(tree.PathOf(relative))!);
            File.WriteAllText(tree.PathOf(relative), text);
        }

        private static JsonElement Finding(JsonDocument doc, string id) =>
            doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == id);

        [Test]
        public void Ipv6_off_only_by_sysctl_d_is_found_citing_file_and_line()
        {
            using TempTree tree = DemoImage();
            Write(tree, "etc/sysctl.d/99-disable-ipv6.conf", "# no IPv6\nnet.ipv6.conf.all.disable_ipv6 = 1\nnet.ipv6.conf.default.disable_ipv6 = 1\n");
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns", "--json");
            r.ExitCode.Should().Be(1, r.ToString());
            using JsonDocument doc = JsonDocument.Parse(r.Stdout);
            JsonElement f = Finding(doc, "exim4.ipv6-loopback-without-ipv6");
            f.GetProperty("evidence").EnumerateArray().Should().Contain(e => e.GetProperty("source").GetString() == "etc/sysctl.d/99-disable-ipv6.conf"
                && e.GetProperty("line").GetInt32() == 2 && e.GetProperty("text").GetString() == "net.ipv6.conf.all.disable_ipv6 = 1");
            RunResult text = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns");
            text.Stdout.Should().Contain("this image turns IPv6 off on lo").And.Contain("etc/sysctl.d/99-disable-ipv6.conf:2").And.Contain("-dc_local_interfaces='127.0.0.1 ; ::1'");
        }

        [Test]
        public void Ipv6_off_only_by_grub_is_a_kernel_without_ipv6()
        {
            using TempTree tree = DemoImage();
            Write(tree, "etc/default/grub", "GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`\n"
                + "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"ipv6.disable=1\"\n");
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns");
            r.ExitCode.Should().Be(1, r.ToString());
            r.Stdout.Should().Contain("exim4 listens on ::1, but the kernel runs without IPv6").And.Contain("etc/default/grub:5: GRUB_CMDLINE_LINUX=\"ipv6.disable=1\"");
            using JsonDocument doc = JsonDocument.Parse(Run.Dotnet(Dll, "--root", tree.Root, "--no-dns", "--json").Stdout);
            Finding(doc, "exim4.ipv6-loopback-without-ipv6").GetProperty("explanation").GetString().Should().Contain("Address family not supported by protocol");
        }

        [Test]
        public void A_kernel_without_ipv6_gets_its_own_explanation()
        {
            using TempTree tree = TempTree.CopyOf(Built.DemoTree);
            File.Delete(tree.PathOf("proc/net/if_inet6"));
            Directory.Delete(tree.PathOf("proc/sys/net/ipv6"), recursive: true);
            Write(tree, "proc/cmdline", "BOOT_IMAGE=/boot/vmlinuz root=/dev/vda1 ro ipv6.disable=1 quiet\n");
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns", "--json");
            r.ExitCode.Should().Be(1, r.ToString());
            using JsonDocument doc = JsonDocument.Parse(r.Stdout);
            JsonElement f = Finding(doc, "exim4.ipv6-loopback-without-ipv6");
            f.GetProperty("title").GetString().Should().Contain("the kernel runs without IPv6");
            f.GetProperty("evidence").EnumerateArray().Should().Contain(e => e.GetProperty("text").GetString()!.Contains("proc/cmdline has ipv6.disable"));
        }

        [Test]
        public void A_live_procfs_under_the_image_root_is_named_and_not_used()
        {
            if (!Environment.IsPrivilegedProcess) Prerequisite.Missing("mounting a procfs needs root");
            using TempTree tree = DemoImage();
            Directory.CreateDirectory(tree.PathOf("proc"));
            Mount("-t", "proc", "proc", tree.PathOf("proc"));
            try
            {
                RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns", "--json");
                using JsonDocument doc = JsonDocument.Parse(r.Stdout);
                var ids = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
                // This machine's lo has ::1: read as the image's, the paniclog would be called stale.
                ids.Should().Contain("exim4.ipv6-loopback-unverified").And.NotContain("exim4.stale-paniclog").And.NotContain("exim4.ipv6-loopback-without-ipv6");
                Finding(doc, "exim4.ipv6-loopback-unverified").GetProperty("evidence").EnumerateArray()
                    .Should().Contain(e => e.GetProperty("text").GetString()!.Contains("live procfs"));
            }
            finally
            {
                // Never delete the tree with the kernel's files mounted in it.
                Mount("-u", tree.PathOf("proc"));
            }
        }

        [Test]
        public void Capture_proc_then_examine_reports_the_snapshot()
        {
            using TempTree tree = DemoImage();
            RunResult capture = Run.Dotnet(Dll, "--capture-proc", tree.Root);
            capture.ExitCode.Should().Be(0, capture.ToString());
            capture.Stdout.Should().Contain("captured ").And.Contain("snapshot taken at ");
            File.Exists(tree.PathOf("proc/mailconfigkit-snapshot")).Should().BeTrue();
            RunResult r = Run.Dotnet(Dll, "--root", tree.Root, "--no-dns", "--json");
            using JsonDocument doc = JsonDocument.Parse(r.Stdout);
            doc.RootElement.GetProperty("findings").EnumerateArray().SelectMany(f => f.GetProperty("evidence").EnumerateArray())
                .Should().Contain(e => e.GetProperty("text").GetString()!.Contains("snapshot taken at "));
        }

        [TestCase("--capture-proc")]
        [TestCase("--capture-proc", "/tmp", "--demo")]
        [TestCase("--capture-proc", "/tmp", "--root", "/srv")]
        [TestCase("--capture-proc", "/")]
        public void Capture_proc_misuse_exits_2(params string[] args)
        {
            RunResult r = Run.Dotnet(Dll, args);
            r.ExitCode.Should().Be(2, r.ToString());
            r.Stderr.Should().StartWith("MailDoctor: ");
        }

        private static void Mount(params string[] args)
        {
            bool unmount = args[0] == "-u";
            var start = new System.Diagnostics.ProcessStartInfo(unmount ? "umount" : "mount") { UseShellExecute = false, RedirectStandardError = true };
            foreach (string a in unmount ? args.Skip(1) : args) start.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(start)!;
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            p.ExitCode.Should().Be(0, err);
        }
    }
}
