using System;
using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnostics
{
    /// <summary>
    /// Turns evidence (configuration, the host's network state, logs, DNS) into findings, and recommends a change only
    /// when there is evidence for it. The checks and their finding ids are in docs/diagnosis.md and <see cref="FindingIds"/>.
    /// </summary>
    public static class MailDiagnosis
    {
        /// <summary>Examines <paramref name="host"/> with the default options (DNS checked through the system resolver).</summary>
        public static DiagnosisReport Examine(MailHost host) => Examine(host, DiagnosisOptions.Default);

        /// <summary>Examines <paramref name="host"/>; the findings come most severe first (in check order within a severity).</summary>
        public static DiagnosisReport Examine(MailHost host, DiagnosisOptions options)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (options == null) throw new ArgumentNullException(nameof(options));
            var context = new DiagnosisContext(host, options);
            options.Logger.LogInformation("Examining {Root}", LogText.Escape(host.Root));
            var findings = new List<Finding>();
            findings.AddRange(EximLoopbackCheck.Run(context));
            findings.AddRange(PostfixLoopbackCheck.Run(context));
            findings.AddRange(Ipv6DeliveryCheck.Run(context));
            findings.AddRange(ConfigErrorCheck.Run(context));
            List<Finding> sorted = findings.OrderByDescending(f => f.Severity).ToList();
            foreach (Finding f in sorted)
            {
                options.Logger.LogInformation("{Severity} {Id}: {Title}", f.Severity, f.Id, LogText.Escape(f.Title));
            }
            return new DiagnosisReport(host, sorted);
        }
    }
}
