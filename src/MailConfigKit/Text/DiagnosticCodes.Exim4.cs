namespace MailConfigKit.Text
{
    // The exim4 part: UEC codes are Debian's update-exim4.conf.conf, read by /bin/sh (dash) as root.
    public static partial class DiagnosticCodes
    {
        /// <summary>A line sh runs as a command (blanks around <c>=</c>, words after an unquoted value): update-exim4.conf aborts with "NAME: not found".</summary>
        public const string Exim4CommandNotFound = "UEC0001";

        /// <summary>An unquoted <c>;</c> ends an assignment and sh runs the rest of the value as a command.</summary>
        public const string Exim4UnquotedSemicolon = "UEC0002";

        /// <summary>CRLF line ends: sh keeps the CR, a CR-only line aborts update-exim4.conf with "^M: not found", values end in a CR.</summary>
        public const string Exim4CarriageReturn = "UEC0003";

        /// <summary>A UTF-8 byte order mark glued to the first word: sh runs it as a command and update-exim4.conf aborts.</summary>
        public const string Exim4ByteOrderMark = "UEC0004";

        /// <summary>A quote (or <c>$(</c>, backquote, <c>${</c>) that is never closed: "Syntax error: Unterminated quoted string".</summary>
        public const string Exim4Unterminated = "UEC0005";

        /// <summary>A value computed at run time (<c>$VAR</c>, <c>${...}</c>, <c>$(...)</c>, backquotes, <c>~</c>): no static value is reported.</summary>
        public const string Exim4ComputedValue = "UEC0006";

        /// <summary>Shell code (control flow, builtins, redirections, pipes) that sh executes: values cannot be known statically.</summary>
        public const string Exim4ShellCode = "UEC0007";

        /// <summary>A sh syntax error (a stray <c>;</c>, <c>&amp;</c>, <c>|</c>, <c>)</c>): update-exim4.conf aborts.</summary>
        public const string Exim4SyntaxError = "UEC0008";

        /// <summary>A <c>'</c> in the value of a key Debian's postinst rewrites as <c>NAME='VALUE'</c> without escaping: dpkg-reconfigure writes a broken file.</summary>
        public const string Exim4QuoteRewrittenByPostinst = "UEC0009";

        /// <summary>A <c>dc_local_interfaces</c> item exim rejects when the daemon starts ("Malformed IP address").</summary>
        public const string Exim4LocalInterfacesItem = "UEC0010";

        /// <summary>A <c>dc_local_interfaces</c> value with <c>,</c> separators, which exim does not split on.</summary>
        public const string Exim4LocalInterfacesComma = "UEC0011";

        /// <summary>An IPv6 address in a <c>:</c> list without doubled colons: exim reads <c>::</c> as an escaped colon.</summary>
        public const string Exim4LocalInterfacesColonList = "UEC0012";

        /// <summary>A variable assigned more than once: the last assignment wins.</summary>
        public const string Exim4Duplicate = "UEC0013";

        /// <summary>A line update-exim4.conf turns into an exim macro (it starts with an upper-case letter).</summary>
        public const string Exim4MacroLine = "UEC0014";

        /// <summary>A value that spans lines: update-exim4.conf copies the newline into exim's configuration.</summary>
        public const string Exim4MultiLineValue = "UEC0015";

        /// <summary>A <c>${...}</c> form dash cannot expand (<c>${x]}</c>, <c>${export x=y}</c>): sh stops with "Bad substitution" when it expands it.</summary>
        public const string Exim4BadSubstitution = "UEC0016";
    }
}
