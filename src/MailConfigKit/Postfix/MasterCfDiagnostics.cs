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
                    list.Add(p.Descriptor.CreateWithMessage(doc, entry.Logical.ToDocument(p.Position), p.Message));
                }
                if (!entry.HasFields) continue;
                string key = entry.Word(0) + "/" + entry.Word(1);
                if (seen.TryGetValue(key, out int firstLine))
                {
                    list.Add(MasterCfDescriptors.DuplicateService.Create(doc, lines[entry.Logical.FirstLine].Start, key, firstLine + 1));
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
            list.Add(MasterCfDescriptors.LeadingWhitespace.Create(doc, l.Start, MasterCfEntryParser.Printable(doc.Text.Substring(s, e - s))));
        }
    }
}
