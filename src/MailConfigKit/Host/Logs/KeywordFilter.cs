using System;
using System.Collections.Generic;
using System.Text;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Finds the first place in a byte buffer where any of a few keywords occurs, ASCII case-insensitively, without
    /// decoding a byte: what lets a scan skip the lines that cannot match, the way <c>grep -F</c> does. Each keyword is
    /// found through its rarest two adjacent bytes in each spelling of their case (a vectorized search of a two-byte
    /// value), then compared whole. The next place of each spelling is remembered, so a buffer full of matches is still
    /// searched once per spelling (linear), not once per line. One filter serves one scanner (it remembers places in
    /// that scanner's buffer).
    /// </summary>
    internal sealed class KeywordFilter
    {
        // From most to least frequent in mail logs (letters), so a later index is a rarer letter.
        private const string LetterFrequency = "etaoinsrlcdmuphfgybwvkxjqz";

        private readonly Probe[] _probes;
        private int _generation = -1;

        private KeywordFilter(Probe[] probes)
        {
            _probes = probes;
        }

        /// <summary>A filter for <paramref name="keywords"/> (ASCII; an empty keyword, or none, means no filter: null).</summary>
        public static KeywordFilter? Create(IReadOnlyList<string> keywords)
        {
            if (keywords == null || keywords.Count == 0) return null;
            var probes = new List<Probe>();
            foreach (string k in keywords)
            {
                if (string.IsNullOrEmpty(k)) return null;
                foreach (char c in k)
                {
                    // A keyword outside ASCII cannot be compared byte-wise without knowing the encoding: no filter.
                    if (c > 0x7F) return null;
                }
                byte[] lower = Encoding.ASCII.GetBytes(k.ToLowerInvariant());
                if (lower.Length == 1)
                {
                    foreach (byte[] v in Spellings(lower, 0, 1)) probes.Add(new Probe(lower, 0, v));
                    continue;
                }
                int anchor = RarestPair(lower);
                foreach (byte[] v in Spellings(lower, anchor, 2)) probes.Add(new Probe(lower, anchor, v));
            }
            return new KeywordFilter(probes.ToArray());
        }

        /// <summary>
        /// The start of the first keyword occurrence that lies wholly in <c>[from, to)</c> of <paramref name="buffer"/>, or -1.
        /// <paramref name="generation"/> changes whenever the buffer's content changes; within one generation calls must
        /// come with a <paramref name="from"/> that never decreases and the same <paramref name="to"/>.
        /// </summary>
        public int Find(byte[] buffer, int from, int to, int generation)
        {
            if (generation != _generation)
            {
                _generation = generation;
                foreach (Probe p in _probes) p.Next = Probe.Unknown;
            }
            int best = -1;
            foreach (Probe p in _probes)
            {
                if (p.Next == Probe.None) continue;
                if (p.Next == Probe.Unknown || p.Next < from) p.Next = p.Search(buffer, from, to);
                if (p.Next >= 0 && (best < 0 || p.Next < best)) best = p.Next;
            }
            return best;
        }

        private static int Score(byte b)
        {
            if (b >= 'a' && b <= 'z') return 4 + LetterFrequency.IndexOf((char)b);
            if (b >= '0' && b <= '9') return 6;
            if (b == ' ') return 0;
            return 24;
        }

        private static int RarestPair(byte[] lower)
        {
            int best = 0, bestScore = -1;
            for (int i = 0; i + 1 < lower.Length; i++)
            {
                int s = Score(lower[i]) + Score(lower[i + 1]);
                if (s > bestScore)
                {
                    bestScore = s;
                    best = i;
                }
            }
            return best;
        }

        /// <summary>Every upper/lower-case spelling of the <paramref name="length"/> bytes at <paramref name="at"/>.</summary>
        private static IEnumerable<byte[]> Spellings(byte[] lower, int at, int length)
        {
            var result = new List<byte[]> { new byte[length] };
            for (int i = 0; i < length; i++)
            {
                byte b = lower[at + i];
                bool letter = b >= 'a' && b <= 'z';
                var next = new List<byte[]>();
                foreach (byte[] r in result)
                {
                    byte[] a = (byte[])r.Clone();
                    a[i] = b;
                    next.Add(a);
                    if (letter)
                    {
                        byte[] u = (byte[])r.Clone();
                        u[i] = (byte)(b - 32);
                        next.Add(u);
                    }
                }
                result = next;
            }
            return result;
        }

        private sealed class Probe
        {
            public const int Unknown = -2, None = -1;

            private readonly byte[] _lower;
            private readonly int _anchor;
            private readonly byte[] _spelling;

            public Probe(byte[] lower, int anchor, byte[] spelling)
            {
                _lower = lower;
                _anchor = anchor;
                _spelling = spelling;
            }

            /// <summary>The next keyword start at or after <c>from</c> (cached), or <see cref="None"/>.</summary>
            public int Next { get; set; } = Unknown;

            public int Search(byte[] buffer, int from, int to)
            {
                int pos = from + _anchor;
                int lastStart = to - _lower.Length;
                while (pos - _anchor <= lastStart)
                {
                    int limit = lastStart + _anchor + _spelling.Length;
                    int found = buffer.AsSpan(pos, limit - pos).IndexOf(_spelling);
                    if (found < 0) return None;
                    int start = pos + found - _anchor;
                    if (Matches(buffer, start)) return start;
                    pos += found + 1;
                }
                return None;
            }

            private bool Matches(byte[] buffer, int start)
            {
                for (int i = 0; i < _lower.Length; i++)
                {
                    int b = buffer[start + i];
                    if (b >= 'A' && b <= 'Z') b += 32;
                    if (b != _lower[i]) return false;
                }
                return true;
            }
        }
    }
}
