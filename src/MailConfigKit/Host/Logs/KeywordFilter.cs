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
#if NET8_0_OR_GREATER
        private readonly Folded? _folded;
#endif

        private KeywordFilter(Probe[] probes, List<byte[]> keywords, List<int> anchors)
        {
            _probes = probes;
#if NET8_0_OR_GREATER
            _folded = Folded.Create(keywords, anchors);
#endif
        }

        /// <summary>A filter for <paramref name="keywords"/> (ASCII; an empty keyword, or none, means no filter: null).</summary>
        public static KeywordFilter? Create(IReadOnlyList<string> keywords)
        {
            if (keywords == null || keywords.Count == 0) return null;
            var probes = new List<Probe>();
            var lowers = new List<byte[]>();
            var anchors = new List<int>();
            foreach (string k in keywords)
            {
                if (string.IsNullOrEmpty(k)) return null;
                foreach (char c in k)
                {
                    // A keyword outside ASCII cannot be compared byte-wise without knowing the encoding: no filter.
                    if (c > 0x7F) return null;
                }
                byte[] lower = Encoding.ASCII.GetBytes(k.ToLowerInvariant());
                lowers.Add(lower);
                if (lower.Length == 1)
                {
                    anchors.Add(-1);
                    foreach (byte[] v in Spellings(lower, 0, 1)) probes.Add(new Probe(lower, 0, v));
                    continue;
                }
                int anchor = RarestPair(lower);
                anchors.Add(anchor);
                foreach (byte[] v in Spellings(lower, anchor, 2)) probes.Add(new Probe(lower, anchor, v));
            }
            return new KeywordFilter(probes.ToArray(), lowers, anchors);
        }

        /// <summary>
        /// The start of the first keyword occurrence that lies wholly in <c>[from, to)</c> of <paramref name="buffer"/>, or -1.
        /// <paramref name="generation"/> changes whenever the buffer's content changes; within one generation calls must
        /// come with a <paramref name="from"/> that never decreases and the same <paramref name="to"/>.
        /// </summary>
        public int Find(byte[] buffer, int from, int to, int generation)
        {
#if NET8_0_OR_GREATER
            if (_folded != null) return _folded.Find(buffer, from, to, generation);
#endif
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

#if NET8_0_OR_GREATER
        /// <summary>
        /// All keywords in one vectorized pass: at each position, each keyword's anchor pair is compared with the two bytes
        /// there folded to lower case (<c>b | 0x20</c>, which maps exactly an upper-case letter to its lower-case one; other
        /// bytes it may alias are weeded out by the whole comparison), so each spelling of the case needs no pass of its own.
        /// </summary>
        private sealed class Folded
        {
            private const int None = -1, Unknown = -2;
            private readonly byte[][] _keywords;
            private readonly int[] _anchors;
            private readonly System.Runtime.Intrinsics.Vector256<byte>[] _first, _second;
            private readonly int _maxAnchor;
            private int _generation = -1;
            private int _next = Unknown;

            private Folded(byte[][] keywords, int[] anchors)
            {
                _keywords = keywords;
                _anchors = anchors;
                _first = new System.Runtime.Intrinsics.Vector256<byte>[keywords.Length];
                _second = new System.Runtime.Intrinsics.Vector256<byte>[keywords.Length];
                for (int k = 0; k < keywords.Length; k++)
                {
                    _first[k] = System.Runtime.Intrinsics.Vector256.Create(keywords[k][anchors[k]]);
                    _second[k] = System.Runtime.Intrinsics.Vector256.Create(keywords[k][anchors[k] + 1]);
                    _maxAnchor = Math.Max(_maxAnchor, anchors[k]);
                }
            }

            public static Folded? Create(List<byte[]> keywords, List<int> anchors)
            {
                if (!System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated || keywords.Count == 0 || keywords.Count > 8) return null;
                foreach (int a in anchors)
                {
                    if (a < 0) return null;
                }
                return new Folded(keywords.ToArray(), anchors.ToArray());
            }

            public int Find(byte[] buffer, int from, int to, int generation)
            {
                if (generation != _generation)
                {
                    _generation = generation;
                    _next = Unknown;
                }
                if (_next == None) return None;
                if (_next == Unknown || _next < from) _next = Search(buffer, from, to);
                return _next;
            }

            private int Search(byte[] buffer, int from, int to)
            {
                var fold = System.Runtime.Intrinsics.Vector256.Create((byte)0x20);
                int width = System.Runtime.Intrinsics.Vector256<byte>.Count;
                int q = from;
                int best = None;
                int stopAt = int.MaxValue;
                ref byte start = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buffer);
                // Vector part: pair positions q with q + width + 1 <= to.
                while (q + width + 1 <= to && q <= stopAt)
                {
                    var a = System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref start, (nuint)q) | fold;
                    var b = System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref start, (nuint)(q + 1)) | fold;
                    var hits = System.Runtime.Intrinsics.Vector256<byte>.Zero;
                    for (int k = 0; k < _keywords.Length; k++)
                    {
                        hits |= System.Runtime.Intrinsics.Vector256.Equals(a, _first[k]) & System.Runtime.Intrinsics.Vector256.Equals(b, _second[k]);
                    }
                    uint mask = System.Runtime.Intrinsics.Vector256.ExtractMostSignificantBits(hits);
                    while (mask != 0)
                    {
                        int at = q + System.Numerics.BitOperations.TrailingZeroCount(mask);
                        mask &= mask - 1;
                        Verify(buffer, at, from, to, ref best, ref stopAt);
                    }
                    q += width;
                }
                for (; q + 1 < to && q <= stopAt; q++) Verify(buffer, q, from, to, ref best, ref stopAt);
                return best;
            }

            /// <summary>Whether a keyword whose anchor pair is at <paramref name="at"/> lies wholly in range; keeps the earliest start.</summary>
            private void Verify(byte[] buffer, int at, int from, int to, ref int best, ref int stopAt)
            {
                for (int k = 0; k < _keywords.Length; k++)
                {
                    byte[] w = _keywords[k];
                    int s = at - _anchors[k];
                    if (s < from || s + w.Length > to || (best >= 0 && s >= best)) continue;
                    int i = 0;
                    for (; i < w.Length; i++)
                    {
                        int c = buffer[s + i];
                        if (c >= 'A' && c <= 'Z') c += 32;
                        if (c != w[i]) break;
                    }
                    if (i < w.Length) continue;
                    best = s;
                    // A keyword with a larger anchor could still start earlier: look that much further, no more.
                    stopAt = Math.Min(stopAt, at + _maxAnchor);
                }
            }
        }
#endif

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
