using System;
using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// The graph of <c>$name</c> expansions among a main.cf's effective definitions and Postfix's built-in defaults, as
    /// postconf walks it: which values it expands (reachability from the built-in, non-raw parameters the file sets) and
    /// which values refer back to themselves ("unreasonable macro call nesting"). Conditional texts are decided from the
    /// raw values they test, as mac_expand does. Every walk is iterative and linear in the size of the file.
    /// </summary>
    internal sealed class PostfixMacroReferences
    {
        // Every name the walk meets gets a small integer id once (its definitions first, in file order; defaults it reaches
        // later), and everything else is an array indexed by id or by line. A file that is nothing but definitions, or one
        // long chain of references (p0 = $p1, p1 = $p2, ...), is then one dictionary operation per definition and per
        // reference: the string-keyed sets this replaced were most of the cost of such files (issue 11's 2x bound).
        private readonly MainCf _doc;
        private readonly Dictionary<string, int> _ids;
        private readonly List<string> _names = new List<string>();
        private readonly List<int> _definitionLine = new List<int>();    // by id: line of the effective definition, or -1
        private readonly List<string?> _values = new List<string?>();     // by id: effective raw value, or null when not set
        private readonly List<int[]?> _edges = new List<int[]?>();        // by id: ids its value expands, once computed
        private readonly int[] _idOfLine;                                 // by line: id of the name a definition sets, or -1
        private readonly int[] _previousDefinition;                       // by line: earlier definition of the same name, or -1
        private readonly bool _hostNameNeedsDomain;
        private readonly List<int> _useBuffer = new List<int>();
        private readonly Action<string> _addUse;
        private readonly Func<string, MacroValueState> _stateOf;
        private bool[]? _expanded;

        public PostfixMacroReferences(MainCf doc)
        {
            _doc = doc;
            MainCfLine[] lines = doc.Lines;
            _ids = new Dictionary<string, int>(lines.Length, System.StringComparer.Ordinal);
            _idOfLine = new int[lines.Length];
            _previousDefinition = new int[lines.Length];
            _addUse = name => _useBuffer.Add(Id(name));
            _stateOf = StateOf;
            for (int i = 0; i < lines.Length; i++)
            {
                _idOfLine[i] = -1;
                _previousDefinition[i] = -1;
                if (!doc.IsDefinition(i)) continue;
                int id = Id(doc.NameAt(i));
                _idOfLine[i] = id;
                _previousDefinition[i] = _definitionLine[id];
                _definitionLine[id] = i;
            }
            for (int id = 0; id < _names.Count; id++) _values[id] = doc.ExtractValue(_definitionLine[id]);
            // Postfix's myhostname default is gethostname(), with ".$mydomain" appended when that has no dot. The host a file
            // is for is not known unless the caller says so; unknown counts as "may need it" (this only adds warnings).
            string? host = doc.HostName;
            _hostNameNeedsDomain = !IsSet("myhostname") && (host == null || host.IndexOf('.') < 0);
        }

        /// <summary>Whether the definition starting at <paramref name="line"/> is the effective (last) one of its name.</summary>
        public bool IsEffective(int line) => _idOfLine[line] >= 0 && _definitionLine[_idOfLine[line]] == line;

        /// <summary>The line of an earlier definition of the name the definition at <paramref name="line"/> sets, or -1.</summary>
        public int PreviousDefinition(int line) => _previousDefinition[line];

        /// <summary>The name the definition at <paramref name="line"/> sets.</summary>
        public string NameAtLine(int line) => _names[_idOfLine[line]];

        /// <summary>The effective raw value of the name the definition at <paramref name="line"/> sets.</summary>
        public string EffectiveValueAtLine(int line) => _values[_idOfLine[line]]!;

        /// <summary>Whether the file sets <paramref name="name"/>.</summary>
        public bool IsSet(string name) => _ids.TryGetValue(name, out int id) && _definitionLine[id] >= 0;

        /// <summary>The raw value as <c>${name?x}</c>/<c>${name:x}</c> test it: the file's, else the built-in default's.</summary>
        public MacroValueState StateOf(string name)
        {
            if (_ids.TryGetValue(name, out int id) && _values[id] != null) return _values[id]!.Length == 0 ? MacroValueState.Empty : MacroValueState.NonEmpty;
            if (!PostfixParameterTable.IsBuiltin(name)) return MacroValueState.Undefined;
            return PostfixParameterTable.HasEmptyDefault(name) ? MacroValueState.Empty : MacroValueState.NonEmpty;
        }

        /// <summary>Whether postconf expands this name's own value when it loads the file (a built-in, non-raw parameter).</summary>
        public static bool IsExpandedByItself(string name) => PostfixParameterTable.IsBuiltin(name) && !PostfixParameterTable.IsRaw(name);

        /// <summary>
        /// Whether postconf expands the value of the name the definition at <paramref name="line"/> sets when it loads the
        /// file: the built-in, non-raw parameters the file sets, and whatever their values (or the defaults they reach)
        /// refer to. Computed once, breadth-first, each name once.
        /// </summary>
        public bool IsExpandedAtLine(int line)
        {
            if (_expanded == null)
            {
                var seen = new List<bool>();
                var queue = new Queue<int>();
                for (int id = 0; id < _names.Count; id++)
                {
                    if (_definitionLine[id] >= 0 && IsExpandedByItself(_names[id])) queue.Enqueue(id);
                }
                var marked = new HashSet<int>(queue);
                while (queue.Count > 0)
                {
                    foreach (int next in Edges(queue.Dequeue()))
                    {
                        if (marked.Add(next)) queue.Enqueue(next);
                    }
                }
                _expanded = new bool[_names.Count];
                foreach (int id in marked) _expanded[id] = true;
            }
            int at = _idOfLine[line];
            return at < _expanded.Length && _expanded[at];
        }

        // Names get ids as the walk meets them (defaults the file never sets join when a value refers to them).
        private int Id(string name)
        {
            if (!_ids.TryGetValue(name, out int id))
            {
                id = _names.Count;
                _ids.Add(name, id);
                _names.Add(name);
                _definitionLine.Add(-1);
                _values.Add(null);
                _edges.Add(null);
            }
            return id;
        }

        // The ids whose values a recursive expansion of this id's value expands (the file's value, else the default's).
        private int[] Edges(int id)
        {
            int[]? edges = _edges[id];
            if (edges != null) return edges;
            string name = _names[id];
            string? value = _values[id] ?? PostfixParameterTable.MacroDefault(name);
            bool addsDomain = name == "myhostname" && _hostNameNeedsDomain;
            if (!addsDomain && (value == null || value.IndexOf('$') < 0))
            {
                edges = NoEdges; // most values refer to nothing: no walk
            }
            else
            {
                _useBuffer.Clear();
                if (value != null) PostfixMacroSyntax.Walk(value, _stateOf, _addUse);
                if (addsDomain) _useBuffer.Add(Id("mydomain"));
                edges = _useBuffer.ToArray();
            }
            _edges[id] = edges;
            return edges;
        }

        private static readonly int[] NoEdges = new int[0];

        /// <summary>Adds one warning per group of definitions that refer back to themselves (a strongly connected component).</summary>
        public void AddCycleDiagnostics(List<Diagnostic> list)
        {
            foreach (List<string> component in Cycles())
            {
                // Report at the first definition of the group in file order: defaults alone never form a cycle.
                string? first = null;
                int firstLine = -1;
                foreach (string n in component)
                {
                    int line = _definitionLine[_ids[n]];
                    if (line >= 0 && (first == null || line < firstLine))
                    {
                        first = n;
                        firstLine = line;
                    }
                }
                if (first == null) continue;
                string path = CyclePath(first, new HashSet<string>(component, System.StringComparer.Ordinal));
                string hostNote = _hostNameNeedsDomain && component.Contains("myhostname") && component.Contains("mydomain") && !IsSet("myhostname")
                    ? " (myhostname is not set: on a host whose name has no dot, Postfix's default for it appends $mydomain)"
                    : string.Empty;
                MainCfDiagnostics.Add(list, _doc, MainCfDescriptors.MacroCycle, firstLine, 0, first, path, hostNote);
            }
        }

        // Tarjan's algorithm with an explicit stack, over names numbered once (see Id): components with more than one
        // name, or one that uses itself. Integer ids and arrays rather than string-keyed sets: a file that is one long
        // chain of references (p0 = $p1, p1 = $p2, ...) is all graph, and the hashing was most of its cost.
        private List<List<string>> Cycles()
        {
            var result = new List<List<string>>();
            var index = new List<int>(_names.Count);
            var low = new List<int>(_names.Count);
            var onStack = new List<bool>(_names.Count);
            var stack = new Stack<int>();
            var work = new Stack<KeyValuePair<int, int>>();
            int counter = 0;
            int definedNames = _names.Count; // ids of the names the file sets come first
            for (int root = 0; root < definedNames; root++)
            {
                Grow(index, low, onStack);
                if (index[root] >= 0) continue;
                work.Push(new KeyValuePair<int, int>(root, 0));
                while (work.Count > 0)
                {
                    var top = work.Pop();
                    int v = top.Key;
                    int edge = top.Value;
                    if (edge == 0)
                    {
                        index[v] = low[v] = counter++;
                        stack.Push(v);
                        onStack[v] = true;
                    }
                    int[] uses = Edges(v);
                    Grow(index, low, onStack);
                    bool descended = false;
                    while (edge < uses.Length)
                    {
                        int w = uses[edge++];
                        if (index[w] < 0)
                        {
                            work.Push(new KeyValuePair<int, int>(v, edge));
                            work.Push(new KeyValuePair<int, int>(w, 0));
                            descended = true;
                            break;
                        }
                        if (onStack[w] && index[w] < low[v]) low[v] = index[w];
                    }
                    if (descended) continue;
                    if (low[v] == index[v])
                    {
                        var component = new List<string>();
                        int w;
                        do
                        {
                            w = stack.Pop();
                            onStack[w] = false;
                            component.Add(_names[w]);
                        }
                        while (w != v);
                        if (component.Count > 1 || System.Array.IndexOf(uses, v) >= 0) result.Add(component);
                    }
                    if (work.Count > 0)
                    {
                        int parent = work.Peek().Key;
                        if (low[v] < low[parent]) low[parent] = low[v];
                    }
                }
            }
            return result;
        }

        private void Grow(List<int> index, List<int> low, List<bool> onStack)
        {
            while (index.Count < _names.Count)
            {
                index.Add(-1);
                low.Add(0);
                onStack.Add(false);
            }
        }

        // A shortest way from start back to itself inside its component (breadth-first), shown with at most 20 names.
        private string CyclePath(string start, HashSet<string> component)
        {
            var from = new Dictionary<string, string>(System.StringComparer.Ordinal);
            var queue = new Queue<string>();
            queue.Enqueue(start);
            string? last = null;
            while (queue.Count > 0 && last == null)
            {
                string v = queue.Dequeue();
                foreach (int e in Edges(_ids[v]))
                {
                    string w = _names[e];
                    if (!component.Contains(w)) continue;
                    if (w == start)
                    {
                        last = v;
                        break;
                    }
                    if (from.ContainsKey(w)) continue;
                    from[w] = v;
                    queue.Enqueue(w);
                }
            }
            var names = new List<string> { start };
            for (string? v = last; v != null && v != start; v = from.TryGetValue(v, out string? p) ? p : null) names.Add(v);
            names.Add(start);
            // names is start, last, ..., start: reverse the middle so it reads in expansion order.
            names.Reverse(1, names.Count - 2);
            if (names.Count > 21)
            {
                var shortened = names.GetRange(0, 10);
                shortened.Add("... (" + (names.Count - 20) + " more)");
                shortened.AddRange(names.GetRange(names.Count - 10, 10));
                names = shortened;
            }
            return string.Join(" -> $", names);
        }
    }
}
