using System.IO;
using System.Linq;
using MailConfigKit.Diagnosis;
using MailConfigKit.Remediation;

namespace MailDoctor
{
    /// <summary>The report for people: findings, evidence, why each fix is right, the diff, and what to run afterwards.</summary>
    internal static class TextReport
    {
        public static void Write(DoctorRun run, TextWriter o, Palette p)
        {
            o.WriteLine(p.Bold("MailDoctor") + ": examining " + run.Root + (run.Demo ? " (a copy of the bundled demo host)" : string.Empty));
            if (run.Demo) o.WriteLine(p.Dim("DNS checks skipped: the demo host uses documentation addresses (2001:db8::/32), which real DNS knows nothing about."));
            else if (!run.DnsChecked) o.WriteLine(p.Dim("DNS checks skipped (--no-dns)."));
            o.WriteLine();
            if (run.Report == null)
            {
                if (run.Error == null && !run.HasMailConfiguration)
                {
                    o.WriteLine("No mail configuration here: " + run.Root + " has neither etc/postfix/main.cf nor etc/exim4/update-exim4.conf.conf.");
                    o.WriteLine("To see what MailDoctor finds and fixes, run:  dotnet run --project samples/MailDoctor -- --demo");
                }
                return;
            }
            WriteChecks(run.Report, o, p);
            WriteFindings(run, run.Report, o, p);
            if (run.Plan != null) WritePlan(run, run.Plan, o, p);
            WriteOutcome(run, o, p);
        }

        // One status line per check, so a skipped or failed check is never mistaken for a clean one.
        private static void WriteChecks(DiagnosisReport report, TextWriter o, Palette p)
        {
            foreach (CheckRun c in report.Checks)
            {
                string status = c.Outcome switch
                {
                    CheckOutcome.Passed => p.Green("ok     "),
                    CheckOutcome.Found => p.Yellow("found  "),
                    CheckOutcome.Skipped => p.Dim("skipped"),
                    _ => p.Red("failed "),
                };
                o.WriteLine("  " + status + " " + c.CheckId + (c.Outcome == CheckOutcome.Found ? " (" + c.FindingCount + ")" : string.Empty)
                    + (c.Message != null ? p.Dim(" - " + c.Message) : string.Empty));
            }
            if (report.Checks.Count > 0) o.WriteLine();
        }

        private static void WriteFindings(DoctorRun run, DiagnosisReport report, TextWriter o, Palette p)
        {
            if (report.Findings.Count == 0)
            {
                o.WriteLine(p.Green("No findings: the mail configuration matches this host."));
                o.WriteLine();
                return;
            }
            o.WriteLine(p.Bold(report.Findings.Count + " finding(s)"));
            foreach (Finding f in report.Findings)
            {
                o.WriteLine();
                o.WriteLine(Severity(f.Severity, p) + " " + p.Bold(f.Id) + ": " + f.Title);
                WriteWrapped(o, f.Explanation, "  ");
                if (f.Evidence.Count > 0) o.WriteLine("  evidence:");
                foreach (Evidence e in f.Evidence) o.WriteLine("    " + e);
                var remediations = run.Catalog.For(f);
                for (int i = 0; i < remediations.Count; i++)
                {
                    IRemediation r = remediations[i];
                    o.WriteLine("  " + (i == 0 ? "fix (best): " : "or: ") + r.Id + " - " + r.Title);
                    WriteWrapped(o, "why: " + r.Rationale, "    ");
                }
                if (remediations.Count == 0 && f.Severity != FindingSeverity.Note) o.WriteLine("  fix: nothing MailDoctor can change here; see the explanation.");
            }
            o.WriteLine();
        }

        private static void WritePlan(DoctorRun run, RemediationPlan plan, TextWriter o, Palette p)
        {
            if (!plan.HasChanges)
            {
                o.WriteLine("Nothing to change in the configuration.");
                return;
            }
            o.WriteLine(p.Bold("Plan: ") + plan.Title);
            o.WriteLine();
            foreach (string line in plan.ToUnifiedDiff().Split('\n'))
            {
                if (line.Length > 0) o.WriteLine(p.DiffLine(line));
            }
            o.WriteLine();
            if (plan.ServiceActions.Count > 0)
            {
                o.WriteLine(p.Bold("Then, on the live host, in this order:"));
                int n = 0;
                foreach (ServiceAction a in plan.ServiceActions)
                {
                    string command = a.Command.Count > 0 ? a.CommandLine : "(done by MailDoctor --restart)";
                    o.WriteLine("  " + ++n + ". " + command + "  # " + a.Description);
                }
                o.WriteLine();
            }
        }

        private static void WriteOutcome(DoctorRun run, TextWriter o, Palette p)
        {
            if (run.Applied != null)
            {
                foreach (FileApplyResult f in run.Applied.Files)
                    o.WriteLine(p.Green("applied: ") + f.RelativePath + " " + f.Outcome.ToString().ToLowerInvariant() + (f.BackupPath != null ? " (original kept as " + f.BackupPath + ")" : string.Empty));
            }
            foreach (ServiceActionResult s in run.ServiceOutcomes)
            {
                string status = s.Status.ToString().ToLowerInvariant();
                o.WriteLine((s.Status == ServiceActionStatus.Done ? p.Green(status) : s.Status == ServiceActionStatus.Failed ? p.Red(status) : p.Yellow(status)) + ": " + s.Message);
            }
            if (run.Applied != null && run.ServiceOutcomes.Count == 0 && run.Applied.PendingServiceActions.Count > 0)
                o.WriteLine("Run the service actions above (or MailDoctor --apply --restart on the live host) to put the change into effect.");
            else if (run.Plan != null && run.Plan.HasChanges && !run.ApplyRequested)
                o.WriteLine(p.Yellow("Dry run: nothing was written.") + " Run again with --apply to write these changes (each original is kept as NAME.mck-backup-TIMESTAMP).");
            if (run.AfterApply != null)
            {
                o.WriteLine(run.AfterApply.Findings.Count == 0
                    ? p.Green("Examined again after the change: no findings left.")
                    : p.Bold("Examined again after the change, still found: ") + string.Join(", ", run.AfterApply.Findings.Select(f => f.Id)));
            }
            foreach (Finding f in run.FindingsNeedingAPerson()) o.WriteLine(p.Yellow("needs a person: ") + f.Id + " - " + f.Title);
        }

        // Rationales are paragraphs; wrapped at 110 columns they stay readable in an 80-120 column terminal and in a log.
        private static void WriteWrapped(TextWriter o, string text, string indent)
        {
            var line = new System.Text.StringBuilder(indent);
            foreach (string word in text.Split(' '))
            {
                if (line.Length > indent.Length && line.Length + 1 + word.Length > 110)
                {
                    o.WriteLine(line.ToString());
                    line.Clear().Append(indent).Append("  ");
                }
                else if (line.Length > indent.Length && line[line.Length - 1] != ' ')
                {
                    line.Append(' ');
                }
                line.Append(word);
            }
            o.WriteLine(line.ToString());
        }

        private static string Severity(FindingSeverity s, Palette p) => s switch
        {
            FindingSeverity.Error => p.Red("ERROR  "),
            FindingSeverity.Warning => p.Yellow("WARNING"),
            _ => p.Cyan("NOTE   "),
        };
    }
}
