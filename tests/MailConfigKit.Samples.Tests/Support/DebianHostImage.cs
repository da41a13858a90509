using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>
    /// A Debian 12 host made by Debian's own installer: <c>mmdebstrap</c> (minbase plus systemd, dbus and the MTA, so the
    /// postinst scripts write the real configuration and the persistent journal folder), cached as a tarball under a
    /// version-keyed folder of /var/cache/mailconfigkit-oracle (about 5 minutes and 400 MB each the first time), extracted
    /// per test and booted with <c>systemd-nspawn -b</c>. The host tools (mmdebstrap, systemd-container) are installed with
    /// apt-get. Two images: <see cref="Postfix"/> (issue 13) and <see cref="Exim"/> (issue 15: exim4-daemon-light and swaks).
    /// </summary>
    public sealed class DebianHostImage
    {
        /// <summary>Debian 12 with Postfix (its sendmail and smtp-sink included) and systemd.</summary>
        public static readonly DebianHostImage Postfix = new DebianHostImage(
            "/var/cache/mailconfigkit-oracle/deb12-host-v1", "deb12-postfix-systemd.tar",
            "systemd,systemd-sysv,dbus,postfix,libsasl2-modules,ca-certificates");

        /// <summary>Debian 12 with exim4-daemon-light (Debian's default MTA configuration), swaks and systemd.</summary>
        public static readonly DebianHostImage Exim = new DebianHostImage(
            "/var/cache/mailconfigkit-oracle/deb12-exim-systemd-v1", "deb12-exim-systemd.tar",
            "systemd,systemd-sysv,dbus,exim4-daemon-light,swaks,ca-certificates");

        /// <summary>The Postfix image's cache folder (kept for callers of issue 13).</summary>
        public const string CacheDirectory = "/var/cache/mailconfigkit-oracle/deb12-host-v1";

        private static readonly object Gate = new object();
        private readonly string _cacheDirectory;
        private readonly string _tarball;
        private readonly string _include;

        private DebianHostImage(string cacheDirectory, string tarball, string include)
        {
            _cacheDirectory = cacheDirectory;
            _tarball = Path.Combine(cacheDirectory, tarball);
            _include = include;
        }

        /// <summary>The Postfix image's tarball, made if missing (see <see cref="EnsureTarball"/>).</summary>
        public static string Ensure() => Postfix.EnsureTarball();

        /// <summary>A fresh copy of the Postfix host (see <see cref="ExtractTree"/>).</summary>
        public static BootableTree Extract() => Postfix.ExtractTree();

        /// <summary>The cached tarball, made if missing. Fails (CI) or ignores (elsewhere) when it cannot be made.</summary>
        public string EnsureTarball()
        {
            if (!OperatingSystem.IsLinux() || Environment.UserName != "root") Prerequisite.Missing("booting a Debian tree needs root on Linux");
            lock (Gate)
            {
                Directory.CreateDirectory(_cacheDirectory);
                using var fileLock = new FileStream(Path.Combine(_cacheDirectory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                InstallHostTools();
                if (File.Exists(_tarball)) return _tarball;
                string partial = _tarball + ".partial";
                File.Delete(partial);
                RunResult r = Run.Program("mmdebstrap", new[]
                {
                    "--variant=minbase", "--include=" + _include,
                    "--mode=root", "--format=tar", "bookworm", partial, "http://deb.debian.org/debian",
                }, timeout: TimeSpan.FromMinutes(30));
                if (r.ExitCode != 0) Prerequisite.Missing("mmdebstrap could not make the Debian 12 tree: " + Tail(r.Stderr));
                File.Move(partial, _tarball);
                return _tarball;
            }
        }

        /// <summary>A fresh copy of the host in a temporary folder under /var/tmp (deleted on dispose).</summary>
        public BootableTree ExtractTree()
        {
            string tar = EnsureTarball();
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
        public void RunAtBoot(string name, string script) => RunAtBoot(name, script, string.Empty);

        /// <summary>
        /// As <see cref="RunAtBoot(string, string)"/>, ordered after the units in <paramref name="after"/> (space separated,
        /// e.g. <c>exim4.service</c>) as well.
        /// </summary>
        public void RunAtBoot(string name, string script, string after)
        {
            File.WriteAllText(PathOf("usr/local/sbin/" + name), "#!/bin/sh\n" + script + "\n");
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(PathOf("usr/local/sbin/" + name), (UnixFileMode)Convert.ToInt32("755", 8));
            File.WriteAllText(PathOf("etc/systemd/system/" + name + ".service"),
                "[Unit]\nDescription=MailConfigKit test step " + name + "\nAfter=systemd-journald.service systemd-journal-flush.service " + after + "\n\n" +
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

        /// <summary>
        /// Boots the tree with systemd-nspawn in <paramref name="ns"/> (the container shares that network namespace, so
        /// its lo is the namespace's, IPv6 included or not), with the given read-only bind mounts (<c>HOST:CONTAINER</c>),
        /// as machine <paramref name="ns"/>'s name, until it powers itself off or <paramref name="timeout"/> passes (then
        /// nspawn's process tree is killed and the namespace's teardown kills whatever is left of the container).
        /// </summary>
        public RunResult Boot(BootNamespace ns, IEnumerable<string> readOnlyBinds, TimeSpan timeout)
        {
            var args = new List<string>
            {
                "-b", "-D", Root, "-M", ns.Name, "--network-namespace-path=" + ns.Path, "--register=no", "--keep-unit", "-q",
            };
            foreach (string bind in readOnlyBinds) args.Add("--bind-ro=" + bind);
            try
            {
                return Run.Program("systemd-nspawn", args, timeout: timeout);
            }
            catch (TimeoutException ex)
            {
                ns.KillAll();
                return new RunResult(-1, string.Empty, "the container did not power off within " + timeout + ": " + ex.Message);
            }
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

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>
    /// A network namespace for a booted container (<c>ip netns add mckboot-...</c>): lo up, IPv6 on lo switched off or
    /// not, optionally a second interface <c>d0</c> with global addresses. Disposing kills every process still in it (a
    /// container that outlived its timeout) and deletes it.
    /// </summary>
    public sealed class BootNamespace : IDisposable
    {
        public BootNamespace(bool loopbackIpv6, string? ipv4 = null, string? ipv6 = null)
        {
            Name = "mckboot-" + Guid.NewGuid().ToString("N").Substring(0, 10);
            Checked("ip", "netns", "add", Name);
            var lines = new List<string> { "set -e", "ip link set lo up" };
            if (!loopbackIpv6) lines.Add("sysctl -qw net.ipv6.conf.lo.disable_ipv6=1");
            if (ipv4 != null || ipv6 != null)
            {
                // Some kernels have no dummy interfaces: a veth pair with both ends inside does as well.
                lines.Add("ip link add d0 type dummy 2>/dev/null || { ip link add d0 type veth peer name d0p && ip link set d0p up; }");
                lines.Add("ip link set d0 up");
                if (ipv4 != null) lines.Add("ip addr add " + ipv4 + " dev d0");
                if (ipv6 != null) lines.Add("ip -6 addr add " + ipv6 + " dev d0 nodad");
            }
            try
            {
                Checked("ip", "netns", "exec", Name, "sh", "-c", string.Join("\n", lines));
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>The namespace's name (also the container's machine name).</summary>
        public string Name { get; }

        /// <summary>Its bind mount, for <c>--network-namespace-path</c>.</summary>
        public string Path => "/run/netns/" + Name;

        /// <summary>Kills every process in the namespace (SIGKILL).</summary>
        public void KillAll()
        {
            string pids = Run.Program("ip", new[] { "netns", "pids", Name }, timeout: TimeSpan.FromSeconds(10)).Stdout;
            foreach (string pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                Run.Program("kill", new[] { "-KILL", pid }, timeout: TimeSpan.FromSeconds(10));
        }

        public void Dispose()
        {
            KillAll();
            Run.Program("ip", new[] { "netns", "delete", Name }, timeout: TimeSpan.FromSeconds(10));
        }

        private static void Checked(string file, params string[] args)
        {
            RunResult r = Run.Program(file, args, timeout: TimeSpan.FromSeconds(30));
            if (r.ExitCode != 0) throw new InvalidOperationException(file + " " + string.Join(" ", args) + ": " + r);
        }
    }
}
