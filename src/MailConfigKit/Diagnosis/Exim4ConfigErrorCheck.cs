using System.Collections.Generic;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Text;

namespace MailConfigKit.Diagnosis
{
    /// <summary>What update-exim4.conf or exim refuse: update-exim4.conf.conf, and the configuration exim loads (hand-written or generated).</summary>
    internal sealed class Exim4ConfigErrorCheck : IMailCheck
    {
        /// <inheritdoc />
        public string Id => "exim4.config";

        /// <inheritdoc />
        public string Title => "update-exim4.conf.conf holds nothing update-exim4.conf or exim refuse";

        /// <inheritdoc />
        public IReadOnlyList<string> FindingIds { get; } = new[] { Diagnosis.FindingIds.Exim4ConfigError };

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            UpdateExim4Conf? exim = context.Exim4Conf;
            EximEffectiveConfiguration effective = context.EximConfiguration;
            // With a hand-written exim4.conf, update-exim4.conf exits before it reads update-exim4.conf.conf: its lines do not matter.
            bool handWritten = effective.Layout == EximConfigurationLayout.HandWritten;
            var errors = exim == null || handWritten ? new List<Evidence>() : ConfigErrorCheck.Errors(exim.Diagnostics, HostPaths.Exim4UpdateConf);
            // What exim itself refuses in the configuration it loads (the first error stops it).
            foreach (Diagnostic d in effective.Diagnostics)
            {
                if (d.Severity != DiagnosticSeverity.Error) continue;
                errors.Add(new Evidence(EvidenceKind.Configuration, (d.FilePath ?? effective.ConfigurationPath ?? string.Empty).TrimStart('/'), d.Line, d.Column, d.Code + ": " + d.Message));
            }
            if (errors.Count == 0) yield break;
            yield return ConfigErrorCheck.Make(Diagnosis.FindingIds.Exim4ConfigError, "update-exim4.conf or exim refuses exim's configuration", errors,
                "update-exim4.conf aborts on these lines, or exim refuses the configuration it loads (file, line, column in the evidence).");
        }
    }
}
