using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// A network namespace (<c>ip netns add</c>) for running the real daemons on their own lo, as root.
    /// <para>
    /// Name: <c>mck-&lt;unix seconds, hex&gt;-&lt;random&gt;</c>, unique so tests can run in parallel, and dated so that
    /// leftovers of a killed test run are recognised and removed (<see cref="RemoveStale"/>, run once per process).
    /// Files for <c>/etc</c> go to <c>/etc/netns/NAME/</c>: <c>ip netns exec</c> makes a private mount namespace per command
    /// and bind-mounts each of them over the file of the same name in /etc. Only files that exist in /etc can be
    /// replaced that way (a bind mount needs a target), so a test's own files (mailname, ...) go into its tree instead.
    /// </para>
    /// </summary>
    public sealed class NetNamespace : IDisposable
    {
        public const string Prefix = "mck-";

        /// <summary>A namespace of ours older than this is a leftover of a killed run.</summary>
        public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

        private static readonly Lazy<int> StaleRemoved = new(() => RemoveStale(StaleAfter), LazyThreadSafetyMode.ExecutionAndPublication);

        // For the system's own tools (ip, ss, sysctl): the provisioned libraries are not theirs.
        private static readonly IReadOnlyDictionary<string, string?> SystemTool = new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null };

        private readonly OracleToolPaths _tools;
        private bool _disposed;

        public NetNamespace(NetNamespaceOptions? options = null)
        {
            _tools = OracleTools.RequireRootOrIgnore();
            Options = options ?? new NetNamespaceOptions();
            _ = StaleRemoved.Value;
            var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
            Name = Prefix + stamp + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
            EtcDirectory = Path.Combine("/etc/netns", Name);
            ProcessRunner.RunChecked("ip", new[] { "netns", "add", Name }, timeout: TimeSpan.FromSeconds(10));
            try
            {
                WriteEtcFiles();
                ExecChecked("/bin/sh", new[] { "-c", SetupScript(Options) }, SystemTool);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public string Name { get; }

        public NetNamespaceOptions Options { get; }

        /// <summary><c>/etc/netns/NAME</c>.</summary>
        public string EtcDirectory { get; }

        /// <summary>
        /// Runs <c>ip netns exec NAME env VARS FILE ARGS</c> to completion. VARS: the tools' LD_LIBRARY_PATH and
        /// <paramref name="env"/> (a null value unsets). Through <c>env</c>, so that only the command gets the provisioned
        /// libraries, not <c>ip</c> itself. The rest of this process's environment is inherited. Never throws for a non-zero exit.
        /// </summary>
        public ProcessResult Exec(
            string file,
            IReadOnlyList<string> args,
            IReadOnlyDictionary<string, string?>? env = null,
            TimeSpan? timeout = null,
            byte[]? stdin = null,
            string? workingDirectory = null) =>
            ProcessRunner.Run("ip", Wrap(file, args, env), stdin, null, timeout ?? TimeSpan.FromSeconds(30), workingDirectory);

        /// <summary>Like <see cref="Exec"/>, but throws unless the exit code is 0.</summary>
        public ProcessResult ExecChecked(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env = null, TimeSpan? timeout = null)
        {
            var result = Exec(file, args, env, timeout);
            return result.ExitCode == 0 ? result : throw new InvalidOperationException("Command in " + Name + " failed: " + result.Describe());
        }

        /// <summary>
        /// Runs the command with a pseudo-terminal as its stdin/stdout/stderr (<c>script -qec</c>) and returns what it wrote
        /// there (CR LF turned into LF) as stdout. For Postfix's <c>postfix</c> command, which reports its own fatal errors
        /// only when stderr is a terminal (else they go to syslog, or nowhere before the logging is set up).
        /// </summary>
        public ProcessResult ExecOnTerminal(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env = null, TimeSpan? timeout = null)
        {
            var command = string.Join(" ", new[] { file }.Concat(args).Select(ProcessRunner.Quote));
            var result = Exec("script", new[] { "-qec", command, "/dev/null" }, env, timeout);
            var text = result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
            return new ProcessResult(
                result.CommandLine, result.ExitCode, System.Text.Encoding.UTF8.GetBytes(text), result.StderrBytes, result.Elapsed);
        }

        /// <summary>Starts <c>ip netns exec NAME FILE ARGS</c> in the background (ip execs the command, so it has the same pid).</summary>
        public BackgroundProcess Start(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env = null) =>
            BackgroundProcess.Start("ip", Wrap(file, args, env));

        /// <summary>Listening TCP sockets as <c>ss</c> prints their local address: <c>127.0.0.1:2525</c>, <c>[::]:2525</c>, ...</summary>
        public IReadOnlyList<string> ListeningTcp() => Listening("-Hltn");

        /// <summary>Bound UDP sockets, in the same form as <see cref="ListeningTcp"/>.</summary>
        public IReadOnlyList<string> ListeningUdp() => Listening("-Hlun");

        /// <summary>Addresses on the namespace's interfaces, <c>ip -o addr</c> style: <c>lo inet 127.0.0.1/8</c>, ...</summary>
        public IReadOnlyList<string> Addresses() =>
            ExecChecked("ip", new[] { "-o", "addr", "show" }, SystemTool).Stdout
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(f => $"{f[1].Split('@')[0]} {f[2]} {f[3]}")
                .ToList();

        /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds (true) or <paramref name="timeout"/> passes (false).</summary>
        public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (condition())
                {
                    return true;
                }

                if (clock.Elapsed > timeout)
                {
                    return false;
                }

                Thread.Sleep(20);
            }
        }

        /// <summary>Kills whatever still runs inside, deletes the namespace and /etc/netns/NAME.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Remove(Name);
        }

        /// <summary>
        /// Removes our namespaces (and /etc/netns folders) older than <paramref name="age"/>: leftovers of test runs that
        /// were killed before Dispose. Returns how many namespaces were removed.
        /// </summary>
        public static int RemoveStale(TimeSpan age)
        {
            var now = DateTimeOffset.UtcNow;
            var names = ProcessRunner.Run("ip", new[] { "netns", "list" }).Stdout
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ')[0])
                .Concat(Directory.Exists("/etc/netns") ? Directory.GetDirectories("/etc/netns").Select(Path.GetFileName) : Enumerable.Empty<string?>())
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Where(n => CreatedAt(n) is DateTimeOffset created && now - created > age)
                .ToList();
            foreach (var name in names)
            {
                Remove(name);
            }

            return names.Count;
        }

        /// <summary>When a namespace of ours was created, read from its name; null for any other name.</summary>
        internal static DateTimeOffset? CreatedAt(string name)
        {
            var parts = name.Split('-');
            return parts.Length == 3 && parts[0] + "-" == Prefix
                   && long.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }

        private static void Remove(string name)
        {
            // A daemon left running (a failed test, a killed run) would otherwise outlive its namespace.
            var pids = ProcessRunner.Run("ip", new[] { "netns", "pids", name }).Stdout
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var pid in pids)
            {
                ProcessRunner.Run("kill", new[] { "-KILL", pid.Trim() });
            }

            ProcessRunner.Run("ip", new[] { "netns", "delete", name });
            var etc = Path.Combine("/etc/netns", name);
            if (Directory.Exists(etc))
            {
                Directory.Delete(etc, recursive: true);
            }
        }

        private static string SetupScript(NetNamespaceOptions o)
        {
            var lines = new List<string> { "set -e", "ip link set lo up" };
            if (o.ExtraInterface is { } extra)
            {
                // A dummy interface is the natural choice, but some kernels lack it ("Unknown device type"); a veth pair with
                // both ends up inside the namespace behaves the same for binding and routing.
                lines.Add($"ip link add {ExtraInterface.Name} type dummy 2>/dev/null || "
                          + $"{{ ip link add {ExtraInterface.Name} type veth peer name {ExtraInterface.Name}p && ip link set {ExtraInterface.Name}p up; }}");
                lines.Add($"ip link set {ExtraInterface.Name} up");
            }

            if (o.DisableAllIpv6)
            {
                lines.Add("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1");
            }

            if (o.DisableLoopbackIpv6 || o.DisableAllIpv6)
            {
                lines.Add("sysctl -qw net.ipv6.conf.lo.disable_ipv6=1");
            }

            if (o.ExtraInterface is { } x)
            {
                if (x.Ipv6 != null)
                {
                    lines.Add($"sysctl -qw net.ipv6.conf.{ExtraInterface.Name}.disable_ipv6=0");
                    lines.Add($"ip -6 addr add {x.Ipv6} dev {ExtraInterface.Name} nodad"); // nodad: usable at once, not "tentative"
                }

                if (x.Ipv4 != null)
                {
                    lines.Add($"ip addr add {x.Ipv4} dev {ExtraInterface.Name}");
                }
            }

            return string.Join("\n", lines) + "\n";
        }

        private void WriteEtcFiles()
        {
            Directory.CreateDirectory(EtcDirectory);
            if (Options.ResolvConf != null)
            {
                File.WriteAllText(Path.Combine(EtcDirectory, "resolv.conf"), Options.ResolvConf);
            }

            if (Options.Hosts != null)
            {
                File.WriteAllText(Path.Combine(EtcDirectory, "hosts"), Options.Hosts);
            }

            if (Options.ServiceUsers)
            {
                File.WriteAllText(Path.Combine(EtcDirectory, "passwd"), ServiceUsers.Passwd);
                File.WriteAllText(Path.Combine(EtcDirectory, "group"), ServiceUsers.Group);
            }
        }

        private List<string> Wrap(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env)
        {
            var vars = new Dictionary<string, string?>(_tools.Environment);
            foreach (var pair in env ?? new Dictionary<string, string?>())
            {
                vars[pair.Key] = pair.Value;
            }

            var all = new List<string> { "netns", "exec", Name, "env" };
            all.AddRange(vars.Where(v => v.Value is null).SelectMany(v => new[] { "-u", v.Key }));
            all.AddRange(vars.Where(v => v.Value is not null).Select(v => v.Key + "=" + v.Value));
            all.Add(file);
            all.AddRange(args);
            return all;
        }

        private IReadOnlyList<string> Listening(string flags) =>
            ExecChecked("ss", new[] { flags }, SystemTool).Stdout
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length >= 4)
                .Select(f => f[3])
                .ToList();
    }
}
