using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>Computes a master.cf's diagnostics on demand, in postconf's own words where postconf has them.</summary>
    internal static class MasterCfDiagnostics
    {
        public static IReadOnlyList<Diagnostic> Compute(MasterCf doc)
        {
            var list = new List<Diagnostic>();
            string text = doc.Text;
            MainCfLine[] lines = doc.Lines;
            int next = 0;
            var seen = new Dictionary<string, int>(System.StringComparer.Ordinal);
            foreach (MasterCfEntry entry in doc.Entries)
            {
                // Orphans come before the entry that follows them; keep the list in line order.
                for (; next < entry.Logical.FirstLine; next++) AddOrphan(list, doc, next);
                next = entry.Logical.LastLine + 1;
                foreach (MasterCfProblem p in entry.Problems)
                {
                    string message = p.Code == DiagnosticCodes.MasterCfFieldCount
                        ? "bad field count: \"" + MasterCfEntryParser.Printable(entry.Logical.Text.TrimEnd()) + "\" (an entry needs service, type, private, unpriv, chroot, wakeup, maxproc and command)"
                        : p.Message;
                    Add(list, doc, p.Code, p.Fatal ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, entry.Logical.ToDocument(p.Position), message);
                }
                if (!entry.HasFields) continue;
                string key = entry.Word(0) + "/" + entry.Word(1);
                if (seen.TryGetValue(key, out int firstLine))
                {
                    Add(list, doc, DiagnosticCodes.MasterCfDuplicateService, DiagnosticSeverity.Warning, lines[entry.Logical.FirstLine].Start,
                        "duplicate service " + key + " (first defined on line " + (firstLine + 1) + "): postconf merges their -o parameters and the master daemon runs both");
                }
                else
                {
                    seen[key] = entry.Logical.FirstLine;
                }
            }
            for (; next < lines.Length; next++) AddOrphan(list, doc, next);
            return list;
        }

        private static void AddOrphan(List<Diagnostic> list, MasterCf doc, int line)
        {
            MainCfLine l = doc.Lines[line];
            if (l.Kind != MainCfLineKind.Orphan) return;
            int s = l.Start, e = l.Start + l.Length;
            while (e > s && MainCfScanner.IsSpace(doc.Text[e - 1])) e--;
            Add(list, doc, DiagnosticCodes.MasterCfLeadingWhitespace, DiagnosticSeverity.Warning, l.Start,
                "logical line must not start with whitespace: \"" + MasterCfEntryParser.Printable(doc.Text.Substring(s, e - s)) + "\" (Postfix ignores this line)");
        }

        /// <summary>Adds a diagnostic at a document offset, with its 1-based line and column.</summary>
        private static void Add(List<Diagnostic> list, MasterCf doc, string code, DiagnosticSeverity severity, int offset, string message)
        {
            MainCfLine[] lines = doc.Lines;
            int lo = 0, hi = lines.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (lines[mid].Start <= offset) lo = mid;
                else hi = mid - 1;
            }
            int column = lines.Length == 0 ? 0 : offset - lines[lo].Start;
            list.Add(new Diagnostic(code, severity, message, doc.FilePath, lo + 1, column + 1, offset));
        }
    }
}
