using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>
    /// Runs the provisioned exim4 (and Debian's scripts that call it) as root, as if the package were installed.
    /// <para>
    /// What had to be done: Debian's exim4 is built with its user set to <c>Debian-exim</c> and looks that user up
    /// before it even reads the configuration (<c>exim: failed to find uid for user name "Debian-exim"</c>), so
    /// neither a prelude nor <c>-C</c> can avoid it. The package's postinst creates that user; we do not touch the
    /// system, so when the user is missing the command runs in a private mount namespace
    /// (<c>unshare --mount</c>, root only) where copies of /etc/passwd and /etc/group with a <c>Debian-exim</c>
    /// entry are bind-mounted over the real ones. Nothing else was needed for <c>-bV</c> and <c>-bP</c>.
    /// </para>
    /// </summary>
    public static class EximRunner
    {
        private static readonly Lazy<string?> Shim = new(CreateShim, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>Runs <c>exim4 ARGS</c>.</summary>
        public static ProcessResult Run(params string[] args)
        {
            var tools = OracleTools.RequireRootOrIgnore();
            return RunWithEximUser(tools.Exim4, args, tools.Environment, null, null);
        }

        /// <summary>
        /// <c>exim4 -C FILE -bP local_interfaces</c>: the value exim will use (its default when the config sets none).
        /// Throws when exim fails.
        /// </summary>
        public static string LocalInterfaces(string configPath)
        {
            var result = Run("-C", configPath, "-bP", "local_interfaces");
            const string Prefix = "local_interfaces =";
            var line = result.Stdout.TrimEnd('\n');
            if (result.ExitCode != 0 || !line.StartsWith(Prefix, StringComparison.Ordinal) || line.Contains('\n', StringComparison.Ordinal))
            {
                throw new InvalidOperationException("exim -bP local_interfaces failed: " + result.Describe());
            }

            return line[Prefix.Length..].TrimStart(' ');
        }

        /// <summary>
        /// Runs any program (an exim binary, or a shell running update-exim4.conf) where the Debian-exim user exists.
        /// <paramref name="env"/> is the whole environment (nothing is inherited).
        /// </summary>
        public static ProcessResult RunWithEximUser(
            string file,
            IReadOnlyList<string> args,
            IReadOnlyDictionary<string, string?> env,
            string? workingDirectory,
            TimeSpan? timeout)
        {
            var tools = OracleTools.RequireRootOrIgnore();
            var environment = new Dictionary<string, string?>(env);
            environment.TryAdd("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            var shim = Shim.Value;
            if (shim is null)
            {
                return ProcessRunner.Run(file, args, null, environment, timeout, workingDirectory, inheritEnvironment: false);
            }

            const string Script = "mount --bind \"$1\" /etc/passwd && mount --bind \"$2\" /etc/group && shift 2 && exec \"$@\"";
            var wrapped = new List<string>
            {
                "--mount", "--propagation", "private", tools.Sh, "-c", Script, "sh",
                Path.Combine(shim, "passwd"), Path.Combine(shim, "group"), file,
            };
            wrapped.AddRange(args);
            return ProcessRunner.Run("unshare", wrapped, null, environment, timeout, workingDirectory, inheritEnvironment: false);
        }

        /// <summary>Null when the system already has Debian-exim; else a per-process folder with the passwd and group copies.</summary>
        private static string? CreateShim()
        {
            if (Resolves("passwd") && Resolves("group"))
            {
                return null;
            }

            var passwd = File.ReadAllLines("/etc/passwd").Where(l => !l.StartsWith("Debian-exim:", StringComparison.Ordinal)).ToList();
            var group = File.ReadAllLines("/etc/group").Where(l => !l.StartsWith("Debian-exim:", StringComparison.Ordinal)).ToList();
            var uid = FreeId(passwd);
            var gid = FreeId(group);
            passwd.Add($"Debian-exim:x:{uid}:{gid}::/var/lib/exim4:/usr/sbin/nologin");
            group.Add($"Debian-exim:x:{gid}:");

            var folder = Directory.CreateTempSubdirectory("mck-exim-user-").FullName;
            File.WriteAllText(Path.Combine(folder, "passwd"), string.Join('\n', passwd) + "\n");
            File.WriteAllText(Path.Combine(folder, "group"), string.Join('\n', group) + "\n");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            };
            return folder;
        }

        private static bool Resolves(string database) =>
            ProcessRunner.Run("getent", new[] { database, "Debian-exim" }).ExitCode == 0;

        // The first id from 100 (Debian's system range) not used in the third field of the file.
        private static int FreeId(IEnumerable<string> lines)
        {
            var used = lines.Select(l => l.Split(':')).Where(f => f.Length > 2).Select(f => f[2]).ToHashSet(StringComparer.Ordinal);
            return Enumerable.Range(100, 900).First(id => !used.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
