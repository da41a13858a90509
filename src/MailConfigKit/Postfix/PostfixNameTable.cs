using System;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// Parameter names numbered 0, 1, 2, ... in the order they are added, looked up by a range of a larger string without
    /// cutting it out first. A main.cf that is all definitions or one long chain of references (issue 11) is one lookup per
    /// definition and per reference: with a string-keyed dictionary each of those was a substring as well, and that
    /// allocation was most of the cost of such files.
    /// </summary>
    internal sealed class PostfixNameTable
    {
        private int[] _buckets;    // by hash: 1 + id of the first name in the chain, 0 for none
        private string[] _names;
        private int[] _hashes;
        private int[] _next;       // by id: 1 + id of the next name in the same bucket, 0 for none
        private int _count;

        public PostfixNameTable(int capacity)
        {
            int size = 16;
            while (size < capacity * 2 && size < (1 << 30)) size <<= 1;
            _buckets = new int[size];
            int entries = Math.Max(4, capacity);
            _names = new string[entries];
            _hashes = new int[entries];
            _next = new int[entries];
        }

        /// <summary>How many names there are (ids are 0 to Count - 1).</summary>
        public int Count => _count;

        /// <summary>The name with id <paramref name="id"/>.</summary>
        public string this[int id] => _names[id];

        /// <summary>The id of the name <c>text[start..start+length)</c>, or -1.</summary>
        public int Find(string text, int start, int length) => Find(text, start, length, Hash(text, start, length));

        private int Find(string text, int start, int length, int hash)
        {
            for (int e = _buckets[hash & (_buckets.Length - 1)] - 1; e >= 0; e = _next[e] - 1)
            {
                if (_hashes[e] == hash && _names[e].Length == length && string.CompareOrdinal(_names[e], 0, text, start, length) == 0) return e;
            }
            return -1;
        }

        /// <summary>The id of <paramref name="name"/>, or -1.</summary>
        public int Find(string name) => Find(name, 0, name.Length);

        /// <summary>The id of the name <c>text[start..start+length)</c>, added (cut out once) when new.</summary>
        public int GetOrAdd(string text, int start, int length)
        {
            int hash = Hash(text, start, length);
            int id = Find(text, start, length, hash);
            return id >= 0 ? id : Add(length == text.Length ? text : text.Substring(start, length), hash);
        }

        private int Add(string name, int hash)
        {
            if (_count == _names.Length)
            {
                Array.Resize(ref _names, _count * 2);
                Array.Resize(ref _hashes, _count * 2);
                Array.Resize(ref _next, _count * 2);
            }
            if (_count * 2 >= _buckets.Length) Rehash(_buckets.Length * 2);
            int id = _count++;
            _names[id] = name;
            _hashes[id] = hash;
            ref int bucket = ref _buckets[hash & (_buckets.Length - 1)];
            _next[id] = bucket;
            bucket = id + 1;
            return id;
        }

        private void Rehash(int size)
        {
            _buckets = new int[size];
            for (int id = 0; id < _count; id++)
            {
                ref int bucket = ref _buckets[_hashes[id] & (size - 1)];
                _next[id] = bucket;
                bucket = id + 1;
            }
        }

        // The runtime's randomized string hash where there is one (names come from files: no crafted collisions); FNV-1a
        // from a per-process seed, with a final mix so the bucket bits depend on every character, on netstandard2.0.
#if NET8_0_OR_GREATER
        private static int Hash(string text, int start, int length) => string.GetHashCode(text.AsSpan(start, length));
#else
        private static readonly uint Seed = 2166136261u ^ (uint)Guid.NewGuid().GetHashCode();

        private static int Hash(string text, int start, int length)
        {
            uint h = Seed;
            for (int i = start; i < start + length; i++) h = (h ^ text[i]) * 16777619;
            h ^= h >> 15;
            h *= 0x2c1b3c6d;
            h ^= h >> 12;
            return (int)h;
        }
#endif
    }
}
