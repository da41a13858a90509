using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Samples.Tests.Support.Fleet
{
    /// <summary>The kind of mail host a fleet member is.</summary>
    public enum FleetHostKind
    {
        /// <summary>exim4 with dc_local_interfaces='127.0.0.1 ; ::1' on a host without IPv6 on lo, and its paniclog.</summary>
        EximBroken,
        /// <summary>exim4 listening on 127.0.0.1 only: nothing to do.</summary>
        EximHealthy,
        /// <summary>Postfix with a Gmail IPv6 bounce in mail.log: the smtp client goes IPv4-only in master.cf.</summary>
        PostfixBroken,
        /// <summary>Postfix without bounces: nothing to do.</summary>
        PostfixHealthy,
        /// <summary>An exim4 host whose configuration files (mode 000) the SSH user, not root, cannot read.</summary>
        Unreadable,
    }

    /// <summary>One host: its namespace, address, sshd and host tree (the module's root).</summary>
    public sealed class FleetHost
    {
        internal FleetHost(string name, FleetHostKind kind, string ns, string address, string dir)
        {
            Name = name;
            Kind = kind;
            Namespace = ns;
            Address = address;
            Dir = dir;
        }

        public string Name { get; }
        public FleetHostKind Kind { get; }
        public string Namespace { get; }
        public string Address { get; }

        /// <summary>The host's private folder: tree/ (its root), opt/ (MailDoctor), ssh/ (sshd's keys and config), home/.</summary>
        public string Dir { get; }
        public string Tree => Path.Combine(Dir, "tree");
        public string InstallDir => Path.Combine(Dir, "opt");
        public string SshDir => Path.Combine(Dir, "ssh");
        public bool IsBroken => Kind == FleetHostKind.EximBroken || Kind == FleetHostKind.PostfixBroken;
        public int? SshdPid { get; internal set; }

        public override string ToString() => Name + " (" + Kind + ", " + Address + ")";
    }

    /// <summary>
    /// A fleet of real hosts for Ansible: per host a network namespace (<c>mckans-STAMP-RANDOM-N</c>) reached over a veth
    /// pair (10.R.N.1 here, 10.R.N.2 inside), Debian's sshd listening inside on port 22 with its own host key and key
    /// authentication only, and a host tree made from MailDoctor's demo host. <c>ip netns exec</c> bind-mounts
    /// /etc/netns/NAME/passwd over /etc/passwd for sshd, which is how the privilege separation user <c>sshd</c> and the
    /// unprivileged login <c>mckansu</c> exist inside without touching this machine's accounts. Dispose kills the sshds
    /// and deletes the namespaces (their veth ends go with them); leftovers of killed runs older than 30 minutes are
    /// removed by the next fleet.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public sealed class SshFleet : IDisposable
    {
        public const string Prefix = "mckans-";
        public const string UnprivilegedUser = "mckansu";
        public const int UnprivilegedUid = 64121;
        private const int SshdUid = 64120;

        private readonly List<FleetHost> _hosts = new List<FleetHost>();
        private readonly string _stamp;
        private readonly int _subnet;

        public SshFleet(IReadOnlyList<FleetHostKind> kinds, string demoTree)
        {
            RemoveStale();
            _stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(2)).ToLowerInvariant();
            _subnet = 100 + RandomNumberGenerator.GetInt32(150);
            Dir = Path.Combine(Path.GetTempPath(), Prefix + _stamp);
            Directory.CreateDirectory(Dir);
            File.SetUnixFileMode(Dir, (UnixFileMode)0b111_101_101);
            ClientKey = Path.Combine(Dir, "client_ed25519");
            ProcessRunner.RunChecked("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-C", "mckans-control", "-f", ClientKey });
            Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation chroot (empty, root's)
            for (int i = 0; i < kinds.Count; i++)
            {
                string name = "h" + i.ToString("D2", CultureInfo.InvariantCulture);
                _hosts.Add(new FleetHost(name, kinds[i], Prefix + _stamp + "-" + i, "10." + _subnet + "." + i + ".2", Path.Combine(Dir, name)));
            }
            try
            {
                // In parallel: namespace, veth, keys, tree and sshd of each host are independent.
                var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
                Parallel.ForEach(_hosts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, h =>
                {
                    try
                    {
                        Create(h, i: _hosts.IndexOf(h), demoTree);
                    }
                    catch (Exception ex)
                    {
                        errors.Add(new InvalidOperationException("host " + h + ": " + ex.Message, ex));
                    }
                });
                if (!errors.IsEmpty) throw new AggregateException(errors);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public IReadOnlyList<FleetHost> Hosts => _hosts;

        /// <summary>The fleet's temp folder (hosts' folders, client key, inventory).</summary>
        public string Dir { get; }

        public string ClientKey { get; }

        /// <summary>An INI inventory: root logins for every host but the unreadable one, which logs in as <see cref="UnprivilegedUser"/>.</summary>
        public string WriteInventory(string fileName = "inventory.ini")
        {
            var sb = new StringBuilder("[fleet]\n");
            foreach (FleetHost h in _hosts)
            {
                sb.Append(h.Name).Append(" ansible_host=").Append(h.Address)
                  .Append(" ansible_user=").Append(h.Kind == FleetHostKind.Unreadable ? UnprivilegedUser : "root")
                  .Append(" maildoctor_root=").Append(h.Tree)
                  .Append(" maildoctor_install_dir=").Append(h.InstallDir)
                  .Append(" mck_kind=").Append(h.Kind)
                  .Append('\n');
            }
            sb.Append("\n[fleet:vars]\n")
              .Append("ansible_ssh_private_key_file=").Append(ClientKey).Append('\n')
              .Append("ansible_ssh_common_args=-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR\n")
              // The sessions' PATH may name a Python of someone's shell setup; Debian's is the one every host has.
              .Append("ansible_python_interpreter=/usr/bin/python3\n")
              .Append("maildoctor_no_dns=true\n");
            string path = Path.Combine(Dir, fileName);
            File.WriteAllText(path, sb.ToString());
            return path;
        }

        private void Create(FleetHost h, int i, string demoTree)
        {
            Directory.CreateDirectory(h.Dir);
            File.SetUnixFileMode(h.Dir, (UnixFileMode)0b111_101_101);
            BuildTree(h, demoTree);
            Directory.CreateDirectory(h.InstallDir);
            string home = Path.Combine(h.Dir, "home");
            Directory.CreateDirectory(home);
            if (h.Kind == FleetHostKind.Unreadable)
            {
                Chown(h.InstallDir, UnprivilegedUid);
                Chown(home, UnprivilegedUid);
            }

            // The network: a veth pair, one end inside.
            string hostSide = "mckans" + _stamp.Substring(_stamp.Length - 4) + i.ToString("D2", CultureInfo.InvariantCulture) + "h";
            string nsSide = "mckans" + _stamp.Substring(_stamp.Length - 4) + i.ToString("D2", CultureInfo.InvariantCulture) + "n";
            string net = "10." + _subnet + "." + i;
            Sh("ip netns add " + h.Namespace
               + " && ip link add " + hostSide + " type veth peer name " + nsSide
               + " && ip link set " + nsSide + " netns " + h.Namespace
               + " && ip addr add " + net + ".1/30 dev " + hostSide + " && ip link set " + hostSide + " up"
               + " && ip netns exec " + h.Namespace + " sh -c 'ip link set lo up && ip addr add " + net + ".2/30 dev " + nsSide + " && ip link set " + nsSide + " up'");

            // Accounts inside (sshd's privilege separation user, the unprivileged login): /etc/netns/NAME/passwd.
            string etc = Path.Combine("/etc/netns", h.Namespace);
            Directory.CreateDirectory(etc);
            File.WriteAllText(Path.Combine(etc, "passwd"), File.ReadAllText("/etc/passwd")
                + "sshd:x:" + SshdUid + ":65534::/run/sshd:/usr/sbin/nologin\n"
                + UnprivilegedUser + ":x:" + UnprivilegedUid + ":65534:fleet test login:" + home + ":/bin/sh\n");

            // sshd: its own host key, key authentication only, the client key authorised for root and mckansu.
            Directory.CreateDirectory(h.SshDir);
            File.SetUnixFileMode(h.SshDir, (UnixFileMode)0b111_101_101);
            string hostKey = Path.Combine(h.SshDir, "ssh_host_ed25519_key");
            ProcessRunner.RunChecked("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-C", h.Name, "-f", hostKey });
            string authorized = Path.Combine(h.SshDir, "authorized_keys");
            File.Copy(ClientKey + ".pub", authorized);
            File.SetUnixFileMode(authorized, (UnixFileMode)0b110_100_100);
            string pidFile = Path.Combine(h.SshDir, "sshd.pid");
            string config = Path.Combine(h.SshDir, "sshd_config");
            File.WriteAllText(config,
                "ListenAddress " + h.Address + ":22\n"
                + "HostKey " + hostKey + "\n"
                + "AuthorizedKeysFile " + authorized + "\n"
                + "PidFile " + pidFile + "\n"
                + "StrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
                + "PermitRootLogin prohibit-password\nMaxStartups 100:30:200\nMaxSessions 50\n"
                + "Subsystem sftp " + FleetTools.SftpServer + "\n");
            ProcessRunner.RunChecked("ip", new[] { "netns", "exec", h.Namespace, "env", "LD_LIBRARY_PATH=" + FleetTools.SshLibraries,
                FleetTools.Sshd, "-f", config, "-E", Path.Combine(h.SshDir, "sshd.log") }, timeout: TimeSpan.FromSeconds(30));
            // sshd daemonises before it listens and writes its pid file once listening.
            var until = DateTime.UtcNow.AddSeconds(20);
            while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
            {
                if (DateTime.UtcNow > until) throw new InvalidOperationException("sshd did not start: " + SafeRead(Path.Combine(h.SshDir, "sshd.log")));
                Thread.Sleep(50);
            }
            h.SshdPid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        }

        /// <summary>The host tree, from MailDoctor's demo host (exim and Postfix both broken there) cut down to one daemon.</summary>
        private static void BuildTree(FleetHost h, string demoTree)
        {
            CopyDir(demoTree, h.Tree);
            string t = h.Tree;
            switch (h.Kind)
            {
                case FleetHostKind.EximBroken:
                case FleetHostKind.Unreadable:
                    Directory.Delete(Path.Combine(t, "etc/postfix"), true);
                    File.Delete(Path.Combine(t, "var/log/mail.log"));
                    break;
                case FleetHostKind.EximHealthy:
                    Directory.Delete(Path.Combine(t, "etc/postfix"), true);
                    File.Delete(Path.Combine(t, "var/log/mail.log"));
                    File.Delete(Path.Combine(t, "var/log/exim4/paniclog"));
                    string conf = Path.Combine(t, "etc/exim4/update-exim4.conf.conf");
                    string text = File.ReadAllText(conf);
                    if (!text.Contains("dc_local_interfaces='127.0.0.1 ; ::1'")) throw new InvalidOperationException("demo exim file changed: " + conf);
                    File.WriteAllText(conf, text.Replace("dc_local_interfaces='127.0.0.1 ; ::1'", "dc_local_interfaces='127.0.0.1'"));
                    break;
                case FleetHostKind.PostfixBroken:
                    Directory.Delete(Path.Combine(t, "etc/exim4"), true);
                    Directory.Delete(Path.Combine(t, "var/log/exim4"), true);
                    break;
                case FleetHostKind.PostfixHealthy:
                    Directory.Delete(Path.Combine(t, "etc/exim4"), true);
                    Directory.Delete(Path.Combine(t, "var/log/exim4"), true);
                    File.Delete(Path.Combine(t, "var/log/mail.log"));
                    break;
            }
            foreach (string d in Directory.GetDirectories(t, "*", SearchOption.AllDirectories).Append(t))
                File.SetUnixFileMode(d, (UnixFileMode)0b111_101_101);
            foreach (string f in Directory.GetFiles(t, "*", SearchOption.AllDirectories))
                File.SetUnixFileMode(f, h.Kind == FleetHostKind.Unreadable && f.Contains("/etc/") ? 0 : (UnixFileMode)0b110_100_100);
        }

        /// <summary>Every file of a tree with its bytes, to prove a run changed nothing.</summary>
        public static Dictionary<string, string> Snapshot(string root) =>
            Directory.GetFiles(root, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
                .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

        public void Dispose()
        {
            foreach (FleetHost h in _hosts)
            {
                if (h.SshdPid is int pid) Kill(pid);
            }
            foreach (FleetHost h in _hosts) RemoveNamespace(h.Namespace);
            try
            {
                if (Directory.Exists(Dir)) Directory.Delete(Dir, true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder is harmless.
            }
        }

        /// <summary>Namespaces of ours from runs older than 30 minutes (a killed test run): their processes and the namespaces.</summary>
        private static void RemoveStale()
        {
            ProcessResult list = ProcessRunner.Run("ip", new[] { "netns", "list" }, timeout: TimeSpan.FromSeconds(10));
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            foreach (string line in list.Stdout.Split('\n'))
            {
                string name = line.Split(' ')[0].Trim();
                if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
                string[] parts = name.Substring(Prefix.Length).Split('-');
                if (parts.Length < 1 || !long.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long stamp)) continue;
                if (now - stamp < 30 * 60) continue;
                RemoveNamespace(name);
            }
        }

        private static void RemoveNamespace(string name)
        {
            ProcessResult pids = ProcessRunner.Run("ip", new[] { "netns", "pids", name }, timeout: TimeSpan.FromSeconds(10));
            foreach (string p in pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(p.Trim(), out int pid)) Kill(pid);
            }
            ProcessRunner.Run("ip", new[] { "netns", "del", name }, timeout: TimeSpan.FromSeconds(10));
            try
            {
                string etc = Path.Combine("/etc/netns", name);
                if (Directory.Exists(etc)) Directory.Delete(etc, true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }

        private static void Kill(int pid)
        {
            try
            {
                using var p = System.Diagnostics.Process.GetProcessById(pid);
                p.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        private static void Sh(string script) => ProcessRunner.RunChecked("/bin/sh", new[] { "-c", script }, timeout: TimeSpan.FromSeconds(30));

        private static void Chown(string path, int uid) => ProcessRunner.RunChecked("chown", new[] { uid + ":65534", path });

        private static string SafeRead(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no log)";

        private static void CopyDir(string source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (string f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
            foreach (string d in Directory.GetDirectories(source)) CopyDir(d, Path.Combine(target, Path.GetFileName(d)));
        }
    }
}
