using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// Every master.cf diagnostic: code, severity and message, in postconf's words where it has them. Errors are what
    /// postconf dies on; warnings what it warns about or ignores. <see cref="MasterCfEntryParser"/> and
    /// <see cref="MasterCfDiagnostics"/> only fill in the arguments.
    /// </summary>
    internal static class MasterCfDescriptors
    {
        /// <summary>{0}: the entry, trailing whitespace removed, made printable.</summary>
        public static readonly DiagnosticDescriptor FieldCount = new DiagnosticDescriptor(
            DiagnosticCodes.MasterCfFieldCount, DiagnosticSeverity.Error,
            "bad field count: \"{0}\" (an entry needs service, type, private, unpriv, chroot, wakeup, maxproc and command)");

        /// <summary>{0}: the field's name; {1}: the field; {2}: the entry.</summary>
        public static readonly DiagnosticDescriptor Type = InvalidField(DiagnosticCodes.MasterCfType);

        /// <summary>{0}: the field's name; {1}: the field; {2}: the entry.</summary>
        public static readonly DiagnosticDescriptor Flag = InvalidField(DiagnosticCodes.MasterCfFlag);

        /// <summary>{0}: the field's name; {1}: the field; {2}: the entry.</summary>
        public static readonly DiagnosticDescriptor Wakeup = InvalidField(DiagnosticCodes.MasterCfWakeup);

        /// <summary>{0}: the field's name; {1}: the field; {2}: the entry.</summary>
        public static readonly DiagnosticDescriptor MaxProc = InvalidField(DiagnosticCodes.MasterCfMaxProc);

        /// <summary>{0}: the braced word.</summary>
        public static readonly DiagnosticDescriptor MissingBrace = new DiagnosticDescriptor(
            DiagnosticCodes.MasterCfMissingBrace, DiagnosticSeverity.Warning, "master.cf: missing '}}' in \"{0}\"");

        /// <summary>{0}: the braced word.</summary>
        public static readonly DiagnosticDescriptor TextAfterBrace = new DiagnosticDescriptor(
            DiagnosticCodes.MasterCfTextAfterBrace, DiagnosticSeverity.Warning, "master.cf: syntax error after '}}' in \"{0}\"");

        /// <summary>{0}: Postfix's error; {1}: the text inside the braces. postconf's own warning.</summary>
        public static readonly DiagnosticDescriptor BracedOverrideSyntax = new DiagnosticDescriptor(
            DiagnosticCodes.MasterCfOverrideSyntax, DiagnosticSeverity.Warning, "master.cf: {0}: \"{1}\"");

        /// <summary>{0}: Postfix's error; {1}: the plain <c>-o</c> value (postconf is silent on these).</summary>
        public static readonly DiagnosticDescriptor OverrideSyntax = new DiagnosticDescriptor(
            DiagnosticCodes.MasterCfOverrideSyntax, DiagnosticSeverity.Warning,
            "{0}: \"{1}\" (an -o value must be name=value; Postfix sets no parameter from it)");

        /// <summary>No arguments.</summary>
        public static readonly DiagnosticDescriptor OverrideWithoutValue = new DiagnosticDescriptor(
            DiagnosticCodes.MasterCfOverrideWithoutValue, DiagnosticSeverity.Warning,
            "-o without a value at the end of the options: the daemon gets a bare -o and refuses to start");

        /// <summary>{0}: the line, trailing whitespace removed, made printable.</summary>
        public static readonly DiagnosticDescriptor LeadingWhitespace = new DiagnosticDescriptor(
            DiagnosticCodes.MasterCfLeadingWhitespace, DiagnosticSeverity.Warning, "logical line must not start with whitespace: \"{0}\" (Postfix ignores this line)");

        /// <summary>{0}: <c>service/type</c>; {1}: the 1-based line of the first definition.</summary>
        public static readonly DiagnosticDescriptor DuplicateService = new DiagnosticDescriptor(
            DiagnosticCodes.MasterCfDuplicateService, DiagnosticSeverity.Warning,
            "duplicate service {0} (first defined on line {1}): postconf merges their -o parameters and the master daemon runs both");

        private static DiagnosticDescriptor InvalidField(string code) =>
            new DiagnosticDescriptor(code, DiagnosticSeverity.Error, "invalid {0} field \"{1}\" in \"{2}\"");
    }
}
