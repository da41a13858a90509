using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Dns
{
    /// <summary>
    /// pyspf, the SPF implementation the RFC 7208 conformance suite was written with, as Debian ships it (python3-spf,
    /// pyspf 2.0.14, whose documentation carries the suite's <c>rfc7208-tests.yml</c>): downloaded with
    /// <c>apt-get download</c> and extracted with <c>dpkg -x</c> into the oracle cache, nothing installed (the same way
    /// as <see cref="OracleProvisioner"/>; PyPI is not a registry this project can reach, Debian's is). A marker written
    /// last says the folder is complete; a lock keeps parallel test processes from provisioning twice.
    /// </summary>
    internal static class PyspfOracle
    {
        // Bump when the packages or the layout change: the folder name includes it.
        private const string Layout = "pyspf-deb12-v1";
        private static readonly string[] Packages = { "python3-spf", "python3-dnspython" };
        private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(10);
        private static readonly Lazy<Paths> Provisioned = new(Provision, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>Where the provisioned pieces are.</summary>
        internal sealed record Paths(string Python, string PythonPath, string SuiteFile, string Version);

        /// <summary>
        /// The provisioned paths. When they cannot be had the test fails under <c>CI=true</c> and is ignored with the
        /// reason elsewhere (<see cref="OracleTools.Unavailable"/>).
        /// </summary>
        public static Paths RequireOrIgnore()
        {
            try
            {
                return Provisioned.Value;
            }
            catch (Exception e)
            {
                throw OracleTools.Unavailable("pyspf (Debian's python3-spf) unavailable: " + e.Message, OracleTools.IsCi, e);
            }
        }

        private static Paths Provision()
        {
            string parent = CacheParent();
            string folder = Path.Combine(parent, Layout);
            string marker = Path.Combine(folder, ".complete");
            if (!File.Exists(marker))
            {
                Directory.CreateDirectory(parent);
                using (AcquireLock(Path.Combine(parent, Layout + ".lock")))
                {
                    if (!File.Exists(marker)) Build(folder, marker);
                }
            }
            string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            string pythonPath = Path.Combine(folder, "root", "usr", "lib", "python3", "dist-packages");
            var check = ProcessRunner.Run(python, new[] { "-c", "import spf, sys; sys.stdout.write(spf.__version__ if hasattr(spf, '__version__') else 'pyspf')" },
                env: new Dictionary<string, string?> { ["PYTHONPATH"] = pythonPath });
            if (check.ExitCode != 0) throw new OracleUnavailableException("pyspf does not import: " + check.Describe());
            return new Paths(python, pythonPath, Path.Combine(folder, "rfc7208-tests.yml"), File.ReadAllText(Path.Combine(folder, "versions.txt")).Trim());
        }

        private static void Build(string folder, string marker)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            string debs = Directory.CreateDirectory(Path.Combine(folder, "debs")).FullName;
            string root = Directory.CreateDirectory(Path.Combine(folder, "root")).FullName;
            var download = Apt(debs, new[] { "download" }.Concat(Packages).ToArray());
            if (download.ExitCode != 0)
            {
                var update = Apt(debs, new[] { "update" });
                if (update.ExitCode != 0) throw new OracleUnavailableException("apt-get download failed:\n" + download.Stderr + "\nand apt-get update failed too:\n" + update.Stderr);
                download = Apt(debs, new[] { "download" }.Concat(Packages).ToArray());
                if (download.ExitCode != 0) throw new OracleUnavailableException("apt-get download failed after apt-get update:\n" + download.Stderr);
            }
            var versions = new List<string>();
            foreach (string deb in Directory.GetFiles(debs, "*.deb").OrderBy(p => p, StringComparer.Ordinal))
            {
                versions.Add(Tool("dpkg-deb", "-f", deb, "Package").Trim() + " " + Tool("dpkg-deb", "-f", deb, "Version").Trim());
                Tool("dpkg", "-x", deb, root);
            }
            string spf = Path.Combine(root, "usr", "lib", "python3", "dist-packages", "spf.py");
            string suite = Path.Combine(root, "usr", "share", "doc", "python3-spf", "rfc7208-tests.yml.gz");
            if (!File.Exists(spf) || !File.Exists(suite)) throw new OracleUnavailableException("python3-spf lacks spf.py or rfc7208-tests.yml.gz");
            using (var input = new GZipStream(File.OpenRead(suite), CompressionMode.Decompress))
            using (var output = File.Create(Path.Combine(folder, "rfc7208-tests.yml")))
            {
                input.CopyTo(output);
            }
            File.WriteAllText(Path.Combine(folder, "versions.txt"), string.Join(", ", versions) + "\n");
            File.WriteAllText(marker, "complete " + DateTime.UtcNow.ToString("O") + "\n");
        }

        private static string CacheParent()
        {
            string? overridden = Environment.GetEnvironmentVariable("MAILCONFIGKIT_ORACLE_CACHE");
            if (!string.IsNullOrEmpty(overridden)) return overridden;
            if (Environment.IsPrivilegedProcess) return "/var/cache/mailconfigkit-oracle";
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string home = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
            return Path.Combine(home, "mailconfigkit-oracle");
        }

        private static FileStream AcquireLock(string path)
        {
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(25);
            while (true)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(250);
                }
            }
        }

        private static ProcessResult Apt(string directory, string[] args)
        {
            try
            {
                return ProcessRunner.Run("apt-get", args, timeout: AptTimeout, workingDirectory: directory);
            }
            catch (InvalidOperationException e)
            {
                throw new OracleUnavailableException("apt-get is not available (not a Debian system?): " + e.Message, e);
            }
        }

        private static string Tool(string file, params string[] args)
        {
            var result = ProcessRunner.Run(file, args, timeout: AptTimeout);
            if (result.ExitCode != 0) throw new OracleUnavailableException("provisioning step failed: " + result.Describe());
            return result.Stdout;
        }
    }
}
