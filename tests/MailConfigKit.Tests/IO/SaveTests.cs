using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using FluentAssertions;
using MailConfigKit.IO;
using MailConfigKit.Postfix;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.IO
{
    /// <summary>Save on real files in temp folders: atomic, durable, keeps mode and owner, writes through symlinks.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public class SaveTests
    {
        private static bool IsRoot => Environment.UserName == "root";

        private static string Stat(string path)
        {
            var p = Process.Start(new ProcessStartInfo("stat", "-c %a:%u:%g:%i \"" + path + "\"") { RedirectStandardOutput = true })!;
            string s = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return s;
        }

        [Test]
        public void Save_keeps_mode_and_owner_and_replaces_atomically()
        {
            using var dir = new TempDir();
            string path = dir.File("main.cf");
            File.WriteAllText(path, "inet_protocols = all\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            if (IsRoot) Process.Start("chown", "1234:5678 " + path)!.WaitForExit();
            string before = Stat(path);

            var doc = MainCf.Load(path);
            doc.Set("inet_protocols", "ipv4");
            doc.Save(path).Should().BeTrue();

            File.ReadAllText(path).Should().Be("inet_protocols = ipv4\n");
            string after = Stat(path);
            after.Split(':')[0].Should().Be("640");
            if (IsRoot) after.Should().StartWith("640:1234:5678:");
            after.Split(':')[3].Should().NotBe(before.Split(':')[3], "a new inode proves a rename, not an in-place rewrite");
            Directory.GetFiles(dir.Path).Should().Equal(path);
        }

        [Test]
        public void Save_writes_nothing_when_the_file_already_holds_the_bytes()
        {
            using var dir = new TempDir();
            string path = dir.File("main.cf");
            File.WriteAllText(path, "a = 1\n");
            var old = DateTime.UtcNow.AddHours(-1);
            File.SetLastWriteTimeUtc(path, old);
            string inode = Stat(path).Split(':')[3];

            var doc = MainCf.Load(path);
            doc.Set("a", "1");
            doc.Save(path).Should().BeFalse();

            File.GetLastWriteTimeUtc(path).Should().Be(old);
            Stat(path).Split(':')[3].Should().Be(inode);
        }

        [Test]
        public void Save_writes_through_a_symlink_to_its_target()
        {
            using var dir = new TempDir();
            Directory.CreateDirectory(dir.File("real"));
            string target = dir.File("real/main.cf");
            File.WriteAllText(target, "a = 1\n");
            string link = dir.File("main.cf");
            File.CreateSymbolicLink(link, "real/main.cf");

            var doc = MainCf.Load(link);
            doc.Set("a", "2");
            doc.Save(link);

            new FileInfo(link).LinkTarget.Should().Be("real/main.cf");
            File.ReadAllText(target).Should().Be("a = 2\n");
            Directory.GetFiles(dir.File("real")).Should().Equal(target);
        }

        [Test]
        public void A_failed_write_names_the_file_leaves_it_intact_and_leaves_no_temp_file()
        {
            using var dir = new TempDir();
            string path = dir.File("missing-folder/main.cf");
            Action act = () => AtomicFile.Write(path, new byte[] { 1 });
            act.Should().Throw<AtomicWriteException>().Which.Path.Should().EndWith("main.cf");
            Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Should().BeEmpty();
        }

        [Test]
        public void Save_creates_a_missing_file_with_mode_644()
        {
            using var dir = new TempDir();
            var doc = MainCf.Parse("a = 1\n");
            doc.Save(dir.File("main.cf")).Should().BeTrue();
            Stat(dir.File("main.cf")).Should().StartWith("644:");
            File.ReadAllBytes(dir.File("main.cf")).Should().Equal(doc.ToBytes());
            Directory.GetFiles(dir.Path).Length.Should().Be(1);
        }
    }
}
