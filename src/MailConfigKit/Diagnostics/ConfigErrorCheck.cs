using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Postfix;
using MailConfigKit.Remediation;

namespace MailConfigKit.Diagnostics
{
    /// <summary>
    /// Check 5: what postconf and <c>postfix start</c> refuse in main.cf and master.cf, and what update-exim4.conf or exim
    /// refuse in update-exim4.conf.conf: the documents' diagnostics of severity Error, one piece of evidence each.
    /// Nothing to plan: these need a person.
    /// </summary>
    internal static class ConfigErrorCheck
    {
        public static IEnumerable<Finding> Run(DiagnosisContext context)
        {
            var postfix = new List<Evidence>();
            MainCf? main = context.MainCf;
            if (main != null) postfix.AddRange(Errors(main.Diagnostics, HostPaths.PostfixMainCf));
            MasterCf? master = main == null ? null : context.MasterCf;
            if (master != null) postfix.AddRange(Errors(master.Diagnostics, HostPaths.PostfixMasterCf));
            if (postfix.Count > 0)
            {
                yield return Make(FindingIds.PostfixConfigError, "Postfix refuses its configuration", postfix,
                    "postconf and \"postfix start\" die on these lines (the evidence gives file, line, column and Postfix's wording).");
            }

            UpdateExim4Conf? exim = context.Exim4Conf;
            List<Evidence> eximErrors = exim == null ? new List<Evidence>() : Errors(exim.Diagnostics, HostPaths.Exim4UpdateConf);
            if (eximErrors.Count > 0)
            {
                yield return Make(FindingIds.Exim4ConfigError, "update-exim4.conf or exim refuses update-exim4.conf.conf", eximErrors,
                    "update-exim4.conf aborts on these lines, or exim refuses what they generate (file, line, column in the evidence).");
            }
        }

        private static Finding Make(string id, string title, List<Evidence> evidence, string explanation) =>
            new Finding(id, FindingSeverity.Error, title + " (" + evidence.Count + " error(s))",
                explanation + " They need a person: no automatic change is planned.", evidence, new IRemediation[0]);

        private static List<Evidence> Errors(IReadOnlyList<Diagnostic> diagnostics, string path) =>
            diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => EvidenceFrom.Diagnostic(d, path)).ToList();
    }
}
