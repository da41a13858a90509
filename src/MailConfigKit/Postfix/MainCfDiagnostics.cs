using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>Computes a main.cf's diagnostics on demand, in Postfix's own words where Postfix has them.</summary>
    internal static class MainCfDiagnostics
    {
        public static IReadOnlyList<Diagnostic> Compute(MainCf doc)
        {
            var list = new List<Diagnostic>();
            string text = doc.Text;
            MainCfLine[] lines = doc.Lines;
            // postconf scans only effective values for macros: a bad '$' in an overridden definition is harmless.
            var references = new PostfixMacroReferences(doc);
            for (int i = 0; i < lines.Length; i++)
            {
                MainCfLine l = lines[i];
                switch (l.Kind)
                {
                    case MainCfLineKind.Orphan:
                        Add(list, doc, MainCfDescriptors.LeadingWhitespace, i, 0, Trimmed(text, l));
                        break;
                    case MainCfLineKind.Start:
                        CheckStart(doc, list, references, i);
                        break;
                }
            }
            references.AddHostNameDiagnostics(list);
            references.AddCycleDiagnostics(list);
            MainCfTypedChecks.Add(doc, list);
            return list;
        }

        private static void CheckStart(MainCf doc, List<Diagnostic> list, PostfixMacroReferences references, int i)
        {
            MainCfLine l = doc.Lines[i];
            if (l.NameLength == 0)
            {
                Add(list, doc, MainCfDescriptors.MissingName, i, 0, Logical(doc, i));
                return;
            }
            if (l.EqualsOffset < 0)
            {
                Add(list, doc, MainCfDescriptors.MissingEquals, i, l.NameLength, Logical(doc, i));
                return;
            }
            string name = references.NameAtLine(i);
            bool effective = references.IsEffective(i);
            // Values are read once: the effective ones by the references; an overridden one only when a message quotes it.
            if (i == 0 && name[0] == '\uFEFF')
            {
                string value = effective ? references.EffectiveValueAtLine(i) : doc.ExtractValue(i);
                Add(list, doc, MainCfDescriptors.ByteOrderMark, i, 0, name, value);
            }
            int earlier = references.PreviousDefinition(i);
            if (earlier >= 0)
            {
                Add(list, doc, MainCfDescriptors.Duplicate, i, 0, name, doc.ExtractValue(earlier));
            }
            if (!effective) return;
            CheckMacros(doc, list, references, i, name);
        }

        // postconf scans every value it does not know to be raw and warns about malformed macros, but it dies ("macro
        // processing error") only on those it expands: the values of the built-in, non-raw parameters the file sets and
        // of whatever they refer to, along the conditional texts the tested values select (oracle: an unknown
        // "foo = cost$" and "smtpd_expansion_filter = a$%b" exit 0; "mydestination = $foo" with that foo dies).
        private static void CheckMacros(MainCf doc, List<Diagnostic> list, PostfixMacroReferences references, int i, string name)
        {
            // A value without '$' has no walk error (the reference walk finds that without a search of its own).
            MacroError? scan = references.ScanAtLine(i);
            if (scan == null) return;
            bool isExpanded = references.IsExpandedAtLine(i);
            if (!isExpanded && PostfixParameterTable.IsRaw(name)) return; // raw and unreferenced: postconf does not even scan it
            if (isExpanded)
            {
                MacroError? walked = references.WalkAtLine(i);
                if (walked != null)
                {
                    Add(list, doc, MainCfDescriptors.MacroSyntaxFatal, i, 0, walked.Message);
                    return;
                }
                Add(list, doc, MainCfDescriptors.MacroSyntaxNotTaken, i, 0, scan.Message);
                return;
            }
            Add(list, doc, MainCfDescriptors.MacroSyntaxNotExpanded, i, 0, scan.Message, name);
        }

        /// <summary>Adds a diagnostic at a 0-based column of a 0-based physical line.</summary>
        internal static void Add(List<Diagnostic> list, MainCf doc, DiagnosticDescriptor descriptor, int line, int column0, params object?[] args) =>
            list.Add(descriptor.Create(doc, doc.Lines[line].Start + column0, args));

        private static string Trimmed(string text, MainCfLine l)
        {
            int s = l.Start, e = l.Start + l.Length;
            while (e > s && MainCfScanner.IsSpace(text[e - 1])) e--;
            return text.Substring(s, e - s);
        }

        // The logical line as postconf quotes it: start line and continuations joined, trailing whitespace removed.
        private static string Logical(MainCf doc, int start)
        {
            var sb = new System.Text.StringBuilder();
            MainCfLine[] lines = doc.Lines;
            for (int i = start; i < lines.Length; i++)
            {
                if (i > start && lines[i].Kind == MainCfLineKind.Start) break;
                if (lines[i].Owner == start) sb.Append(doc.Text, lines[i].Start, lines[i].Length);
            }
            int end = sb.Length;
            while (end > 0 && MainCfScanner.IsSpace(sb[end - 1])) end--;
            return sb.ToString(0, end);
        }
    }
}
