using System;
using System.Collections.Generic;
using System.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>The kind of a physical line, judged as exim judges it before joining continuations.</summary>
    internal enum EximLineKind
    {
        Blank,
        Comment,
        Conditional,
        IgnoredDirective,
        Include,
        Text,
    }

    /// <summary>One physical line: its span in the text and its kind.</summary>
    internal sealed class EximPhysicalLine
    {
        public EximPhysicalLine(int start, int contentEnd, int end, EximLineKind kind, int lead)
        {
            Start = start;
            ContentEnd = contentEnd;
            End = end;
            Kind = kind;
            Lead = lead;
        }

        public int Start { get; }

        /// <summary>Where the line's text ends: before its <c>\r\n</c> or <c>\n</c>.</summary>
        public int ContentEnd { get; }

        /// <summary>After its <c>\n</c>.</summary>
        public int End { get; }

        public EximLineKind Kind { get; }

        /// <summary>Offset of the first non-blank character, relative to <see cref="Start"/>.</summary>
        public int Lead { get; }

        /// <summary>Conditional nesting (static count of .ifdef/.ifndef minus .endif) before this line.</summary>
        public int Depth { get; set; }
    }

    /// <summary>A logical line with where its parts are in the text.</summary>
    internal sealed class EximModelStatement
    {
        public EximStatementKind Kind { get; set; }

        public string? Section { get; set; }

        public string Name { get; set; } = string.Empty;

        public string WrittenName { get; set; } = string.Empty;

        public string? Value { get; set; }

        public bool Negated { get; set; }

        public bool Hidden { get; set; }

        public bool Redefinition { get; set; }

        public string Joined { get; set; } = string.Empty;

        /// <summary>Indexes of the physical lines it spans, comment lines inside included.</summary>
        public List<int> Lines { get; } = new List<int>();

        /// <summary>The text lines (those that hold its words).</summary>
        public List<int> TextLines { get; } = new List<int>();

        /// <summary>Whether a directive or include sits inside its continuation (exim's handling there is irregular).</summary>
        public bool Entangled { get; set; }

        /// <summary>Text offset of the name.</summary>
        public int NameStart { get; set; } = -1;

        /// <summary>Text offset of the <c>=</c> (the first of <c>==</c>), or -1.</summary>
        public int EqualsAt { get; set; } = -1;

        /// <summary>Text offset of the value's first character, or -1 when it is not on the first line (or empty).</summary>
        public int ValueStart { get; set; } = -1;

        // Joined-text offset -> text offset, segment by segment.
        internal List<(int Joined, int Doc, int Length)> Map { get; } = new List<(int, int, int)>();

        public int ToDoc(int joined)
        {
            foreach (var (j, d, len) in Map)
            {
                if (joined >= j && joined < j + len) return d + joined - j;
            }
            return -1;
        }
    }

    /// <summary>
    /// The static structure of an exim configuration file: physical lines, logical lines (continuations joined as exim
    /// joins them, comment lines inside them kept), each classified. Linear in the text and never recursive.
    /// </summary>
    internal sealed class EximDocumentModel
    {
        private static readonly string[] Conditionals = { "ifdef", "ifndef", "elifdef", "elifndef", "else", "endif" };
        private static readonly string[] Lists = { "domainlist", "hostlist", "addresslist", "localpartlist" };

        public List<EximPhysicalLine> Lines { get; } = new List<EximPhysicalLine>();

        public List<EximModelStatement> Statements { get; } = new List<EximModelStatement>();

        /// <summary>Index of the first physical line of the first <c>begin</c>, or -1.</summary>
        public int FirstBeginLine { get; private set; } = -1;

        /// <summary>The conditional nesting at the end of the text.</summary>
        public int EndDepth { get; private set; }

        /// <summary>Whether the last logical line is still open at the end (a final backslash).</summary>
        public bool OpenAtEnd { get; private set; }

        public static EximDocumentModel Build(string text)
        {
            var model = new EximDocumentModel();
            model.Split(text);
            model.Join(text);
            return model;
        }

        private void Split(string text)
        {
            int start = 0, depth = 0;
            while (start < text.Length)
            {
                int nl = text.IndexOf('\n', start);
                int end = nl < 0 ? text.Length : nl + 1;
                int contentEnd = nl < 0 ? text.Length : (nl > start && text[nl - 1] == '\r' ? nl - 1 : nl);
                int lead = start;
                while (lead < end && EximConfigReader.IsSpace(text[lead])) lead++;
                EximLineKind kind = Classify(text, lead, end, nl >= 0, out int change);
                var line = new EximPhysicalLine(start, contentEnd, end, kind, lead - start) { Depth = depth };
                depth = Math.Max(0, depth + change);
                Lines.Add(line);
                start = end;
            }
            EndDepth = depth;
        }

        private static EximLineKind Classify(string text, int lead, int end, bool hasNewline, out int depthChange)
        {
            depthChange = 0;
            if (lead >= end) return EximLineKind.Blank;
            char c = text[lead];
            if (c == '#') return EximLineKind.Comment;
            if (c == '.')
            {
                for (int i = 0; i < Conditionals.Length; i++)
                {
                    string name = Conditionals[i];
                    if (string.CompareOrdinal(text, lead + 1, name, 0, name.Length) != 0) continue;
                    int after = lead + 1 + name.Length;
                    char n = after < end ? text[after] : '\0';
                    if (n != ' ' && n != 't' && n != '\n' && n != '\0') return EximLineKind.IgnoredDirective;
                    depthChange = i <= 1 ? 1 : i == 5 ? -1 : 0;
                    return EximLineKind.Conditional;
                }
                if (string.CompareOrdinal(text, lead, ".include", 0, 8) == 0)
                {
                    int k = lead + 8;
                    if (k < end && EximConfigReader.IsSpace(text[k])) return EximLineKind.Include;
                    if (string.CompareOrdinal(text, k, "_if_exists", 0, 10) == 0 && k + 10 < end && EximConfigReader.IsSpace(text[k + 10])) return EximLineKind.Include;
                }
            }
            return EximLineKind.Text;
        }

        private void Join(string text)
        {
            EximModelStatement? open = null;
            var joined = new StringBuilder();
            string? section = null;
            for (int i = 0; i < Lines.Count; i++)
            {
                EximPhysicalLine line = Lines[i];
                switch (line.Kind)
                {
                    case EximLineKind.Comment:
                    case EximLineKind.IgnoredDirective:
                        open?.Lines.Add(i);
                        continue;
                    case EximLineKind.Conditional:
                    case EximLineKind.Include:
                        if (open != null)
                        {
                            open.Lines.Add(i);
                            open.Entangled = true;
                        }
                        continue;
                }
                if (line.Kind == EximLineKind.Blank && open == null) continue;
                if (open == null)
                {
                    open = new EximModelStatement();
                    joined.Clear();
                }
                open.Lines.Add(i);
                int from = line.Start + line.Lead;
                int to = line.End;
                if (line.Kind == EximLineKind.Text)
                {
                    open.TextLines.Add(i);
                    open.Map.Add((joined.Length, from, to - from));
                    joined.Append(text, from, to - from);
                }
                int len = joined.Length;
                while (len > 0 && EximConfigReader.IsSpace(joined[len - 1])) len--;
                joined.Length = len;
                if (len > 0 && joined[len - 1] == '\\')
                {
                    joined.Length = len - 1;
                    continue;
                }
                if (len == 0)
                {
                    open = null;
                    continue;
                }
                open.Joined = joined.ToString();
                section = Classify(open, section);
                Statements.Add(open);
                open = null;
            }
            if (open != null)
            {
                OpenAtEnd = true;
                int len = joined.Length;
                while (len > 0 && EximConfigReader.IsSpace(joined[len - 1])) len--;
                if (len > 0)
                {
                    open.Joined = joined.ToString(0, len);
                    Classify(open, section);
                    Statements.Add(open);
                }
            }
        }

        // Classifies a complete statement; returns the section that follows it.
        private string? Classify(EximModelStatement st, string? section)
        {
            string s = st.Joined;
            st.Section = section;
            if (s.Length > 0 && EximConfigReader.IsUpper(s[0]))
            {
                int k = 0;
                while (k < s.Length && (EximConfigReader.IsAlnum(s[k]) || s[k] == '_')) k++;
                int eq = EximConfigReader.SkipSpace(s, k);
                if (eq < s.Length && s[eq] == '=')
                {
                    st.Kind = EximStatementKind.MacroDefinition;
                    st.Name = st.WrittenName = s.Substring(0, k);
                    st.NameStart = st.ToDoc(0);
                    st.Redefinition = eq + 1 < s.Length && s[eq + 1] == '=';
                    st.EqualsAt = st.ToDoc(eq);
                    SetValue(st, s, EximConfigReader.SkipSpace(s, eq + (st.Redefinition ? 2 : 1)));
                    return section;
                }
                st.Kind = EximStatementKind.Other;
                return section;
            }
            if (EximConfigReader.IsBegin(s))
            {
                st.Kind = EximStatementKind.SectionStart;
                st.Name = st.WrittenName = s.Substring(6).Trim();
                if (FirstBeginLine < 0) FirstBeginLine = st.Lines[0];
                return st.Name;
            }
            if (section != null)
            {
                st.Kind = EximStatementKind.Other;
                return section;
            }
            int p = 0;
            if (s.Length > 4 && string.CompareOrdinal(s, 0, "hide", 0, 4) == 0 && EximConfigReader.IsSpace(s[4]))
            {
                st.Hidden = true;
                p = EximConfigReader.SkipSpace(s, 5);
            }
            foreach (string list in Lists)
            {
                if (string.CompareOrdinal(s, p, list, 0, list.Length) != 0) continue;
                st.Kind = EximStatementKind.NamedList;
                int n = EximConfigReader.SkipSpace(s, p + list.Length);
                int e = n;
                while (e < s.Length && !EximConfigReader.IsSpace(s[e]) && s[e] != '=') e++;
                st.Name = st.WrittenName = s.Substring(n, e - n);
                return section;
            }
            int nameStart = p;
            while (p < s.Length && (EximConfigReader.IsAlnum(s[p]) || s[p] == '_')) p++;
            if (p == nameStart)
            {
                st.Kind = EximStatementKind.Other;
                return section;
            }
            st.Kind = EximStatementKind.OptionSetting;
            st.WrittenName = s.Substring(nameStart, p - nameStart);
            st.NameStart = st.ToDoc(nameStart);
            string name = st.WrittenName;
            if (name.StartsWith("no_", StringComparison.Ordinal) && name.Length > 3) { name = name.Substring(3); st.Negated = true; }
            else if (name.StartsWith("not_", StringComparison.Ordinal) && name.Length > 4) { name = name.Substring(4); st.Negated = true; }
            st.Name = name == "daemon_smtp_port" ? "daemon_smtp_ports" : name;
            int r = EximConfigReader.SkipSpace(s, p);
            if (r < s.Length && s[r] == '=')
            {
                st.EqualsAt = st.ToDoc(r);
                SetValue(st, s, EximConfigReader.SkipSpace(s, r + 1));
            }
            else if (r >= s.Length)
            {
                st.Value = null;
            }
            else
            {
                st.Value = s.Substring(r);
            }
            return section;
        }

        private static void SetValue(EximModelStatement st, string joined, int valueStart)
        {
            st.Value = joined.Substring(valueStart);
            if (valueStart >= joined.Length) return;
            int doc = st.ToDoc(valueStart);
            // Only a value that starts on the statement's first text line can be replaced in place.
            if (doc >= 0 && st.TextLines.Count > 0 && st.Map[0].Joined <= valueStart && valueStart < st.Map[0].Joined + st.Map[0].Length) st.ValueStart = doc;
        }
    }
}
