using System;

namespace MailConfigKit.Fuzz
{
    /// <summary>
    /// SplitMix64: our own generator, so a seed replays the same inputs on every .NET version (System.Random's
    /// algorithm is an implementation detail).
    /// </summary>
    public sealed class Rng
    {
        private ulong _state;

        public Rng(ulong seed) => _state = seed;

        /// <summary>The seed of input <paramref name="index"/> of a run: independent of how the run was split into chunks.</summary>
        public static ulong CaseSeed(ulong runSeed, long index) => Mix(runSeed ^ Mix((ulong)index + 0x632BE59BD9B4E019UL));

        public static ulong Mix(ulong z)
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public ulong Next()
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }

        /// <summary>0 &lt;= result &lt; n.</summary>
        public int Below(int n) => n <= 1 ? 0 : (int)(Next() % (ulong)n);

        public int Between(int lo, int hiInclusive) => lo + Below(hiInclusive - lo + 1);

        public bool Chance(int percent) => Below(100) < percent;

        public T Pick<T>(T[] items) => items[Below(items.Length)];

        public T Pick<T>(System.Collections.Generic.IReadOnlyList<T> items) => items[Below(items.Count)];

        /// <summary>A size with a long tail: mostly small, sometimes in the thousands, rarely up to <paramref name="max"/>.</summary>
        public int Depth(int max)
        {
            int r = Below(1000);
            if (r < 700) return Between(1, 8);
            if (r < 950) return Between(9, 300);
            if (r < 995) return Between(301, Math.Min(5000, max));
            return Between(Math.Min(5001, max), max);
        }
    }
}
