using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>
    /// Generators of master.cf-shaped text: entries with continuation lines (comment and blank lines between them),
    /// every spelling of -o (glued, braced, -vo), pipe-style arguments, odd spacing and tabs, CRLF, and the malformed
    /// entries postconf warns about or dies on.
    /// </summary>
    public static class MasterCfShapes
    {
        public static readonly string[] ServiceNames = { "smtp", "relay", "submission", "127.0.0.1:submission", "maildrop", "x-y" };

        /// <summary>Parameter names postconf accepts in -o (none is read-only).</summary>
        public static readonly string[] Names = { "inet_protocols", "syslog_name", "smtp_helo_timeout", "smtpd_tls_security_level", "a", "milter_macro_daemon_name" };

        /// <summary>Values without blanks: postconf -P refuses blanks in edits.</summary>
        public static readonly string[] Values = { "ipv4", "postfix/$service_name", "5", "", "x,y", "$mua_client_restrictions", "{x}", "a=b" };

        public static Gen<string> Name() => Gen.Elements(Names);

        public static Gen<string> Value() => Gen.Elements(Values);

        public static Gen<string> Field(string[] good, string[] bad) => Gen.Frequency((150, Gen.Elements(good)), (1, Gen.Elements(bad)));

        public static Gen<string> Argument() =>
            Gen.Frequency(
                (8, from n in Name() from v in Value() select "-o " + n + "=" + v),
                (2, from n in Name() from v in Value() select "-o" + n + "=" + v),
                (3, from n in Name() from v in Value() from w in Value() from pad in Gen.Elements(" ", "  ", "\t", "")
                    select "-o {" + pad + n + pad + "=" + pad + v + " " + w + pad + "}"),
                (2, from n in Name() from v in Value() select "-o {" + n + "=" + v + "}"),
                (1, from n in Name() from v in Value() select "-vo " + n + "=" + v),
                (2, Gen.Elements("-v", "-D", "flags=DRhu", "user=vmail", "argv=/usr/bin/x", "${recipient}", "{a  b}", "--", "-S")),
                (1, Gen.Elements("-o", "-o {a b}", "-o =x", "-o a", "{unclosed", "{x}y", "-oo=b", "x}", "-o -v")),
                // Braces that never close or close early (issue 11 defect 7), and VT/FF inside words: the splitter's
                // blanks are only space, tab, CR and LF, so these are word characters (defect 6).
                (1, Gen.Elements("-o a={x", "-o {a=x", "-o { a = b", "-o a=b}", "x{y", "{-v}", "-o { a = {b} }", "-o a={b}c")),
                (1, Gen.Elements("-o a=\v1", "\v", "\f", "-o\va=1", "-o a=1\f", "-v\f-o", "-o { a = x\vy }")));

        /// <summary>What separates two words: blanks, or a line break with indentation and maybe comment/blank lines between.</summary>
        public static Gen<string> Separator() =>
            Gen.Frequency(
                (10, Gen.Elements(" ", "  ", "\t", "   \t")),
                (4, Gen.Elements("\n  ", "\n\t", "\n        ", "\n ")),
                (1, Gen.Elements("\n# comment\n  ", "\n\n  ", "\n   # indented\n\t", "\n \n  ")),
                // Continuation lines led by VT, FF or CR (any ISSPACE continues an entry; VT and FF join words), lines of
                // only such whitespace (skipped), and VT/FF between blanks (a word of its own).
                (2, Gen.Elements("\n\v", "\n\f", "\n\v  ", "\n\f\t", "\n\r ", "\n \v", "\n\v\n  ", "\n \f \n\t", " \v ", "\f ", " \f")));

        public static Gen<string> Entry() =>
            from name in Gen.Elements(ServiceNames)
            from type in Field(new[] { "inet", "unix", "unix-dgram", "fifo", "pass" }, new[] { "unux", "UNIX" })
            from priv in Field(new[] { "y", "n", "-" }, new[] { "x", "yes" })
            from unpriv in Field(new[] { "y", "n", "-" }, new[] { "" + "0" })
            from chroot in Field(new[] { "y", "n", "-" }, new[] { "--" })
            from wakeup in Field(new[] { "-", "60", "1000?", "?" }, new[] { "1x", "10??", "-1" })
            from maxproc in Field(new[] { "-", "0", "100" }, new[] { "-1", "1?" })
            from command in Gen.Frequency((30, Gen.Elements("smtp", "smtpd", "pipe", "local")), (1, Gen.Elements("sm{tp", "smtp}", "smtp\f", "{smtp}")))
            from args in Argument().ListOf()
            from seps in Separator().ListOf()
            from pad in Gen.Elements(" ", "\t", "      ")
            select Assemble(new[] { name, type, priv, unpriv, chroot, wakeup, maxproc, command }.Concat(args).ToArray(), seps.ToArray(), pad);

        private static string Assemble(string[] words, string[] seps, string pad)
        {
            var sb = new System.Text.StringBuilder(words[0]);
            for (int i = 1; i < words.Length; i++)
            {
                // The eight fields keep to one line with column padding, as in real files; arguments may wrap.
                sb.Append(i < 8 || seps.Length == 0 ? pad : seps[i % seps.Length]).Append(words[i]);
            }
            return sb.ToString();
        }

        public static Gen<string> Line() =>
            Gen.Frequency(
                (30, Entry()),
                (6, Gen.Elements("# comment", "#", "   # indented comment", "#smtp      inet  n       -       y       -       -       smtpd")),
                (6, Gen.Elements("", " ", "\t")),
                (1, Gen.Elements("  -o orphan=1", "smtp inet n - y", "bad")));

        public static Gen<string> Documents() =>
            from lines in Line().ListOf()
            from newline in Gen.Frequency((4, Gen.Constant("\n")), (1, Gen.Constant("\r\n")))
            from finalNewline in Gen.Elements(true, true, false)
            select Join(lines.ToArray(), newline, finalNewline);

        private static string Join(string[] lines, string newline, bool finalNewline)
        {
            string text = string.Join(newline, lines).Replace("\n", newline == "\n" ? "\n" : "\r\n").Replace("\r\r\n", "\r\n");
            return finalNewline && lines.Length > 0 ? text + newline : text;
        }
    }
}
