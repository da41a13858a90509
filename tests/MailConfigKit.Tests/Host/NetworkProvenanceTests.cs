using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host
{
    /// <summary>Where the network state comes from: live proc, a captured snapshot, proc files without a marker, a live procfs under an image root, or the image's configuration.</summary>
    public class NetworkProvenanceTests
    {
        [Test]
        public void The_live_root_reads_live_proc()
        {
            HostNetworkState live = MailHost.Open("/").ReadNetwork();
            live.ProcOrigin.Should().Be(NetworkStateOrigin.LiveProc);
            live.LoopbackIpv6Source.Origin.Should().Be(NetworkStateOrigin.LiveProc);
            live.LoopbackIpv6Source.ToString().Should().Contain("live proc");
            live.Intent.Should().BeNull("live proc is the evidence");
        }

        [Test]
        public void A_capture_reads_back_like_the_live_host_and_says_it_is_a_snapshot()
        {
            using var tree = new HostTree();
            NetworkCapture capture = MailHost.Open("/").CaptureNetworkState(tree.Root);
            capture.Files.Should().Contain(new[] { HostPaths.ProcTcp, ProcSnapshotMarker.RelativePath, "proc/cmdline" });
            HostNetworkState live = MailHost.Open("/").ReadNetwork(), snap = MailHost.Open(tree.Root).ReadNetwork();
            snap.ProcOrigin.Should().Be(NetworkStateOrigin.Snapshot);
            snap.Snapshot!.TakenAt.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromHours(1));
            snap.Snapshot.HostName.Should().Be(File.ReadAllText("/proc/sys/kernel/hostname").Trim());
            snap.LoopbackIpv6.Should().Be(live.LoopbackIpv6);
            snap.KernelWithoutIpv6.Should().Be(live.KernelWithoutIpv6);
            snap.Ipv6Addresses.Select(a => a.ToString()).Should().Equal(live.Ipv6Addresses.Select(a => a.ToString()));
            snap.Ipv6DisabledByInterface.Should().BeEquivalentTo(live.Ipv6DisabledByInterface);
            snap.ListeningSockets.Select(s => s.ToString()).Should().BeEquivalentTo(live.ListeningSockets.Select(s => s.ToString()));
            snap.LoopbackIpv6Source.Origin.Should().Be(NetworkStateOrigin.Snapshot);
            snap.LoopbackIpv6Source.ToString().Should().Contain("snapshot taken at " + capture.Marker.TakenAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
            // Only listening sockets travel: no connection (state 01) is in the copy.
            File.ReadAllLines(tree.PathOf(HostPaths.ProcTcp)).Skip(1).Should().OnlyContain(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3] == "0A");
        }

        [Test]
        public void A_second_capture_removes_what_the_kernel_no_longer_has()
        {
            using var tree = new HostTree()
                .Write("proc/sys/net/ipv6/conf/gone0/disable_ipv6", "0\n")
                .Write(HostPaths.ProcIfInet6, HostTree.LoopbackLine + HostTree.GlobalLine);
            MailHost.Open("/").CaptureNetworkState(tree.Root);
            Directory.Exists(tree.PathOf("proc/sys/net/ipv6/conf/gone0")).Should().BeFalse();
            File.ReadAllText(tree.PathOf(HostPaths.ProcIfInet6)).Should().Be(File.ReadAllText("/proc/net/if_inet6"));
        }

        [Test]
        public void Capture_refuses_a_tree_as_source_the_live_root_and_a_live_procfs_as_destination()
        {
            using var tree = new HostTree();
            FluentActions.Invoking(() => MailHost.Open(tree.Root).CaptureNetworkState("/tmp")).Should().Throw<InvalidOperationException>();
            FluentActions.Invoking(() => MailHost.Open("/").CaptureNetworkState("/")).Should().Throw<ArgumentException>();
            using var mount = LiveProcfsMount.Under(tree, bind: false);
            FluentActions.Invoking(() => MailHost.Open("/").CaptureNetworkState(tree.Root)).Should().Throw<ArgumentException>().WithMessage("*live procfs*");
        }

        [Test]
        public void Proc_files_without_a_marker_are_read_and_called_so()
        {
            using var tree = new HostTree().WithoutIpv6OnLoopback();
            HostNetworkState state = MailHost.Open(tree.Root).ReadNetwork();
            state.ProcOrigin.Should().Be(NetworkStateOrigin.UnmarkedProc);
            state.LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
            state.LoopbackIpv6Source.Source.Should().Be("proc/sys/net/ipv6/conf/lo/disable_ipv6");
            state.DescribeLoopbackIpv6().Should().Contain("no snapshot marker");
        }

        [TestCase(false)]
        [TestCase(true)]
        public void A_live_procfs_under_an_image_root_is_recognised_and_not_used(bool bind)
        {
            using var tree = new HostTree().WithDebianExim().Write("etc/sysctl.d/99-disable-ipv6.conf", "net.ipv6.conf.all.disable_ipv6 = 1\n");
            using (LiveProcfsMount.Under(tree, bind))
            {
                HostNetworkState state = MailHost.Open(tree.Root).ReadNetwork();
                state.ProcIsReadersLiveProcfs.Should().BeTrue();
                state.HasProcNet.Should().BeFalse();
                state.ListeningSockets.Should().BeEmpty("the reader's sockets are not the image's");
                state.Notes.Should().Contain(n => n.Contains("live procfs"));
                // The image's own configuration decides instead.
                state.LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
                state.LoopbackIpv6Source.Source.Should().Be("etc/sysctl.d/99-disable-ipv6.conf");
                state.LoopbackIpv6Source.Line.Should().Be(1);
                state.DescribeLoopbackIpv6().Should().Contain("live procfs").And.Contain("etc/sysctl.d/99-disable-ipv6.conf:1");
            }
        }

        [Test]
        public void An_image_without_proc_answers_from_its_configuration_with_file_and_line()
        {
            using var tree = new HostTree().Write("usr/lib/sysctl.d/10-no-ipv6.conf", "# vendor\nnet/ipv6/conf/lo/disable_ipv6 = 1\n");
            HostNetworkState state = MailHost.Open(tree.Root).ReadNetwork();
            state.ProcOrigin.Should().Be(NetworkStateOrigin.None);
            state.LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
            state.KernelWithoutIpv6.Should().BeFalse();
            state.LoopbackIpv6Source.Should().BeEquivalentTo(new { Origin = NetworkStateOrigin.ConfiguredIntent, Source = "usr/lib/sysctl.d/10-no-ipv6.conf", Line = 2 });
            using var quiet = new HostTree().WithDebianExim();
            MailHost.Open(quiet.Root).ReadNetwork().LoopbackIpv6.Should().Be(Ipv6Availability.Unknown, "configuration that does not turn IPv6 off proves nothing about ::1");
        }

        [Test]
        public void A_kernel_without_ipv6_in_a_snapshot_and_on_the_command_line()
        {
            using (var t = new HostTree().WithoutIpv6Kernel())
            {
                HostNetworkState s = MailHost.Open(t.Root).ReadNetwork();
                s.KernelWithoutIpv6.Should().BeTrue();
                s.DescribeLoopbackIpv6().Should().Contain("the kernel runs without IPv6");
            }
            using (var t = new HostTree().WithoutIpv6Kernel().Write("proc/cmdline", "BOOT_IMAGE=/vmlinuz ro ipv6.disable=1 quiet\n"))
            {
                HostNetworkState s = MailHost.Open(t.Root).ReadNetwork();
                s.KernelWithoutIpv6.Should().BeTrue();
                s.LoopbackIpv6Source.Source.Should().Be("proc/cmdline");
            }
            using (var t = new HostTree().Write("etc/default/grub", "GRUB_CMDLINE_LINUX=\"ipv6.disable=1\"\n"))
            {
                HostNetworkState s = MailHost.Open(t.Root).ReadNetwork();
                s.KernelWithoutIpv6.Should().BeTrue();
                s.LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
                s.LoopbackIpv6Source.Source.Should().Be("etc/default/grub");
            }
        }
    }

    /// <summary>A live procfs (a new proc mount, or /proc bound) at TREE/proc, unmounted on dispose. Root only.</summary>
    public sealed class LiveProcfsMount : IDisposable
    {
        private readonly string _path;

        private LiveProcfsMount(string path)
        {
            _path = path;
        }

        public static LiveProcfsMount Under(HostTree tree, bool bind)
        {
            if (!Environment.IsPrivilegedProcess) throw OracleTools.Unavailable("mounting a procfs needs root", OracleTools.IsCi, null);
            string path = tree.PathOf("proc");
            Directory.CreateDirectory(path);
            ProcessRunner.RunChecked("/usr/bin/mount", bind ? new[] { "--bind", "/proc", path } : new[] { "-t", "proc", "proc", path });
            return new LiveProcfsMount(path);
        }

        public void Dispose()
        {
            ProcessResult r = ProcessRunner.Run("/usr/bin/umount", new[] { _path });
            // The tree must never be deleted with the kernel's files mounted in it.
            if (r.ExitCode != 0) ProcessRunner.RunChecked("/usr/bin/umount", new[] { "-l", _path });
        }
    }
}

namespace MailConfigKit.Tests.Host
{
    /// <summary>Configured intent on hostile trees: FIFOs where files belong, huge files with many reassigned keys.</summary>
    public class Ipv6IntentBadInputTests
    {
        // A hang guard, not a speed assertion: quadratic reassignment or a FIFO read would not finish at all.
        private static T Bounded<T>(Func<T> work)
        {
            var task = System.Threading.Tasks.Task.Run(work);
            if (!task.Wait(TimeSpan.FromMinutes(2))) Assert.Fail("did not finish");
            return task.Result;
        }

        [Test]
        public void Fifos_where_configuration_belongs_are_reported_or_skipped_never_waited_on()
        {
            using var tree = new HostTree().Write("etc/sysctl.d/99-disable-ipv6.conf", "net.ipv6.conf.lo.disable_ipv6 = 1\n");
            foreach (string f in new[] { "etc/default/grub", "etc/kernel/cmdline", "etc/sysctl.d/50-fifo.conf" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(tree.PathOf(f))!);
                ProcessRunner.RunChecked("/usr/bin/mkfifo", new[] { tree.PathOf(f) });
            }
            Ipv6Intent intent = Bounded(() => MailHost.Open(tree.Root).ReadIpv6Intent());
            intent.Unreadable.Select(u => u.RelativePath).Should().BeEquivalentTo(new[] { "etc/default/grub", "etc/kernel/cmdline" },
                "systemd-sysctl skips what is neither a file nor a link; the others are there and cannot be read");
            intent.LoopbackIpv6.Should().Be(Ipv6Availability.Unavailable);
            MailHost.Open(tree.Root).ReadNetwork().Unreadable.Select(u => u.RelativePath).Should().Contain("etc/default/grub");
        }

        [Test]
        public void Many_keys_reassigned_many_times_stay_linear()
        {
            // 400,000 keys, then the last one reassigned 400,000 times: finding and moving it in a list each time is
            // 1.6e11 steps, which never finishes within the guard; each file stays under the 16 MiB configuration cap.
            using var tree = new HostTree();
            for (int part = 0; part < 2; part++)
            {
                var keys = new System.Text.StringBuilder();
                var flips = new System.Text.StringBuilder();
                for (int i = 0; i < 200_000; i++)
                {
                    keys.Append("net.ipv6.conf.if").Append(part * 200_000 + i).Append(".disable_ipv6 = 1\n");
                    flips.Append("net.ipv6.conf.if399999.disable_ipv6 = ").Append(i % 2).Append('\n');
                }
                tree.Write("etc/sysctl.d/1" + part + "-keys.conf", keys.ToString()).Write("etc/sysctl.d/2" + part + "-flips.conf", flips.ToString());
            }
            tree.Write("etc/sysctl.d/30-lo.conf", "net.ipv6.conf.lo.disable_ipv6 = 1\n");
            Ipv6Intent intent = Bounded(() => MailHost.Open(tree.Root).ReadIpv6Intent());
            intent.For("lo")!.Source!.Source.Should().Be("etc/sysctl.d/30-lo.conf");
        }
    }
}
