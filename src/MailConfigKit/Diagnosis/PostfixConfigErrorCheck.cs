using System.Collections.Generic;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Diagnosis
{
    /// <summary>What postconf and <c>postfix start</c> refuse in main.cf and master.cf.</summary>
    internal sealed class PostfixConfigErrorCheck : IMailCheck
    {
        /// <inheritdoc />
        public string Id => "postfix.config";

        /// <inheritdoc />
        public string Title => "main.cf and master.cf hold nothing postconf or postfix start refuse";

        /// <inheritdoc />
        public IReadOnlyList<string> FindingIds { get; } = new[] { Diagnosis.FindingIds.PostfixConfigError };

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            MainCf? main = context.MainCf;
            if (main == null) yield break;
            var errors = ConfigErrorCheck.Errors(main.Diagnostics, HostPaths.PostfixMainCf);
            MasterCf? master = context.MasterCf;
            if (master != null) errors.AddRange(ConfigErrorCheck.Errors(master.Diagnostics, HostPaths.PostfixMasterCf));
            if (errors.Count == 0) yield break;
            yield return ConfigErrorCheck.Make(Diagnosis.FindingIds.PostfixConfigError, "Postfix refuses its configuration", errors,
                "postconf and \"postfix start\" die on these lines (the evidence gives file, line, column and Postfix's wording).");
        }
    }
}
