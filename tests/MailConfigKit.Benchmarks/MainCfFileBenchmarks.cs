using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using MailConfigKit.Host;
using MailConfigKit.IO;
using MailConfigKit.Remediation;
using MailConfigKit.Postfix;

namespace MailConfigKit.Benchmarks
{
    /// <summary>
    /// One durable edit of Debian's default main.cf on disk: ours (Load + Set + Save) beside <c>postconf -e</c> run as a
    /// process, and beside a bare durable write of the same bytes (the floor). Needs the postconf the tests provision
    /// (set MCK_POSTCONF or run the tests once).
    /// </summary>
    public class MainCfFileBenchmarks
    {
        private string _root = string.Empty;
        private string _dir = string.Empty;
        private string _path = string.Empty;
        private string _postconf = string.Empty;
        private string _libraryPath = string.Empty;
        private bool _flip;

        [GlobalSetup]
        public void Setup()
        {
            _root = Path.Combine(Path.GetTempPath(), "mck-bench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            _dir = Path.Combine(_root, "etc/postfix");
            Directory.CreateDirectory(_dir);
            _path = Path.Combine(_dir, "main.cf");
            File.WriteAllText(_path, MainCfText.DebianDefault);
            File.WriteAllText(Path.Combine(_dir, "master.cf"), string.Empty);
            _postconf = Environment.GetEnvironmentVariable("MCK_POSTCONF") ?? FindPostconf();
            string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(_postconf)!, "..", ".."));
            _libraryPath = Path.Combine(root, "usr/lib/x86_64-linux-gnu") + ":" + Path.Combine(root, "usr/lib/postfix");
        }

        [GlobalCleanup]
        public void Cleanup() => Directory.Delete(_root, recursive: true);

        private static string FindPostconf()
        {
            foreach (string parent in new[] { "/var/cache/mailconfigkit-oracle", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache/mailconfigkit-oracle") })
            {
                if (!Directory.Exists(parent)) continue;
                string? found = Directory.GetFiles(parent, "postconf", SearchOption.AllDirectories).FirstOrDefault(p => p.EndsWith("usr/sbin/postconf", StringComparison.Ordinal));
                if (found != null) return found;
            }
            throw new InvalidOperationException("postconf not found: run the tests once (they provision it) or set MCK_POSTCONF.");
        }

        private string NextValue() => (_flip = !_flip) ? "ipv4" : "all";

        [Benchmark(Baseline = true)]
        public void BareDurableWrite() => AtomicFile.Write(_path, System.Text.Encoding.UTF8.GetBytes(MainCfText.DebianDefault.Replace("inet_protocols = all", "inet_protocols = " + NextValue())));

        [Benchmark]
        public void LoadSetSave()
        {
            var doc = MainCf.Load(_path);
            doc.Set("inet_protocols", NextValue());
            doc.Save(_path);
        }

        /// <summary>The remediation path: open the host, plan (read, edit, diff, hash) and apply (edit lock, re-read and hash check, durable write).</summary>
        [Benchmark]
        public void LoadPlanApply()
        {
            RemediationPlan plan = new SetPostfixParameters("inet_protocols", NextValue()).Plan(MailHost.Open(_root));
            PlanExecutor.Apply(plan);
        }

        [Benchmark]
        public void PostconfProcess()
        {
            // postconf sleeps and re-reads a main.cf written within the last second; the other benchmarks never wait, so
            // neither should postconf: date the file back (one utimensat, negligible beside a process start).
            File.SetLastWriteTimeUtc(_path, DateTime.UtcNow.AddMinutes(-1));
            var psi = new ProcessStartInfo(_postconf) { UseShellExecute = false, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(_dir);
            psi.ArgumentList.Add("-e");
            psi.ArgumentList.Add("inet_protocols = " + NextValue());
            psi.Environment["LD_LIBRARY_PATH"] = _libraryPath;
            using var p = Process.Start(psi)!;
            p.StandardError.ReadToEnd();
            p.WaitForExit();
        }
    }
}
