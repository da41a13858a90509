using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>
    /// Generators of main.cf-shaped text: the constructs of spec P1 (continuations with comment and blank lines inside,
    /// tabs, CRLF, duplicates, missing final newline, $name and ${name} references, # inside values, empty values).
    /// </summary>
    public static class MainCfShapes
    {
        /// <summary>Real Postfix parameter names whose values postconf does not validate, so any text is accepted.</summary>
        public static readonly string[] FreeTextNames =
        {
            "mydestination", "myorigin", "relayhost", "smtpd_banner", "alias_maps", "alias_database",
            "recipient_delimiter", "mydomain", "myhostname", "transport_maps", "virtual_alias_maps", "relay_domains",
            "smtp_helo_name", "masquerade_domains", "header_checks", "home_mailbox",
        };

        public static readonly string[] Words = { "a.example", "b.example", "h.example", "hash:/etc/aliases", "x", "127.0.0.1", "#notcomment", "a=b", "ESMTP", "-", "+", "q\\" };

        public static readonly string[] Macros = { "$myhostname", "${mydomain}", "$(myhostname)", "${myhostname?yes}", "${relayhost:fallback}", "$$literal" };

        public static readonly string[] Blanks = { " ", "  ", "\t", " \t ", "\r", "\f", "\v" };

        public static Gen<string> Spaces() => Gen.Elements(Blanks).ListOf().Select(l => string.Concat(l));

        /// <summary>Rare constructs postconf dies on (spec P1.14, P1.21).</summary>
        public static readonly string[] Fatal = { "cost$", "$ ", "${myhostname", "$(x", "${}" };

        public static Gen<string> Value() =>
            Gen.Frequency((10, Gen.Elements(Words)), (10, Gen.Elements(Macros)), (10, Spaces()), (1, Gen.Elements(Fatal)))
                .ListOf().Select(parts => string.Join(string.Empty, parts));

        public static Gen<string> Line() =>
            Gen.Frequency(
                (6, from name in Gen.Elements(FreeTextNames)
                    from before in Gen.Elements("", " ", "\t", "  ")
                    from after in Gen.Elements("", " ", "\t")
                    from value in Value()
                    select name + before + "=" + after + value),
                (3, from lead in Gen.Elements(" ", "\t", "  \t", "\f")
                    from value in Value()
                    select lead + value),
                (2, Gen.Elements("# comment", "#", "   # indented comment", "#myorigin = /etc/mailname")),
                (2, Gen.Elements("", " ", "\t", "\r")),
                (1, Gen.Elements("this line has no equals", "= value", "mydestination")));

        public static Gen<string> Documents() =>
            from lines in Line().ListOf()
            from newline in Gen.Elements("\n", "\r\n")
            from finalNewline in Gen.Elements(true, false)
            select Join(lines.ToArray(), newline, finalNewline);

        private static string Join(string[] lines, string newline, bool finalNewline)
        {
            string text = string.Join(newline, lines);
            return finalNewline && lines.Length > 0 ? text + newline : text;
        }
    }
}
