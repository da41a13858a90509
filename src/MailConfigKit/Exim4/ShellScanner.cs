using MailConfigKit.Text;


namespace MailConfigKit.Exim4
{
    /// <summary>
    /// The file-level scanner: splits the text into logical lines, statements and words as dash does when it sources
    /// the file. Hand-written (no Sprache) because it runs over every character; never throws.
    /// </summary>
    internal static class ShellScanner
    {
        public static ShellScan Scan(string text)
        {
            var scan = new ShellScan();
            var reader = new ShellWordReader(text);
            int i = 0;
            while (i < text.Length)
            {
                var line = new ShellLine { Start = i };
                i = ScanLine(text, i, line, scan, reader);
                line.End = i;
                scan.Lines.Add(line);
            }
            return scan;
        }

        /// <summary>Scans one logical line from <paramref name="i"/>; returns the offset after its newline.</summary>
        private static int ScanLine(string text, int i, ShellLine line, ShellScan scan, ShellWordReader reader)
        {
            int n = text.Length;
            while (true)
            {
                i = SkipBlanks(text, i);
                if (i >= n) return n;
                char c = text[i];
                if (c == '\n') return i + 1;
                if (c == '#')
                {
                    line.CommentStart = i;
                    int nl = text.IndexOf('\n', i);
                    return nl < 0 ? n : nl + 1;
                }
                var st = new ShellStatement { Start = i, Line = line };
                line.Statements.Add(st);
                if (ShellWordReader.EndsWord(c))
                {
                    // A statement cannot start with an operator: dash refuses the whole line.
                    st.Kind = StatementKind.SyntaxError;
                    scan.Problems.Add(new ScanProblem(DiagnosticCodes.Exim4SyntaxError, i, "Syntax error: \"" + c + "\" unexpected", true));
                    Taint(scan, st);
                    return FinishRest(text, i, st);
                }
                i = ScanStatement(text, i, st, scan, reader);
                i = SkipBlanks(text, i);
                if (i < n && text[i] == ';')
                {
                    st.Terminator = i;
                    i++;
                    continue;
                }
                if (i < n && (text[i] == '(' || text[i] == ')') && !IsFunctionDefinition(text, i, st))
                {
                    // After words, '(' or ')' is a syntax error to dash (only NAME() starts a function).
                    st.Kind = StatementKind.SyntaxError;
                    scan.Problems.Add(new ScanProblem(DiagnosticCodes.Exim4SyntaxError, i, "Syntax error: \"" + text[i] + "\" unexpected", true));
                    MarkNotPersistent(st);
                    Taint(scan, st);
                    return FinishRest(text, i, st);
                }
                if (i < n && text[i] != '\n' && text[i] != '#')
                {
                    // Pipes, background jobs, redirections and subshells: shell code whose effect we do not model.
                    if (st.Kind != StatementKind.SyntaxError) st.Kind = StatementKind.ShellCode;
                    MarkNotPersistent(st);
                    Taint(scan, st);
                    return FinishRest(text, i, st);
                }
            }
        }

        private static bool IsFunctionDefinition(string text, int i, ShellStatement st) =>
            text[i] == '(' && st.Kind == StatementKind.Command && st.WordStarts.Count == 1 && st.Assignments.Count == 0 &&
            ShellNames.IsValidName(st.CommandName) && text.IndexOf(')', i) > i;

        private static int FinishRest(string text, int i, ShellStatement st)
        {
            int end = SkipRest(text, i);
            st.End = end;
            return end < text.Length ? end + 1 : end;
        }

        private static int ScanStatement(string text, int i, ShellStatement st, ShellScan scan, ShellWordReader reader)
        {
            int n = text.Length;
            bool commandSeen = false, exportMode = false;
            st.End = i;
            while (true)
            {
                i = SkipBlanks(text, i);
                if (i >= n) break;
                char c = text[i];
                if (c == '#' || ShellWordReader.EndsWord(c)) break;
                int wordStart = i;
                int nameLength = !commandSeen || exportMode ? ShellNames.AssignmentNameLength(text, i) : 0;
                if (nameLength > 0)
                {
                    var a = new ShellAssignment
                    {
                        Name = text.Substring(i, nameLength),
                        NameStart = i,
                        WordStart = i + nameLength + 1,
                        Statement = st,
                        WordIndex = st.WordStarts.Count,
                    };
                    i = reader.Read(a.WordStart, tildeAtStart: true);
                    a.WordEnd = i;
                    a.Quoting = reader.Quoting;
                    a.ComputedAt = reader.ComputedAt;
                    a.Value = reader.ComputedAt < 0 ? reader.Value : null;
                    st.Assignments.Add(a);
                    scan.Assignments.Add(a);
                }
                else
                {
                    i = reader.Read(i, tildeAtStart: false);
                    string raw = text.Substring(wordStart, i - wordStart);
                    if (!commandSeen)
                    {
                        commandSeen = true;
                        st.CommandOffset = wordStart;
                        st.CommandName = reader.ComputedAt < 0 ? reader.Value : raw;
                        if (raw == "export")
                        {
                            exportMode = true;
                            st.ExportWord = st.WordStarts.Count;
                        }
                        else
                        {
                            // Quotes only make a keyword an ordinary (not found) command name; expansions make it unknowable.
                            bool code = reader.ComputedAt >= 0 || (!reader.HadQuoting && ShellNames.IsSpecial(raw));
                            st.Kind = code ? StatementKind.ShellCode : StatementKind.Command;
                        }
                    }
                    else if (exportMode && (reader.ComputedAt >= 0 || !ShellNames.IsValidName(raw)))
                    {
                        st.Kind = StatementKind.ShellCode;
                    }
                }
                if (reader.Assigns) Taint(scan, st);
                if (reader.UnterminatedAt >= 0)
                {
                    st.Kind = StatementKind.SyntaxError;
                    scan.Problems.Add(new ScanProblem(DiagnosticCodes.Exim4Unterminated, reader.UnterminatedAt, reader.UnterminatedMessage, true));
                }
                st.WordStarts.Add(wordStart);
                st.WordEnds.Add(i);
                st.End = i;
            }
            if (st.Kind == StatementKind.Assignments)
            {
                foreach (ShellAssignment a in st.Assignments) a.Persistent = true;
            }
            else
            {
                MarkNotPersistent(st);
                if (st.Kind == StatementKind.ShellCode) Taint(scan, st);
            }
            return i;
        }

        private static void MarkNotPersistent(ShellStatement st)
        {
            foreach (ShellAssignment a in st.Assignments) a.Persistent = false;
        }

        private static void Taint(ShellScan scan, ShellStatement st)
        {
            if (scan.FirstShellCode == null) scan.FirstShellCode = st;
        }

        /// <summary>Skips blanks and backslash-newlines (which the shell deletes before it splits words).</summary>
        internal static int SkipBlanks(string text, int i)
        {
            int n = text.Length;
            while (i < n)
            {
                char c = text[i];
                if (c == ' ' || c == '\t') i++;
                else if (c == '\\' && i + 1 < n && text[i + 1] == '\n') i += 2;
                else break;
            }
            return i;
        }

        /// <summary>Skips to the newline that ends the logical line (quotes and substitutions may contain newlines).</summary>
        private static int SkipRest(string text, int i)
        {
            int n = text.Length;
            bool wordStart = true;
            while (i < n)
            {
                char c = text[i];
                if (c == '\n') return i;
                if (c == '#' && wordStart)
                {
                    int nl = text.IndexOf('\n', i);
                    return nl < 0 ? n : nl;
                }
                int next = ShellSkipper.SkipQuotedPart(text, i);
                if (next == i) next = c == '$' && i + 1 < n && text[i + 1] == '(' ? ShellSkipper.SkipParens(text, i + 2, 1) : i + 1;
                wordStart = c == ' ' || c == '\t' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')';
                i = next < 0 ? n : next;
            }
            return n;
        }
    }
}
