namespace MailConfigKit.Postfix
{
    /// <summary>
    /// A main.cf's definitions, worked out once per text and shared by <see cref="MainCf.Parameters"/>, the diagnostics
    /// and the reference graph: each name numbered once (file order of first definition) and cut out once, each value
    /// read once. Before, every reader cut out and hashed the names and read the values again; on a file that is nothing
    /// but definitions that repetition was most of the cost (issue 11's 2x bound). Not changed after it is built, except
    /// that values are read on first use.
    /// </summary>
    internal sealed class MainCfDefinitions
    {
        private readonly MainCf _doc;
        private readonly string?[] _values;   // by line: the value of the definition starting there, once read

        public MainCfDefinitions(MainCf doc)
        {
            _doc = doc;
            MainCfLine[] lines = doc.Lines;
            string text = doc.Text;
            Names = new PostfixNameTable(System.Math.Min(lines.Length, 1 << 16));
            IdOfLine = new int[lines.Length];
            PreviousDefinition = new int[lines.Length];
            _values = new string?[lines.Length];
            var last = new int[System.Math.Max(4, System.Math.Min(lines.Length, 1 << 16))];
            for (int i = 0; i < lines.Length; i++)
            {
                IdOfLine[i] = -1;
                PreviousDefinition[i] = -1;
                if (!doc.IsDefinition(i)) continue;
                Count++;
                int known = Names.Count;
                int id = Names.GetOrAdd(text, lines[i].Start, lines[i].NameLength);
                if (id == known)
                {
                    if (id == last.Length) System.Array.Resize(ref last, last.Length * 2);
                    last[id] = -1;
                }
                IdOfLine[i] = id;
                PreviousDefinition[i] = last[id];
                last[id] = i;
            }
            LastDefinition = new int[Names.Count];
            System.Array.Copy(last, LastDefinition, Names.Count);
        }

        /// <summary>The names the file defines, numbered in the order of their first definition.</summary>
        public PostfixNameTable Names { get; }

        /// <summary>By line: the id of the name the definition starting there sets, or -1 (not a definition).</summary>
        public int[] IdOfLine { get; }

        /// <summary>By line: the previous definition of the same name, or -1.</summary>
        public int[] PreviousDefinition { get; }

        /// <summary>By id: the line of the last (effective) definition.</summary>
        public int[] LastDefinition { get; }

        /// <summary>How many definitions there are (overridden ones included).</summary>
        public int Count { get; }

        /// <summary>The raw value of the definition starting at <paramref name="line"/>.</summary>
        public string ValueAt(int line) => _values[line] ??= _doc.ExtractValue(line);

        /// <summary>The effective raw value of the name with id <paramref name="id"/>.</summary>
        public string EffectiveValue(int id) => ValueAt(LastDefinition[id]);
    }
}
