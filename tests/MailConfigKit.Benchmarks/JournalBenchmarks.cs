using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using MailConfigKit.Host.Logs;
using MailConfigKit.Host.Logs.Journal;

namespace MailConfigKit.Benchmarks
{
    /// <summary>
    /// Counting the messages of a large journal that contain a string: the native reader (entries, and log records
    /// through <see cref="JournalLogSource"/>) beside <c>journalctl --file F -o cat | grep -c</c> run as processes. The
    /// journal (MCK_BENCH_JOURNAL_ENTRIES entries, 500,000 by default) is written once by systemd-journal-remote, with
    /// compression and rotation as journald does (several files), and cached in /var/cache/mailconfigkit-bench. Run:
    /// <c>dotnet run -c Release --project tests/MailConfigKit.Benchmarks -- --filter '*Journal*' --job short</c>.
    /// </summary>
    [MemoryDiagnoser]
    public class JournalBenchmarks
    {
        private const string Needle = "Network is unreachable";
        private const string CacheDir = "/var/cache/mailconfigkit-bench";
        private string _root = string.Empty;
        private string _dir = string.Empty;

        [GlobalSetup]
        public void Setup()
        {
            int entries = int.Parse(Environment.GetEnvironmentVariable("MCK_BENCH_JOURNAL_ENTRIES") ?? "500000", CultureInfo.InvariantCulture);
            _root = Path.Combine(CacheDir, "journal-" + entries);
            _dir = Path.Combine(_root, "var/log/journal/0123456789abcdef0123456789abcdef");
            if (Directory.Exists(_dir)) return;
            // Written aside and moved into place, so that an interrupted run leaves no half journal behind.
            string work = _root + ".partial";
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            Directory.CreateDirectory(work);
            string export = Path.Combine(work, "records.export");
            WriteExport(export, entries);
            // systemd-journal-remote rotates as journald does (system.journal and system@....journal archives).
            Run("/bin/sh", "-c", "/lib/systemd/systemd-journal-remote --compress=yes --output=" + work + "/system.journal - < " + export);
            File.Delete(export);
            Directory.CreateDirectory(Path.GetDirectoryName(_dir)!);
            Directory.Move(work, _dir);
        }

        /// <summary>journalctl on the same folder, its text piped to grep, as processes (what a user would run).</summary>
        [Benchmark(Baseline = true)]
        public int JournalctlCatGrep() => int.Parse(Run("/bin/sh", "-c", "journalctl -D " + _dir + " -o cat | grep -c '" + Needle + "'").Trim(), CultureInfo.InvariantCulture);

        /// <summary>The native reader's entries (all files, interleaved), the message field searched.</summary>
        [Benchmark]
        public int NativeEntries()
        {
            int n = 0;
            foreach (JournalEntry e in new JournalLogSource(_root).ReadEntries())
            {
                string? message = e.GetString("MESSAGE");
                if (message != null && message.Contains(Needle, StringComparison.Ordinal)) n++;
            }
            return n;
        }

        /// <summary>The log records the diagnosis reads (time, host, identifier, pid, message, origin with cursor).</summary>
        [Benchmark]
        public int NativeLogRecords()
        {
            int n = 0;
            foreach (LogRecord r in new JournalLogSource(_root).Read())
            {
                if (r.Message.Contains(Needle, StringComparison.Ordinal)) n++;
            }
            return n;
        }

        /// <summary>Mail-log-like records: most short, some long enough to be compressed, a few tens of kilobytes.</summary>
        private static void WriteExport(string path, int entries)
        {
            var random = new Random(20261126);
            string[] programs = { "postfix/smtp", "postfix/qmgr", "postfix/cleanup", "exim", "sshd", "CRON", "systemd" };
            var boot = "fedcba9876543210fedcba9876543210";
            ulong realtime = 1_700_000_000_000_000UL, monotonic = 1_000_000;
            using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
            for (int i = 0; i < entries; i++)
            {
                realtime += (ulong)random.Next(1, 2_000_000);
                monotonic += (ulong)random.Next(1, 2_000_000);
                string program = programs[random.Next(programs.Length)];
                w.WriteLine("__REALTIME_TIMESTAMP=" + realtime.ToString(CultureInfo.InvariantCulture));
                w.WriteLine("__MONOTONIC_TIMESTAMP=" + monotonic.ToString(CultureInfo.InvariantCulture));
                w.WriteLine("_BOOT_ID=" + boot);
                w.WriteLine("_HOSTNAME=mail");
                w.WriteLine("PRIORITY=" + random.Next(3, 7).ToString(CultureInfo.InvariantCulture));
                w.WriteLine("SYSLOG_FACILITY=2");
                w.WriteLine("SYSLOG_IDENTIFIER=" + program);
                w.WriteLine("_COMM=" + program.Substring(program.IndexOf('/') + 1));
                w.WriteLine("_PID=" + random.Next(100, 60000).ToString(CultureInfo.InvariantCulture));
                w.WriteLine("_SYSTEMD_UNIT=postfix@-.service");
                string id = random.Next().ToString("X10", CultureInfo.InvariantCulture);
                int kind = random.Next(100);
                string message = kind < 10
                    ? id + ": to=<user" + i + "@gmail.com>, relay=none, delay=0.1, status=deferred (connect to gmail-smtp-in.l.google.com[2a00:1450:4013:c00::1a]:25: Network is unreachable)"
                    : kind < 97
                        ? id + ": from=<root@mail>, size=" + random.Next(300, 90000).ToString(CultureInfo.InvariantCulture) + ", nrcpt=1 (queue active)"
                        : id + ": host gmail-smtp-in.l.google.com said: 550-5.7.1 " + new string('x', random.Next(600, 4000)) + " " + Convert.ToBase64String(Guid.NewGuid().ToByteArray());
                w.WriteLine("MESSAGE=" + message);
                w.WriteLine();
            }
        }

        private static string Run(string file, params string[] args)
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }
    }
}
