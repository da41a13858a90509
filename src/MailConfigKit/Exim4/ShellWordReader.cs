using System.Text;
using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Reads one shell word the way dash does for a sourced file with <c>set -f</c>: quotes removed, backslash escapes
    /// resolved, backslash-newline deleted. Anything expanded at run time (<c>$</c>, backquotes, a tilde prefix) makes
    /// the value unknown instead of guessed.
    /// </summary>
    internal sealed class ShellWordReader
    {
        private readonly string _text;
        private readonly StringBuilder _sb = new StringBuilder();
        private readonly SkipReport _report = new SkipReport();
        private bool _inDouble;

        public ShellWordReader(string text)
        {
            _text = text;
        }

        /// <summary>Where the first run-time expansion is, or -1.</summary>
        public int ComputedAt { get; private set; }

        /// <summary>Whether an expansion can itself assign variables (<c>${x=v}</c>, <c>$((x=1))</c>) or stop the shell (<c>${x?word}</c>).</summary>
        public bool AffectsShell { get; private set; }

        /// <summary>A <c>${...}</c> dash rejects ("Bad substitution") and expands whenever this word is expanded, or -1.</summary>
        public int BadSubstitutionAt { get; private set; }

        /// <summary>One dash expands only in some cases (inside another expansion's word or a command substitution), or -1.</summary>
        public int ConditionalBadSubstitutionAt { get; private set; }

        /// <summary>The unterminated construct's offset, or -1.</summary>
        public int UnterminatedAt { get; private set; }

        /// <summary>The message for an unterminated construct.</summary>
        public string UnterminatedMessage { get; private set; } = string.Empty;

        public WordQuoting Quoting { get; private set; }

        /// <summary>Whether the word had any quoting (quotes or backslashes) at all.</summary>
        public bool HadQuoting { get; private set; }

        /// <summary>The word's value (meaningful when <see cref="ComputedAt"/> is -1).</summary>
        public string Value => _sb.ToString();

        /// <summary>Characters that end an unquoted word.</summary>
        public static bool EndsWord(char c) =>
            c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')';

        /// <summary>Reads the word at <paramref name="i"/>; returns its end. <paramref name="tildeAtStart"/> for an assignment value.</summary>
        public int Read(int i, bool tildeAtStart)
        {
            _sb.Clear();
            ComputedAt = -1;
            AffectsShell = false;
            UnterminatedAt = -1;
            BadSubstitutionAt = -1;
            ConditionalBadSubstitutionAt = -1;
            HadQuoting = false;
            _inDouble = false;
            int parts = 0, singles = 0, doubles = 0;
            bool escaped = false, continued = false;
            bool tildePossible = tildeAtStart;
            string text = _text;
            int n = text.Length;
            int start = i;
            while (i < n)
            {
                char c = text[i];
                if (EndsWord(c)) break;
                bool tildeHere = tildePossible;
                tildePossible = false;
                switch (c)
                {
                    case '\\':
                        if (i + 1 < n && text[i + 1] == '\n')
                        {
                            // A line continuation is invisible to the lexer: not quoting, and the tilde rule goes on.
                            continued = true;
                            i += 2;
                            tildePossible = tildeHere;
                            continue;
                        }
                        HadQuoting = true;
                        if (i + 1 >= n)
                        {
                            // dash keeps a backslash at the very end of the input.
                            _sb.Append('\\');
                            i++;
                            break;
                        }
                        escaped = true;
                        _sb.Append(text[i + 1]);
                        i += 2;
                        break;
                    case '\'':
                        HadQuoting = true;
                        parts++;
                        singles++;
                        int close = text.IndexOf('\'', i + 1);
                        if (close < 0)
                        {
                            Unterminated(i, "Syntax error: Unterminated quoted string");
                            _sb.Append(text, i + 1, n - i - 1);
                            return n;
                        }
                        _sb.Append(text, i + 1, close - i - 1);
                        i = close + 1;
                        break;
                    case '"':
                        HadQuoting = true;
                        parts++;
                        doubles++;
                        i = ReadDouble(i);
                        break;
                    case '$':
                        i = ReadDollar(i);
                        break;
                    case '`':
                        i = SkipBackquote(i);
                        break;
                    case '~' when tildeHere:
                        if (TildeExpands(i + 1)) Computed(i);
                        _sb.Append('~');
                        i++;
                        break;
                    default:
                        _sb.Append(c);
                        // In an assignment value a tilde right after an unquoted ':' is expanded too.
                        tildePossible = tildeAtStart && c == ':';
                        i++;
                        break;
                }
                if (c != '\'' && c != '"') parts++;
            }
            if (i == start) Quoting = WordQuoting.Empty;
            else if (parts == 1 && singles == 1) Quoting = WordQuoting.Single;
            else if (parts == 1 && doubles == 1) Quoting = WordQuoting.Double;
            else if (singles == 0 && doubles == 0 && !escaped && !continued && !HadQuoting) Quoting = WordQuoting.Bare;
            else Quoting = WordQuoting.Mixed;
            return i;
        }

        private void Computed(int at)
        {
            if (ComputedAt < 0) ComputedAt = at;
        }

        private void Unterminated(int at, string message)
        {
            if (UnterminatedAt >= 0) return;
            UnterminatedAt = at;
            UnterminatedMessage = message;
        }

        // The tilde prefix runs to the first unquoted '/' or ':' (or the end of the word); any quoting in it keeps it literal.
        private bool TildeExpands(int i)
        {
            string text = _text;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++; // deleted before the word is read
                    continue;
                }
                if (c == '/' || c == ':' || EndsWord(c)) return true;
                if (c == '\'' || c == '"' || c == '\\') return false;
                if (c == '$' || c == '`') return true;
            }
            return true;
        }

        private int ReadDouble(int i)
        {
            string text = _text;
            int n = text.Length;
            int open = i;
            i++;
            while (i < n)
            {
                char c = text[i];
                if (c == '"') return i + 1;
                if (c == '\\' && i + 1 < n)
                {
                    char next = text[i + 1];
                    if (next == '\n')
                    {
                        i += 2;
                        continue;
                    }
                    if (next == '$' || next == '`' || next == '"' || next == '\\')
                    {
                        _sb.Append(next);
                        i += 2;
                        continue;
                    }
                    _sb.Append('\\');
                    i++;
                    continue;
                }
                if (c == '$')
                {
                    _inDouble = true;
                    i = ReadDollar(i);
                    _inDouble = false;
                    continue;
                }
                if (c == '`')
                {
                    i = SkipBackquote(i);
                    continue;
                }
                _sb.Append(c);
                i++;
            }
            Unterminated(open, "Syntax error: Unterminated quoted string");
            return n;
        }

        // dash deletes backslash-newline before it looks at the characters after '$'.
        private int SkipContinuations(int j)
        {
            string text = _text;
            while (j + 1 < text.Length && text[j] == '\\' && text[j + 1] == '\n') j += 2;
            return j;
        }

        private int ReadDollar(int i)
        {
            string text = _text;
            int n = text.Length;
            int j = SkipContinuations(i + 1);
            char next = j < n ? text[j] : '\0';
            if (next == '(')
            {
                Computed(i);
                int k = SkipContinuations(j + 1);
                _report.Reset();
                int end = k < n && text[k] == '('
                    ? ShellSkipper.SkipArithmetic(text, j + 1, _report)
                    : ShellSkipper.SkipCommand(text, j + 1, _report);
                return Skipped(i, end);
            }
            if (next == '{')
            {
                Computed(i);
                _report.Reset();
                return Skipped(i, ShellSkipper.SkipBrace(text, j + 1, _inDouble, _report));
            }
            if (ShellNames.IsNameStart(next))
            {
                Computed(i);
                int k = SkipContinuations(j + 1);
                while (k < n && ShellNames.IsNameChar(text[k])) k = SkipContinuations(k + 1);
                return k;
            }
            if ((next >= '0' && next <= '9') || next == '@' || next == '*' || next == '#' || next == '?' || next == '-' || next == '$' || next == '!')
            {
                Computed(i);
                return j + 1;
            }
            // A '$' that starts no expansion is a literal dollar sign (dash has no $'...').
            _sb.Append('$');
            return i + 1;
        }

        // Takes over what the skipper found: assignments by expansion, bad substitutions, where the text ended.
        private int Skipped(int at, int end)
        {
            if (_report.AffectsShell) AffectsShell = true;
            if (_report.BadSubstitutionAt >= 0 && BadSubstitutionAt < 0) BadSubstitutionAt = _report.BadSubstitutionAt;
            if (_report.ConditionalBadSubstitutionAt >= 0 && ConditionalBadSubstitutionAt < 0) ConditionalBadSubstitutionAt = _report.ConditionalBadSubstitutionAt;
            if (end >= 0) return end;
            Unterminated(at, _report.UnterminatedMessage);
            return _text.Length;
        }

        private int SkipBackquote(int i)
        {
            Computed(i);
            int end = ShellSkipper.SkipBackquote(_text, i + 1);
            if (end < 0)
            {
                Unterminated(i, "Syntax error: EOF in backquote substitution");
                return _text.Length;
            }
            return end;
        }
    }
}
