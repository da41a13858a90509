using System.Collections.Generic;
using MailConfigKit.Host;
using MailConfigKit.Text;

namespace MailConfigKit.Diagnosis
{
    /// <summary>Evidence out of the things the checks read.</summary>
    internal static class EvidenceFrom
    {
        public static Evidence Log(LogLine line) => new Evidence(EvidenceKind.Log, line.Path, line.Line, null, line.TextWithMarker);

        /// <summary>The newest matching lines, preceded by a line that says how many matched in all when some are not shown.</summary>
        public static List<Evidence> LogMatches(LogMatches matches, string path)
        {
            var result = new List<Evidence>();
            IReadOnlyList<LogLine> newest = matches.Newest;
            if (matches.Count > newest.Count)
            {
                result.Add(new Evidence(EvidenceKind.Log, path, null, null,
                    matches.Count + " matching line(s) in all; the newest " + newest.Count + " follow"));
            }
            foreach (LogLine line in newest) result.Add(Log(line));
            return result;
        }

        public static Evidence Diagnostic(Diagnostic d, string fallbackPath) =>
            new Evidence(EvidenceKind.Configuration, d.FilePath ?? fallbackPath, d.Line, d.Column, d.Code + ": " + d.Message);

        /// <summary>A configuration line of a document, with the line's own text (from the document's line map).</summary>
        public static Evidence ConfigLine(string path, ConfigDocument document, int line, int? column) =>
            new Evidence(EvidenceKind.Configuration, path, line, column, document.LineMap.TextOf(line));

        /// <summary>A configuration line of a text that is not a loaded document.</summary>
        public static Evidence ConfigLine(string path, string documentText, int line, int? column) =>
            new Evidence(EvidenceKind.Configuration, path, line, column, new LinePositions(documentText).TextOf(line));
    }
}
