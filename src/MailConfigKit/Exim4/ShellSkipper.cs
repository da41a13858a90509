using System.Collections.Generic;

namespace MailConfigKit.Exim4
{
    /// <summary>What skipping a run-time construct found besides its end.</summary>
    internal sealed class SkipReport
    {
        /// <summary>A <c>${...}</c> dash rejects ("Bad substitution") that sh expands whenever the word is expanded, or -1.</summary>
        public int BadSubstitutionAt = -1;

        /// <summary>One inside another construct's word, <c>$(...)</c> or backquotes: an error only if that part is expanded; or -1.</summary>
        public int ConditionalBadSubstitutionAt = -1;

        /// <summary>
        /// Whether an expansion outside a subshell can do more than give a value: assign variables (<c>${x=v}</c>,
        /// <c>$((x=1))</c>) or stop the shell (<c>${x?word}</c> when x is unset, <c>$((1/0))</c>).
        /// </summary>
        public bool AffectsShell;

        /// <summary>Whether a here-document was seen.</summary>
        public bool Heredoc;

        /// <summary>dash's message when the text ends inside a construct.</summary>
        public string UnterminatedMessage = string.Empty;

        public void Reset()
        {
            BadSubstitutionAt = -1;
            ConditionalBadSubstitutionAt = -1;
            AffectsShell = false;
            Heredoc = false;
            UnterminatedMessage = string.Empty;
        }
    }

    /// <summary>A pending here-document: its body starts after the next newline and runs to a line equal to the delimiter.</summary>
    internal sealed class Heredoc
    {
        public Heredoc(string delimiter, bool stripTabs, bool quoted)
        {
            Delimiter = delimiter;
            StripTabs = stripTabs;
            Quoted = quoted;
        }

        public string Delimiter { get; }

        /// <summary><c>&lt;&lt;-</c>: leading tabs are removed from each body line (the delimiter line included).</summary>
        public bool StripTabs { get; }

        /// <summary>Any quoting in the delimiter word: the body is literal (no backslash-newline joining).</summary>
        public bool Quoted { get; }
    }

    /// <summary>
    /// Finds where a run-time construct (<c>$(...)</c>, <c>$((...))</c>, <c>${...}</c>, double quotes, backquotes)
    /// ends, the way dash's lexer does. Its contents never become a value, so only quoting, nesting, comments and
    /// here-documents matter, plus dash's <c>${...}</c> grammar (a form it rejects is "Bad substitution").
    /// Iterative with an explicit stack, so any nesting depth costs heap, not call stack, and time stays linear.
    /// -1 means the file ends first (sh: syntax error).
    /// </summary>
    internal static class ShellSkipper
    {
        private const string TypeChars = "}-+?=";

        private enum Kind : byte
        {
            Command,
            Arithmetic,
            Brace,
            Double,
        }

        private struct Frame
        {
            public Kind Kind;

            /// <summary>Open parentheses (Command, Arithmetic).</summary>
            public int Depth;

            /// <summary>Brace: the <c>${</c> sits inside double quotes.</summary>
            public bool InDouble;

            /// <summary>Brace: whether <c>'</c> quotes inside its word (not in double quotes, except trim patterns).</summary>
            public bool SingleQuotes;

            /// <summary>Whether a bad substitution here is only expanded conditionally (inside another word or a command).</summary>
            public bool Conditional;

            /// <summary>
            /// Brace: its word is expanded whenever the <c>${...}</c> is: a trim pattern (<c>#</c>, <c>##</c>, <c>%</c>,
            /// <c>%%</c>) of a parameter that is always set (dash expands the pattern only when the parameter is set).
            /// </summary>
            public bool WordAlwaysExpanded;

            /// <summary>Inside <c>$(...)</c>: assignments there do not reach the sourcing shell.</summary>
            public bool Subshell;

            /// <summary>Command: at the start of a word, where <c>#</c> starts a comment.</summary>
            public bool WordStart;

            /// <summary>Command: here-documents whose bodies start after the next newline.</summary>
            public List<Heredoc>? Pending;
        }

        /// <summary>Skips a command substitution whose contents start at <paramref name="i"/> (just after <c>$(</c>).</summary>
        public static int SkipCommand(string text, int i, SkipReport report) =>
            Run(text, i, new Frame { Kind = Kind.Command, Depth = 1, Subshell = true, WordStart = true }, report);

        /// <summary>Skips an arithmetic expansion; <paramref name="i"/> is at its second <c>(</c>.</summary>
        public static int SkipArithmetic(string text, int i, SkipReport report)
        {
            report.AffectsShell = true; // $((x=1)) and $((x+=1)) assign in the sourcing shell, $((1/0)) stops it
            return Run(text, i, new Frame { Kind = Kind.Arithmetic, Depth = 1 }, report);
        }

        /// <summary>Skips a <c>${...}</c> whose contents start at <paramref name="i"/> (just after <c>${</c>).</summary>
        public static int SkipBrace(string text, int i, bool inDouble, SkipReport report) =>
            Run(text, i, new Frame { Kind = Kind.Brace, InDouble = inDouble, Depth = -1 }, report);

        /// <summary>Skips to just after the closing double quote; <paramref name="i"/> is just after the opening one.</summary>
        public static int SkipDouble(string text, int i, SkipReport report) =>
            Run(text, i, new Frame { Kind = Kind.Double }, report);

        /// <summary>
        /// Skips one quoted part at <paramref name="i"/> (backslash pair, single, double or back quotes) or one
        /// <c>$</c> construct: returns the index after it, -1 when the text ends inside it, or <paramref name="i"/>
        /// itself when none starts there.
        /// </summary>
        public static int SkipQuotedPart(string text, int i, SkipReport report)
        {
            switch (text[i])
            {
                case '\\':
                    return System.Math.Min(i + 2, text.Length);
                case '\'':
                    int close = text.IndexOf('\'', i + 1);
                    if (close < 0) report.UnterminatedMessage = "Syntax error: Unterminated quoted string";
                    return close < 0 ? -1 : close + 1;
                case '"':
                    return SkipDouble(text, i + 1, report);
                case '`':
                    int end = SkipBackquote(text, i + 1);
                    if (end < 0) report.UnterminatedMessage = "Syntax error: EOF in backquote substitution";
                    return end;
                case '$':
                    int j = SkipContinuations(text, i + 1);
                    if (j >= text.Length) return i;
                    if (text[j] == '{') return SkipBrace(text, j + 1, false, report);
                    // $$, $#, $1, ...: dash takes the special parameter's character with the '$' (so "$${" is the
                    // process id and a literal "{", not a "${").
                    if (IsSpecial(text[j])) return j + 1;
                    if (text[j] != '(') return i;
                    int k = SkipContinuations(text, j + 1);
                    return k < text.Length && text[k] == '(' ? SkipArithmetic(text, j + 1, report) : SkipCommand(text, j + 1, report);
                default:
                    return i;
            }
        }

        /// <summary>Skips to just after the closing backquote; <paramref name="i"/> is just after the opening one.</summary>
        public static int SkipBackquote(string text, int i)
        {
            int n = text.Length;
            while (i < n)
            {
                char c = text[i];
                if (c == '\\')
                {
                    i += 2;
                    continue;
                }
                if (c == '`') return i + 1;
                i++;
            }
            return -1;
        }

        /// <summary>dash deletes backslash-newline before the lexer looks at a character.</summary>
        public static int SkipContinuations(string text, int j)
        {
            while (j + 1 < text.Length && text[j] == '\\' && text[j + 1] == '\n') j += 2;
            return j;
        }

        private static int Run(string text, int i, Frame first, SkipReport report)
        {
            int n = text.Length;
            var stack = new List<Frame> { first };
            if (first.Kind == Kind.Brace) i = BraceHeader(text, i, stack, 0, report);
            while (stack.Count > 0)
            {
                if (i < 0) return -1;
                if (i >= n)
                {
                    report.UnterminatedMessage = EndMessage(stack[stack.Count - 1].Kind);
                    return -1;
                }
                int top = stack.Count - 1;
                Frame f = stack[top];
                char c = text[i];
                switch (f.Kind)
                {
                    case Kind.Double:
                        if (c == '"')
                        {
                            stack.RemoveAt(top);
                            i++;
                            continue;
                        }
                        break;
                    case Kind.Brace:
                        if (c == '}')
                        {
                            stack.RemoveAt(top);
                            i++;
                            continue;
                        }
                        if (c == '\'' && f.SingleQuotes)
                        {
                            i = SkipSingle(text, i, report);
                            continue;
                        }
                        break;
                    default:
                        if (HandleCommandChar(text, ref i, stack, top, report)) continue;
                        break;
                }
                // What every context shares: escapes, double quotes, backquotes and '$' constructs.
                switch (c)
                {
                    case '\\':
                        i += 2;
                        break;
                    case '"' when f.Kind != Kind.Double:
                        stack.Add(Child(f, Kind.Double));
                        i++;
                        break;
                    case '`':
                        i = SkipBackquote(text, i + 1);
                        if (i < 0) report.UnterminatedMessage = "Syntax error: EOF in backquote substitution";
                        break;
                    case '$':
                        i = Dollar(text, i, stack, f, report);
                        break;
                    default:
                        i++;
                        break;
                }
                if (f.Kind == Kind.Command && top < stack.Count)
                {
                    Frame g = stack[top];
                    g.WordStart = IsWordBreak(c);
                    stack[top] = g;
                }
            }
            return i;
        }

        // Parentheses, comments and here-documents in $(...) and $((...)); returns true when it consumed the character.
        private static bool HandleCommandChar(string text, ref int i, List<Frame> stack, int top, SkipReport report)
        {
            Frame f = stack[top];
            char c = text[i];
            int n = text.Length;
            if (c == '\'')
            {
                i = SkipSingle(text, i, report);
                f.WordStart = false;
                stack[top] = f;
                return true;
            }
            if (c == '(' || c == ')')
            {
                f.Depth += c == '(' ? 1 : -1;
                f.WordStart = true;
                if (f.Depth == 0) stack.RemoveAt(top);
                else stack[top] = f;
                i++;
                return true;
            }
            if (f.Kind != Kind.Command) return false;
            if (c == '#' && f.WordStart)
            {
                int nl = text.IndexOf('\n', i);
                i = nl < 0 ? n : nl;
                return true;
            }
            if (c == '<' && i + 1 < n && text[i + 1] == '<')
            {
                report.Heredoc = true;
                i = ReadHeredocOperator(text, i, out Heredoc? h);
                if (h != null)
                {
                    f.Pending ??= new List<Heredoc>();
                    f.Pending.Add(h);
                }
                f.WordStart = true;
                stack[top] = f;
                if (i < 0) report.UnterminatedMessage = "Syntax error: Unterminated quoted string";
                return true;
            }
            if (c == '\n' && f.Pending != null && f.Pending.Count > 0)
            {
                i = SkipHeredocBodies(text, i + 1, f.Pending);
                f.Pending = null;
                f.WordStart = true;
                stack[top] = f;
                return true;
            }
            return false;
        }

        private static int SkipSingle(string text, int i, SkipReport report)
        {
            int close = text.IndexOf('\'', i + 1);
            if (close >= 0) return close + 1;
            report.UnterminatedMessage = "Syntax error: Unterminated quoted string";
            return -1;
        }

        private static int Dollar(string text, int i, List<Frame> stack, Frame parent, SkipReport report)
        {
            int n = text.Length;
            int j = SkipContinuations(text, i + 1);
            if (j >= n) return i + 1;
            if (text[j] == '(')
            {
                int k = SkipContinuations(text, j + 1);
                if (k < n && text[k] == '(')
                {
                    Frame a = Child(parent, Kind.Arithmetic);
                    a.Depth = 1;
                    if (!a.Subshell) report.AffectsShell = true;
                    stack.Add(a);
                    return j + 1;
                }
                Frame cmd = Child(parent, Kind.Command);
                cmd.Depth = 1;
                cmd.Subshell = true;
                cmd.WordStart = true;
                stack.Add(cmd);
                return j + 1;
            }
            if (text[j] == '{')
            {
                Frame b = Child(parent, Kind.Brace);
                b.InDouble = parent.Kind == Kind.Double || (parent.Kind == Kind.Brace && parent.InDouble);
                stack.Add(b);
                return BraceHeader(text, j + 1, stack, stack.Count - 1, report);
            }
            // $$, $#, $1, ...: dash takes the special parameter's character with the '$' ("$${:}" is the process id, then
            // "{:" as text; the second '$' starts nothing).
            if (IsSpecial(text[j])) return j + 1;
            return i + 1;
        }

        private static Frame Child(Frame parent, Kind kind) => new Frame
        {
            Kind = kind,
            Subshell = parent.Subshell,
            Conditional = parent.Conditional || (parent.Kind == Kind.Brace && !parent.WordAlwaysExpanded) || parent.Kind == Kind.Command,
            InDouble = parent.Kind == Kind.Double || (parent.Kind == Kind.Brace && parent.InDouble),
        };

        private static string EndMessage(Kind kind)
        {
            switch (kind)
            {
                case Kind.Brace: return "Syntax error: Missing '}'";
                case Kind.Double: return "Syntax error: Unterminated quoted string";
                case Kind.Arithmetic: return "Syntax error: Missing '))'";
                default: return "Syntax error: end of file unexpected (expecting \")\")";
            }
        }

        private static bool IsWordBreak(char c) =>
            c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>';

        private static bool IsAsciiDigit(int c) => c >= '0' && c <= '9';

        private static bool IsAsciiAlnum(int c) => IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsNameStart(int c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        // dash's special parameters ("#?$!-*@") and the positional digits.
        private static bool IsSpecial(int c) => IsAsciiDigit(c) || (c >= 0 && "#?$!-*@".IndexOf((char)c) >= 0);

        /// <summary>
        /// Reads the name and operator of a <c>${</c> (dash's parsesub, character for character: what it consumes and
        /// what makes the form "Bad substitution"). Pops the frame when the form ends here (<c>${name}</c>); otherwise
        /// the frame's word starts at the returned index.
        /// </summary>
        private static int BraceHeader(string text, int start, List<Frame> stack, int index, SkipReport report)
        {
            var r = new HeaderReader(text, start);
            bool length = false, bad = false;
            char op = '\0';
            // The parameter is one dash always has set ($#, $?, $$, $-, $0, $*, $@): a trim pattern of it is always expanded.
            bool alwaysSet = false;
            r.Read();
            while (true)
            {
                if (IsNameStart(r.C))
                {
                    do r.Read(); while (IsNameStart(r.C) || IsAsciiDigit(r.C));
                }
                else if (IsAsciiDigit(r.C))
                {
                    // ${0}, ${00}, ...: the number is 0, the script's name, which is always set.
                    bool zero = true;
                    do
                    {
                        zero &= r.C == '0';
                        r.Read();
                    }
                    while (IsAsciiDigit(r.C));
                    alwaysSet = zero;
                }
                else if (r.C != '}')
                {
                    int cc = r.C;
                    r.Read();
                    if (!length && cc == '#')
                    {
                        length = true;
                        if (r.C == '_' || IsAsciiAlnum(r.C)) continue; // ${#name}: read the name
                        cc = r.C;
                        r.Read();
                        if (cc == '}' || r.C != '}')
                        {
                            // Not ${#x}: '#' itself is the parameter ($#), and what follows is its operator.
                            r.Unread();
                            length = false;
                            r.C = cc;
                            cc = '#';
                        }
                    }
                    if (!IsSpecial(cc)) bad = true;
                    else alwaysSet = cc != '!' && !IsAsciiDigit(cc);
                }
                else
                {
                    bad = true; // ${}
                }
                break;
            }
            Frame f = stack[index];
            if (bad)
            {
                r.Unread();
            }
            else if (length)
            {
                bad = r.C != '}';
                r.Unread();
            }
            else if (r.C == '%' || r.C == '#')
            {
                op = (char)r.C;
                int cc = r.C;
                r.Read();
                if (r.C != cc) r.Unread();
            }
            else
            {
                // After the name dash consumes one character as the operator, whatever it is (a quote too).
                bool colon = r.C == ':';
                if (colon) r.Read();
                int t = r.C >= 0 ? TypeChars.IndexOf((char)r.C) : -1;
                if (t == 0 && !colon)
                {
                    stack.RemoveAt(index); // ${name}
                    return r.Pos;
                }
                // ${name:} is valid to dash (its word then runs to the next '}'); any other character is not.
                bad = t < 0;
                if (t > 0) op = TypeChars[t];
            }
            if (bad)
            {
                int at = System.Math.Max(0, start - 2); // the '$'
                if (f.Conditional)
                {
                    if (report.ConditionalBadSubstitutionAt < 0) report.ConditionalBadSubstitutionAt = at;
                }
                else if (report.BadSubstitutionAt < 0)
                {
                    report.BadSubstitutionAt = at;
                }
            }
            // ${x=v} assigns; ${x?word} stops a non-interactive shell when x is unset (which the file alone cannot tell):
            // either way the rest of the file is not known to run as read (seed 900005: a Set that replaced a
            // ${c?=2} let a file that stopped there run to its end).
            if ((op == '=' || op == '?') && !f.Subshell) report.AffectsShell = true;
            f.SingleQuotes = !f.InDouble || op == '%' || op == '#';
            f.WordAlwaysExpanded = alwaysSet && !bad && (op == '%' || op == '#');
            stack[index] = f;
            return r.Pos;
        }

        /// <summary>dash's pgetc_eatbnl/pungetc over the text: C is the last character read (-1 at the end).</summary>
        private struct HeaderReader
        {
            private readonly string _text;
            private int _last;

            public HeaderReader(string text, int pos)
            {
                _text = text;
                Pos = pos;
                _last = pos;
                C = -1;
            }

            public int Pos;
            public int C;

            public void Read()
            {
                int j = SkipContinuations(_text, Pos);
                _last = j;
                if (j >= _text.Length)
                {
                    C = -1;
                    Pos = _text.Length;
                    return;
                }
                C = _text[j];
                Pos = j + 1;
            }

            public void Unread() => Pos = _last;
        }

        /// <summary>
        /// Reads a here-document operator at <paramref name="i"/> (<c>&lt;&lt;</c> or <c>&lt;&lt;-</c>) and its
        /// delimiter word; returns the index after the word (-1 for an unterminated quote in it). The delimiter is
        /// null when no word follows (dash: syntax error).
        /// </summary>
        public static int ReadHeredocOperator(string text, int i, out Heredoc? heredoc)
        {
            int n = text.Length;
            i += 2;
            bool strip = i < n && text[i] == '-';
            if (strip) i++;
            while (i < n)
            {
                if (text[i] == ' ' || text[i] == '\t') i++;
                else if (text[i] == '\\' && i + 1 < n && text[i + 1] == '\n') i += 2;
                else break;
            }
            var sb = new System.Text.StringBuilder();
            bool quoted = false;
            int start = i;
            while (i < n)
            {
                char c = text[i];
                if (IsWordBreak(c)) break;
                if (c == '\\')
                {
                    if (i + 1 < n && text[i + 1] == '\n')
                    {
                        i += 2;
                        continue;
                    }
                    quoted = true;
                    if (i + 1 < n) sb.Append(text[i + 1]);
                    i += 2;
                    continue;
                }
                if (c == '\'' || c == '"')
                {
                    quoted = true;
                    int close = text.IndexOf(c, i + 1);
                    if (close < 0)
                    {
                        heredoc = null;
                        return -1;
                    }
                    sb.Append(text, i + 1, close - i - 1);
                    i = close + 1;
                    continue;
                }
                sb.Append(c);
                i++;
            }
            heredoc = i > start ? new Heredoc(sb.ToString(), strip, quoted) : null;
            return System.Math.Min(i, n);
        }

        /// <summary>
        /// Skips the bodies of <paramref name="pending"/> in order, from <paramref name="i"/> (the start of the line
        /// after the operator's line); returns the index after the last delimiter line, or the text's length when the
        /// file ends first (dash accepts that silently).
        /// </summary>
        public static int SkipHeredocBodies(string text, int i, List<Heredoc> pending)
        {
            int n = text.Length;
            foreach (Heredoc h in pending)
            {
                bool joined = false;
                while (i < n)
                {
                    int lineStart = i;
                    int nl = text.IndexOf('\n', i);
                    int lineEnd = nl < 0 ? n : nl;
                    i = nl < 0 ? n : nl + 1;
                    bool wasJoined = joined;
                    // In an unquoted here-document a backslash-newline joins lines, so the next line is no line start.
                    joined = !h.Quoted && nl >= 0 && EndsInBackslash(text, lineStart, lineEnd);
                    if (wasJoined) continue;
                    if (h.StripTabs)
                    {
                        while (lineStart < lineEnd && text[lineStart] == '\t') lineStart++;
                    }
                    if (lineEnd - lineStart == h.Delimiter.Length &&
                        string.CompareOrdinal(text, lineStart, h.Delimiter, 0, h.Delimiter.Length) == 0)
                    {
                        break;
                    }
                }
            }
            return i;
        }

        private static bool EndsInBackslash(string text, int start, int end)
        {
            int count = 0;
            for (int k = end - 1; k >= start && text[k] == '\\'; k--) count++;
            return count % 2 == 1;
        }
    }
}
