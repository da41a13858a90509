using System;
using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    public sealed partial class MasterCf
    {
        /// <summary>
        /// Sets <c>-o name=value</c> on a service with the semantics of <c>postconf -P 'service/type/name=value'</c>
        /// (every entry with that service name and type; every <c>-o name=</c> in it) and a minimal edit: an existing
        /// parameter keeps everything but its value bytes (padding after it shrinks or grows so the next column stays put);
        /// a new one goes where postconf puts it, before the first non-option argument (<c>flags=</c> of a pipe entry) or
        /// else as a new continuation line after the entry's last line, indented like that line. A value with blanks is
        /// written as <c>-o { name = value }</c>. See <c>docs/roundtrip.md</c>.
        /// </summary>
        /// <exception cref="ArgumentException">
        /// No such service; the name is not a parameter name; the value contains a line break, NUL or another control
        /// character other than a tab, a lone surrogate, or braces that do not balance. The document is unchanged.
        /// </exception>
        /// <exception cref="InvalidOperationException">
        /// A new parameter would land inside an entry's unclosed <c>{</c> or become the value of a trailing <c>-o</c>; the value would
        /// go into a glued <c>-oname=value</c> word that postconf would cut at its <c>o</c>; or the result would not read as asked
        /// (whitespace such as a VT or FF that joins words across lines). The document is unchanged.
        /// </exception>
        public void SetOverride(string service, string type, string name, string value)
        {
            if (service == null) throw new ArgumentNullException(nameof(service));
            if (type == null) throw new ArgumentNullException(nameof(type));
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (value == null) throw new ArgumentNullException(nameof(value));
            MainCfNames.Validate(name, nameof(name));
            MainCfNames.RefuseLoneSurrogate(value, "The value for '" + name + "'", nameof(value));
            string v = TextCodec.ForDocument(MasterCfValues.Validate(name, value, nameof(value)), Encoding);
            List<MasterCfService> targets = Named(service, type);
            if (targets.Count == 0) throw new ArgumentException("master.cf has no service " + service + "/" + type + ".", nameof(service));
            bool braces = MasterCfValues.NeedsBraces(v);
            var edits = new List<TextEdit>();
            var expected = new Dictionary<int, List<string?>>();
            foreach (MasterCfService s in targets)
            {
                MasterCfEntry e = s.Entry;
                List<string?> meaning = Meaning(e);
                bool found = false;
                foreach (MasterCfOverrideSource o in e.Overrides)
                {
                    if (o.Name != name) continue;
                    found = true;
                    meaning[o.OptionIndex + 1] = Registered(name, v);
                    if (!o.Braced && e.Arguments[o.OptionIndex].End == e.Arguments[o.OptionIndex + 1].Start
                        && v.IndexOf('o') >= 0 && e.Logical.Text.Substring(o.ValueStart, o.ValueEnd - o.ValueStart) != v)
                    {
                        // postconf reads a glued "-oname=value" word as several -o options split at each 'o', so a value
                        // with an 'o' written into it would be cut; refuse rather than write what Postfix misreads.
                        throw new InvalidOperationException("Cannot set " + service + "/" + type + "/" + name + " in the glued form \"-o" + name
                            + "=...\" (line " + s.Line + "): postconf splits such a word at every 'o', and the new value has one. Write it as \"-o "
                            + name + "=...\" first.");
                    }
                    if (!braces || o.Braced)
                    {
                        if (e.Logical.Text.Substring(o.ValueStart, o.ValueEnd - o.ValueStart) != v) ReplaceLogical(e, o.ValueStart, o.ValueEnd, v, edits);
                        continue;
                    }
                    // A plain name=value word cannot hold blanks: the whole word becomes { name = value }.
                    MasterCfArgument word = e.Arguments[o.OptionIndex + 1];
                    bool glued = e.Arguments[o.OptionIndex].End == word.Start;
                    ReplaceLogical(e, word.Start, word.End, (glued ? " " : string.Empty) + MasterCfValues.Format(name, v), edits);
                }
                if (!found)
                {
                    Insert(e, "-o " + MasterCfValues.Format(name, v), edits);
                    meaning.InsertRange(e.FirstNonOption, new[] { "-o", Registered(name, v) });
                }
                expected[e.Index] = meaning;
            }
            Commit(edits, expected, "set " + service + "/" + type + "/" + name);
        }

        /// <summary>
        /// Removes every <c>-o name=...</c> from every entry with this service name and type, with the semantics of
        /// <c>postconf -PX 'service/type/name'</c>. Only the option's words and the blanks that separated them go; a
        /// continuation line left with nothing else is deleted; comment and blank lines stay.
        /// </summary>
        /// <returns>True when something was removed; false when the service or the parameter is not there.</returns>
        /// <exception cref="ArgumentException">The name is not a parameter name.</exception>
        /// <exception cref="InvalidOperationException">
        /// The parameter is one piece of a glued <c>-o</c> word that postconf splits at each <c>o</c>, or the result would not read as
        /// asked (whitespace such as a VT or FF that joins words across lines); the document is unchanged.
        /// </exception>
        public bool RemoveOverride(string service, string type, string name)
        {
            MainCfNames.Validate(name, nameof(name));
            var edits = new List<TextEdit>();
            var expected = new Dictionary<int, List<string?>>();
            foreach (MasterCfService s in Named(service, type))
            {
                MasterCfEntry e = s.Entry;
                var ranges = new List<DocumentRange>();
                List<string?> meaning = Meaning(e);
                foreach (MasterCfOverrideSource o in e.Overrides)
                {
                    if (o.Name != name) continue;
                    int from = e.Arguments[o.OptionIndex].Start, to = e.Arguments[o.OptionIndex + 1].End;
                    string logical = e.Logical.Text;
                    bool glued = e.Arguments[o.OptionIndex].End == e.Arguments[o.OptionIndex + 1].Start;
                    if ((glued && from > 0 && !MasterCfEntryParser.IsBlank(logical[from - 1]) && logical[from - 1] != '-')
                        || (to < logical.Length && !MasterCfEntryParser.IsBlank(logical[to])))
                    {
                        // Part of a glued "-oa=1ob=2" word, which postconf splits at each 'o': cutting out one piece would
                        // turn the rest of the word into something else. Refuse; the document is unchanged.
                        throw new InvalidOperationException("Cannot remove " + service + "/" + type + "/" + name + " (line " + s.Line
                            + "): it is one piece of a glued -o word that postconf splits at every 'o'. Rewrite the word as separate \"-o name=value\" options first.");
                    }
                    ranges.AddRange(e.Logical.ToDocument(from, to));
                    meaning[o.OptionIndex] = meaning[o.OptionIndex + 1] = Removed;
                }
                if (ranges.Count == 0) continue;
                DeleteRanges(e, ranges, edits);
                meaning.RemoveAll(m => ReferenceEquals(m, Removed));
                expected[e.Index] = meaning;
            }
            return Commit(edits, expected, "remove " + service + "/" + type + "/" + name);
        }

        /// <summary>Replaces a logical range: the first physical piece gets the new text, later pieces are deleted.</summary>
        private void ReplaceLogical(MasterCfEntry e, int start, int end, string replacement, List<TextEdit> edits)
        {
            List<DocumentRange> pieces = e.Logical.ToDocument(start, end);
            if (pieces.Count == 0)
            {
                edits.Add(new TextEdit(e.Logical.ToDocument(start), 0, replacement));
                return;
            }
            DocumentRange first = pieces[0];
            int oldLength = first.End - first.Start;
            int to = first.End;
            string text = replacement;
            if (pieces.Count == 1)
            {
                // Keep the column of what follows when the value is padded to it with two or more spaces.
                int lineEnd = _lines[first.Line].Start + _lines[first.Line].Length;
                int run = 0;
                while (first.End + run < lineEnd && Text[first.End + run] == ' ') run++;
                if (run >= 2 && first.End + run < lineEnd && !MainCfScanner.IsSpace(Text[first.End + run]))
                {
                    int spaces = Math.Max(1, run - (replacement.Length - oldLength));
                    to = first.End + run;
                    text = replacement + new string(' ', spaces);
                }
            }
            edits.Add(new TextEdit(first.Start, to - first.Start, text));
            if (pieces.Count > 1) DeleteRanges(e, pieces.GetRange(1, pieces.Count - 1), edits);
        }

        /// <summary>
        /// Deletes ranges of an entry's lines, line by line: ranges on one line separated only by blanks merge; a
        /// continuation line left blank goes whole; otherwise the blanks that separated the deleted words go with them.
        /// A continuation line keeps what makes it one (Postfix's readllines() continues an entry with any line that
        /// starts with ISSPACE, VT and FF included, while the word splitter takes only space, tab, CR and LF as blanks):
        /// it still starts with whitespace afterwards, and a VT or FF that belongs to a word that stays is never dropped.
        /// </summary>
        private void DeleteRanges(MasterCfEntry e, List<DocumentRange> ranges, List<TextEdit> edits)
        {
            ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
            // Lines that go whole, with the whitespace left on them (it may hold a VT or FF, or the blank that kept
            // the words around the line apart).
            var gone = new Dictionary<int, string>();
            int i = 0;
            while (i < ranges.Count)
            {
                int line = ranges[i].Line, start = ranges[i].Start, end = ranges[i].End;
                int j = i + 1;
                while (j < ranges.Count && ranges[j].Line == line && Blanks(end, ranges[j].Start))
                {
                    end = Math.Max(end, ranges[j].End);
                    j++;
                }
                i = j;
                MainCfLine l = _lines[line];
                int contentEnd = l.Start + l.Length;
                bool continuation = line != e.Logical.FirstLine;
                bool leftBlank = Blanks(l.Start, start), rightBlank = Blanks(end, contentEnd);
                if (continuation && leftBlank && rightBlank)
                {
                    gone[line] = Text.Substring(l.Start, start - l.Start) + Text.Substring(end, contentEnd - end);
                    continue;
                }
                string replacement = string.Empty;
                if (leftBlank && start > l.Start)
                {
                    // First word of a continuation line: keep the indentation, take the blanks after it.
                    while (end < contentEnd && MasterCfEntryParser.IsBlank(Text[end])) end++;
                }
                else if (leftBlank)
                {
                    // The deleted text starts the line, so a VT or FF that led it was part of a deleted word: the blank
                    // after it now leads the line; where there is none (a '}' closing a value), one is put in.
                    if (!MainCfScanner.IsSpace(Text[end])) replacement = " ";
                }
                else
                {
                    while (start > l.Start && MasterCfEntryParser.IsBlank(Text[start - 1])) start--;
                }
                if (continuation && Spaces(l.Start, start) && Spaces(end, contentEnd))
                {
                    // Only whitespace would be left: Postfix skips such a line, and any VT or FF on it (a word character
                    // for the splitter, e.g. glued to the command on the line before) would vanish with it; see below.
                    gone[line] = Text.Substring(l.Start, start - l.Start) + replacement + Text.Substring(end, contentEnd - end);
                    continue;
                }
                edits.Add(new TextEdit(start, end - start, replacement));
            }
            if (gone.Count == 0) return;
            // Each run of lines that go whole leaves its whitespace between the remaining line before it and the one
            // after it, which is where it goes (in front of the next line, which stays a continuation since this is all
            // whitespace; after the entry's last remaining line when nothing follows): the joined entry then reads as
            // before, minus the deleted words. Runs of blanks are written as one space; blanks alone only matter, and
            // are only written, in front of a line that starts with a VT or FF (they keep it from the word before).
            // Only the lines that go are visited (not every line of the entry): an edit of many values of a
            // million-line entry stays linear.
            var goneLines = new List<int>(gone.Keys);
            goneLines.Sort();
            for (int g = 0; g < goneLines.Count;)
            {
                int segment = e.Logical.SegmentOfLine(goneLines[g]);
                var left = new System.Text.StringBuilder();
                int previous = segment - 1;
                for (; g < goneLines.Count && segment < e.Logical.SegmentCount && e.Logical.SegmentLine(segment) == goneLines[g]; g++, segment++)
                {
                    string rest = gone[goneLines[g]];
                    MainCfLine l = _lines[goneLines[g]];
                    edits.Add(new TextEdit(l.Start, l.FullEnd - l.Start, string.Empty));
                    foreach (char c in rest)
                    {
                        if (!MasterCfEntryParser.IsBlank(c)) left.Append(c);
                        else if (left.Length == 0 || left[left.Length - 1] != ' ') left.Append(' ');
                    }
                }
                bool wordCharacters = !Blanks(left.ToString());
                if (segment < e.Logical.SegmentCount)
                {
                    MainCfLine next = _lines[e.Logical.SegmentLine(segment)];
                    if (wordCharacters || (left.Length > 0 && !MasterCfEntryParser.IsBlank(Text[next.Start]))) edits.Add(new TextEdit(next.Start, 0, wordCharacters ? left.ToString() : " "));
                }
                else if (wordCharacters)
                {
                    MainCfLine target = _lines[e.Logical.SegmentLine(previous)];
                    edits.Add(new TextEdit(target.Start + target.Length, 0, left.ToString()));
                }
            }
        }

        /// <summary>Adds a new option where postconf adds it (before the first non-option argument, else at the end).</summary>
        private void Insert(MasterCfEntry e, string option, List<TextEdit> edits)
        {
            if (e.FirstNonOption < e.Arguments.Count)
            {
                int at = e.Logical.ToDocument(e.Arguments[e.FirstNonOption].Start);
                int line = e.Logical.LineOf(e.Arguments[e.FirstNonOption].Start);
                MainCfLine l = _lines[line];
                if (line != e.Logical.FirstLine && at > l.Start && Blanks(l.Start, at))
                {
                    edits.Add(new TextEdit(l.Start, 0, Text.Substring(l.Start, at - l.Start) + option + LineEnding(l)));
                }
                else
                {
                    edits.Add(new TextEdit(at, 0, option + " "));
                }
                return;
            }
            if (e.UnclosedBrace >= 0)
            {
                // Postfix's splitter runs a word with an unclosed '{' to the end of the entry: anything appended joins it.
                throw new InvalidOperationException(
                    "The entry on line " + (e.Logical.FirstLine + 1) + " has a '{' that is never closed (in \"" + MasterCfEntryParser.Printable(Shorten(e.Logical.Text.Substring(e.UnclosedBrace)))
                    + "\"): postconf reads everything after it as one word, so a new -o would become part of it. Close the brace first. The document is unchanged.");
            }
            if (e.DanglingOption >= 0)
            {
                // A trailing "-o" (or a word postconf takes as one, like "-o\vx" after braces or a bare "-") takes the next
                // word as its value: an appended "-o name=value" would be swallowed by it.
                throw new InvalidOperationException(
                    "The entry on line " + (e.Logical.FirstLine + 1) + " ends with an option that has no value (\"" + MasterCfEntryParser.Printable(Shorten(e.Arguments[e.DanglingOption].Text))
                    + "\"): postconf would take a new -o as its value. Fix that option first. The document is unchanged.");
            }
            MainCfLine last = _lines[e.Logical.LastLine];
            string indent = Indentation(e);
            if (last.HasNewline)
            {
                edits.Add(new TextEdit(last.FullEnd, 0, indent + option + LineEnding(last)));
            }
            else
            {
                string nl = NewlineStyle.Detect(Text);
                edits.Add(new TextEdit(last.FullEnd, 0, nl + indent + option + nl));
            }
        }

        /// <summary>
        /// The entry's last continuation line's indentation, else that of the file's first <c>-o</c> line, else two spaces.
        /// Only spaces and tabs are copied: a line led by a VT or FF would join the new line's first word to the word before.
        /// </summary>
        private string Indentation(MasterCfEntry e)
        {
            if (e.Logical.LastLine != e.Logical.FirstLine)
            {
                string own = LeadingBlanks(_lines[e.Logical.LastLine]);
                if (own.Length > 0) return own;
            }
            foreach (MainCfLine l in _lines)
            {
                if (l.Kind != MainCfLineKind.Continuation) continue;
                string lead = LeadingBlanks(l);
                if (lead.Length > 0 && string.CompareOrdinal(Text, l.Start + lead.Length, "-o", 0, 2) == 0) return lead;
            }
            return "  ";
        }

        private string LeadingBlanks(MainCfLine l)
        {
            int i = l.Start, end = l.Start + l.Length;
            while (i < end && (Text[i] == ' ' || Text[i] == '\t')) i++;
            return Text.Substring(l.Start, i - l.Start);
        }

        /// <summary>The line's own ending (CRLF when its content ends in CR), so an inserted line matches its neighbour.</summary>
        private string LineEnding(MainCfLine l) => l.Length > 0 && Text[l.Start + l.Length - 1] == '\r' ? "\r\n" : "\n";

        /// <summary>Whether the text in [from, to) is only the splitter's blanks (space, tab, CR).</summary>
        private bool Blanks(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (!MasterCfEntryParser.IsBlank(Text[i])) return false;
            }
            return true;
        }

        private static bool Blanks(string s)
        {
            foreach (char c in s)
            {
                if (!MasterCfEntryParser.IsBlank(c)) return false;
            }
            return true;
        }

        /// <summary>Whether the text in [from, to) is only ISSPACE (what readllines() skips as a blank line).</summary>
        private bool Spaces(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (!MainCfScanner.IsSpace(Text[i])) return false;
            }
            return true;
        }

        private static string Shorten(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "...";

        /// <summary>Marks a word that an edit takes out.</summary>
        private static readonly string Removed = new string('\0', 1);

        /// <summary>How a registered -o value appears in <see cref="Meaning"/>: its name and value, however it is spelled.</summary>
        private static string Registered(string name, string value) => "\0" + name + "=" + value;

        /// <summary>
        /// What postconf makes of an entry: its normalised words, each registered <c>-o</c> value as its name and value
        /// (so <c>a=1</c> and <c>{ a = 1 }</c> mean the same). An edit's result must read as the expected list.
        /// </summary>
        private static List<string?> Meaning(MasterCfEntry e)
        {
            var meaning = new List<string?>(e.Arguments.Count);
            foreach (MasterCfArgument a in e.Arguments) meaning.Add(a.Text);
            foreach (MasterCfOverrideSource o in e.Overrides) meaning[o.OptionIndex + 1] = Registered(o.Name, o.Value);
            return meaning;
        }

        /// <summary>
        /// Applies the edits only if the result reads as intended: the same entries, the untouched ones word for word,
        /// the edited ones with the expected meaning. Anything else (whitespace postconf reads in a way the edit did not
        /// foresee) is refused and the document stays as it was.
        /// </summary>
        private bool Commit(List<TextEdit> edits, Dictionary<int, List<string?>> expected, string what)
        {
            if (edits.Count == 0) return false;
            string newText;
            try
            {
                newText = TextEdit.Apply(Text, edits);
            }
            catch (InvalidOperationException)
            {
                throw Unforeseen(what, null);
            }
            MainCfLine[] lines = MainCfScanner.Scan(newText);
            List<MasterCfEntry> after = BuildEntries(newText, lines);
            List<MasterCfEntry> before = Entries;
            if (after.Count != before.Count) throw Unforeseen(what, null);
            for (int i = 0; i < before.Count; i++)
            {
                if (expected.TryGetValue(i, out List<string?>? meaning))
                {
                    List<string?> got = Meaning(after[i]);
                    bool same = after[i].HasFields && got.Count == meaning.Count;
                    for (int k = 0; same && k < got.Count; k++) same = string.Equals(got[k], meaning[k], StringComparison.Ordinal);
                    if (!same) throw Unforeseen(what, before[i]);
                }
                else if (!string.Equals(before[i].Logical.Text, after[i].Logical.Text, StringComparison.Ordinal))
                {
                    throw Unforeseen(what, before[i]);
                }
            }
            Replace(newText, lines, after);
            return true;
        }

        private static InvalidOperationException Unforeseen(string what, MasterCfEntry? entry) =>
            new InvalidOperationException("Cannot " + what + (entry == null ? string.Empty : " (entry on line " + (entry.Logical.FirstLine + 1) + ")")
                + ": postconf would read the edited file differently from what was asked, typically because a line starts with a vertical tab or"
                + " form feed (which continue an entry but, unlike spaces and tabs, join the words around them). Replace those with spaces first. The document is unchanged.");
    }
}
