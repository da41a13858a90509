using System.Collections.Generic;
using System.Linq;
using System;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using Microsoft.Extensions.Logging;

namespace Provisioning
{
    /// <summary>
    /// An image-build step: <c>Provisioning ROOT [--set name=value]...</c> repairs the mail configuration of the image
    /// mounted or unpacked at ROOT (MailDiagnosis, then the best plan), applies requested main.cf settings, and exits
    /// non-zero so the build fails when something is wrong. Service actions are not run: nothing runs inside an image
    /// being built, and its daemons start with the new configuration at first boot.
    /// </summary>
    public static class Program
    {
        /// <summary>Entry point: 0 success, 1 the image still has errors, 2 bad arguments or a failed write.</summary>
        public static int Main(string[] args)
        {
            ILogger log = new ConsoleLogger("provisioning");
            if (!TryParse(args, out string? root, out Dictionary<string, string> settings, out string? error))
            {
                log.LogError("{Error}. Usage: Provisioning ROOT [--set name=value]...", error);
                return 2;
            }
            try
            {
                return Provision(root!, settings, log);
            }
            catch (Exception ex)
            {
                // Bad root, a refused setting, a write that failed (and was rolled back): fail the build, say why.
                log.LogError("Provisioning {Root} failed: {Error}", root, ex.Message);
                return 2;
            }
        }

        private static int Provision(string root, Dictionary<string, string> settings, ILogger log)
        {
            MailHost host = MailHost.Open(root);
            // Validated before anything is written: a typo in a setting must fail the build with the image untouched.
            SetPostfixParameters? requested = settings.Count > 0 ? new SetPostfixParameters(settings) : null;
            if (requested != null && !host.HasPostfix) throw new InvalidOperationException("--set needs etc/postfix/main.cf, and " + host.Root + " has none");
            // An image's DNS is not the build machine's: the PTR checks belong to the running host.
            DiagnosisReport report = MailDiagnosis.Examine(host, new DiagnosisOptions { CheckDns = false, Logger = log });
            foreach (Finding f in report.Findings) log.LogInformation("Finding {Severity} {Id}: {Title}", f.Severity, f.Id, f.Title);

            Apply(RemediationCatalog.Default.PlanBest(report), log);
            // Planned after the repairs were written: a plan holds the file's hash, so it must see the current text.
            if (requested != null) Apply(requested.Plan(host), log);

            // Examine again: what is still wrong after the repairs is what fails the build.
            var remaining = MailDiagnosis.Examine(host, new DiagnosisOptions { CheckDns = false }).Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
            foreach (Finding f in remaining) log.LogError("Still wrong after repair: {Id}: {Title}", f.Id, f.Title);
            return remaining.Count == 0 ? 0 : 1;
        }

        private static void Apply(RemediationPlan plan, ILogger log)
        {
            if (!plan.HasChanges) return;
            ApplyResult result = PlanExecutor.Apply(plan, ApplyOptions.Default, log);
            foreach (ServiceAction a in result.PendingServiceActions) log.LogInformation("Not run in an image (runs at boot): {Action}", a.Description);
        }

        private static bool TryParse(string[] args, out string? root, out Dictionary<string, string> settings, out string? error)
        {
            root = null;
            error = null;
            settings = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--set")
                {
                    string? pair = i + 1 < args.Length ? args[++i] : null;
                    int eq = pair?.IndexOf('=') ?? -1;
                    if (pair == null || eq <= 0) { error = "--set needs name=value"; return false; }
                    settings[pair.Substring(0, eq)] = pair.Substring(eq + 1);
                }
                else if (args[i].StartsWith("-", StringComparison.Ordinal) || root != null) { error = "unexpected argument " + args[i]; return false; }
                else root = args[i];
            }
            if (root == null) error = "the image root is missing";
            return error == null;
        }
    }
}
