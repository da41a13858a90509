using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Text;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// What the real tools refuse in a configuration document: its diagnostics of severity Error, one piece of evidence
    /// each. Nothing to plan: these need a person. The two registered checks (<see cref="PostfixConfigErrorCheck"/>,
    /// <see cref="Exim4ConfigErrorCheck"/>) share this, so an unreadable Postfix file cannot hide exim's errors.
    /// </summary>
    internal static class ConfigErrorCheck
    {
        public static Finding Make(string id, string title, List<Evidence> evidence, string explanation) =>
            new Finding(id, FindingSeverity.Error, title + " (" + evidence.Count + " error(s))",
                explanation + " They need a person: no automatic change is planned.", evidence);

        public static List<Evidence> Errors(IReadOnlyList<Diagnostic> diagnostics, string path) =>
            diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => EvidenceFrom.Diagnostic(d, path)).ToList();
    }
}
