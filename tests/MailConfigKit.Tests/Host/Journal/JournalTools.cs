using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Host.Journal
{
    /// <summary>
    /// The real journal tools, the oracle for the native reader: <c>systemd-journal-remote</c> writes journal files from
    /// export-format input (installed with apt-get when missing), <c>journalctl</c> reads them back. Missing tools fail
    /// the test under CI=true and ignore it elsewhere (<see cref="OracleTools.Unavailable"/>).
    /// </summary>
    internal static class JournalTools
    {
        public const string Journalctl = "/usr/bin/journalctl";
        private static readonly string[] RemoteCandidates = { "/lib/systemd/systemd-journal-remote", "/usr/lib/systemd/systemd-journal-remote" };
        private static readonly Lazy<string> Remote = new Lazy<string>(Provision, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The path of systemd-journal-remote, provisioned once per process; the test fails (CI) or is ignored otherwise.</summary>
        public static string RequireRemote()
        {
            try
            {
                string remote = Remote.Value;
                if (!File.Exists(Journalctl)) throw new OracleUnavailableException("journalctl is not installed at " + Journalctl);
                return remote;
            }
            catch (Exception e)
            {
                throw OracleTools.Unavailable("journal tools unavailable: " + e.Message, OracleTools.IsCi, e);
            }
        }

        /// <summary>Writes <paramref name="export"/> (journal export format) into a new journal file at <paramref name="journalPath"/>.</summary>
        public static void WriteJournal(byte[] export, string journalPath, bool compact = true, bool keyedHash = true)
        {
            string remote = RequireRemote();
            var env = new Dictionary<string, string?>
            {
                ["SYSTEMD_JOURNAL_COMPACT"] = compact ? "1" : "0",
                ["SYSTEMD_JOURNAL_KEYED_HASH"] = keyedHash ? "1" : "0",
            };
            // --compress is journald's default too (values of 512 bytes and more are compressed; this build uses zstd).
            var r = ProcessRunner.Run(remote, new[] { "--compress=yes", "--output=" + journalPath, "-" }, stdin: export, env: env, timeout: TimeSpan.FromMinutes(10));
            if (r.ExitCode != 0 || !File.Exists(journalPath)) throw new InvalidOperationException("systemd-journal-remote failed: " + r.Describe());
        }

        /// <summary><c>journalctl --file F... -o export</c>, as bytes.</summary>
        public static byte[] Export(params string[] files)
        {
            var args = new List<string>();
            foreach (string f in files) args.Add("--file=" + f);
            args.AddRange(new[] { "-o", "export", "--no-pager" });
            var r = ProcessRunner.Run(Journalctl, args, timeout: TimeSpan.FromMinutes(10));
            if (r.ExitCode != 0) throw new InvalidOperationException("journalctl failed: " + r.Describe());
            return r.StdoutBytes;
        }

        /// <summary><c>journalctl --file F --header</c>.</summary>
        public static string Header(string file)
        {
            var r = ProcessRunner.Run(Journalctl, new[] { "--file=" + file, "--header", "--no-pager" });
            if (r.ExitCode != 0) throw new InvalidOperationException("journalctl --header failed: " + r.Describe());
            return r.Stdout;
        }

        private static string Provision()
        {
            foreach (string c in RemoteCandidates)
            {
                if (File.Exists(c)) return c;
            }
            var env = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            var install = ProcessRunner.Run("apt-get", new[] { "install", "-y", "-q", "systemd-journal-remote" }, env: env, timeout: TimeSpan.FromMinutes(10));
            if (install.ExitCode != 0)
            {
                var update = ProcessRunner.Run("apt-get", new[] { "update", "-q" }, env: env, timeout: TimeSpan.FromMinutes(10));
                install = ProcessRunner.Run("apt-get", new[] { "install", "-y", "-q", "systemd-journal-remote" }, env: env, timeout: TimeSpan.FromMinutes(10));
                if (install.ExitCode != 0) throw new OracleUnavailableException("apt-get install systemd-journal-remote failed: " + install.Describe() + "\n(after apt-get update: " + update.Describe() + ")");
            }
            foreach (string c in RemoteCandidates)
            {
                if (File.Exists(c)) return c;
            }
            throw new OracleUnavailableException("systemd-journal-remote is installed but not at " + string.Join(" or ", RemoteCandidates));
        }
    }
}
