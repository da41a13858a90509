using System;
using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    public sealed partial class UpdateExim4Conf
    {
        /// <summary>
        /// Sets <paramref name="name"/> so that sourcing the file gives back <paramref name="value"/> exactly and runs
        /// nothing. Replaces only the value word of the effective (last) assignment, keeping the rest of the line's
        /// bytes and, where the value allows it, the word's quoting style; otherwise writes <c>'...'</c> with <c>'\''</c>
        /// for embedded quotes. A missing name is appended as <c>NAME='value'</c> with the file's line end.
        /// Every edit is proven before it is kept: the rescanned file must give the new value and leave every other
        /// statement and variable exactly as sh read them before.
        /// </summary>
        /// <exception cref="ArgumentException">The name is not a shell name, or the value holds a control character
        /// (a newline or a C1 control among them) or a lone surrogate; the document is unchanged.</exception>
        /// <exception cref="InvalidOperationException">The file runs shell code whose effect on variables cannot be
        /// known (a here-document, control flow, <c>unset</c>, <c>readonly</c>, an expansion that assigns or may stop the
        /// shell, such as <c>${x=v}</c> or <c>${x?}</c>), or it is
        /// broken in a way that would swallow the new value or change another one; the document is unchanged.</exception>
        public void Set(string name, string value)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (value == null) throw new ArgumentNullException(nameof(value));
            ShellQuoting.CheckName(name);
            ShellQuoting.CheckValue(name, value);
            RefuseUnknowable(name);
            string stored = TextCodec.ForDocument(value, Encoding);
            ShellAssignment? a = _scan.FindLast(name);
            string? newText;
            ShellScan? newScan;
            if (a != null)
            {
                string word = ShellQuoting.Format(stored, a.Quoting);
                newText = TextEdit.Apply(Text, new List<TextEdit> { new TextEdit(a.WordStart, a.WordEnd - a.WordStart, word) });
                newScan = ReadsBack(_scan, Text, newText, name, stored);
            }
            else
            {
                newText = Append(name, stored, out newScan);
            }
            if (newText == null || newScan == null)
            {
                throw new InvalidOperationException("Cannot set " + name + ": the file is broken around where the value would go (see Diagnostics), so sh would not read it back, or would read another value differently.");
            }
            if (!string.Equals(newText, Text, StringComparison.Ordinal)) Replace(newText, newScan);
        }

        // A file whose effect on variables the scanner cannot know is not written to: a value could land in a
        // here-document, in a branch that never runs, before an unset or readonly, or be overridden by shell code.
        private void RefuseUnknowable(string name) => RefuseUnknowable("set", name);

        private void RefuseUnknowable(string verb, string name)
        {
            ShellStatement? code = _scan.FirstShellCode;
            if (code == null) return;
            LineMap.Locate(code.Start, out int line, out _);
            string shown = Exim4Diagnostics.Shorten(Text.Substring(code.Start, Math.Max(0, code.End - code.Start)));
            throw new InvalidOperationException("Cannot " + verb + " " + name + ": line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                " runs shell code (" + shown + ") whose effect on variables cannot be known (here-documents, control flow, unset, readonly, " +
                "expansions that assign or may stop the shell), so no edit could be proven to take effect; the file is left unchanged.");
        }

        // Candidates, each proven by rescanning: the file's own line end; an empty line first when the last line ends
        // in a backslash-newline (it would join the new line to a word); a bare LF in a CRLF file, where sh would
        // otherwise read the CR into the value; and, when the file ends without a newline (a final backslash there is
        // kept by sh and would join anything after it), the new line in front of the last line.
        private string? Append(string name, string stored, out ShellScan? scan)
        {
            string newline = NewlineStyle.Detect(Text);
            string lead = Text.Length > 0 && Text[Text.Length - 1] != '\n' ? newline : string.Empty;
            string line = name + "=" + ShellQuoting.SingleQuote(stored);
            var candidates = new List<string>
            {
                Text + lead + line + newline,
                Text + lead + newline + line + newline,
                Text + (lead.Length > 0 ? "\n" : string.Empty) + line + "\n",
            };
            if (lead.Length > 0 && _scan.Lines.Count > 0)
            {
                int start = _scan.Lines[_scan.Lines.Count - 1].Start;
                candidates.Add(Text.Substring(0, start) + line + newline + Text.Substring(start));
                candidates.Add(Text.Substring(0, start) + line + "\n" + Text.Substring(start));
            }
            foreach (string candidate in candidates)
            {
                scan = ReadsBack(_scan, Text, candidate, name, stored);
                if (scan != null) return candidate;
            }
            scan = null;
            return null;
        }

        // Proves an edit before keeping it: the rescanned text must give exactly this value back, run no shell code,
        // and read every other statement, assignment and problem the same as before (only the statement that holds
        // the new assignment may differ, and an appended assignment is left out wherever it landed). The scan is kept as
        // the document's new model, so proving costs nothing extra.
        private static ShellScan? ReadsBack(ShellScan before, string beforeText, string text, string name, string stored)
        {
            ShellScan scan = ShellScanner.Scan(text);
            ShellAssignment? written = scan.FindLast(name);
            if (written == null || !string.Equals(written.Value, stored, StringComparison.Ordinal) || scan.FirstShellCode != null) return null;
            List<string> was = Effects(before, beforeText, name, null);
            List<string> now = Effects(scan, text, name, before.FindLast(name) == null ? written : null);
            if (was.Count != now.Count) return null;
            for (int k = 0; k < was.Count; k++)
            {
                if (!string.Equals(was[k], now[k], StringComparison.Ordinal)) return null;
            }
            return scan;
        }

        // What sh does with the file, statement by statement, leaving out the value of the name being set and the
        // assignment an append added: kinds, commands, assignments with their values (or raw words when computed), and
        // every problem the scanner saw.
        private static List<string> Effects(ShellScan scan, string text, string name, ShellAssignment? added)
        {
            var list = new List<string>();
            foreach (ShellLine line in scan.Lines)
            {
                foreach (ShellStatement st in line.Statements)
                {
                    // An appended line may also continue the last statement (after a backslash-newline): its word is left out.
                    int words = st.WordStarts.Count - (added != null && ReferenceEquals(added.Statement, st) ? 1 : 0);
                    if (words == 0) continue;
                    list.Add("S" + ((int)st.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + st.CommandName + ":" +
                        words.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + (st.ExportWord >= 0 ? "x" : string.Empty));
                    foreach (ShellAssignment a in st.Assignments)
                    {
                        if (ReferenceEquals(a, added)) continue;
                        string value = a.Name == name ? "*" : a.Value != null ? "=" + a.Value : "?" + text.Substring(a.WordStart, a.WordEnd - a.WordStart);
                        list.Add("A" + (a.Persistent ? "p" : "t") + a.Name + value);
                    }
                }
            }
            foreach (ScanProblem p in scan.Problems)
            {
                list.Add("P" + p.Descriptor.Code + (p.Descriptor.Severity == DiagnosticSeverity.Error ? "!" : "") + p.Message);
            }
            return list;
        }

        /// <summary>
        /// Deletes every assignment of <paramref name="name"/>, so that sourcing leaves it unset; a line is deleted
        /// whole (its comment with it) when nothing else is on it, otherwise only the assignment and its separator go.
        /// </summary>
        /// <returns>True when something was removed.</returns>
        /// <exception cref="InvalidOperationException">The file runs shell code whose effect cannot be known (control flow,
        /// here-documents, unset, readonly): deleting an assignment there could leave an empty <c>then</c> body that sh
        /// refuses, so nothing is removed and the document is unchanged.</exception>
        public bool Remove(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            var edits = new List<TextEdit>();
            foreach (ShellLine line in _scan.Lines)
            {
                RemoveFromLine(line, name, edits);
            }
            // Found by the long fuzz runs: (seed 20261126, index 110040) an assignment alone in an if body, removed, left
            // "then\nfi", a syntax error for dash; (seed 20261127, index 638760) "name='a'<<EOF" with an unterminated
            // here-document sets the variable, but as shell code the scanner cannot model, so "false" (not set) was a lie.
            // Like Set, Remove neither writes into a file it cannot model nor claims such a file leaves the variable unset.
            RefuseUnknowable("remove", name);
            if (edits.Count == 0) return false;
            Replace(TextEdit.Apply(Text, edits));
            return true;
        }

        private void RemoveFromLine(ShellLine line, string name, List<TextEdit> edits)
        {
            List<ShellStatement> statements = line.Statements;
            var deleted = new bool[statements.Count];
            int deletedCount = 0, touched = 0;
            var wordEdits = new List<TextEdit>();
            for (int s = 0; s < statements.Count; s++)
            {
                ShellStatement st = statements[s];
                var removed = new bool[st.WordStarts.Count];
                int removedCount = 0;
                foreach (ShellAssignment a in st.Assignments)
                {
                    if (!a.Persistent || a.Name != name) continue;
                    removed[a.WordIndex] = true;
                    removedCount++;
                }
                if (removedCount == 0) continue;
                touched++;
                int remaining = st.WordStarts.Count - removedCount - (st.ExportWord >= 0 ? 1 : 0);
                if (remaining == 0)
                {
                    deleted[s] = true;
                    deletedCount++;
                }
                else
                {
                    AddWordEdits(st, removed, wordEdits);
                }
            }
            if (touched == 0) return;
            if (deletedCount == statements.Count)
            {
                edits.Add(new TextEdit(line.Start, line.End - line.Start, string.Empty));
                return;
            }
            edits.AddRange(wordEdits);
            AddStatementEdits(statements, deleted, edits);
        }

        // Words inside a statement that keeps other words: a word takes the blanks after it; a trailing run of removed
        // words takes the blanks before it instead, so no stray blank or separator is left behind.
        private static void AddWordEdits(ShellStatement st, bool[] removed, List<TextEdit> edits)
        {
            int count = removed.Length;
            int tail = count;
            while (tail > 0 && removed[tail - 1]) tail--;
            for (int w = 0; w < tail; w++)
            {
                if (removed[w]) edits.Add(new TextEdit(st.WordStarts[w], st.WordStarts[w + 1] - st.WordStarts[w], string.Empty));
            }
            if (tail < count)
            {
                int from = st.WordEnds[tail - 1];
                edits.Add(new TextEdit(from, st.WordEnds[count - 1] - from, string.Empty));
            }
        }

        // Whole statements on a line that keeps others: one with a ';' goes with it and the blanks after it; a trailing
        // run of deleted statements goes with the ';' of the last kept one.
        private void AddStatementEdits(List<ShellStatement> statements, bool[] deleted, List<TextEdit> edits)
        {
            int count = statements.Count;
            int tail = count;
            while (tail > 0 && deleted[tail - 1]) tail--;
            for (int s = 0; s < tail; s++)
            {
                if (!deleted[s]) continue;
                ShellStatement st = statements[s];
                int end = ShellScanner.SkipBlanks(Text, st.Terminator + 1);
                edits.Add(new TextEdit(st.Start, end - st.Start, string.Empty));
            }
            if (tail < count)
            {
                ShellStatement kept = statements[tail - 1];
                ShellStatement last = statements[count - 1];
                int end = last.Terminator >= 0 ? last.Terminator + 1 : last.End;
                edits.Add(new TextEdit(kept.End, end - kept.End, string.Empty));
            }
        }
    }
}
