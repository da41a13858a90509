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
                sink.List.Add(p.Descriptor.CreateWithMessage(doc, p.Offset, p.Message));
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
                sink.Add(UpdateExim4ConfDescriptors.MacroLine, doc.LineMap.StartOf(m.Line), m.Text);
            }
            Exim4TypedChecks.Add(doc, sink);
            return sink.List;
        }

        private static void CheckCarriageReturn(string text, Sink sink)
        {
            int cr = text.IndexOf("\r\n", System.StringComparison.Ordinal);
            if (cr < 0) return;
            sink.Add(UpdateExim4ConfDescriptors.CarriageReturn, cr);
        }

        private static void CheckStatement(UpdateExim4Conf doc, ShellStatement st, ShellStatement? previous, Sink sink)
        {
            switch (st.Kind)
            {
                case StatementKind.ShellCode:
                    sink.Add(UpdateExim4ConfDescriptors.ShellCode, st.Start, Shorten(doc.Text.Substring(st.Start, st.End - st.Start)));
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
            int at = st.CommandOffset;
            if (at == 0 && command.Length > 0 && command[0] == '\uFEFF')
            {
                sink.Add(UpdateExim4ConfDescriptors.ByteOrderMark, at, shown);
                return;
            }
            if (command.IndexOf('\r') >= 0)
            {
                sink.Add(UpdateExim4ConfDescriptors.CarriageReturnCommand, at, shown);
                return;
            }
            if (previous != null && previous.Terminator >= 0 && previous.Kind == StatementKind.Assignments && previous.Assignments.Count > 0)
            {
                string name = previous.Assignments[previous.Assignments.Count - 1].Name;
                sink.Add(UpdateExim4ConfDescriptors.UnquotedSemicolon, previous.Terminator, name, shown);
                return;
            }
            if (st.Assignments.Count > 0)
            {
                string name = st.Assignments[0].Name;
                sink.Add(UpdateExim4ConfDescriptors.BlankEndsValue, at, name, shown);
                return;
            }
            bool equalsNext = st.WordStarts.Count > 1 && doc.Text[st.WordStarts[1]] == '=';
            sink.Add(equalsNext ? UpdateExim4ConfDescriptors.BlanksAroundEquals : UpdateExim4ConfDescriptors.CommandNotFound, at, shown);
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
                    sink.Add(UpdateExim4ConfDescriptors.Duplicate, a.NameStart, a.Name);
                }
                if (a.Value == null)
                {
                    sink.Add(UpdateExim4ConfDescriptors.ComputedValue, a.ComputedAt, a.Name);
                    continue;
                }
                if (!ReferenceEquals(last[a.Name], a)) continue;
                if (a.Value.IndexOf('\n') >= 0)
                {
                    sink.Add(UpdateExim4ConfDescriptors.MultiLineValue, a.WordStart, a.Name);
                }
                if (PostinstKeys.Contains(a.Name) && a.Value.IndexOf('\'') >= 0)
                {
                    sink.Add(UpdateExim4ConfDescriptors.QuoteRewrittenByPostinst, a.WordStart, a.Name);
                }
            }
        }

        /// <summary>Shell code as a message quotes it: its first line, at most 60 characters.</summary>
        internal static string Shorten(string s)
        {
            int nl = s.IndexOf('\n');
            if (nl >= 0) s = s.Substring(0, nl) + " ...";
            return s.Length > 60 ? s.Substring(0, 57) + "..." : s;
        }

        /// <summary>Collects the document's diagnostics, located with its line map.</summary>
        internal sealed class Sink
        {
            private readonly UpdateExim4Conf _doc;

            public Sink(UpdateExim4Conf doc) => _doc = doc;

            public List<Diagnostic> List { get; } = new List<Diagnostic>();

            public void Add(DiagnosticDescriptor descriptor, int offset, params object?[] args) => List.Add(descriptor.Create(_doc, offset, args));
        }
    }
}
