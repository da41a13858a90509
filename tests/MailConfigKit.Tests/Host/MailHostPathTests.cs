using System.Linq;
using System.IO;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host
{
    public class MailHostPathTests
    {
        [Test]
        public void Open_refuses_a_missing_folder()
        {
            var act = () => MailHost.Open("/nonexistent-" + System.Guid.NewGuid().ToString("N"));
            act.Should().Throw<DirectoryNotFoundException>().WithMessage("*is not a folder*");
        }

        [Test]
        public void Files_are_at_their_Debian_paths_under_the_root()
        {
            using var tree = new HostTree().WithDebianPostfix().WithDebianExim();
            var host = MailHost.Open(tree.Root + "/");
            host.Root.Should().Be(tree.Root);
            host.HasPostfix.Should().BeTrue();
            host.HasExim4.Should().BeTrue();
            host.LoadMainCf()!.GetValue("inet_protocols").Should().Be("all");
            host.LoadExim4Conf()!.GetValue("dc_local_interfaces").Should().Be("127.0.0.1 ; ::1");
            host.GetPath("etc/postfix/main.cf").Should().Be(tree.PathOf("etc/postfix/main.cf"));
        }

        [Test]
        public void An_absolute_link_is_resolved_inside_the_root_like_chroot()
        {
            using var tree = new HostTree().Write("srv/postfix/main.cf", "a = 1\n");
            Directory.CreateDirectory(tree.PathOf("etc"));
            File.CreateSymbolicLink(tree.PathOf("etc/postfix"), "/srv/postfix");
            var host = MailHost.Open(tree.Root);
            host.GetPath("etc/postfix/main.cf").Should().Be(tree.PathOf("srv/postfix/main.cf"));
            host.LoadMainCf()!.GetValue("a").Should().Be("1");
        }

        [Test]
        public void A_relative_link_that_climbs_out_of_the_root_is_refused()
        {
            using var outside = new TempDir();
            File.WriteAllText(outside.File("main.cf"), "secret = 1\n");
            using var tree = new HostTree();
            Directory.CreateDirectory(tree.PathOf("etc/postfix"));
            string up = "../../../" + Path.GetFileName(outside.Path) + "/main.cf";
            File.CreateSymbolicLink(tree.PathOf("etc/postfix/main.cf"), up);
            var host = MailHost.Open(tree.Root);
            host.Invoking(h => h.LoadMainCf()).Should().Throw<HostPathException>().WithMessage("*outside the host root*");
            host.FileExists("etc/postfix/main.cf").Should().BeFalse();
        }

        [Test]
        public void Dot_dot_in_the_asked_path_cannot_leave_the_root_either()
        {
            using var tree = new HostTree();
            MailHost.Open(tree.Root).Invoking(h => h.GetPath("etc/../../x")).Should().Throw<HostPathException>();
            MailHost.Open(tree.Root).GetPath("etc/../etc/hosts").Should().Be(tree.PathOf("etc/hosts"));
        }

        [Test]
        public void A_link_loop_is_refused_not_followed_forever()
        {
            using var tree = new HostTree();
            Directory.CreateDirectory(tree.PathOf("etc"));
            File.CreateSymbolicLink(tree.PathOf("etc/a"), "b");
            File.CreateSymbolicLink(tree.PathOf("etc/b"), "a");
            MailHost.Open(tree.Root).Invoking(h => h.GetPath("etc/a/x")).Should().Throw<HostPathException>().WithMessage("*Too many levels*");
        }

        [Test]
        public void The_live_root_resolves_like_the_system()
        {
            var host = MailHost.Open("/");
            host.IsLiveSystem.Should().BeTrue();
            host.GetPath("etc/hosts").Should().Be(Path.GetFullPath("/etc/hosts"));
            host.GetPath("../etc/hosts").Should().Be("/etc/hosts");
        }

        [Test]
        public void Hosts_maps_names_to_addresses_with_their_lines()
        {
            using var tree = new HostTree().WithDebianHosts();
            HostsFile hosts = MailHost.Open(tree.Root).LoadHosts()!;
            hosts.Lookup("LOCALHOST").Should().HaveCount(2);
            hosts.Lookup("localhost")[1].Line.Should().Be(2);
            hosts.Lookup("ip6-loopback").Should().ContainSingle().Which.Address.ToString().Should().Be("::1");
        }

        [Test]
        public void Mail_log_reads_the_previous_rotation_first()
        {
            using var tree = new HostTree().Write("var/log/mail.log.1", "old\n").Write("var/log/mail.log", "new1\nnew2");
            var lines = new System.Collections.Generic.List<LogLine>(MailHost.Open(tree.Root).ReadMailLog());
            lines.Select(l => l.ToString()).Should().Equal("var/log/mail.log.1:1: old", "var/log/mail.log:1: new1", "var/log/mail.log:2: new2");
        }
    }
}
