using System;
using System.Globalization;
using System.IO;

namespace MailConfigKit.Fuzz
{
    /// <summary>The environment variables of the fuzz tests.</summary>
    public static class FuzzSettings
    {
        /// <summary>The short run's fixed seed: the same inputs every run, so a failure in CI reproduces anywhere.</summary>
        public const ulong ShortSeed = 20261125;

        public const long ShortCount = 20_000;

        public static bool Long => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MCK_FUZZ_LONG"));

        public static ulong Seed(ulong fallback) =>
            ulong.TryParse(Environment.GetEnvironmentVariable("MCK_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out ulong s) ? s : fallback;

        public static long Count(long fallback) =>
            long.TryParse(Environment.GetEnvironmentVariable("MCK_FUZZ_COUNT"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : fallback;

        /// <summary>MCK_FUZZ_DASH_EVERY: source the exim edits of every Nth input with dash.</summary>
        public static int DashEvery(int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable("MCK_FUZZ_DASH_EVERY"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : fallback;

        public static string OutputDirectory(ulong seed) =>
            Environment.GetEnvironmentVariable("MCK_FUZZ_OUT") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "mck-fuzz-" + seed.ToString(CultureInfo.InvariantCulture));

        public static ulong RandomSeed() => (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    }
}
