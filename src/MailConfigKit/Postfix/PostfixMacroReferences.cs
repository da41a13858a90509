using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// Finds parameters whose values refer back to themselves through <c>$name</c> references. Postfix expands
    /// recursively; when it expands a value on a cycle it hits its nesting limit and dies with "unreasonable macro call
    /// nesting". Whether a given read expands that value is not known statically (postconf -n survives a
    /// <c>${relayhost:x}</c> inside relayhost itself, but dies on other cycles), so this is a warning.
    /// </summary>
    internal static class PostfixMacroReferences
    {
        /// <summary>Names referenced by <c>$name</c>, <c>${name…}</c> and <c>$(name…)</c> anywhere in a value, nested text included.</summary>
        public static List<string> Names(string value)
        {
            var names = new List<string>();
            Collect(value, names);
            return names;
        }

        private static void Collect(string value, List<string> names)
        {
            int i = 0;
            while (i < value.Length)
            {
                if (value[i] != '$') { i++; continue; }
                if (i + 1 < value.Length && value[i + 1] == '$') { i += 2; continue; }
                int p = i + 1;
                if (p < value.Length && (value[p] == '{' || value[p] == '('))
                {
                    char open = value[p], close = open == '{' ? '}' : ')';
                    int level = 1, e = p + 1;
                    while (e < value.Length && level > 0)
                    {
                        if (value[e] == open) level++;
                        else if (value[e] == close) level--;
                        e++;
                    }
                    string inner = value.Substring(p + 1, System.Math.Max(0, e - p - 2));
                    int n = 0;
                    while (n < inner.Length && IsNameChar(inner[n])) n++;
                    if (n > 0) names.Add(inner.Substring(0, n));
                    Collect(inner.Substring(n), names); // the ?text / :text part and relational operands
                    i = e;
                }
                else
                {
                    int e = p;
                    while (e < value.Length && IsNameChar(value[e])) e++;
                    if (e > p) names.Add(value.Substring(p, e - p));
                    i = System.Math.Max(e, p);
                }
            }
        }

        private static bool IsNameChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

        /// <summary>Adds one error per reference cycle among the effective definitions.</summary>
        public static void AddCycleDiagnostics(MainCf doc, List<Diagnostic> list)
        {
            var lineOf = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (int i = 0; i < doc.Lines.Length; i++)
            {
                if (doc.IsDefinition(i)) lineOf[doc.NameAt(i)] = i;
            }
            var edges = new Dictionary<string, List<string>>(System.StringComparer.Ordinal);
            foreach (var kv in lineOf)
            {
                string value = doc.ExtractValue(kv.Value);
                if (value.IndexOf('$') >= 0 && PostfixMacroSyntax.Check(value, out _) == null) edges[kv.Key] = Names(value);
            }
            // 0 = unvisited, 1 = on the stack, 2 = done.
            var state = new Dictionary<string, int>(System.StringComparer.Ordinal);
            var stack = new List<string>();
            foreach (string start in edges.Keys) Visit(start, edges, state, stack, doc, lineOf, list);
        }

        private static void Visit(string name, Dictionary<string, List<string>> edges, Dictionary<string, int> state, List<string> stack,
            MainCf doc, Dictionary<string, int> lineOf, List<Diagnostic> list)
        {
            state.TryGetValue(name, out int s);
            if (s == 2) return;
            if (s == 1)
            {
                if (list.Exists(d => d.Code == DiagnosticCodes.MainCfMacroCycle && d.Line == lineOf[name] + 1)) return;
                int from = stack.IndexOf(name);
                string path = string.Join(" -> $", stack.GetRange(from, stack.Count - from)) + " -> $" + name;
                MainCfDiagnostics.Add(list, doc, DiagnosticCodes.MainCfMacroCycle, DiagnosticSeverity.Warning, lineOf[name], 0,
                    "unreasonable macro call nesting: \"" + name + "\" (the value refers back to itself: $" + path + "); Postfix dies whenever it expands it");
                return;
            }
            if (!edges.TryGetValue(name, out List<string>? next)) return;
            state[name] = 1;
            stack.Add(name);
            foreach (string n in next) Visit(n, edges, state, stack, doc, lineOf, list);
            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
        }
    }
}
