using System.Collections.Generic;
using System.IO;
using System;
using BenchmarkDotNet.Attributes;
using MailConfigKit.Diagnosis;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Benchmarks
{
    // Issue 11, defect 9 and 14: every pathological shape beside an ordinary file of the same byte size (Shape=Ordinary)
    // and beside string.Split on the same text (the SplitLines baseline). "Done" means each shape within 2x of Ordinary.
    // Run: dotnet run -c Release --project tests/MailConfigKit.Benchmarks -- --filter '*Pathological*' --job short
    // Sizes: MCK_BENCH_SIZES=16384,65536,1048576 (bytes) overrides the defaults below.

    /// <summary>main.cf: <c>${a:</c> nesting and <c>pN = $pN+1</c> chains: parse, diagnostics, one value.</summary>
    [MemoryDiagnoser]
    public class PathologicalMainCfBenchmarks
    {
        private string _text = string.Empty;

        public static IEnumerable<int> SizeValues => PathologicalText.Sizes(64 << 10, 1 << 20);

        [ParamsSource(nameof(SizeValues))]
        public int Size { get; set; }

        [Params(Shape.Ordinary, Shape.DenseDefinitions, Shape.MacroNesting, Shape.MacroChain)]
        public Shape Shape { get; set; }

        [GlobalSetup]
        public void Setup() => _text = PathologicalText.MainCf(Shape, Size);

        [Benchmark(Baseline = true)]
        public int SplitLines() => PathologicalText.SplitLines(_text);

        [Benchmark]
        public int ParseDiagnose()
        {
            var doc = MainCf.Parse(_text);
            return doc.Diagnostics.Count + (doc.GetValue("x")?.Length ?? 0) + doc.Parameters.Count;
        }
    }

    /// <summary>master.cf: one entry with a long run of <c>-o</c> continuation lines, glued <c>-o</c> words.</summary>
    [MemoryDiagnoser]
    public class PathologicalMasterCfBenchmarks
    {
        private string _text = string.Empty;

        public static IEnumerable<int> SizeValues => PathologicalText.Sizes(64 << 10, 1 << 20);

        [ParamsSource(nameof(SizeValues))]
        public int Size { get; set; }

        [Params(Shape.Ordinary, Shape.LongContinuation, Shape.GluedWords)]
        public Shape Shape { get; set; }

        [GlobalSetup]
        public void Setup() => _text = PathologicalText.MasterCf(Shape, Size);

        [Benchmark(Baseline = true)]
        public int SplitLines() => PathologicalText.SplitLines(_text);

        [Benchmark]
        public int ParseDiagnose()
        {
            var doc = MasterCf.Parse(_text);
            int n = doc.Diagnostics.Count;
            foreach (MasterCfService s in doc.Services) n += s.Overrides.Count;
            return n;
        }

        [Benchmark]
        public int ParseSetOverride()
        {
            var doc = MasterCf.Parse(_text);
            MasterCfService first = doc.Services[0];
            doc.SetOverride(first.Name, first.Type, "smtp_bind_address", "127.0.0.2");
            return doc.ToString().Length;
        }
    }

    /// <summary>update-exim4.conf.conf: <c>$("</c> nesting (a stack overflow before the fix at about 30,000 levels).</summary>
    [MemoryDiagnoser]
    public class PathologicalEximBenchmarks
    {
        private string _text = string.Empty;

        public static IEnumerable<int> SizeValues => PathologicalText.Sizes(64 << 10, 1 << 20);

        [ParamsSource(nameof(SizeValues))]
        public int Size { get; set; }

        [Params(Shape.Ordinary, Shape.CommandSubstNesting)]
        public Shape Shape { get; set; }

        [GlobalSetup]
        public void Setup() => _text = PathologicalText.Exim(Shape, Size);

        [Benchmark(Baseline = true)]
        public int SplitLines() => PathologicalText.SplitLines(_text);

        [Benchmark]
        public int ParseDiagnose()
        {
            var doc = UpdateExim4Conf.Parse(_text);
            return doc.Diagnostics.Count + (doc.GetValue("x")?.Length ?? 0) + doc.Assignments.Count;
        }
    }

    /// <summary>
    /// The diagnosis reading a big mail.log (defect 14: every match was kept): a host tree whose Postfix delivers over
    /// IPv6, its log all Gmail IPv6 bounces, beside the same size of ordinary delivery lines. DNS checks off.
    /// </summary>
    [MemoryDiagnoser]
    public class PathologicalMailLogBenchmarks
    {
        private string _root = string.Empty;

        public static IEnumerable<int> SizeValues => PathologicalText.Sizes(1 << 20, 16 << 20);

        [ParamsSource(nameof(SizeValues))]
        public int Size { get; set; }

        [Params(Shape.Ordinary, Shape.KeywordMisses, Shape.Bounces)]
        public Shape Shape { get; set; }

        private string _log = string.Empty;

        [GlobalSetup]
        public void Setup()
        {
            _root = Path.Combine(Path.GetTempPath(), "mck-bench-host-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Path.Combine(_root, "etc/postfix"));
            Directory.CreateDirectory(Path.Combine(_root, "var/log"));
            File.WriteAllText(Path.Combine(_root, "etc/postfix/main.cf"), MainCfText.DebianDefault);
            File.WriteAllText(Path.Combine(_root, "etc/postfix/master.cf"), "smtp      inet  n       -       y       -       -       smtpd\nsmtp      unix  -       -       y       -       -       smtp\n");
            _log = PathologicalText.MailLog(Shape, Size);
            File.WriteAllText(Path.Combine(_root, "var/log/mail.log"), _log);
        }

        [GlobalCleanup]
        public void Cleanup() => Directory.Delete(_root, recursive: true);

        [Benchmark(Baseline = true)]
        public int SplitLines() => PathologicalText.SplitLines(File.ReadAllText(Path.Combine(_root, "var/log/mail.log")));

        [Benchmark]
        public int Examine()
        {
            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(_root), new DiagnosisOptions { CheckDns = false });
            return report.Findings.Count;
        }
    }
}
