using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Samples.Tests.Support.Fleet
{
    /// <summary>
    /// What the Ansible fleet tests provision, cached under /var/cache/mailconfigkit-oracle: ansible-core (PyPI 2.21.5 in a
    /// venv; where PyPI is not reached, Debian's ansible-core package, and the test output says which ran), Debian's
    /// openssh-server unpacked with dpkg -x (no sshd service is installed or started on this machine), and MailDoctor
    /// published (self-contained single file where the linux-x64 restore works, otherwise framework-dependent) as the
    /// tarball the playbook unpacks on each host.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static class FleetTools
    {
        public const string CacheRoot = "/var/cache/mailconfigkit-oracle";
        public const string AnsibleVersion = "2.21.5";

        private static readonly object Gate = new object();
        private static string? _ansibleBin;
        private static string? _sshRoot;
        private static MailDoctorBundle? _bundle;

        /// <summary>What was provisioned, for the test output (which ansible-core, which MailDoctor build).</summary>
        public static readonly List<string> Notes = new List<string>();

        /// <summary>The folder holding ansible-playbook, ansible and ansible-galaxy.</summary>
        public static string AnsibleBin
        {
            get
            {
                lock (Gate) return _ansibleBin ??= ProvisionAnsible();
            }
        }

        /// <summary>The folder openssh-server, openssh-sftp-server and libwrap0 are unpacked into (usr/sbin/sshd ...).</summary>
        public static string SshRoot
        {
            get
            {
                lock (Gate) return _sshRoot ??= ProvisionSsh();
            }
        }

        /// <summary>The published MailDoctor and its tarball.</summary>
        public static MailDoctorBundle Bundle
        {
            get
            {
                lock (Gate) return _bundle ??= PublishMailDoctor();
            }
        }

        public static string Sshd => Path.Combine(SshRoot, "usr/sbin/sshd");
        public static string SftpServer => Path.Combine(SshRoot, "usr/lib/openssh/sftp-server");
        public static string SshLibraries => Path.Combine(SshRoot, "usr/lib/x86_64-linux-gnu");

        private static string ProvisionAnsible()
        {
            string venv = Path.Combine(CacheRoot, "ansible-core-" + AnsibleVersion);
            string venvPlaybook = Path.Combine(venv, "bin/ansible-playbook");
            if (File.Exists(venvPlaybook) && File.Exists(Path.Combine(venv, ".complete")))
            {
                Note("ansible-core " + AnsibleVersion + " from PyPI (cached venv " + venv + ")");
                return Path.Combine(venv, "bin");
            }
            string why;
            ProcessResult mk = ProcessRunner.Run("python3", new[] { "-m", "venv", venv }, timeout: TimeSpan.FromMinutes(2));
            if (mk.ExitCode == 0)
            {
                ProcessResult pip = ProcessRunner.Run(Path.Combine(venv, "bin/pip"),
                    new[] { "install", "--retries", "1", "--timeout", "20", "ansible-core==" + AnsibleVersion }, timeout: TimeSpan.FromMinutes(6));
                if (pip.ExitCode == 0 && File.Exists(venvPlaybook))
                {
                    File.WriteAllText(Path.Combine(venv, ".complete"), DateTime.UtcNow.ToString("o") + "\n");
                    Note("ansible-core " + AnsibleVersion + " from PyPI, installed into " + venv);
                    return Path.Combine(venv, "bin");
                }
                why = "pip install ansible-core==" + AnsibleVersion + " failed: " + PipError(pip.Stderr + "\n" + pip.Stdout);
            }
            else
            {
                why = "python3 -m venv failed: " + LastLine(mk.Stderr);
            }
            // PyPI is not among the registries this machine (and CI) reaches: Debian's ansible-core is the real ansible-core
            // that is there. Either one is the oracle; which one ran is printed with every fleet test.
            if (!File.Exists("/usr/bin/ansible-playbook")) AptInstall("ansible-core");
            if (!File.Exists("/usr/bin/ansible-playbook"))
                Prerequisite.Missing(why + "; and apt-get install ansible-core did not provide /usr/bin/ansible-playbook");
            ProcessResult v = ProcessRunner.Run("/usr/bin/ansible-playbook", new[] { "--version" }, timeout: TimeSpan.FromMinutes(1));
            Note("ansible-core from Debian (" + FirstLine(v.Stdout) + "), because " + why);
            return "/usr/bin";
        }

        private static string ProvisionSsh()
        {
            string dir = Path.Combine(CacheRoot, "openssh-server-deb12-v1");
            if (File.Exists(Path.Combine(dir, ".complete")))
            {
                return dir;
            }
            string work = dir + ".tmp-" + Environment.ProcessId;
            if (Directory.Exists(work)) Directory.Delete(work, true);
            string debs = Path.Combine(work, "debs");
            Directory.CreateDirectory(debs);
            // apt-get download runs as _apt where it can; the folder must be writable for it.
            File.SetUnixFileMode(debs, (UnixFileMode)0b111_111_111);
            string[] packages = { "openssh-server", "openssh-sftp-server", "libwrap0" };
            ProcessResult dl = ProcessRunner.Run("apt-get", new[] { "download" }.Concat(packages).ToList(), timeout: TimeSpan.FromMinutes(3), workingDirectory: debs);
            if (dl.ExitCode != 0)
            {
                ProcessRunner.Run("apt-get", new[] { "update" }, timeout: TimeSpan.FromMinutes(5));
                dl = ProcessRunner.Run("apt-get", new[] { "download" }.Concat(packages).ToList(), timeout: TimeSpan.FromMinutes(3), workingDirectory: debs);
            }
            if (dl.ExitCode != 0) Prerequisite.Missing("apt-get download " + string.Join(" ", packages) + " failed: " + LastLine(dl.Stderr));
            foreach (string deb in Directory.GetFiles(debs, "*.deb"))
                ProcessRunner.RunChecked("dpkg", new[] { "-x", deb, work }, timeout: TimeSpan.FromMinutes(1));
            Directory.Delete(debs, true);
            File.WriteAllText(Path.Combine(work, ".complete"), string.Join("\n", packages) + "\n");
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
            Directory.Move(work, dir);
            return dir;
        }

        private static MailDoctorBundle PublishMailDoctor()
        {
            string repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Built.LibraryProject)!, "..", ".."));
            string hash = SourceHash(repo);
            string selfContained = Path.Combine(CacheRoot, "maildoctor-publish", hash + "-linux-x64-sc");
            string frameworkDependent = Path.Combine(CacheRoot, "maildoctor-publish", hash + "-fd");
            string project = Path.Combine(repo, "samples/MailDoctor/MailDoctor.csproj");
            foreach (string candidate in new[] { selfContained, frameworkDependent })
            {
                if (File.Exists(Path.Combine(candidate, ".complete"))) return MakeBundle(candidate, candidate == selfContained);
            }
            string failedMarker = selfContained + ".failed";
            if (!File.Exists(failedMarker))
            {
                ProcessResult sc = ProcessRunner.Run("dotnet", new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained",
                    "-p:PublishSingleFile=true", "-o", selfContained, "-nologo", "-v", "q" }, timeout: TimeSpan.FromMinutes(8));
                if (sc.ExitCode == 0 && File.Exists(Path.Combine(selfContained, "MailDoctor")))
                {
                    File.WriteAllText(Path.Combine(selfContained, ".complete"), hash + "\n");
                    return MakeBundle(selfContained, true);
                }
                Directory.CreateDirectory(Path.GetDirectoryName(failedMarker)!);
                File.WriteAllText(failedMarker, sc.Stdout + sc.Stderr);
                if (Directory.Exists(selfContained)) Directory.Delete(selfContained, true);
            }
            Note("self-contained publish failed for this source (" + FirstErrorLine(File.ReadAllText(failedMarker)) + "); using the framework-dependent build (the hosts share this machine's .NET runtime)");
            ProcessResult fd = ProcessRunner.Run("dotnet", new[] { "publish", project, "-c", "Release", "-o", frameworkDependent, "-nologo", "-v", "q" }, timeout: TimeSpan.FromMinutes(8));
            if (fd.ExitCode != 0 || !File.Exists(Path.Combine(frameworkDependent, "MailDoctor")))
                throw new InvalidOperationException("dotnet publish of MailDoctor failed: " + fd.Describe());
            File.WriteAllText(Path.Combine(frameworkDependent, ".complete"), hash + "\n");
            return MakeBundle(frameworkDependent, false);
        }

        private static MailDoctorBundle MakeBundle(string folder, bool selfContained)
        {
            Note("MailDoctor " + (selfContained ? "self-contained single file" : "framework-dependent") + " from " + folder);
            string tarball = folder + ".tar.gz";
            if (!File.Exists(tarball))
            {
                string tmp = tarball + ".tmp-" + Environment.ProcessId;
                ProcessRunner.RunChecked("tar", new[] { "czf", tmp, "--exclude=./.complete", "-C", folder, "." }, timeout: TimeSpan.FromMinutes(3));
                File.Move(tmp, tarball, true);
            }
            return new MailDoctorBundle(folder, Path.Combine(folder, "MailDoctor"), tarball, selfContained);
        }

        /// <summary>The cache key: MailDoctor's and the library's sources and project files, so an edit publishes anew.</summary>
        private static string SourceHash(string repo)
        {
            using var sha = SHA256.Create();
            var files = new List<string>();
            foreach (string dir in new[] { "samples/MailDoctor", "src/MailConfigKit" })
            {
                files.AddRange(Directory.GetFiles(Path.Combine(repo, dir), "*", SearchOption.AllDirectories)
                    .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")));
            }
            foreach (string extra in new[] { "Directory.Build.props" }) if (File.Exists(Path.Combine(repo, extra))) files.Add(Path.Combine(repo, extra));
            foreach (string f in files.OrderBy(f => f, StringComparer.Ordinal))
            {
                byte[] name = Encoding.UTF8.GetBytes(Path.GetRelativePath(repo, f) + "\0");
                sha.TransformBlock(name, 0, name.Length, null, 0);
                byte[] bytes = File.ReadAllBytes(f);
                sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
            }
            sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
            return Convert.ToHexString(sha.Hash!).Substring(0, 16).ToLowerInvariant();
        }

        private static void AptInstall(string package)
        {
            var env = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            string[] args = { "install", "-y", "--no-install-recommends", package };
            ProcessResult r = ProcessRunner.Run("apt-get", args, env: env, timeout: TimeSpan.FromMinutes(8));
            if (r.ExitCode != 0)
            {
                ProcessRunner.Run("apt-get", new[] { "update" }, env: env, timeout: TimeSpan.FromMinutes(5));
                ProcessRunner.Run("apt-get", args, env: env, timeout: TimeSpan.FromMinutes(8));
            }
        }

        private static void Note(string note)
        {
            if (!Notes.Contains(note)) Notes.Add(note);
        }

        /// <summary>pip's verdict ("ERROR: No matching distribution ..."), not its retry warnings.</summary>
        private static string PipError(string text) =>
            text.Split('\n').FirstOrDefault(l => l.StartsWith("ERROR:", StringComparison.Ordinal))?.Trim() ?? LastLine(text);

        private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";

        private static string LastLine(string text) => text.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";

        private static string FirstErrorLine(string text) => text.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim() ?? LastLine(text);
    }

    /// <summary>A published MailDoctor: its folder, executable and the tarball the playbook unpacks.</summary>
    public sealed record MailDoctorBundle(string Folder, string Executable, string Tarball, bool SelfContained);
}
