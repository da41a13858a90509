using System.Collections.Generic;
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
            // dash deletes NUL bytes as it reads its input: scan the text it sees, then map offsets back.
            if (text.IndexOf('\0') >= 0)
            {
                var map = new List<int>(text.Length + 1);
                var sb = new System.Text.StringBuilder(text.Length);
                for (int k = 0; k < text.Length; k++)
                {
                    if (text[k] == '\0') continue;
                    map.Add(k);
                    sb.Append(text[k]);
                }
                map.Add(text.Length);
                ShellScan stripped = ScanText(sb.ToString());
                Remap(stripped, map);
                return stripped;
            }
            return ScanText(text);
        }

        private static ShellScan ScanText(string text)
        {
            var scan = new ShellScan();
            var reader = new ShellWordReader(text);
            var report = new SkipReport();
            int i = 0;
            while (i < text.Length)
            {
                var line = new ShellLine { Start = i };
                i = ScanLine(text, i, line, scan, reader, report);
                line.End = i;
                scan.Lines.Add(line);
            }
            EndOfFile(scan);
            return scan;
        }

        // An end offset maps to the original index of the character it points at, so NULs before a character stay
        // with the span that follows and every original character still belongs to exactly one line.
        private static void Remap(ShellScan scan, List<int> map)
        {
            int M(int offset) => offset < 0 ? offset : map[offset];
            foreach (ShellLine line in scan.Lines)
            {
                line.Start = M(line.Start);
                line.End = M(line.End);
                line.CommentStart = M(line.CommentStart);
                foreach (ShellStatement st in line.Statements)
                {
                    st.Start = M(st.Start);
                    st.End = M(st.End);
                    st.Terminator = M(st.Terminator);
                    st.CommandOffset = M(st.CommandOffset);
                    for (int w = 0; w < st.WordStarts.Count; w++)
                    {
                        st.WordStarts[w] = M(st.WordStarts[w]);
                        st.WordEnds[w] = M(st.WordEnds[w]);
                    }
                }
            }
            if (scan.Lines.Count > 0) scan.Lines[0].Start = 0;
            foreach (ShellAssignment a in scan.Assignments)
            {
                a.NameStart = M(a.NameStart);
                a.WordStart = M(a.WordStart);
                a.WordEnd = M(a.WordEnd);
                a.ComputedAt = M(a.ComputedAt);
            }
            for (int k = 0; k < scan.Problems.Count; k++)
            {
                ScanProblem p = scan.Problems[k];
                scan.Problems[k] = p.MovedTo(M(p.Offset));
            }
        }

        /// <summary>Scans one logical line from <paramref name="i"/>; returns the offset after its newline.</summary>
        private static int ScanLine(string text, int i, ShellLine line, ShellScan scan, ShellWordReader reader, SkipReport report)
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
                if (c == '<' || c == '>' || c == '(')
                {
                    // A redirection with no command word (<<EOF alone is a here-document) or a subshell: shell code.
                    st.Kind = StatementKind.ShellCode;
                    Taint(scan, st);
                    return FinishRest(text, i, st, scan, report);
                }
                if (ShellWordReader.EndsWord(c))
                {
                    // A statement cannot start with an operator: dash refuses the whole line.
                    st.Kind = StatementKind.SyntaxError;
                    scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.SyntaxError, i, c));
                    Taint(scan, st);
                    return FinishRest(text, i, st, scan, report);
                }
                i = ScanStatement(text, i, st, scan, reader);
                i = SkipBlanks(text, i);
                if (i < n && OpensEmptyList(text, i, st))
                {
                    // "{;}", "if ;", "! &": a keyword that needs a command list met an operator instead. dash refuses
                    // the whole line at parse time, before it runs anything on it.
                    st.Kind = StatementKind.SyntaxError;
                    scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.SyntaxError, i, text[i]));
                    MarkNotPersistent(st);
                    Taint(scan, st);
                    return FinishRest(text, i, st, scan, report);
                }
                if (i < n && text[i] == ';')
                {
                    st.Terminator = i;
                    i++;
                    continue;
                }
                if (i < n && (text[i] == '(' || text[i] == ')') && !IsFunctionDefinition(text, i, st, scan))
                {
                    // After words, '(' or ')' is a syntax error to dash (only NAME() starts a function).
                    st.Kind = StatementKind.SyntaxError;
                    scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.SyntaxError, i, text[i]));
                    MarkNotPersistent(st);
                    Taint(scan, st);
                    return FinishRest(text, i, st, scan, report);
                }
                if (i < n && text[i] != '\n' && text[i] != '#')
                {
                    // Pipes, background jobs, redirections and subshells: shell code whose effect we do not model.
                    if (st.Kind != StatementKind.SyntaxError) st.Kind = StatementKind.ShellCode;
                    MarkNotPersistent(st);
                    Taint(scan, st);
                    return FinishRest(text, i, st, scan, report);
                }
            }
        }

        // Keywords after which dash's grammar needs a command: an operator right after one is a syntax error.
        private static bool OpensEmptyList(string text, int i, ShellStatement st)
        {
            char c = text[i];
            if (c != ';' && c != '&' && c != '|' && c != ')') return false;
            if (st.Kind != StatementKind.ShellCode || st.WordStarts.Count != 1 || st.Assignments.Count != 0) return false;
            switch (st.CommandName)
            {
                case "{":
                case "if":
                case "then":
                case "else":
                case "elif":
                case "do":
                case "while":
                case "until":
                case "!":
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsFunctionDefinition(string text, int i, ShellStatement st, ShellScan scan)
        {
            bool function = text[i] == '(' && st.Kind == StatementKind.Command && st.WordStarts.Count == 1 && st.Assignments.Count == 0 &&
                ShellNames.IsValidName(st.CommandName) && ClosesRightAway(text, i + 1);
            if (function) scan.SawFunction = true;
            return function;
        }

        // NAME() needs only blanks between the parentheses; looking no further keeps the scan linear.
        private static bool ClosesRightAway(string text, int i)
        {
            i = SkipBlanks(text, i);
            return i < text.Length && text[i] == ')';
        }

        // The rest of a logical line after shell code, then the bodies of its here-documents (opaque text that belongs
        // to this line: nothing in them is ever an assignment).
        private static int FinishRest(string text, int i, ShellStatement st, ShellScan scan, SkipReport report)
        {
            var heredocs = new List<Heredoc>();
            int end = SkipRest(text, i, heredocs, scan, report);
            st.End = end;
            if (end >= text.Length) return text.Length;
            return heredocs.Count > 0 ? ShellSkipper.SkipHeredocBodies(text, end + 1, heredocs) : end + 1;
        }

        private static int ScanStatement(string text, int i, ShellStatement st, ShellScan scan, ShellWordReader reader)
        {
            int n = text.Length;
            bool commandSeen = false, exportMode = false;
            // After "{", "if", "then", "else", "elif", "do", "while", "until" or "!" the next word starts a command too, so
            // a reserved word there opens or closes a block ("then { x=1; }; fi" is balanced).
            bool commandNext = false;
            List<BadSubstitution>? badSubstitutions = null;
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
                        Name = ShellNames.AssignmentName(text, i, nameLength),
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
                        // The word as dash sees it: quotes removed and line continuations deleted.
                        string word = reader.ComputedAt < 0 ? reader.Value : raw;
                        st.CommandName = word;
                        if (!reader.HadQuoting && word == "export")
                        {
                            exportMode = true;
                            st.ExportWord = st.WordStarts.Count;
                        }
                        else
                        {
                            // Quotes make a keyword an ordinary (not found) command name, and after an assignment prefix
                            // a reserved word is one too ("}: not found"). A builtin is looked up after quote removal, so
                            // a quoted special builtin ('\:', "set") is still one and keeps the assignments in front of
                            // it. Expansions make the command unknowable.
                            bool reserved = ShellNames.IsReservedWord(word);
                            bool keyword = reserved && !reader.HadQuoting && st.Assignments.Count == 0;
                            bool builtin = !reserved && ShellNames.IsSpecial(word);
                            bool code = reader.ComputedAt >= 0 || keyword || builtin;
                            st.Kind = code ? StatementKind.ShellCode : StatementKind.Command;
                            if (code && reader.ComputedAt < 0 && st.Assignments.Count == 0 && !Balance(word, wordStart, scan))
                            {
                                st.Kind = StatementKind.SyntaxError;
                                scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.SyntaxError, wordStart, raw));
                            }
                            commandNext = keyword && IntroducesCommand(word);
                        }
                    }
                    else if (commandNext)
                    {
                        string word = reader.ComputedAt < 0 ? reader.Value : raw;
                        bool keyword = reader.ComputedAt < 0 && !reader.HadQuoting && ShellNames.IsReservedWord(word);
                        if (keyword && !Balance(word, wordStart, scan) && st.Kind != StatementKind.SyntaxError)
                        {
                            st.Kind = StatementKind.SyntaxError;
                            scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.SyntaxError, wordStart, raw));
                        }
                        commandNext = keyword && IntroducesCommand(word);
                    }
                    else if (exportMode && (reader.ComputedAt >= 0 || !ShellNames.IsValidName(raw)))
                    {
                        st.Kind = StatementKind.ShellCode;
                    }
                }
                if (reader.AffectsShell) Taint(scan, st);
                // A prefix assignment is expanded whenever its statement runs, whatever the command word turns out to be.
                bool prefix = nameLength > 0 && !commandSeen;
                if (reader.BadSubstitutionAt >= 0) (badSubstitutions ??= new List<BadSubstitution>()).Add(new BadSubstitution(reader.BadSubstitutionAt, false, prefix));
                if (reader.ConditionalBadSubstitutionAt >= 0) (badSubstitutions ??= new List<BadSubstitution>()).Add(new BadSubstitution(reader.ConditionalBadSubstitutionAt, true, prefix));
                if (reader.UnterminatedAt >= 0)
                {
                    st.Kind = StatementKind.SyntaxError;
                    scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.Unterminated, reader.UnterminatedAt, reader.UnterminatedMessage));
                }
                st.WordStarts.Add(wordStart);
                st.WordEnds.Add(i);
                st.End = i;
            }
            if (badSubstitutions != null) AddBadSubstitutions(st, badSubstitutions, scan);
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

        private readonly struct BadSubstitution
        {
            public BadSubstitution(int at, bool conditional, bool prefix)
            {
                At = at;
                Conditional = conditional;
                Prefix = prefix;
            }

            public int At { get; }

            public bool Conditional { get; }

            public bool Prefix { get; }
        }

        // dash checks a ${...} form only when it expands it: an error for a word every run expands, a warning where
        // shell code (an open if/while/case, a function body, a builtin's argument) or another expansion decides
        // whether it is expanded at all.
        private static void AddBadSubstitutions(ShellStatement st, List<BadSubstitution> found, ShellScan scan)
        {
            foreach (BadSubstitution b in found)
            {
                bool certain = !b.Conditional && (b.Prefix || st.Kind != StatementKind.ShellCode) && scan.Open.Count == 0 && !scan.SawFunction;
                scan.Problems.Add(certain
                    ? new ScanProblem(UpdateExim4ConfDescriptors.BadSubstitution, b.At)
                    : new ScanProblem(UpdateExim4ConfDescriptors.BadSubstitutionNotReached, b.At));
            }
        }

        // Reserved words that close or continue a compound command are a syntax error to dash when nothing is open
        // (a stray "}" left over after a ${...} ended early, a "fi" without "if"). Functions hide their braces on
        // the line the scanner skips, so the count stops once one is seen.
        private static bool Balance(string word, int at, ShellScan scan)
        {
            switch (word)
            {
                case "if":
                case "case":
                case "while":
                case "until":
                case "for":
                case "{":
                    scan.Open.Add(new KeyValuePair<int, string>(at, Closer(word)));
                    return true;
                case "fi":
                case "esac":
                case "done":
                case "}":
                    if (scan.Open.Count == 0) return scan.SawFunction;
                    scan.Open.RemoveAt(scan.Open.Count - 1);
                    return true;
                case "then":
                case "else":
                case "elif":
                case "do":
                    return scan.Open.Count > 0 || scan.SawFunction;
                default:
                    return true;
            }
        }

        private static bool IntroducesCommand(string word) =>
            word == "{" || word == "if" || word == "then" || word == "else" || word == "elif" || word == "do" || word == "while" || word == "until" || word == "!";

        private static string Closer(string opener) => opener switch
        {
            "if" => "fi",
            "case" => "esac",
            "{" => "}",
            _ => "done",
        };

        // A compound command still open at the end of the file: dash reads to the end looking for its closing word and
        // stops with "end of file unexpected" (seed 910010: "{ ?}'b'" opens a group whose "}" is glued into a word).
        // Unless the text already ended inside a quote or substitution (dash reports that instead), or a function hid
        // braces from the count.
        private static void EndOfFile(ShellScan scan)
        {
            if (scan.Open.Count == 0 || scan.SawFunction) return;
            // case ... esac is not modelled (its patterns' parentheses are): its count proves nothing.
            if (scan.Open.Exists(o => o.Value == "esac")) return;
            foreach (ScanProblem p in scan.Problems)
            {
                if (p.Descriptor == UpdateExim4ConfDescriptors.Unterminated) return;
            }
            KeyValuePair<int, string> innermost = scan.Open[scan.Open.Count - 1];
            scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.Unterminated, innermost.Key,
                "Syntax error: end of file unexpected (expecting \"" + innermost.Value + "\")"));
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

        /// <summary>
        /// Skips to the newline that ends the logical line (quotes and substitutions may contain newlines), collecting
        /// here-document operators on the way.
        /// </summary>
        private static int SkipRest(string text, int i, List<Heredoc> heredocs, ShellScan scan, SkipReport report)
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
                if (c == '<' && i + 1 < n && text[i + 1] == '<')
                {
                    int next = ShellSkipper.ReadHeredocOperator(text, i, out Heredoc? h);
                    if (h != null) heredocs.Add(h);
                    else if (next >= 0) scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.HereDocumentWithoutDelimiter, i));
                    else scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.Unterminated, i, "Syntax error: Unterminated quoted string"));
                    if (next < 0) return n;
                    i = next;
                    wordStart = true;
                    continue;
                }
                report.Reset();
                int end = ShellSkipper.SkipQuotedPart(text, i, report);
                if (end < 0)
                {
                    scan.Problems.Add(new ScanProblem(UpdateExim4ConfDescriptors.Unterminated, i, report.UnterminatedMessage));
                    return n;
                }
                wordStart = end == i && (c == ' ' || c == '\t' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>');
                i = end == i ? i + 1 : end;
            }
            return n;
        }
    }
}
