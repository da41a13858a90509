using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;

namespace MailConfigKit.Benchmarks
{
    /// <summary>
    /// Issue 13: scanning a big mail.log for Gmail's IPv6 refusals (MailLogs.Search with GmailIpv6Refusal) beside
    /// <c>grep -cF</c> on the same file, run as a process. Target: at most 1.5x grep, under 64 MB (the peak working set
    /// is printed at cleanup). The log (ordinary delivery lines, one bounce in 5,000) is generated once into
    /// /var/cache/mailconfigkit-oracle (or /tmp when that is not writable) and kept for later runs.
    /// Run: dotnet run -c Release --project tests/MailConfigKit.Benchmarks -- --filter '*MailLogScan*' --job short
    /// Size: MCK_BENCH_MAILLOG_BYTES (default 1073741824, 1 GiB); e.g. 67108864 for a quick run.
    /// </summary>
    [MemoryDiagnoser]
    public class MailLogScanBenchmarks
    {
        private const string GrepText = "IPv6 sending guidelines";

        private string _root = string.Empty;
        private string _log = string.Empty;

        [GlobalSetup]
        public void Setup()
        {
            long size = long.Parse(Environment.GetEnvironmentVariable("MCK_BENCH_MAILLOG_BYTES") ?? "1073741824", CultureInfo.InvariantCulture);
            string cache = "/var/cache/mailconfigkit-oracle";
            try
            {
                Directory.CreateDirectory(cache);
                File.WriteAllText(Path.Combine(cache, ".bench-probe"), string.Empty);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                cache = Path.GetTempPath();
            }
            _root = Path.Combine(cache, "bench-maillog-" + size.ToString(CultureInfo.InvariantCulture));
            _log = Path.Combine(_root, "var/log/mail.log");
            if (!File.Exists(_log) || new FileInfo(_log).Length < size)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_log)!);
                PathologicalText.WriteMailLog(_log + ".tmp", Shape.Ordinary, size, bounceEvery: 5000);
                File.Move(_log + ".tmp", _log, overwrite: true);
            }
            Console.WriteLine("// mail.log: " + _log + ", " + new FileInfo(_log).Length + " bytes; grep -cF counts " + Grep());
        }

        [GlobalCleanup]
        public void Cleanup() =>
            Console.WriteLine("// peak working set: " + (Process.GetCurrentProcess().PeakWorkingSet64 >> 20) + " MiB");

        [Benchmark(Baseline = true)]
        public long Grep()
        {
            var psi = new ProcessStartInfo("grep", "-cF \"" + GrepText + "\" " + _log) { RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
        }

        /// <summary>The floor: reading the file through the library's safe reader, nothing else.</summary>
        [Benchmark]
        public long ReadOnly()
        {
            using Stream stream = MailConfigKit.IO.RegularFile.OpenRead(_log);
            var buffer = new byte[256 * 1024];
            long total = 0;
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) total += n;
            return total;
        }

        /// <summary>The scanner with one keyword that never occurs: reading plus the keyword search.</summary>
        [Benchmark]
        public long ScanOneKeyword()
        {
            long n = 0;
            using var scanner = new LineScanner(MailConfigKit.IO.RegularFile.OpenRead(_log), KeywordFilter.Create(new[] { "qzxj" }));
            while (scanner.TryNext(out _, out _, out _, out _)) n++;
            return n;
        }

        [Benchmark]
        public long Search() => MailLogs.Discover(MailHost.Open(_root), null).Search(new GmailIpv6Refusal(), 5).Count;
    }
}
