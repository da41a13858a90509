using System;
using System.Text;

namespace MailConfigKit.Tests.Exim4.Support
{
    /// <summary>
    /// Generates update-exim4.conf.conf-like files that mix every shell word form: single, double and unquoted words,
    /// backslash escapes, concatenation, quoted newlines, backslash-newline, comments, export, several assignments per
    /// line, duplicates, run-time expansions, and now and then a line that makes dash fail.
    /// </summary>
    public sealed class ShellFileGenerator
    {
        public static readonly string[] Names = { "v0", "v1", "v2", "v3", "v4", "dc_local_interfaces" };

        private const string SingleChars = "abc xyz\t;|&*?~#(){}$`\"\\!<>[]=:,.-_/@%+\n";
        private const string BareChars = "abcxyzABC0123456789._/:@%+,=-~{}!*?[]#^";
        private const string DoubleChars = "abc ;|&*?~#(){}'!<>[]=:,.\t\n";

        private readonly Random _random;

        public ShellFileGenerator(int seed)
        {
            _random = new Random(seed);
        }

        public bool AllowErrors { get; set; } = true;

        public bool AllowShellCode { get; set; } = true;

        public string File()
        {
            var sb = new StringBuilder();
            int lines = _random.Next(1, 9);
            for (int i = 0; i < lines; i++) Line(sb);
            if (_random.Next(10) == 0 && sb.Length > 0 && sb[sb.Length - 1] == '\n') sb.Length--; // no final newline
            return sb.ToString();
        }

        private void Line(StringBuilder sb)
        {
            int kind = _random.Next(100);
            if (kind < 8)
            {
                sb.Append("# comment 'x' \"y\" $z `w`\n");
                return;
            }
            if (kind < 12)
            {
                sb.Append(_random.Next(2) == 0 ? "\n" : "  \t\n");
                return;
            }
            if (AllowErrors && kind < 14)
            {
                Error(sb);
                return;
            }
            if (AllowShellCode && kind < 15)
            {
                sb.Append("if true; then ").Append(Name()).Append("=shell; fi\n");
                return;
            }
            if (_random.Next(4) == 0) sb.Append(_random.Next(2) == 0 ? "  " : "\t");
            int count = _random.Next(4) == 0 ? _random.Next(2, 4) : 1;
            if (_random.Next(8) == 0) sb.Append("export ");
            for (int k = 0; k < count; k++)
            {
                if (k > 0) sb.Append(Separator());
                sb.Append(Name()).Append('=').Append(Word());
            }
            if (_random.Next(6) == 0) sb.Append(_random.Next(2) == 0 ? " # trailing 'comment'" : "   #c");
            else if (_random.Next(10) == 0) sb.Append(';');
            sb.Append('\n');
        }

        private string Separator()
        {
            switch (_random.Next(4))
            {
                case 0: return " ";
                case 1: return ";";
                case 2: return "; ";
                default: return " \\\n  ";
            }
        }

        private void Error(StringBuilder sb)
        {
            switch (_random.Next(3))
            {
                case 0: sb.Append(Name()).Append(" ='a'\n"); break;
                case 1: sb.Append(Name()).Append("=a b\n"); break;
                default: sb.Append(Name()).Append("=127.0.0.1 ; ::1\n"); break;
            }
        }

        private string Name() => Names[_random.Next(Names.Length)];

        public string Word()
        {
            var sb = new StringBuilder();
            int parts = _random.Next(0, 4);
            for (int i = 0; i < parts; i++) Part(sb);
            return sb.ToString();
        }

        private void Part(StringBuilder sb)
        {
            switch (_random.Next(12))
            {
                case 0:
                case 1:
                case 2:
                    sb.Append('\'').Append(Chars(SingleChars)).Append('\'');
                    break;
                case 3:
                case 4:
                    Double(sb);
                    break;
                case 5:
                case 6:
                    sb.Append(Chars(BareChars));
                    break;
                case 7:
                    // A backslash escapes any character outside quotes.
                    const string escapable = " ;'\"$`\\#&|<>()~*ab\n";
                    sb.Append('\\').Append(escapable[_random.Next(escapable.Length)]);
                    break;
                case 8:
                    sb.Append("\\\n");
                    break;
                case 9:
                    sb.Append(new[] { "$HOME", "${HOME}", "${UNSET_X:-dflt}", "$(echo cmd)", "`echo bq`", "\"$HOME\"", "$1", "$#", "${UNSET_X:-{}", "${UNSET_X:-${UNSET_Y:-a}}" }[_random.Next(10)]);
                    break;
                case 10:
                    // A '$' that starts no expansion stays literal.
                    sb.Append(new[] { "$", "$'a'", "$\"b\"", "$/", "$%" }[_random.Next(5)]);
                    break;
                default:
                    sb.Append(new[] { "~", "~/x", "a:~", "~root", "~'q'", "x~" }[_random.Next(6)]);
                    break;
            }
        }

        private void Double(StringBuilder sb)
        {
            sb.Append('"');
            int n = _random.Next(0, 6);
            for (int i = 0; i < n; i++)
            {
                switch (_random.Next(4))
                {
                    case 0:
                        const string inDouble = "$`\"\\\nxa'#";
                        sb.Append('\\').Append(inDouble[_random.Next(inDouble.Length)]);
                        break;
                    default:
                        sb.Append(DoubleChars[_random.Next(DoubleChars.Length)]);
                        break;
                }
            }
            sb.Append('"');
        }

        private string Chars(string alphabet)
        {
            int n = _random.Next(0, 8);
            var sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) sb.Append(alphabet[_random.Next(alphabet.Length)]);
            return sb.ToString();
        }

        /// <summary>A printable-ASCII value made of the characters that break naive quoting.</summary>
        public string HostileValue()
        {
            const string alphabet = "'\"$`\\;|&*?~#(){} \tabcXYZ019!<>[]=:,.-_/@%^+";
            var sb = new StringBuilder();
            int n = _random.Next(0, 14);
            for (int i = 0; i < n; i++)
            {
                char c = alphabet[_random.Next(alphabet.Length)];
                if (c == '\t') c = ' ';
                sb.Append(c);
            }
            return sb.ToString();
        }

        public int Next(int max) => _random.Next(max);
    }
}
