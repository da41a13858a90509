using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// Parses one logical line the way postconf 3.7 does (<c>pcf_parse_master_entry</c>): <c>argv_splitq()</c> with the
    /// blanks <c>" \t\r\n"</c> and <c>{}</c> grouping, the field checks, the daemon-argument normalisation and the
    /// registration of <c>-o name=value</c> (<c>split_nameval()</c>). Never throws.
    /// </summary>
    internal static class MasterCfEntryParser
    {
        /// <summary>service, type, private, unpriv, chroot, wakeup, maxproc, command.</summary>
        public const int FieldCount = 8;

        /// <summary>postconf's names for the fields, as its messages and <c>-F</c> print them.</summary>
        public static readonly string[] FieldNames = { "service", "type", "private", "unprivileged", "chroot", "wakeup", "process_limit", "command" };

        private static readonly string[] ValidTypes = { "unix", "unix-dgram", "fifo", "inet", "pass" };

        /// <summary>PCF_MASTER_BLANKS: note that VT and FF are not among them (they are for <c>split_nameval()</c>).</summary>
        public static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';

        public static MasterCfEntry Parse(MasterCfLogicalLine logical)
        {
            var entry = new MasterCfEntry(logical);
            entry.UnclosedBrace = Split(logical.Text, entry.Words);
            if (!entry.HasFields)
            {
                entry.Problems.Add(new MasterCfProblem(MasterCfDescriptors.FieldCount, 0, Printable(logical.Text.TrimEnd())));
                return entry;
            }
            CheckFields(entry);
            foreach (var (start, end) in entry.Words) entry.Arguments.Add(new MasterCfArgument(logical.Text.Substring(start, end - start), start, end, start));
            Normalize(entry);
            Register(entry);
            return entry;
        }

        /// <summary>
        /// <c>mystrtokq()</c>: words end at a blank outside braces; a <c>}</c> with no open <c>{</c> is plain text.
        /// Returns the start of the last word when a <c>{</c> in it is never closed (that word runs to the end of the
        /// entry and would swallow anything appended), else -1.
        /// </summary>
        private static int Split(string text, List<(int Start, int End)> words)
        {
            int i = 0;
            while (true)
            {
                while (i < text.Length && IsBlank(text[i])) i++;
                if (i >= text.Length) return -1;
                int start = i, level = 0;
                for (; i < text.Length; i++)
                {
                    char c = text[i];
                    if (c == '{') level++;
                    else if (level > 0 && c == '}') level--;
                    else if (level == 0 && IsBlank(c)) break;
                }
                words.Add((start, i));
                if (level > 0) return start;
            }
        }

        /// <summary><c>pcf_check_master_entry()</c>: postconf dies on the first bad field, so only that one is reported.</summary>
        private static void CheckFields(MasterCfEntry entry)
        {
            string type = entry.Word(1);
            if (System.Array.IndexOf(ValidTypes, type) < 0)
            {
                Fatal(entry, MasterCfDescriptors.Type, 1);
                return;
            }
            for (int f = 2; f <= 4; f++)
            {
                string v = entry.Word(f);
                if (v.Length != 1 || "yn-".IndexOf(v[0]) < 0)
                {
                    Fatal(entry, MasterCfDescriptors.Flag, f);
                    return;
                }
            }
            string wakeup = entry.Word(5);
            int len = wakeup.Length;
            if (len > 0 && wakeup[len - 1] == '?') len--;
            // As in C: "-" alone, or only digits before the optional '?' (so "?" alone passes, and so does "-?").
            if (!(wakeup.Length > 0 && wakeup[0] == '-' && len == 1) && Digits(wakeup, 0) != len)
            {
                Fatal(entry, MasterCfDescriptors.Wakeup, 5);
                return;
            }
            string maxProc = entry.Word(6);
            if (maxProc != "-" && Digits(maxProc, 0) != maxProc.Length) Fatal(entry, MasterCfDescriptors.MaxProc, 6);
        }

        private static int Digits(string s, int from)
        {
            int i = from;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            return i - from;
        }

        // The whole entry is copied into the message only here: a million-line entry that is fine costs no copy.
        private static void Fatal(MasterCfEntry entry, DiagnosticDescriptor descriptor, int field) =>
            entry.Problems.Add(new MasterCfProblem(descriptor, entry.Words[field].Start, FieldNames[field], Printable(entry.Word(field)), Printable(entry.Logical.Text)));

        /// <summary>
        /// <c>pcf_normalize_daemon_args()</c>, step for step, keeping where each piece came from. One pass that builds a
        /// new list: the C code inserts into the middle of its argv and copies the rest of a glued word at each split,
        /// which is quadratic on a long entry or a long glued word; here each piece is cut from the source once.
        /// </summary>
        private static void Normalize(MasterCfEntry entry)
        {
            List<MasterCfArgument> words = entry.Arguments;
            if (words.Count <= FieldCount) return;
            string src = entry.Logical.Text;
            var args = new List<MasterCfArgument>(words.Count + 4);
            for (int f = 0; f < FieldCount; f++) args.Add(words[f]);
            int next = FieldCount;
            // The "-ozz" split off the previous option word ("-stuffozz"): its source range, its text not yet made.
            int restStart = -1, restEnd = -1;
            int tail = int.MaxValue;
            while (true)
            {
                MasterCfArgument arg;
                if (restStart >= 0)
                {
                    arg = new MasterCfArgument(string.Empty, restStart, restEnd, restStart - 1);
                    restStart = -1;
                }
                else if (next < words.Count)
                {
                    arg = words[next++];
                    if (arg.At(0) != '-' || arg.Text == "--")
                    {
                        // The options end here; the rest only has its braces taken off.
                        tail = args.Count;
                        args.Add(arg);
                        break;
                    }
                }
                else
                {
                    break;
                }
                // Split "-stuffozz" into "-stuff" and "-ozz" (the second '-' is made up): the first 'o' after the
                // option letter ends this piece, the rest is the next option word.
                int cut = arg.End;
                for (int p = arg.Origin + 2; p < arg.End; p++)
                {
                    if (src[p] == 'o')
                    {
                        cut = p;
                        break;
                    }
                }
                if (cut < arg.End)
                {
                    restStart = cut;
                    restEnd = arg.End;
                    arg.End = cut;
                    arg.Text = arg.Origin < arg.Start ? "-" + src.Substring(arg.Start, cut - arg.Start) : src.Substring(arg.Start, cut - arg.Start);
                }
                else if (arg.Origin < arg.Start)
                {
                    arg.Text = "-" + src.Substring(arg.Start, arg.End - arg.Start);
                }
                args.Add(arg);
                if (!ExpectsValue(arg)) continue;
                MasterCfArgument? value = null;
                if (arg.Text.Length > 2)
                {
                    // Split "-oname=value" into "-o" and "name=value".
                    value = new MasterCfArgument(arg.Text.Substring(2), arg.Origin + 2, arg.End, arg.Origin + 2);
                    arg.Text = arg.Text.Substring(0, 2);
                    arg.End = arg.Origin + 2;
                }
                else if (restStart >= 0)
                {
                    // "-oozz": the split-off "-ozz" is the value of "-o", taken whole.
                    value = new MasterCfArgument("-" + src.Substring(restStart, restEnd - restStart), restStart, restEnd, restStart - 1);
                    restStart = -1;
                }
                else if (next < words.Count)
                {
                    value = words[next++];
                }
                if (value == null) continue;
                args.Add(value);
                if (value.At(0) == '{')
                {
                    Extract(entry, value);
                    if (arg.At(1) == 'o') NormalizeNameValue(entry, value);
                }
            }
            // From the word that ended the options on (none when they ran to the end): braces are taken off.
            for (int i = tail; i < args.Count; i++)
            {
                if (args[i].At(0) == '{') Extract(entry, args[i]);
            }
            while (next < words.Count)
            {
                MasterCfArgument arg = words[next++];
                if (arg.At(0) == '{') Extract(entry, arg);
                args.Add(arg);
            }
            words.Clear();
            words.AddRange(args);
        }

        /// <summary>Options listed in pcf_daemon_options_expecting_value ("o"); C's strchr also finds the NUL of a bare "-".</summary>
        private static bool ExpectsValue(MasterCfArgument arg) => arg.At(1) == 'o' || arg.At(1) == '\0';

        /// <summary><c>extpar(..., EXTPAR_FLAG_STRIP)</c>: the text inside balanced braces, trimmed.</summary>
        private static void Extract(MasterCfEntry entry, MasterCfArgument arg)
        {
            string t = arg.Text;
            int len = BalancedLength(t);
            int innerStart = 1, innerEnd;
            if (len == 0)
            {
                entry.Problems.Add(new MasterCfProblem(MasterCfDescriptors.MissingBrace, arg.Origin, Printable(t)));
                innerEnd = t.Length;
            }
            else
            {
                if (len != t.Length)
                {
                    entry.Problems.Add(new MasterCfProblem(MasterCfDescriptors.TextAfterBrace, arg.Origin + len, Printable(t)));
                }
                innerEnd = len - 1;
            }
            while (innerEnd > innerStart && MainCfScanner.IsSpace(t[innerEnd - 1])) innerEnd--;
            while (innerStart < innerEnd && MainCfScanner.IsSpace(t[innerStart])) innerStart++;
            arg.Text = t.Substring(innerStart, innerEnd - innerStart);
            arg.Origin += innerStart;
            arg.Extracted = true;
        }

        /// <summary><c>balpar()</c>: length of the balanced <c>{...}</c> at the start, or 0.</summary>
        private static int BalancedLength(string t)
        {
            int level = 1;
            for (int i = 1; i < t.Length; i++)
            {
                if (t[i] == '}')
                {
                    if (--level == 0) return i + 1;
                }
                else if (t[i] == '{')
                {
                    level++;
                }
            }
            return 0;
        }

        /// <summary><c>pcf_normalize_nameval()</c>: "name = value" from inside braces becomes "name=value".</summary>
        private static void NormalizeNameValue(MasterCfEntry entry, MasterCfArgument arg)
        {
            string? error = SplitNameValue(arg.Text, out int nameStart, out int nameEnd, out int valueStart, out int valueEnd);
            if (error != null)
            {
                entry.Problems.Add(new MasterCfProblem(MasterCfDescriptors.BracedOverrideSyntax, arg.Origin, error, Printable(arg.Text)));
                return;
            }
            arg.ValueStart = arg.Origin + valueStart;
            arg.ValueEnd = arg.Origin + valueEnd;
            arg.Text = arg.Text.Substring(nameStart, nameEnd - nameStart) + "=" + arg.Text.Substring(valueStart, valueEnd - valueStart);
        }

        /// <summary>
        /// <c>split_nameval()</c>: leading ISSPACE skipped, the name runs to ISSPACE or <c>=</c>, blanks, <c>=</c>, blanks,
        /// the value trimmed at its end. Returns Postfix's error text, or null.
        /// </summary>
        public static string? SplitNameValue(string s, out int nameStart, out int nameEnd, out int valueStart, out int valueEnd)
        {
            int i = 0;
            while (i < s.Length && MainCfScanner.IsSpace(s[i])) i++;
            nameStart = i;
            nameEnd = valueStart = valueEnd = i;
            if (i == s.Length || s[i] == '=') return "missing attribute name";
            while (i < s.Length && !MainCfScanner.IsSpace(s[i]) && s[i] != '=') i++;
            nameEnd = i;
            while (i < s.Length && MainCfScanner.IsSpace(s[i])) i++;
            if (i == s.Length || s[i] != '=') return "missing '=' after attribute name";
            i++;
            while (i < s.Length && MainCfScanner.IsSpace(s[i])) i++;
            valueStart = i;
            int end = s.Length;
            while (end > valueStart && MainCfScanner.IsSpace(s[end - 1])) end--;
            valueEnd = end;
            return null;
        }

        /// <summary>
        /// Registers the <c>-o name=value</c> pairs (postconf's <c>pcf_register_user_parameters</c>): options up to the
        /// first non-option argument or <c>--</c>; an option that takes a value skips it; only <c>-o</c> values count.
        /// </summary>
        private static void Register(MasterCfEntry entry)
        {
            List<MasterCfArgument> args = entry.Arguments;
            int field;
            for (field = FieldCount; field < args.Count; field++)
            {
                MasterCfArgument arg = args[field];
                if (arg.At(0) != '-' || arg.Text == "--") break;
                if (!ExpectsValue(arg)) continue;
                if (field + 1 >= args.Count)
                {
                    entry.DanglingOption = field;
                    if (arg.Text == "-o")
                    {
                        entry.Problems.Add(new MasterCfProblem(MasterCfDescriptors.OverrideWithoutValue, arg.Start));
                    }
                    continue;
                }
                MasterCfArgument value = args[field + 1];
                if (arg.Text == "-o") AddOverride(entry, field, value);
                field++;
            }
            entry.FirstNonOption = field;
        }

        private static void AddOverride(MasterCfEntry entry, int optionIndex, MasterCfArgument value)
        {
            string? error = SplitNameValue(value.Text, out int ns, out int ne, out int vs, out int ve);
            if (error != null)
            {
                // Braced values were reported by the normaliser already; postconf is silent on plain words.
                if (!value.Extracted)
                {
                    entry.Problems.Add(new MasterCfProblem(MasterCfDescriptors.OverrideSyntax, value.Start, error, Printable(value.Text)));
                }
                return;
            }
            var o = new MasterCfOverrideSource
            {
                Name = value.Text.Substring(ns, ne - ns),
                Value = value.Text.Substring(vs, ve - vs),
                OptionIndex = optionIndex,
                Braced = value.Extracted,
            };
            if (value.Extracted && value.ValueStart >= 0)
            {
                o.ValueStart = value.ValueStart;
                o.ValueEnd = value.ValueEnd;
            }
            else
            {
                // A plain word, or braces taken off after the options ended ("{-v} -o { b = c d }": postconf still
                // registers b) without the name = value rewrite: the text is still a copy of the source at Origin.
                o.ValueStart = value.Origin + vs;
                o.ValueEnd = value.Origin + ve;
            }
            entry.Overrides.Add(o);
        }

        /// <summary>Postfix prints control characters in messages as <c>?</c>.</summary>
        public static string Printable(string s)
        {
            char[]? copy = null;
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] < 0x20 || s[i] == 0x7F)
                {
                    copy ??= s.ToCharArray();
                    copy[i] = '?';
                }
            }
            return copy == null ? s : new string(copy);
        }
    }
}
