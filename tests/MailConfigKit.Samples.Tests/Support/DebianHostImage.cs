using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>
    /// A Debian 12 host made by Debian's own installer: <c>mmdebstrap</c> (minbase plus systemd, dbus and postfix, so the
    /// postinst scripts write the real main.cf and the persistent journal folder), cached as a tarball under
    /// /var/cache/mailconfigkit-oracle/deb12-host-v1 (about 5 minutes and 400 MB the first time), extracted per test and
    /// booted with <c>systemd-nspawn -b</c>. The host tools (mmdebstrap, systemd-container) are installed with apt-get.
    /// </summary>
    public static class DebianHostImage
    {
        public const string CacheDirectory = "/var/cache/mailconfigkit-oracle/deb12-host-v1";
        private static readonly string Tarball = Path.Combine(CacheDirectory, "deb12-postfix-systemd.tar");
        private static readonly object Gate = new object();

        /// <summary>The cached tarball, made if missing. Fails (CI) or ignores (elsewhere) when it cannot be made.</summary>
        public static string Ensure()
        {
            if (!OperatingSystem.IsLinux() || Environment.UserName != "root") Prerequisite.Missing("booting a Debian tree needs root on Linux");
            lock (Gate)
            {
                Directory.CreateDirectory(CacheDirectory);
                using var fileLock = new FileStream(Path.Combine(CacheDirectory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                InstallHostTools();
                if (File.Exists(Tarball)) return Tarball;
                string partial = Tarball + ".partial";
                File.Delete(partial);
                RunResult r = Run.Program("mmdebstrap", new[]
                {
                    "--variant=minbase", "--include=systemd,systemd-sysv,dbus,postfix,libsasl2-modules,ca-certificates",
                    "--mode=root", "--format=tar", "bookworm", partial, "http://deb.debian.org/debian",
                }, timeout: TimeSpan.FromMinutes(30));
                if (r.ExitCode != 0) Prerequisite.Missing("mmdebstrap could not make the Debian 12 tree: " + Tail(r.Stderr));
                File.Move(partial, Tarball);
                return Tarball;
            }
        }

        /// <summary>A fresh copy of the host in a temporary folder under /var/tmp (deleted on dispose).</summary>
        public static BootableTree Extract()
        {
            string tar = Ensure();
            string root = Path.Combine("/var/tmp", "mck-deb12-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(root);
            RunResult r = Run.Program("tar", new[] { "-x", "-f", tar, "-C", root }, timeout: TimeSpan.FromMinutes(10));
            if (r.ExitCode != 0) throw new InvalidOperationException("tar could not extract " + tar + ": " + r.Stderr);
            return new BootableTree(root);
        }

        private static void InstallHostTools()
        {
            if (File.Exists("/usr/bin/mmdebstrap") && File.Exists("/usr/bin/systemd-nspawn")) return;
            var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            RunResult install = Run.Program("apt-get", new[] { "install", "-y", "-q", "mmdebstrap", "systemd-container" }, env, TimeSpan.FromMinutes(15));
            if (install.ExitCode != 0)
            {
                Run.Program("apt-get", new[] { "update", "-q" }, env, TimeSpan.FromMinutes(15));
                install = Run.Program("apt-get", new[] { "install", "-y", "-q", "mmdebstrap", "systemd-container" }, env, TimeSpan.FromMinutes(15));
            }
            if (install.ExitCode != 0) Prerequisite.Missing("apt-get could not install mmdebstrap and systemd-container: " + Tail(install.Stderr));
        }

        internal static string Tail(string s) => s.Length > 2000 ? s.Substring(s.Length - 2000) : s;
    }

    /// <summary>An extracted Debian host tree that can be booted; deleted on dispose.</summary>
    public sealed class BootableTree : IDisposable
    {
        public BootableTree(string root) => Root = root;

        public string Root { get; }

        public string PathOf(string relative) => Path.Combine(Root, relative);

        /// <summary>
        /// Adds a oneshot unit that runs <paramref name="script"/> (with /bin/sh) once multi-user is reached and the journal
        /// is on disk, then powers the container off.
        /// </summary>
        public void RunAtBoot(string name, string script)
        {
            File.WriteAllText(PathOf("usr/local/sbin/" + name), "#!/bin/sh\n" + script + "\n");
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(PathOf("usr/local/sbin/" + name), (UnixFileMode)Convert.ToInt32("755", 8));
            File.WriteAllText(PathOf("etc/systemd/system/" + name + ".service"),
                "[Unit]\nDescription=MailConfigKit test step " + name + "\nAfter=systemd-journald.service systemd-journal-flush.service\n\n" +
                "[Service]\nType=oneshot\nExecStart=/usr/local/sbin/" + name + "\nExecStartPost=/bin/systemctl --no-block poweroff\n\n" +
                "[Install]\nWantedBy=multi-user.target\n");
            string wants = PathOf("etc/systemd/system/multi-user.target.wants");
            Directory.CreateDirectory(wants);
            string link = Path.Combine(wants, name + ".service");
            if (File.Exists(link) || new FileInfo(link).LinkTarget != null) File.Delete(link);
            File.CreateSymbolicLink(link, "/etc/systemd/system/" + name + ".service");
        }

        /// <summary>Removes a unit added by <see cref="RunAtBoot"/>.</summary>
        public void RemoveBootStep(string name)
        {
            File.Delete(PathOf("etc/systemd/system/multi-user.target.wants/" + name + ".service"));
            File.Delete(PathOf("etc/systemd/system/" + name + ".service"));
        }

        /// <summary>
        /// Boots the tree with systemd-nspawn (private network: only lo; no registration with a host systemd, which this
        /// machine may not run) until it powers itself off.
        /// </summary>
        public RunResult Boot()
        {
            RunResult r = Run.Program("systemd-nspawn", new[] { "-b", "-D", Root, "--private-network", "--register=no", "--keep-unit", "-q" },
                timeout: TimeSpan.FromMinutes(5));
            // nspawn's own teardown may complain about its propagation folder on a host without systemd; the exit code is the container's.
            return r;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A mount left behind by a killed container: leave the tree for the next cleanup rather than fail the test.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
