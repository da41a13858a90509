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
        private readonly MainCf _doc;
        private readonly Dictionary<string, int> _lineOf = new Dictionary<string, int>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, string> _valueOf = new Dictionary<string, string>(System.StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _uses = new Dictionary<string, List<string>>(System.StringComparer.Ordinal);
        private readonly bool _hostNameNeedsDomain;

        public PostfixMacroReferences(MainCf doc)
        {
            _doc = doc;
            for (int i = 0; i < doc.Lines.Length; i++)
            {
                if (doc.IsDefinition(i)) _lineOf[doc.NameAt(i)] = i;
            }
            foreach (var kv in _lineOf) _valueOf[kv.Key] = doc.ExtractValue(kv.Value);
            // Postfix's myhostname default is gethostname(), with ".$mydomain" appended when that has no dot. The host a file
            // is for is not known unless the caller says so; unknown counts as "may need it" (this only adds warnings).
            string? host = doc.HostName;
            _hostNameNeedsDomain = !_lineOf.ContainsKey("myhostname") && (host == null || host.IndexOf('.') < 0);
        }

        /// <summary>Line of the effective definition of each name the file sets.</summary>
        public IReadOnlyDictionary<string, int> EffectiveLines => _lineOf;

        /// <summary>The effective raw value of a name the file sets.</summary>
        public string ValueOf(string name) => _valueOf[name];

        /// <summary>The raw value as <c>${name?x}</c>/<c>${name:x}</c> test it: the file's, else the built-in default's.</summary>
        public MacroValueState StateOf(string name)
        {
            if (_valueOf.TryGetValue(name, out string? v)) return v.Length == 0 ? MacroValueState.Empty : MacroValueState.NonEmpty;
            if (!PostfixParameterTable.IsBuiltin(name)) return MacroValueState.Undefined;
            return PostfixParameterTable.HasEmptyDefault(name) ? MacroValueState.Empty : MacroValueState.NonEmpty;
        }

        /// <summary>Whether postconf expands this name's own value when it loads the file (a built-in, non-raw parameter).</summary>
        public static bool IsExpandedByItself(string name) => PostfixParameterTable.IsBuiltin(name) && !PostfixParameterTable.IsRaw(name);

        /// <summary>The names whose values a recursive expansion of <paramref name="name"/>'s value expands.</summary>
        public List<string> Uses(string name)
        {
            if (_uses.TryGetValue(name, out List<string>? cached)) return cached;
            var uses = new List<string>();
            string? value = _valueOf.TryGetValue(name, out string? v) ? v : PostfixParameterTable.MacroDefault(name);
            if (value != null) PostfixMacroSyntax.Walk(value, StateOf, uses.Add);
            if (name == "myhostname" && _hostNameNeedsDomain) uses.Add("mydomain");
            _uses[name] = uses;
            return uses;
        }

        /// <summary>
        /// The names postconf expands when it loads the file: the built-in, non-raw parameters the file sets, and whatever
        /// their values (or the defaults they reach) refer to. Breadth-first, each name once.
        /// </summary>
        public HashSet<string> Expanded()
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            var queue = new Queue<string>();
            foreach (string name in _lineOf.Keys)
            {
                if (IsExpandedByItself(name) && seen.Add(name)) queue.Enqueue(name);
            }
            while (queue.Count > 0)
            {
                foreach (string next in Uses(queue.Dequeue()))
                {
                    if (seen.Add(next)) queue.Enqueue(next);
                }
            }
            return seen;
        }

        /// <summary>Adds one warning per group of definitions that refer back to themselves (a strongly connected component).</summary>
        public void AddCycleDiagnostics(List<Diagnostic> list)
        {
            foreach (List<string> component in Cycles())
            {
                // Report at the first definition of the group in file order: defaults alone never form a cycle.
                string? first = null;
                foreach (string n in component)
                {
                    if (_lineOf.TryGetValue(n, out int line) && (first == null || line < _lineOf[first])) first = n;
                }
                if (first == null) continue;
                string path = CyclePath(first, new HashSet<string>(component, System.StringComparer.Ordinal));
                string hostNote = _hostNameNeedsDomain && component.Contains("myhostname") && component.Contains("mydomain") && !_lineOf.ContainsKey("myhostname")
                    ? " (myhostname is not set: on a host whose name has no dot, Postfix's default for it appends $mydomain)"
                    : string.Empty;
                MainCfDiagnostics.Add(list, _doc, MainCfDescriptors.MacroCycle, _lineOf[first], 0, first, path, hostNote);
            }
        }

        // Tarjan's algorithm with an explicit stack: components with more than one name, or one that uses itself.
        private List<List<string>> Cycles()
        {
            var result = new List<List<string>>();
            var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
            var low = new Dictionary<string, int>(System.StringComparer.Ordinal);
            var onStack = new HashSet<string>(System.StringComparer.Ordinal);
            var stack = new Stack<string>();
            var work = new Stack<KeyValuePair<string, int>>();
            int counter = 0;
            foreach (string root in _lineOf.Keys)
            {
                if (index.ContainsKey(root)) continue;
                work.Push(new KeyValuePair<string, int>(root, 0));
                while (work.Count > 0)
                {
                    var top = work.Pop();
                    string v = top.Key;
                    int edge = top.Value;
                    if (edge == 0)
                    {
                        index[v] = low[v] = counter++;
                        stack.Push(v);
                        onStack.Add(v);
                    }
                    List<string> uses = Uses(v);
                    bool descended = false;
                    while (edge < uses.Count)
                    {
                        string w = uses[edge++];
                        if (!index.ContainsKey(w))
                        {
                            work.Push(new KeyValuePair<string, int>(v, edge));
                            work.Push(new KeyValuePair<string, int>(w, 0));
                            descended = true;
                            break;
                        }
                        if (onStack.Contains(w) && index[w] < low[v]) low[v] = index[w];
                    }
                    if (descended) continue;
                    if (low[v] == index[v])
                    {
                        var component = new List<string>();
                        string w;
                        do
                        {
                            w = stack.Pop();
                            onStack.Remove(w);
                            component.Add(w);
                        }
                        while (w != v);
                        if (component.Count > 1 || uses.Contains(v)) result.Add(component);
                    }
                    if (work.Count > 0)
                    {
                        string parent = work.Peek().Key;
                        if (low[v] < low[parent]) low[parent] = low[v];
                    }
                }
            }
            return result;
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
                foreach (string w in Uses(v))
                {
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
