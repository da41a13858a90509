using BenchmarkDotNet.Attributes;
using MailConfigKit.Postfix;

namespace MailConfigKit.Benchmarks
{
    /// <summary>
    /// Parse + GetValue + Set + ToString against a bare Split('\n') + Join of the same text (the floor for any
    /// line-based tool). Sizes from the Debian default (0) to 20 MB; 1, 4 and 16 MB show whether time is linear.
    /// </summary>
    [MemoryDiagnoser]
    public class MainCfBenchmarks
    {
        private string _text = string.Empty;

        /// <summary>Input size in bytes; 0 is Debian's default main.cf.</summary>
        [Params(0, 1 << 20, 4 << 20, 16 << 20, 20 << 20)]
        public int Size { get; set; }

        [GlobalSetup]
        public void Setup() => _text = Size == 0 ? MainCfText.DebianDefault : MainCfText.Generated(Size);

        [Benchmark(Baseline = true)]
        public string SplitJoin() => string.Join("\n", _text.Split('\n'));

        [Benchmark]
        public string ParseGetSetToString()
        {
            var doc = MainCf.Parse(_text);
            string? v = doc.GetValue("inet_protocols");
            doc.Set("inet_protocols", v == "all" ? "ipv4" : "all");
            return doc.ToString();
        }
    }
}
