using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using MailConfigKit.Diagnosis;
using MailConfigKit.Remediation;

namespace MailDoctor
{
    /// <summary>
    /// The report for machines (<c>--json</c>). Written field by field with <see cref="Utf8JsonWriter"/> rather than by
    /// serialising library types, so the document's shape is a contract of MailDoctor (schemaVersion 1) and does not move
    /// when a library type gains a property. Every field is always present; unknown values are null.
    /// </summary>
    internal static class JsonReport
    {
        public static void Write(DoctorRun run, Stream output)
        {
            // Relaxed escaping keeps quotes, '<' and '+' readable in diffs and log lines; the output is not embedded in HTML.
            var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using var w = new Utf8JsonWriter(output, options);
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 1);
            w.WriteString("root", run.Root);
            w.WriteBoolean("demo", run.Demo);
            w.WriteBoolean("dnsChecked", run.DnsChecked);
            w.WriteBoolean("hasMailConfiguration", run.HasMailConfiguration);
            w.WriteStartArray("findings");
            foreach (Finding f in run.Report?.Findings ?? new Finding[0]) WriteFinding(w, f, run);
            w.WriteEndArray();
            w.WriteStartArray("checks");
            foreach (CheckRun c in run.Report?.Checks ?? new CheckRun[0])
            {
                w.WriteStartObject();
                w.WriteString("id", c.CheckId);
                w.WriteString("outcome", c.Outcome.ToString().ToLowerInvariant());
                w.WriteNumber("findingCount", c.FindingCount);
                w.WriteString("message", c.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            // Added in schema 1 (fields are only ever added): what could not be read, so an incomplete report is never mistaken for a clean one.
            w.WriteStartArray("unreadable");
            foreach (var u in run.Report?.UnreadableFiles ?? new MailConfigKit.Host.HostFileStatus[0])
            {
                w.WriteStartObject();
                w.WriteString("path", u.RelativePath);
                w.WriteString("problem", u.Problem);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WritePropertyName("plan");
            if (run.Plan == null) w.WriteNullValue();
            else WritePlan(w, run.Plan, run.Control);
            w.WritePropertyName("applied");
            if (run.Applied == null) w.WriteNullValue();
            else WriteApplied(w, run);
            w.WritePropertyName("remainingAfterApply");
            if (run.AfterApply == null) w.WriteNullValue();
            else
            {
                w.WriteStartArray();
                foreach (Finding f in run.AfterApply.Findings) w.WriteStringValue(f.Id);
                w.WriteEndArray();
            }
            // Added (fields are only ever added): the service control, what greets on the live system, what says mail is down.
            w.WritePropertyName("serviceControl");
            if (run.Control == null) w.WriteNullValue();
            else
            {
                w.WriteStartObject();
                w.WriteString("manager", run.Control.Manager.ToString());
                w.WriteString("distribution", run.Control.Distribution.ToString());
                w.WriteString("reason", run.Control.Reason);
                w.WriteEndObject();
            }
            w.WriteStartArray("verification");
            foreach (ListenVerification v in run.LiveChecks) WriteVerification(w, v);
            w.WriteEndArray();
            w.WriteStartArray("mailDown");
            foreach (string down in run.MailDown) w.WriteStringValue(down);
            w.WriteEndArray();
            w.WriteBoolean("restartPending", run.RestartPending);
            w.WriteString("error", run.Error);
            w.WriteNumber("exitCode", run.ExitCode);
            w.WriteEndObject();
            w.Flush();
            output.WriteByte((byte)'\n');
        }

        private static void WriteFinding(Utf8JsonWriter w, Finding f, DoctorRun run)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
            w.WriteString("title", f.Title);
            w.WriteString("explanation", f.Explanation);
            w.WriteStartArray("evidence");
            foreach (Evidence e in f.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
                w.WriteString("source", e.Source);
                WriteNullable(w, "line", e.Line);
                WriteNullable(w, "column", e.Column);
                w.WriteString("text", e.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("remediations");
            foreach (IRemediation r in run.Catalog.For(f))
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("title", r.Title);
                w.WriteString("rationale", r.Rationale);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("bestRemediation", run.Catalog.For(f).FirstOrDefault()?.Id);
            // The best remediation's id only when it changes something on this host: otherwise no fix is claimed.
            FindingPlan planned = run.PlanOf(f);
            w.WriteString("plannedRemediation", planned.HasChanges ? planned.Remediation!.Id : null);
            w.WriteString("planProblem", planned.Problem);
            w.WriteEndObject();
        }

        private static void WritePlan(Utf8JsonWriter w, RemediationPlan plan, ServiceControl? control)
        {
            w.WriteStartObject();
            w.WriteString("title", plan.Title);
            w.WriteBoolean("hasChanges", plan.HasChanges);
            w.WriteStartArray("remediationIds");
            foreach (string id in plan.RemediationIds) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (FileChange c in plan.FileChanges)
            {
                w.WriteStartObject();
                w.WriteString("path", c.RelativePath);
                w.WriteString("originalSha256", c.OriginalHash);
                w.WriteString("newSha256", c.NewHash);
                w.WriteString("diff", c.UnifiedDiff);
                // Added (fields are only ever added): the whole text before and after, for tools that render their own diff
                // (Ansible's --diff wants before/after per file, not a unified diff).
                w.WriteString("originalText", c.OriginalText);
                w.WriteString("newText", c.NewText);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("serviceActions");
            foreach (ServiceAction a in plan.ServiceActions)
            {
                w.WriteStartObject();
                w.WriteString("kind", a.Kind.ToString());
                w.WriteString("description", a.Description);
                w.WriteStartArray("command");
                foreach (string part in a.Command) w.WriteStringValue(part);
                w.WriteEndArray();
                WriteNullable(w, "verifyListeningPort", a.VerifyListeningPort);
                // Added: the command for this host's service manager and distribution (null when the step does not exist there).
                w.WriteString("commandOnThisHost", control == null ? null : control.CommandFor(a) is { } c ? string.Join(" ", c) : null);
                w.WriteString("note", control?.NoteFor(a));
                w.WriteBoolean("requiresVerifiedStart", a.RequiresVerifiedStart);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteApplied(Utf8JsonWriter w, DoctorRun run)
        {
            w.WriteStartObject();
            w.WriteStartArray("files");
            foreach (FileApplyResult f in run.Applied!.Files)
            {
                w.WriteStartObject();
                w.WriteString("path", f.RelativePath);
                w.WriteString("outcome", f.Outcome.ToString().ToLowerInvariant());
                w.WriteString("backup", f.BackupPath);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("serviceActions");
            foreach (ServiceActionResult s in run.ServiceOutcomes)
            {
                w.WriteStartObject();
                w.WriteString("kind", s.Action.Kind.ToString());
                w.WriteString("status", s.Status.ToString().ToLowerInvariant());
                w.WriteString("message", s.Message);
                w.WriteString("commandLine", s.CommandLine);
                w.WriteString("output", s.Output);
                w.WriteString("paniclogArchive", s.Archive?.ArchivePath);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteVerification(Utf8JsonWriter w, ListenVerification v)
        {
            w.WriteStartObject();
            w.WriteString("daemon", v.Daemon.ToString());
            w.WriteBoolean("verified", v.IsVerified);
            w.WriteString("summary", v.Summary);
            w.WriteStartArray("addresses");
            foreach (AddressVerification a in v.Addresses)
            {
                w.WriteStartObject();
                w.WriteString("endpoint", a.Endpoint.ToString());
                w.WriteString("status", a.Status.ToString());
                w.WriteString("greeting", a.Greeting);
                WriteNullable(w, "pid", a.AnsweredByPid);
                w.WriteString("program", a.AnsweredByProgram);
                w.WriteString("at", a.At.ToString("o"));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("problems");
            foreach (string problem in v.Configuration.Problems) w.WriteStringValue(problem);
            w.WriteEndArray();
            w.WriteStartArray("failureEvidence");
            foreach (string line in v.FailureEvidence) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.Value);
            else w.WriteNull(name);
        }
    }
}
