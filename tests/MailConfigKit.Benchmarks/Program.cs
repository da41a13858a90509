using System;
using System.Diagnostics;
using BenchmarkDotNet.Running;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;

namespace MailConfigKit.Benchmarks
{
    /// <summary>
    /// Entry point: <c>dotnet run -c Release --project tests/MailConfigKit.Benchmarks -- --filter '*'</c>.
    /// The pathological shapes of issue 11 beside ordinary files of the same size:
    /// <c>dotnet run -c Release --project tests/MailConfigKit.Benchmarks -- --filter '*Pathological*' --job short</c>
    /// (<c>--job dry</c> for a one-shot check; sizes from MCK_BENCH_SIZES, e.g. <c>16384,1048576</c>).
    /// <c>--scan-maillog ROOT</c>: one search of ROOT's logs for Gmail's IPv6 refusals, as a process of its own, printing
    /// the count, the time and the peak resident memory (VmHWM) for a side-by-side run with <c>grep -cF</c> (issue 13).
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            if (args.Length == 2 && args[0] == "--scan-maillog")
            {
                var watch = Stopwatch.StartNew();
                long count = MailLogs.Discover(MailHost.Open(args[1]), null).Search(new GmailIpv6Refusal(), 5).Count;
                watch.Stop();
                string hwm = "?";
                foreach (string line in System.IO.File.ReadAllLines("/proc/self/status"))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = line.Substring(6).Trim();
                }
                Console.WriteLine(count + " matches in " + watch.ElapsedMilliseconds + " ms, peak resident " + hwm);
                return;
            }
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
