using System;
using System.Collections.Generic;
using MailConfigKit.Host;

namespace MailConfigKit.Diagnostics
{
    /// <summary>
    /// Turns evidence (configuration, the host's network state, logs, DNS) into findings, and recommends a change only
    /// when there is evidence for it.
    /// </summary>
    public static class MailDiagnosis
    {
        /// <summary>Examines <paramref name="host"/> with the default options (DNS checked through the system resolver).</summary>
        public static DiagnosisReport Examine(MailHost host) => Examine(host, DiagnosisOptions.Default);

        /// <summary>Examines <paramref name="host"/>.</summary>
        public static DiagnosisReport Examine(MailHost host, DiagnosisOptions options)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (options == null) throw new ArgumentNullException(nameof(options));
            // TODO(issue 5): checks 1-5.
            return new DiagnosisReport(host, new List<Finding>());
        }
    }
}
