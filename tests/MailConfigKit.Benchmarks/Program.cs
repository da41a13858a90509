using BenchmarkDotNet.Running;

namespace MailConfigKit.Benchmarks
{
    /// <summary>
    /// Entry point: <c>dotnet run -c Release --project tests/MailConfigKit.Benchmarks -- --filter '*'</c>.
    /// The pathological shapes of issue 11 beside ordinary files of the same size:
    /// <c>dotnet run -c Release --project tests/MailConfigKit.Benchmarks -- --filter '*Pathological*' --job short</c>
    /// (<c>--job dry</c> for a one-shot check; sizes from MCK_BENCH_SIZES, e.g. <c>16384,1048576</c>).
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
