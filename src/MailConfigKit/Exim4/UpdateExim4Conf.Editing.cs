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
        /// </summary>
        /// <exception cref="ArgumentException">The name is not a shell name, or the value holds a control character
        /// (a newline among them); the document is unchanged.</exception>
        /// <exception cref="InvalidOperationException">The file is broken in a way that would swallow the new value
        /// (for example an unterminated quote before it); the document is unchanged.</exception>
        public void Set(string name, string value)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (value == null) throw new ArgumentNullException(nameof(value));
            ShellQuoting.CheckName(name);
            ShellQuoting.CheckValue(name, value);
            string stored = TextCodec.ForDocument(value, Encoding);
            ShellAssignment? a = _scan.FindLast(name);
            string? newText;
            ShellScan? newScan;
            if (a != null)
            {
                string word = ShellQuoting.Format(stored, a.Quoting);
                newText = TextEdit.Apply(Text, new List<TextEdit> { new TextEdit(a.WordStart, a.WordEnd - a.WordStart, word) });
                newScan = ReadsBack(newText, name, stored);
            }
            else
            {
                newText = Append(name, stored, out newScan);
            }
            if (newText == null || newScan == null)
            {
                throw new InvalidOperationException("Cannot set " + name + ": the file is broken around where the value would go (see Diagnostics), so sh would not read it back.");
            }
            if (!string.Equals(newText, Text, StringComparison.Ordinal)) Replace(newText, newScan);
        }

        // Candidates, each proven by rescanning: the file's own line end; an empty line first when the last line ends
        // in a backslash-newline (it would join the new line to a word); a bare LF in a CRLF file, where sh would
        // otherwise read the CR into the value.
        private string? Append(string name, string stored, out ShellScan? scan)
        {
            string newline = NewlineStyle.Detect(Text);
            string lead = Text.Length > 0 && Text[Text.Length - 1] != '\n' ? newline : string.Empty;
            string line = name + "=" + ShellQuoting.SingleQuote(stored);
            string[] candidates =
            {
                Text + lead + line + newline,
                Text + lead + newline + line + newline,
                Text + (lead.Length > 0 ? "\n" : string.Empty) + line + "\n",
            };
            foreach (string candidate in candidates)
            {
                scan = ReadsBack(candidate, name, stored);
                if (scan != null) return candidate;
            }
            scan = null;
            return null;
        }

        // Proves an edit before keeping it: the rescanned text must give exactly this value back. The scan is kept
        // as the document's new model, so proving costs nothing extra.
        private static ShellScan? ReadsBack(string text, string name, string stored)
        {
            ShellScan scan = ShellScanner.Scan(text);
            ShellAssignment? written = scan.FindLast(name);
            return written != null && string.Equals(written.Value, stored, StringComparison.Ordinal) ? scan : null;
        }

        /// <summary>
        /// Deletes every assignment of <paramref name="name"/>, so that sourcing leaves it unset; a line is deleted
        /// whole (its comment with it) when nothing else is on it, otherwise only the assignment and its separator go.
        /// </summary>
        /// <returns>True when something was removed.</returns>
        public bool Remove(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            var edits = new List<TextEdit>();
            foreach (ShellLine line in _scan.Lines)
            {
                RemoveFromLine(line, name, edits);
            }
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
