using System.Collections.Generic;
using MailConfigKit.Exim4;
using MailConfigKit.Host;

namespace MailConfigKit.Diagnosis
{
    /// <summary>What update-exim4.conf or exim refuse in update-exim4.conf.conf.</summary>
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
            if (exim == null) yield break;
            var errors = ConfigErrorCheck.Errors(exim.Diagnostics, HostPaths.Exim4UpdateConf);
            if (errors.Count == 0) yield break;
            yield return ConfigErrorCheck.Make(Diagnosis.FindingIds.Exim4ConfigError, "update-exim4.conf or exim refuses update-exim4.conf.conf", errors,
                "update-exim4.conf aborts on these lines, or exim refuses what they generate (file, line, column in the evidence).");
        }
    }
}
