using System.IO;
using System.Linq;
using MailConfigKit.Diagnosis;
using MailConfigKit.Remediation;
using MailConfigKit.Values;

namespace MailDoctor
{
    /// <summary>
    /// The report for people: findings, evidence, why each fix is right, the diff, and what to run afterwards. Every text
    /// that comes from the host (configuration lines, log lines from remote servers, paths, messages) goes through
    /// <see cref="S"/>, so an escape sequence in it prints as <c>\x1B[2J</c> instead of clearing the screen.
    /// </summary>
    internal static class TextReport
    {
        /// <summary>Safe for the terminal: control characters other than tab made visible (<see cref="LogText.ForTerminal"/>).</summary>
        private static string S(string? text) => LogText.ForTerminal(text);

        public static void Write(DoctorRun run, TextWriter o, Palette p)
        {
            o.WriteLine(p.Bold("MailDoctor") + ": examining " + S(run.Root) + (run.Demo ? " (a copy of the bundled demo host)" : string.Empty));
            if (run.Demo) o.WriteLine(p.Dim("DNS checks skipped: the demo host uses documentation addresses (2001:db8::/32), which real DNS knows nothing about."));
            else if (!run.DnsChecked) o.WriteLine(p.Dim("DNS checks skipped (--no-dns)."));
            o.WriteLine();
            if (run.Report == null)
            {
                if (run.Error == null && !run.HasMailConfiguration)
                {
                    o.WriteLine("No mail configuration here: " + S(run.Root) + " has neither etc/postfix/main.cf nor etc/exim4/update-exim4.conf.conf.");
                    o.WriteLine("To see what MailDoctor finds and fixes, run:  dotnet run --project samples/MailDoctor -- --demo");
                }
                return;
            }
            WriteUnreadable(run.Report, o, p);
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
                    + (c.Message != null ? p.Dim(" - " + S(c.Message)) : string.Empty));
            }
            if (report.Checks.Count > 0) o.WriteLine();
        }

        // First, in one line each: a report built on files that could not be read must say so before anything else.
        private static void WriteUnreadable(DiagnosisReport report, TextWriter o, Palette p)
        {
            foreach (var u in report.UnreadableFiles) o.WriteLine(p.Red("could not be read: ") + S(u.RelativePath) + ": " + S(u.Problem));
            if (report.UnreadableFiles.Count > 0) o.WriteLine();
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
                o.WriteLine(Severity(f.Severity, p) + " " + p.Bold(S(f.Id)) + ": " + S(f.Title));
                WriteWrapped(o, S(f.Explanation), "  ");
                if (f.Evidence.Count > 0) o.WriteLine("  evidence:");
                foreach (Evidence e in f.Evidence) o.WriteLine("    " + S(e.ToString()));
                // A fix is claimed only when the best remediation changes something on this host.
                var remediations = run.Catalog.For(f);
                FindingPlan planned = run.PlanOf(f);
                if (remediations.Count > 0 && !planned.HasChanges)
                {
                    IRemediation best = remediations[0];
                    WriteWrapped(o, "fix: none planned. The best fix, " + S(best.Id) + ", changes nothing on this host"
                        + (planned.Problem != null ? " (" + S(planned.Problem) + ")" : string.Empty)
                        + "; a person has to act (see the explanation).", "  ");
                }
                for (int i = 0; i < remediations.Count; i++)
                {
                    IRemediation r = remediations[i];
                    string label = !planned.HasChanges ? "possible fix (not planned): " : i == 0 ? "fix (best): " : "or: ";
                    o.WriteLine("  " + label + S(r.Id) + " - " + S(r.Title));
                    WriteWrapped(o, "why: " + S(r.Rationale), "    ");
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
            o.WriteLine(p.Bold("Plan: ") + S(plan.Title));
            o.WriteLine();
            foreach (string line in plan.ToUnifiedDiff().Split('\n'))
            {
                // The CR of a CRLF file is harmless before the newline; anywhere else it could overprint the line.
                if (line.Length > 0) o.WriteLine(p.DiffLine(S(line.EndsWith("\r", System.StringComparison.Ordinal) ? line.Substring(0, line.Length - 1) : line)));
            }
            o.WriteLine();
            if (plan.ServiceActions.Count > 0)
            {
                o.WriteLine(p.Bold("Then, on the live host, in this order:") + (run.Control != null && run.Control.CanRun ? " (" + S(run.Control.Manager + ", " + run.Control.Distribution) + ")" : string.Empty));
                int n = 0;
                foreach (ServiceAction a in plan.ServiceActions)
                {
                    string command = run.Control != null ? (a.Command.Count > 0 ? S(run.Control.Describe(a)) : "(done by MailDoctor --restart after a verified restart)")
                        : a.Command.Count > 0 ? S(a.CommandLine) : "(done by MailDoctor --restart)";
                    o.WriteLine("  " + ++n + ". " + command + "  # " + S(a.Description));
                    string? note = run.Control?.NoteFor(a);
                    if (note != null) o.WriteLine("     note: " + S(note));
                }
                o.WriteLine();
            }
        }

        private static void WriteOutcome(DoctorRun run, TextWriter o, Palette p)
        {
            if (run.Applied != null)
            {
                foreach (FileApplyResult f in run.Applied.Files)
                    o.WriteLine(p.Green("applied: ") + S(f.RelativePath) + " " + f.Outcome.ToString().ToLowerInvariant() + (f.BackupPath != null ? " (original kept as " + S(f.BackupPath) + ")" : string.Empty));
            }
            foreach (ServiceActionResult s in run.ServiceOutcomes)
            {
                string status = s.Status.ToString().ToLowerInvariant();
                o.WriteLine((s.Status == ServiceActionStatus.Done ? p.Green(status) : s.Status == ServiceActionStatus.Failed ? p.Red(status) : p.Yellow(status)) + ": " + S(s.Message));
                if (!string.IsNullOrEmpty(s.Output)) o.WriteLine("  output: " + S(s.Output));
            }
            foreach (ListenVerification v in run.LiveChecks)
            {
                o.WriteLine((v.IsVerified ? p.Green("greets: ") : p.Red("does not greet: ")) + S(v.Daemon.ToString()));
                foreach (string line in v.ToString().Split('\n').Skip(1)) o.WriteLine(S(line));
            }
            foreach (string down in run.MailDown) o.WriteLine(p.Red("mail is down: ") + S(down));
            if (run.RestartPending)
                o.WriteLine(p.Yellow("restart pending: ") + "the files changed, but the daemons still run the old configuration; run the service actions above, or MailDoctor --restart.");
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
            foreach (Finding f in run.FindingsNeedingAPerson()) o.WriteLine(p.Yellow("needs a person: ") + S(f.Id) + " - " + S(f.Title));
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
