using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>
    /// Downloads Debian's packages with <c>apt-get download</c> and extracts them with <c>dpkg -x</c> into a fixed cache
    /// folder (nothing is installed). A marker file written last says the folder is complete; a lock file held with
    /// <see cref="FileShare.None"/> (flock on Linux) keeps parallel test processes from provisioning twice.
    /// </summary>
    internal static class OracleProvisioner
    {
        // Bump when the package list or the layout changes: the cache folder name includes it, so old folders are ignored.
        private const string LayoutVersion = "1";

        private const string MarkerName = ".complete";
        private const string VersionsName = "versions.txt";

        private static readonly string[] Packages =
        {
            "postfix", "exim4-base", "exim4-config", "exim4-daemon-light", "libidn12", "swaks", "dnsmasq-base",
            // dnsmasq-base needs these, and a minimal Debian does not have them (found with ldd).
            "libnetfilter-conntrack3", "libnftables1", "libnfnetlink0", "libnftnl11",
        };

        // ELF files that must load with LD_LIBRARY_PATH alone; checked once, before the marker is written.
        private static readonly string[] Binaries =
        {
            "usr/sbin/postconf", "usr/sbin/postfix", "usr/sbin/smtp-sink", "usr/sbin/exim4", "usr/sbin/dnsmasq",
            "usr/lib/postfix/sbin/master", "usr/lib/postfix/sbin/smtpd", "usr/lib/postfix/sbin/smtp",
        };

        private static readonly string[] Scripts = { "usr/sbin/update-exim4.conf", "usr/bin/swaks", "etc/exim4/exim4.conf.template" };

        private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(25);

        public static OracleToolPaths Provision()
        {
            if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
            {
                throw new OracleUnavailableException(
                    $"the oracle tools are Debian amd64 packages; this is {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}");
            }

            var shIsDash = SystemShIsDash();
            var packages = shIsDash ? Packages : Packages.Append("dash").ToArray();
            var stamp = "deb12-amd64-v" + LayoutVersion + (shIsDash ? string.Empty : "-dash");
            var parent = CacheParent();
            var folder = Path.Combine(parent, stamp);
            var marker = Path.Combine(folder, MarkerName);
            if (!File.Exists(marker))
            {
                Directory.CreateDirectory(parent);
                using (AcquireLock(Path.Combine(parent, stamp + ".lock")))
                {
                    if (!File.Exists(marker))
                    {
                        Build(folder, packages);
                    }
                }
            }

            var root = Path.Combine(folder, "root");
            var sh = shIsDash ? "/bin/sh" : new[] { "bin/dash", "usr/bin/dash" }.Select(p => Path.Combine(root, p)).First(File.Exists);
            return new OracleToolPaths(root, sh, ReadVersions(Path.Combine(folder, VersionsName)));
        }

        /// <summary>update-exim4.conf and the sh-semantics tests need dash; Debian's /bin/sh is a link to it.</summary>
        private static bool SystemShIsDash()
        {
            var sh = new FileInfo("/bin/sh");
            if (!sh.Exists)
            {
                return false;
            }

            var target = sh.ResolveLinkTarget(returnFinalTarget: true);
            return (target?.Name ?? sh.Name) == "dash";
        }

        private static string CacheParent()
        {
            var overridden = Environment.GetEnvironmentVariable("MAILCONFIGKIT_ORACLE_CACHE");
            if (!string.IsNullOrEmpty(overridden))
            {
                return overridden;
            }

            if (Environment.IsPrivilegedProcess)
            {
                return "/var/cache/mailconfigkit-oracle";
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var cacheHome = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(cacheHome, "mailconfigkit-oracle");
        }

        private static FileStream AcquireLock(string path)
        {
            var deadline = DateTime.UtcNow + LockTimeout;
            while (true)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    // Another process is provisioning; wait for it and then find its marker.
                    Thread.Sleep(250);
                }
            }
        }

        private static void Build(string folder, string[] packages)
        {
            // We hold the lock and there is no marker: whatever is here is a partial earlier attempt.
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            var debs = Directory.CreateDirectory(Path.Combine(folder, "debs")).FullName;
            var root = Directory.CreateDirectory(Path.Combine(folder, "root")).FullName;
            Download(debs, packages);

            var versions = new StringBuilder();
            foreach (var deb in Directory.GetFiles(debs, "*.deb").OrderBy(p => p, StringComparer.Ordinal))
            {
                var fields = Tool("dpkg-deb", "-f", deb, "Package", "Version").Stdout;
                var map = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => l.Split(": ", 2))
                    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
                versions.Append(map["Package"]).Append('\t').Append(map["Version"]).Append('\n');
                Tool("dpkg", "-x", deb, root);
            }

            foreach (var relative in Binaries.Concat(Scripts))
            {
                if (!File.Exists(Path.Combine(root, relative)))
                {
                    throw new OracleUnavailableException($"the extracted packages have no {relative}");
                }
            }

            var paths = new OracleToolPaths(root, "/bin/sh", new Dictionary<string, string>());
            foreach (var relative in Binaries)
            {
                var ldd = ProcessRunner.Run("ldd", new[] { Path.Combine(root, relative) }, env: paths.Environment);
                if (ldd.ExitCode != 0 || ldd.Stdout.Contains("not found", StringComparison.Ordinal))
                {
                    throw new OracleUnavailableException($"{relative} is missing shared libraries:\n{ldd.Stdout}{ldd.Stderr}");
                }
            }

            File.WriteAllText(Path.Combine(folder, VersionsName), versions.ToString());
            File.WriteAllText(Path.Combine(folder, MarkerName), $"complete {DateTime.UtcNow:O}\n");
        }

        private static void Download(string debs, string[] packages)
        {
            var args = new[] { "download" }.Concat(packages).ToArray();
            var first = Apt(debs, args);
            if (first.ExitCode == 0)
            {
                return;
            }

            // Usually a container without package lists; fetch them once and retry.
            var update = Apt(debs, new[] { "update" });
            if (update.ExitCode != 0)
            {
                throw new OracleUnavailableException(
                    $"apt-get download failed:\n{first.Stderr}\nand apt-get update failed too:\n{update.Stderr}");
            }

            var second = Apt(debs, args);
            if (second.ExitCode != 0)
            {
                throw new OracleUnavailableException($"apt-get download failed after apt-get update:\n{second.Stderr}");
            }
        }

        private static ProcessResult Apt(string workingDirectory, string[] args)
        {
            try
            {
                return ProcessRunner.Run("apt-get", args, timeout: AptTimeout, workingDirectory: workingDirectory);
            }
            catch (InvalidOperationException e)
            {
                throw new OracleUnavailableException("apt-get is not available (not a Debian system?): " + e.Message, e);
            }
        }

        private static ProcessResult Tool(string file, params string[] args)
        {
            var result = ProcessRunner.Run(file, args, timeout: AptTimeout);
            if (result.ExitCode != 0)
            {
                throw new OracleUnavailableException("provisioning step failed: " + result.Describe());
            }

            return result;
        }

        private static IReadOnlyDictionary<string, string> ReadVersions(string path) =>
            File.ReadAllLines(path)
                .Where(l => l.Length > 0)
                .Select(l => l.Split('\t', 2))
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }
}
