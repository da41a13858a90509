using System;
using System.Collections.Generic;
using MailConfigKit.Host.Logs;
using MailConfigKit.Text;

namespace MailConfigKit.Diagnosis
{
    /// <summary>Evidence out of the things the checks read.</summary>
    internal static class EvidenceFrom
    {
        /// <summary>A log record: its file and line (or journal file and cursor) and the line as written.</summary>
        public static Evidence Log(LogRecord record) =>
            record.Origin.IsJournal
                ? new Evidence(EvidenceKind.Log, record.Origin.ToString(), null, null, record.Display)
                : new Evidence(EvidenceKind.Log, record.Origin.Path, (int)Math.Min(record.Origin.Line, int.MaxValue), null, record.Display);

        /// <summary>The newest matching records, preceded by a line that says how many matched in all when some are not shown.</summary>
        public static List<Evidence> LogMatches(LogSearchResult matches)
        {
            var result = new List<Evidence>();
            IReadOnlyList<LogRecord> newest = matches.Newest;
            if (matches.Count > newest.Count && newest.Count > 0)
            {
                result.Add(new Evidence(EvidenceKind.Log, newest[newest.Count - 1].Origin.Path, null, null,
                    matches.Count + " matching line(s) in all; the newest " + newest.Count + " follow"));
            }
            foreach (LogRecord r in newest) result.Add(Log(r));
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
