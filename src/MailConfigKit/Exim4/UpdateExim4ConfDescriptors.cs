using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Every update-exim4.conf.conf diagnostic: code, severity and message, in dash's and update-exim4.conf's words.
    /// Errors are what aborts update-exim4.conf (or stops exim's daemon); the emitting sites (<see cref="ShellScanner"/>,
    /// <see cref="Exim4Diagnostics"/>, <see cref="Exim4TypedChecks"/>) only fill in the arguments.
    /// </summary>
    internal static class UpdateExim4ConfDescriptors
    {
        /// <summary>{0}: the command as sh names it (CR as <c>^M</c>).</summary>
        public static readonly DiagnosticDescriptor CommandNotFound = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4CommandNotFound, DiagnosticSeverity.Error,
            "sh runs \"{0}\" as a command: update-exim4.conf aborts with \"{0}: not found\"");

        /// <summary>{0}: the command.</summary>
        public static readonly DiagnosticDescriptor BlanksAroundEquals = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4CommandNotFound, DiagnosticSeverity.Error,
            "blanks around '=': sh runs \"{0}\" as a command, update-exim4.conf aborts with \"{0}: not found\"; write NAME=VALUE without blanks");

        /// <summary>{0}: the variable; {1}: the command.</summary>
        public static readonly DiagnosticDescriptor BlankEndsValue = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4CommandNotFound, DiagnosticSeverity.Error,
            "a blank ends the unquoted value of {0}, so sh runs \"{1}\" as a command with {0} only in its environment: update-exim4.conf aborts with \"{1}: not found\"; quote the whole value");

        /// <summary>{0}: the variable; {1}: the command.</summary>
        public static readonly DiagnosticDescriptor UnquotedSemicolon = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4UnquotedSemicolon, DiagnosticSeverity.Error,
            "an unquoted ';' ends the value of {0} and sh runs \"{1}\" as a command: update-exim4.conf aborts with \"{1}: not found\"; quote the whole value");

        /// <summary>No arguments: the file has CRLF line ends.</summary>
        public static readonly DiagnosticDescriptor CarriageReturn = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4CarriageReturn, DiagnosticSeverity.Error,
            "CRLF line ends: sh keeps the CR as part of each line, so a CR-only line aborts update-exim4.conf with \"^M: not found\" and values end in a CR");

        /// <summary>{0}: the command, CR as <c>^M</c>.</summary>
        public static readonly DiagnosticDescriptor CarriageReturnCommand = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4CarriageReturn, DiagnosticSeverity.Error,
            "sh runs the carriage return as a command: update-exim4.conf aborts with \"{0}: not found\"");

        /// <summary>{0}: the first word, the mark as dash prints it.</summary>
        public static readonly DiagnosticDescriptor ByteOrderMark = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4ByteOrderMark, DiagnosticSeverity.Error,
            "a UTF-8 byte order mark is glued to the first word, so sh runs it as a command and update-exim4.conf aborts with \"{0}: not found\"");

        /// <summary>{0}: dash's own message ("Syntax error: Unterminated quoted string", "... Missing '}'", ...).</summary>
        public static readonly DiagnosticDescriptor Unterminated = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4Unterminated, DiagnosticSeverity.Error, "{0}");

        /// <summary>{0}: the variable.</summary>
        public static readonly DiagnosticDescriptor ComputedValue = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4ComputedValue, DiagnosticSeverity.Warning,
            "the value of {0} is computed at run time by sh (as root, when update-exim4.conf runs); no static value is reported");

        /// <summary>{0}: the shell code, shortened.</summary>
        public static readonly DiagnosticDescriptor ShellCode = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4ShellCode, DiagnosticSeverity.Warning,
            "sh executes shell code here ({0}); its effect on variables cannot be known, so no values are reported for this file");

        /// <summary>{0}: the unexpected token.</summary>
        public static readonly DiagnosticDescriptor SyntaxError = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4SyntaxError, DiagnosticSeverity.Error, "Syntax error: \"{0}\" unexpected");

        /// <summary>No arguments.</summary>
        public static readonly DiagnosticDescriptor HereDocumentWithoutDelimiter = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4SyntaxError, DiagnosticSeverity.Error, "Syntax error: a here-document operator without a delimiter word");

        /// <summary>{0}: the variable.</summary>
        public static readonly DiagnosticDescriptor QuoteRewrittenByPostinst = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4QuoteRewrittenByPostinst, DiagnosticSeverity.Warning,
            "the value of {0} contains a ' and dpkg-reconfigure exim4-config rewrites it as {0}='VALUE' without escaping, which leaves a broken file");

        /// <summary>{0}: exim's error.</summary>
        public static readonly DiagnosticDescriptor LocalInterfacesItem = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4LocalInterfacesItem, DiagnosticSeverity.Error,
            "exim accepts only numeric addresses in local_interfaces: the daemon dies with \"{0}\"");

        /// <summary>{0}: exim's error.</summary>
        public static readonly DiagnosticDescriptor LocalInterfacesComma = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4LocalInterfacesComma, DiagnosticSeverity.Error,
            "dc_local_interfaces uses ',' as a separator, which exim does not split on: the daemon dies with \"{0}\"; separate items with ' ; '");

        /// <summary>{0}: the item as written; {1}: as exim reads it; {2}: exim's error.</summary>
        public static readonly DiagnosticDescriptor LocalInterfacesColonList = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4LocalInterfacesColonList, DiagnosticSeverity.Error,
            "the IPv6 address \"{0}\" is in a ':' list without doubled colons, so exim reads it as \"{1}\" and the daemon dies with \"{2}\"; use ' ; ' as the separator");

        /// <summary>{0}: the variable.</summary>
        public static readonly DiagnosticDescriptor Duplicate = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4Duplicate, DiagnosticSeverity.Info, "{0} is assigned more than once; the last assignment wins");

        /// <summary>{0}: the line.</summary>
        public static readonly DiagnosticDescriptor MacroLine = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4MacroLine, DiagnosticSeverity.Info,
            "undocumented line {0} found, update-exim4.conf generates an exim macro from it (raw text, lower-cased value)");

        /// <summary>{0}: the variable.</summary>
        public static readonly DiagnosticDescriptor MultiLineValue = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4MultiLineValue, DiagnosticSeverity.Warning,
            "the value of {0} spans lines; update-exim4.conf copies the newline into exim's configuration");

        /// <summary>No arguments: the form is expanded on every run.</summary>
        public static readonly DiagnosticDescriptor BadSubstitution = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4BadSubstitution, DiagnosticSeverity.Error,
            "Bad substitution: dash cannot expand this ${{...}} form, so update-exim4.conf aborts here");

        /// <summary>No arguments: the form sits where dash may never expand it.</summary>
        public static readonly DiagnosticDescriptor BadSubstitutionNotReached = new DiagnosticDescriptor(
            DiagnosticCodes.Exim4BadSubstitution, DiagnosticSeverity.Warning,
            "Bad substitution: dash cannot expand this ${{...}} form and aborts if it ever expands it");
    }
}
