using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>Computes an update-exim4.conf.conf's diagnostics on demand, in dash's and update-exim4.conf's words.</summary>
    internal static class Exim4Diagnostics
    {
        // The keys Debian's postinst rewrites as NAME='VALUE' without escaping (dc_directives, spec E5b).
        private static readonly HashSet<string> PostinstKeys = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "dc_eximconfig_configtype", "dc_other_hostnames", "dc_local_interfaces", "dc_readhost", "dc_relay_domains",
            "dc_minimaldns", "dc_relay_nets", "dc_smarthost", "CFILEMODE", "dc_use_split_config", "dc_hide_mailname",
            "dc_mailname_in_oh", "dc_localdelivery",
        };

        public static IReadOnlyList<Diagnostic> Compute(UpdateExim4Conf doc)
        {
            var sink = new Sink(doc);
            ShellScan scan = doc.Scan;
            string text = doc.Text;
            CheckCarriageReturn(text, sink);
            foreach (ScanProblem p in scan.Problems)
            {
                sink.Add(p.Code, p.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, p.Offset, p.Message);
            }
            foreach (ShellLine line in scan.Lines)
            {
                ShellStatement? previous = null;
                foreach (ShellStatement st in line.Statements)
                {
                    CheckStatement(doc, st, previous, sink);
                    previous = st;
                }
            }
            CheckAssignments(doc, sink);
            foreach (Exim4Macro m in doc.Macros)
            {
                sink.AddAtLine(DiagnosticCodes.Exim4MacroLine, DiagnosticSeverity.Info, m.Line,
                    "undocumented line " + m.Text + " found, update-exim4.conf generates an exim macro from it (raw text, lower-cased value)");
            }
            Exim4TypedChecks.Add(doc, sink);
            return sink.List;
        }

        private static void CheckCarriageReturn(string text, Sink sink)
        {
            int cr = text.IndexOf("\r\n", System.StringComparison.Ordinal);
            if (cr < 0) return;
            sink.Add(DiagnosticCodes.Exim4CarriageReturn, DiagnosticSeverity.Error, cr,
                "CRLF line ends: sh keeps the CR as part of each line, so a CR-only line aborts update-exim4.conf with \"^M: not found\" and values end in a CR");
        }

        private static void CheckStatement(UpdateExim4Conf doc, ShellStatement st, ShellStatement? previous, Sink sink)
        {
            switch (st.Kind)
            {
                case StatementKind.ShellCode:
                    sink.Add(DiagnosticCodes.Exim4ShellCode, DiagnosticSeverity.Warning, st.Start,
                        "sh executes shell code here (" + Shorten(doc.Text.Substring(st.Start, st.End - st.Start)) + "); its effect on variables cannot be known, so no values are reported for this file");
                    break;
                case StatementKind.Command:
                    CheckCommand(doc, st, previous, sink);
                    break;
            }
        }

        private static void CheckCommand(UpdateExim4Conf doc, ShellStatement st, ShellStatement? previous, Sink sink)
        {
            string command = st.CommandName ?? string.Empty;
            string shown = command.Replace("\r", "^M").Replace("\uFEFF", "M-oM-;M-?");
            string notFound = "\"" + shown + ": not found\"";
            int at = st.CommandOffset;
            if (at == 0 && command.Length > 0 && command[0] == '\uFEFF')
            {
                sink.Add(DiagnosticCodes.Exim4ByteOrderMark, DiagnosticSeverity.Error, at,
                    "a UTF-8 byte order mark is glued to the first word, so sh runs it as a command and update-exim4.conf aborts with " + notFound);
                return;
            }
            if (command.IndexOf('\r') >= 0)
            {
                sink.Add(DiagnosticCodes.Exim4CarriageReturn, DiagnosticSeverity.Error, at,
                    "sh runs the carriage return as a command: update-exim4.conf aborts with " + notFound);
                return;
            }
            if (previous != null && previous.Terminator >= 0 && previous.Kind == StatementKind.Assignments && previous.Assignments.Count > 0)
            {
                string name = previous.Assignments[previous.Assignments.Count - 1].Name;
                sink.Add(DiagnosticCodes.Exim4UnquotedSemicolon, DiagnosticSeverity.Error, previous.Terminator,
                    "an unquoted ';' ends the value of " + name + " and sh runs \"" + shown + "\" as a command: update-exim4.conf aborts with " + notFound + "; quote the whole value");
                return;
            }
            if (st.Assignments.Count > 0)
            {
                string name = st.Assignments[0].Name;
                sink.Add(DiagnosticCodes.Exim4CommandNotFound, DiagnosticSeverity.Error, at,
                    "a blank ends the unquoted value of " + name + ", so sh runs \"" + shown + "\" as a command with " + name + " only in its environment: update-exim4.conf aborts with " + notFound + "; quote the whole value");
                return;
            }
            bool equalsNext = st.WordStarts.Count > 1 && doc.Text[st.WordStarts[1]] == '=';
            sink.Add(DiagnosticCodes.Exim4CommandNotFound, DiagnosticSeverity.Error, at, equalsNext
                ? "blanks around '=': sh runs \"" + shown + "\" as a command, update-exim4.conf aborts with " + notFound + "; write NAME=VALUE without blanks"
                : "sh runs \"" + shown + "\" as a command: update-exim4.conf aborts with " + notFound);
        }

        private static void CheckAssignments(UpdateExim4Conf doc, Sink sink)
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            var last = new Dictionary<string, ShellAssignment>(System.StringComparer.Ordinal);
            foreach (ShellAssignment a in doc.Scan.Assignments)
            {
                if (a.Persistent) last[a.Name] = a;
            }
            foreach (ShellAssignment a in doc.Scan.Assignments)
            {
                if (!a.Persistent) continue;
                if (!seen.Add(a.Name))
                {
                    sink.Add(DiagnosticCodes.Exim4Duplicate, DiagnosticSeverity.Info, a.NameStart, a.Name + " is assigned more than once; the last assignment wins");
                }
                if (a.Value == null)
                {
                    sink.Add(DiagnosticCodes.Exim4ComputedValue, DiagnosticSeverity.Warning, a.ComputedAt,
                        "the value of " + a.Name + " is computed at run time by sh (as root, when update-exim4.conf runs); no static value is reported");
                    continue;
                }
                if (!ReferenceEquals(last[a.Name], a)) continue;
                if (a.Value.IndexOf('\n') >= 0)
                {
                    sink.Add(DiagnosticCodes.Exim4MultiLineValue, DiagnosticSeverity.Warning, a.WordStart,
                        "the value of " + a.Name + " spans lines; update-exim4.conf copies the newline into exim's configuration");
                }
                if (PostinstKeys.Contains(a.Name) && a.Value.IndexOf('\'') >= 0)
                {
                    sink.Add(DiagnosticCodes.Exim4QuoteRewrittenByPostinst, DiagnosticSeverity.Warning, a.WordStart,
                        "the value of " + a.Name + " contains a ' and dpkg-reconfigure exim4-config rewrites it as " + a.Name + "='VALUE' without escaping, which leaves a broken file");
                }
            }
        }

        private static string Shorten(string s)
        {
            int nl = s.IndexOf('\n');
            if (nl >= 0) s = s.Substring(0, nl) + " ...";
            return s.Length > 60 ? s.Substring(0, 57) + "..." : s;
        }

        /// <summary>Collects diagnostics with positions computed from offsets.</summary>
        internal sealed class Sink
        {
            private readonly UpdateExim4Conf _doc;
            private readonly LinePositions _positions;

            public Sink(UpdateExim4Conf doc)
            {
                _doc = doc;
                _positions = new LinePositions(doc.Text);
            }

            public List<Diagnostic> List { get; } = new List<Diagnostic>();

            public void Add(string code, DiagnosticSeverity severity, int offset, string message)
            {
                _positions.Locate(offset, out int line, out int column);
                List.Add(new Diagnostic(code, severity, message, _doc.FilePath, line, column, offset));
            }

            public void AddAtLine(string code, DiagnosticSeverity severity, int line, string message)
            {
                int offset = _positions.StartOf(line);
                List.Add(new Diagnostic(code, severity, message, _doc.FilePath, line, 1, offset));
            }
        }
    }
}
