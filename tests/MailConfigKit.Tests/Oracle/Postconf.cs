using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>
    /// A temporary Postfix config directory (main.cf + empty master.cf) and the real <c>postconf -c DIR</c> on it.
    /// Reuse one instance for many files with <see cref="SetMainCf(byte[])"/>: each call costs one postconf process.
    /// For master.cf (<c>-M</c>, <c>-F</c>, <c>-P</c>, <c>-P name=value</c>, <c>-PX</c>) write it with <see cref="SetMasterCf(byte[])"/>.
    /// </summary>
    public sealed class Postconf : IDisposable
    {
        private readonly OracleToolPaths _tools;
        private readonly Dictionary<string, string?> _env;

        public Postconf(string mainCf)
            : this(Encoding.UTF8.GetBytes(mainCf))
        {
        }

        public Postconf(byte[] mainCf)
        {
            _tools = OracleTools.RequireOrIgnore();
            // A clean environment: MAIL_CONFIG, MAIL_DEBUG and friends from the caller must not leak in.
            _env = new Dictionary<string, string?>(_tools.Environment) { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" };
            ConfigDirectory = Directory.CreateTempSubdirectory("mck-postconf-").FullName;
            MainCfPath = Path.Combine(ConfigDirectory, "main.cf");
            MasterCfPath = Path.Combine(ConfigDirectory, "master.cf");
            SetMasterCf(Array.Empty<byte>()); // without it postconf only warns, but the warning is noise
            SetMainCf(mainCf);
        }

        /// <summary>The DIR given to <c>postconf -c</c>.</summary>
        public string ConfigDirectory { get; }

        public string MainCfPath { get; }

        public string MasterCfPath { get; }

        /// <summary>
        /// When set, postconf runs under this host name, in a UTS namespace of its own (root only), instead of this
        /// machine's: its myhostname default is gethostname(), with ".$mydomain expanded" appended when that has no dot,
        /// so a test that reads macros must not depend on the name of the machine CI happens to run on.
        /// </summary>
        public string? HostName { get; set; }

        /// <summary>The most recent run, for its exit code and stderr.</summary>
        public PostconfResult? LastResult { get; private set; }

        public int LastExitCode => LastResult?.ExitCode ?? throw new InvalidOperationException("postconf has not run yet");

        public string LastStderr => LastResult?.Stderr ?? throw new InvalidOperationException("postconf has not run yet");

        public void SetMainCf(string mainCf) => SetMainCf(Encoding.UTF8.GetBytes(mainCf));

        /// <summary>Replaces main.cf, dated back so that postconf does not sleep and re-read a "fresh" file.</summary>
        public void SetMainCf(byte[] mainCf)
        {
            File.WriteAllBytes(MainCfPath, mainCf);
            DateBack(MainCfPath);
        }

        public byte[] ReadMainCf() => File.ReadAllBytes(MainCfPath);

        public void SetMasterCf(string masterCf) => SetMasterCf(Encoding.UTF8.GetBytes(masterCf));

        /// <summary>Replaces master.cf, dated back like main.cf.</summary>
        public void SetMasterCf(byte[] masterCf)
        {
            File.WriteAllBytes(MasterCfPath, masterCf);
            DateBack(MasterCfPath);
        }

        /// <summary>Runs <c>postconf -c DIR ARGS</c>; never throws for a non-zero exit.</summary>
        public PostconfResult Query(params string[] args) => Run(args, readBack: false);

        /// <summary><c>postconf -h NAME</c>: the value without the final newline; null when postconf printed nothing (unknown name). Throws on a non-zero exit.</summary>
        public string? GetRaw(string name)
        {
            var result = Checked(Query("-h", name));
            var text = result.Stdout;
            return text.Length == 0 ? null : text.EndsWith('\n') ? text[..^1] : text;
        }

        /// <summary><c>postconf -n</c> as name → value (the added <c>config_directory</c> is dropped). Throws on a non-zero exit.</summary>
        public Dictionary<string, string> ReadExplicit()
        {
            var result = Checked(Query("-n"));
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            // postconf prints one line per parameter: "name = value", or "name =" for an empty value;
            // it collapses all whitespace in values (P2.2), so a value never spans lines.
            foreach (var line in result.Stdout.Split('\n').Where(l => l.Length > 0))
            {
                var eq = line.IndexOf(" =", StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new InvalidOperationException($"Unexpected postconf -n line: {line}");
                }

                var name = line[..eq];
                var rest = line[(eq + 2)..];
                var value = rest.Length == 0 ? string.Empty
                    : rest[0] == ' ' ? rest[1..]
                    : throw new InvalidOperationException($"Unexpected postconf -n line: {line}");
                if (name != "config_directory")
                {
                    values[name] = value;
                }
            }

            return values;
        }

        /// <summary>
        /// Runs an edit (<c>-e</c>, <c>-X</c>, <c>-#</c>, <c>name=value</c>, or <c>-P service/type/name=value</c>, <c>-PX</c>)
        /// and returns the result with the bytes of main.cf and master.cf afterwards.
        /// </summary>
        public PostconfResult Edit(params string[] args) => Run(args, readBack: true);

        public void Dispose()
        {
            try
            {
                Directory.Delete(ConfigDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }

        private PostconfResult Run(string[] args, bool readBack)
        {
            string file = _tools.Postconf;
            string[] arguments = new[] { "-c", ConfigDirectory }.Concat(args).ToArray();
            var env = _env;
            if (HostName != null)
            {
                // unshare and sh exec in place, so the process is postconf's own (SkipFatalSleep kills the right one). The
                // Debian tree's libraries are for postconf only: unshare, sh and hostname are this machine's.
                arguments = new[] { "--uts", "--", "/bin/sh", "-c", "/usr/bin/hostname \"$0\" && LD_LIBRARY_PATH=\"$MCK_LD\" exec \"$@\"", HostName, file }
                    .Concat(arguments).ToArray();
                file = "/usr/bin/unshare";
                env = new Dictionary<string, string?> { ["PATH"] = _env["PATH"], ["MCK_LD"] = _tools.LdLibraryPath };
            }
            var process = ProcessRunner.Run(file, arguments, env: env, inheritEnvironment: false, finishEarly: SkipFatalSleep);
            byte[]? mainCf = null, masterCf = null;
            if (readBack && File.Exists(MainCfPath))
            {
                mainCf = ReadMainCf();
                DateBack(MainCfPath); // postconf just rewrote it
            }

            if (readBack && File.Exists(MasterCfPath))
            {
                masterCf = File.ReadAllBytes(MasterCfPath);
                DateBack(MasterCfPath);
            }

            var stderr = process.Stderr.Replace(_tools.Postconf, "postconf", StringComparison.Ordinal);
            var normalized = stderr.Replace(ConfigDirectory, "DIR", StringComparison.Ordinal);
            LastResult = new PostconfResult(process, stderr, normalized, mainCf, masterCf);
            return LastResult;
        }

        /// <summary>
        /// Postfix's msg_fatal() prints "PROGRAM: fatal: ...", runs its cleanup, sleeps 1 s and exits 1 (util/msg.c;
        /// postconf never uses msg_fatal_status). At a thousand generated files that second adds up, so once the fatal line is
        /// out and the process sleeps, it is killed and reported as exit code 1 (<see cref="ProcessResult.FinishedEarly"/>).
        /// </summary>
        private int? SkipFatalSleep(RunningProcess running)
        {
            var stderr = running.StderrSoFar;
            var fatal = _tools.Postconf + ": fatal: ";
            var announced = stderr.StartsWith(fatal, StringComparison.Ordinal) || stderr.Contains("\n" + fatal, StringComparison.Ordinal);
            return announced && stderr.EndsWith('\n') && running.IsSleeping() ? 1 : null;
        }

        private static PostconfResult Checked(PostconfResult result) =>
            result.ExitCode == 0 ? result : throw new InvalidOperationException("postconf failed: " + result.Process.Describe());

        private static void DateBack(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
    }
}
