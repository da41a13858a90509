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
    internal sealed partial class PostfixMacroReferences : IMacroNames
    {
        // Every name the walk meets has a small integer id: the file's names are the document's (MainCfDefinitions, file
        // order), defaults the file never sets get the next ids as values refer to them. Names in values are looked up as
        // ranges of the value (never cut out), edges are ranges of one shared list, and everything else is an array by
        // id: a file that is one long chain of references (p0 = $p1, p1 = $p2, ...) then costs one lookup per definition
        // and per reference and almost no allocation (issue 11's 2x bound; the garbage collector was half its time).
        private readonly MainCf _doc;
        private readonly MainCfDefinitions _defs;
        private readonly PostfixNameTable _fileNames;
        private readonly int _fileCount;
        private readonly PostfixNameTable _defaultNames = new PostfixNameTable(16);  // ids _fileCount + k
        private readonly List<MacroValueState> _defaultStates = new List<MacroValueState>();
        private int[] _edgeStart;                                     // by id: start in _edgeData, or -1 before computed
        private int[] _edgeLength;
        private MacroError?[] _edgeError;                             // by id: the first error on the walked path of its value
        private bool[] _edgeSkipped;                                  // by id: whether that walk left a conditional text out
        private int[] _textDepth;                                     // by id: its value's deepest text level (-1: no text)
        private List<int>? _edgeDepth;                                // beside _edgeData: the conditional texts around each use
                                                                      // (null while every use so far is at depth 0: most files)
        private int[]? _height;                                       // by id, after Cycles(): see Height
        private readonly List<int> _edgeData = new List<int>();
        private readonly bool _hostNameNeedsDomain;
        private bool[]? _expanded;

        public PostfixMacroReferences(MainCf doc)
        {
            _doc = doc;
            _defs = doc.Definitions;
            _fileNames = _defs.Names;
            _fileCount = _fileNames.Count;
            _edgeStart = new int[_fileCount + 16];
            _edgeLength = new int[_fileCount + 16];
            _edgeError = new MacroError?[_fileCount + 16];
            _edgeSkipped = new bool[_fileCount + 16];
            _textDepth = new int[_fileCount + 16];
            for (int i = 0; i < _edgeStart.Length; i++) _edgeStart[i] = -1;
            // Postfix's myhostname default is gethostname(), with ".$mydomain" appended when that has no dot. The host a file
            // is for is not known unless the caller says so; unknown counts as "may need it" (this only adds warnings).
            string? host = doc.HostName;
            _hostNameNeedsDomain = !IsSet("myhostname") && (host == null || host.IndexOf('.') < 0);
        }

        /// <summary>The bracket matches of the last value walked (the diagnostics walk a value up to three times).</summary>
        public MacroBrackets Brackets { get; } = new MacroBrackets();

        private int Count => _fileCount + _defaultNames.Count;

        private string NameOf(int id) => id < _fileCount ? _fileNames[id] : _defaultNames[id - _fileCount];

        /// <summary>Whether the definition starting at <paramref name="line"/> is the effective (last) one of its name.</summary>
        public bool IsEffective(int line) => _defs.IdOfLine[line] >= 0 && _defs.LastDefinition[_defs.IdOfLine[line]] == line;

        /// <summary>The line of an earlier definition of the name the definition at <paramref name="line"/> sets, or -1.</summary>
        public int PreviousDefinition(int line) => _defs.PreviousDefinition[line];

        /// <summary>The name the definition at <paramref name="line"/> sets.</summary>
        public string NameAtLine(int line) => _fileNames[_defs.IdOfLine[line]];

        /// <summary>The effective raw value of the name the definition at <paramref name="line"/> sets.</summary>
        public string EffectiveValueAtLine(int line) => _defs.EffectiveValue(_defs.IdOfLine[line]);

        /// <summary>Whether the file sets <paramref name="name"/>.</summary>
        public bool IsSet(string name) => _fileNames.Find(name) >= 0;

        /// <summary>The raw value as <c>${name?x}</c>/<c>${name:x}</c> test it: the file's, else the built-in default's.</summary>
        public MacroValueState StateOf(string value, int start, int length)
        {
            int id = Id(value, start, length);
            if (id < _fileCount) return _defs.EffectiveValue(id).Length == 0 ? MacroValueState.Empty : MacroValueState.NonEmpty;
            return _defaultStates[id - _fileCount];
        }

        /// <summary>Adds the name to the edges being collected (see <see cref="Edges"/>).</summary>
        public void Use(string value, int start, int length, int depth)
        {
            _edgeData.Add(Id(value, start, length));
            if (depth != 0 && _edgeDepth == null)
            {
                _edgeDepth = new List<int>(_edgeData.Capacity);
                for (int k = 1; k < _edgeData.Count; k++) _edgeDepth.Add(0);
            }
            _edgeDepth?.Add(depth);
        }

        /// <summary>
        /// postconf's scan of the effective value of the definition at <paramref name="line"/>: the first error in any
        /// branch. The reference walk (which the cycle search needs anyway) gives it when it left no conditional text out.
        /// </summary>
        public MacroError? ScanAtLine(int line)
        {
            int id = _defs.IdOfLine[line];
            Edges(id, out _, out _);
            return _edgeSkipped[id] ? PostfixMacroSyntax.Walk(_defs.EffectiveValue(id), null, false, Brackets) : _edgeError[id];
        }

        /// <summary>The first error on the path a recursive expansion of the effective value at <paramref name="line"/> walks.</summary>
        public MacroError? WalkAtLine(int line)
        {
            int id = _defs.IdOfLine[line];
            Edges(id, out _, out _);
            return _edgeError[id];
        }

        /// <summary>Whether postconf expands this name's own value when it loads the file (a built-in, non-raw parameter).</summary>
        public static bool IsExpandedByItself(string name) => PostfixParameterTable.IsBuiltin(name) && !PostfixParameterTable.IsRaw(name);

        /// <summary>
        /// Whether postconf expands the value of the name the definition at <paramref name="line"/> sets when it loads the
        /// file: the built-in, non-raw parameters the file sets, and whatever their values (or the defaults they reach)
        /// refer to.
        /// </summary>
        public bool IsExpandedAtLine(int line) => IsExpanded(_defs.IdOfLine[line]);

        // Whether postconf expands the value of this id (a file's name or a default) when it loads the file. The set is
        // computed on first use, breadth-first, each name once.
        private bool IsExpanded(int id)
        {
            _expanded ??= ExpandedSet();
            return id < _expanded.Length && _expanded[id];
        }

        private bool[] ExpandedSet()
        {
            var marked = new List<bool>(Count);
            var queue = new Queue<int>();
            for (int id = 0; id < _fileCount; id++)
            {
                bool start = IsExpandedByItself(_fileNames[id]);
                marked.Add(start);
                if (start) queue.Enqueue(id);
            }
            while (queue.Count > 0)
            {
                Edges(queue.Dequeue(), out int from, out int length);
                for (int k = from; k < from + length; k++)
                {
                    int next = _edgeData[k];
                    while (marked.Count <= next) marked.Add(false);
                    if (marked[next]) continue;
                    marked[next] = true;
                    queue.Enqueue(next);
                }
            }
            return marked.ToArray();
        }

        // The id of a name met in a value: the file's, else a default's (numbered as met).
        // The last name looked up answers again without hashing: a value nested deep (${a:${a:...}}) repeats one name.
        private int Id(string value, int start, int length)
        {
            if (_lastId >= 0 && _lastName!.Length == length && string.CompareOrdinal(_lastName, 0, value, start, length) == 0) return _lastId;
            int id = _fileNames.Find(value, start, length);
            if (id < 0) id = DefaultId(value, start, length);
            _lastId = id;
            _lastName = NameOf(id);
            return id;
        }

        private int _lastId = -1;
        private string? _lastName;

        private int DefaultId(string value, int start, int length)
        {
            int known = _defaultNames.Count;
            int k = _defaultNames.GetOrAdd(value, start, length);
            if (k == known)
            {
                string name = _defaultNames[k];
                _defaultStates.Add(!PostfixParameterTable.IsBuiltin(name) ? MacroValueState.Undefined
                    : PostfixParameterTable.HasEmptyDefault(name) ? MacroValueState.Empty : MacroValueState.NonEmpty);
                int id = _fileCount + k;
                if (id >= _edgeStart.Length)
                {
                    int old = _edgeStart.Length;
                    Array.Resize(ref _edgeStart, old * 2);
                    Array.Resize(ref _edgeLength, old * 2);
                    Array.Resize(ref _edgeError, old * 2);
                    Array.Resize(ref _edgeSkipped, old * 2);
                    Array.Resize(ref _textDepth, old * 2);
                    for (int i = old; i < _edgeStart.Length; i++) _edgeStart[i] = -1;
                }
            }
            return _fileCount + k;
        }

        // The ids whose values a recursive expansion of this id's value expands (the file's value, else the default's), as
        // a range of _edgeData: computed once per id.
        private void Edges(int id, out int start, out int length)
        {
            if (_edgeStart[id] < 0)
            {
                string name = NameOf(id);
                string? value = id < _fileCount ? _defs.EffectiveValue(id) : PostfixParameterTable.MacroDefault(name);
                // myhostname's default on a host without a dot is worked out as Postfix does; when it cannot be (a cycle
                // in $mydomain, a relational expression, too much expansion), it conservatively refers to mydomain.
                bool addsDomain = false;
                if (_hostNameNeedsDomain && name == "myhostname")
                {
                    value = HostNameDefault();
                    addsDomain = value == null;
                }
                int from = _edgeData.Count;
                // Most values refer to nothing: no walk.
                MacroError? error = null;
                bool skipped = false;
                int textDepth;
                if (value != null) error = PostfixMacroSyntax.Walk(value, this, true, Brackets, null, out skipped, out textDepth);
                else textDepth = _defaultStates[id - _fileCount] == MacroValueState.NonEmpty ? 0 : -1; // a default's text, or none
                if (addsDomain) Use("mydomain", 0, "mydomain".Length, 0);
                // Walking may have numbered new defaults (and grown the arrays): index them only now.
                _edgeStart[id] = from;
                _edgeLength[id] = _edgeData.Count - from;
                _edgeError[id] = error;
                _edgeSkipped[id] = skipped;
                _textDepth[id] = textDepth;
            }
            start = _edgeStart[id];
            length = _edgeLength[id];
        }

        /// <summary>Adds one warning per group of definitions that refer back to themselves (a strongly connected component).</summary>
        public void AddCycleDiagnostics(List<Diagnostic> list)
        {
            foreach (List<int> component in Cycles())
            {
                // Report at the first definition of the group in file order: defaults alone form a cycle only through myhostname.
                int first = -1;
                int firstLine = -1;
                bool hasHostName = false;
                foreach (int n in component)
                {
                    string name = NameOf(n);
                    hasHostName |= name == "myhostname";
                    int line = n < _fileCount ? _defs.LastDefinition[n] : -1;
                    if (line >= 0 && (first < 0 || line < firstLine))
                    {
                        first = n;
                        firstLine = line;
                    }
                }
                // myhostname's worked-out default comes from mydomain's text, so a cycle through it is that line's doing
                // even when every name in it is a default ($$myhostname or $$myorigin in mydomain).
                bool fromDomain = _hostNameNeedsDomain && hasHostName && IsSet("mydomain");
                if (first < 0 && fromDomain)
                {
                    first = Id("myhostname", 0, "myhostname".Length);
                    firstLine = _defs.LastDefinition[_fileNames.Find("mydomain")];
                }
                if (first < 0) continue;
                string path = CyclePath(first, component);
                string hostNote = fromDomain
                    ? " (myhostname is not set: on a host whose name has no dot, Postfix's default for it is that name, a dot and $mydomain expanded once)"
                    : string.Empty;
                MainCfDiagnostics.Add(list, _doc, MainCfDescriptors.MacroCycle, firstLine, 0, NameOf(first), path, hostNote);
            }
            AddNestingDiagnostics(list);
        }

        // Postfix's mac_expand parses each referenced value and each conditional text one level deeper, and dies at a
        // token more than 100 levels down (oracle: mydestination = $p0, p0 = $p1, ..., p99 = $p100 is fatal with p100 =
        // end and fine with p100 empty or unset; 101 nested ${relayhost:...} texts are fatal, 100 are fine). postconf
        // expands the values of the built-in, non-raw parameters the file sets at level 0: each that goes that deep is
        // an error, once (the names it reaches share its fate).
        private const int MaxMacroLevel = 100;

        private void AddNestingDiagnostics(List<Diagnostic> list)
        {
            for (int id = 0; id < _fileCount; id++)
            {
                int h = _height![id];
                if (h <= MaxMacroLevel || h >= EndlessHeight || !IsExpandedByItself(_fileNames[id])) continue;
                MainCfDiagnostics.Add(list, _doc, MainCfDescriptors.MacroNestingTooDeep, _defs.LastDefinition[id], 0, _fileNames[id], h);
            }
        }

        // Tarjan's algorithm with explicit stacks (arrays: a chain of references as long as the file is as deep as the
        // file), over names numbered once: components with more than one name, or one that uses itself. A name alone in
        // its component (every name of a chain) is popped without building a list.
        private List<List<int>> Cycles()
        {
            var result = new List<List<int>>();
            int size = Count + 16;
            int[] index = new int[size], low = new int[size];
            bool[] onStack = new bool[size];
            for (int i = 0; i < size; i++) index[i] = -1;
            int[] stack = new int[size];
            int stackCount = 0;
            // The DFS path: each entry a name and how many of its edges are done.
            int[] workName = new int[size], workEdge = new int[size];
            int[] height = new int[size];
            int work = 0;
            int counter = 0;
            for (int root = 0; root < _fileCount; root++)
            {
                if (index[root] >= 0) continue;
                workName[0] = root;
                workEdge[0] = 0;
                work = 1;
                while (work > 0)
                {
                    work--;
                    int v = workName[work];
                    int edge = workEdge[work];
                    if (edge == 0)
                    {
                        index[v] = low[v] = counter++;
                        stack[stackCount++] = v;
                        onStack[v] = true;
                    }
                    Edges(v, out int from, out int length);
                    if (Count > index.Length)
                    {
                        Grow(ref index, ref low, ref onStack, ref stack, ref workName, ref workEdge);
                        Array.Resize(ref height, index.Length);
                    }
                    bool descended = false;
                    while (edge < length)
                    {
                        int w = _edgeData[from + edge++];
                        if (index[w] < 0)
                        {
                            // Each name is on the path at most once, so two entries always fit (the path is at most Count).
                            workName[work] = v;
                            workEdge[work++] = edge;
                            workName[work] = w;
                            workEdge[work++] = 0;
                            descended = true;
                            break;
                        }
                        if (onStack[w] && index[w] < low[v]) low[v] = index[w];
                    }
                    if (descended) continue;
                    if (low[v] == index[v])
                    {
                        if (stack[stackCount - 1] == v && !UsesItself(v, from, length))
                        {
                            stackCount--;
                            onStack[v] = false;
                            // Components pop sinks first: every name v refers to has its height already.
                            height[v] = HeightOf(v, from, length, height);
                        }
                        else
                        {
                            var component = new List<int>();
                            int w;
                            do
                            {
                                w = stack[--stackCount];
                                onStack[w] = false;
                                height[w] = EndlessHeight;
                                component.Add(w);
                            }
                            while (w != v);
                            result.Add(component);
                        }
                    }
                    if (work > 0)
                    {
                        int parent = workName[work - 1];
                        if (low[v] < low[parent]) low[parent] = low[v];
                    }
                }
            }
            _height = height;
            return result;
        }

        // Stands for the height of a name in a cycle (and of whatever refers to one): the cycle warning covers those.
        private const int EndlessHeight = int.MaxValue / 2;

        // How deep mac_expand goes below the top level of v's value (-1: v's value has no text): its own deepest text,
        // and one level more than each name it uses inside that many conditional texts. Capped, so it cannot overflow.
        private int HeightOf(int v, int from, int length, int[] height)
        {
            int h = _textDepth[v];
            for (int k = from; k < from + length; k++)
            {
                int below = height[_edgeData[k]];
                if (below >= EndlessHeight) return EndlessHeight;
                int at = (_edgeDepth == null ? 0 : _edgeDepth[k]) + (below >= 0 ? 1 + below : 0);
                if (at > h) h = at;
            }
            return Math.Min(h, EndlessHeight - 1);
        }

        private bool UsesItself(int v, int from, int length)
        {
            for (int k = from; k < from + length; k++)
            {
                if (_edgeData[k] == v) return true;
            }
            return false;
        }

        private void Grow(ref int[] index, ref int[] low, ref bool[] onStack, ref int[] stack, ref int[] workName, ref int[] workEdge)
        {
            int old = index.Length;
            int size = Math.Max(old * 2, Count + 16);
            Array.Resize(ref index, size);
            Array.Resize(ref low, size);
            Array.Resize(ref onStack, size);
            Array.Resize(ref stack, size);
            Array.Resize(ref workName, size);
            Array.Resize(ref workEdge, size);
            for (int i = old; i < size; i++) index[i] = -1;
        }

        // A shortest way from start back to itself inside its component (breadth-first), shown with at most 20 names.
        private string CyclePath(int start, List<int> componentIds)
        {
            var component = new HashSet<int>(componentIds);
            var from = new Dictionary<int, int>();
            var queue = new Queue<int>();
            queue.Enqueue(start);
            int last = -1;
            while (queue.Count > 0 && last < 0)
            {
                int v = queue.Dequeue();
                Edges(v, out int edgesFrom, out int length);
                for (int k = edgesFrom; k < edgesFrom + length; k++)
                {
                    int w = _edgeData[k];
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
            var names = new List<string> { NameOf(start) };
            for (int v = last; v >= 0 && v != start; v = from.TryGetValue(v, out int p) ? p : -1) names.Add(NameOf(v));
            names.Add(NameOf(start));
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
