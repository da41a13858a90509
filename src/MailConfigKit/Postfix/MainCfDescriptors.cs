using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// Every main.cf diagnostic: code, severity and message, in postconf's words where it has them. The emitting sites
    /// (<see cref="MainCfDiagnostics"/>, <see cref="PostfixMacroReferences"/>, <see cref="MainCfTypedChecks"/>) only
    /// fill in the arguments. The typed settings' descriptors (<see cref="MainCfSettings"/>) get the value pattern's
    /// error as {0} and the parameter's name as {1}.
    /// </summary>
    internal static class MainCfDescriptors
    {
        /// <summary>{0}: the logical line.</summary>
        public static readonly DiagnosticDescriptor MissingName = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMissingName, DiagnosticSeverity.Error, "missing attribute name: \"{0}\"");

        /// <summary>{0}: the logical line.</summary>
        public static readonly DiagnosticDescriptor MissingEquals = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMissingEquals, DiagnosticSeverity.Error, "missing '=' after attribute name: \"{0}\"");

        /// <summary>{0}: the line, trailing whitespace removed.</summary>
        public static readonly DiagnosticDescriptor LeadingWhitespace = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfLeadingWhitespace, DiagnosticSeverity.Warning, "logical line must not start with whitespace: \"{0}\" (Postfix ignores this line)");

        /// <summary>{0}: the name; {1}: the earlier value.</summary>
        public static readonly DiagnosticDescriptor Duplicate = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfDuplicate, DiagnosticSeverity.Warning, "overriding earlier entry: {0}={1}");

        /// <summary>{0}: the name with the mark; {1}: the value.</summary>
        public static readonly DiagnosticDescriptor ByteOrderMark = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfByteOrderMark, DiagnosticSeverity.Warning,
            "unused parameter: {0}={1} (a UTF-8 byte order mark is glued to the name, so Postfix ignores this setting)");

        /// <summary>{0}: the macro error. The value is expanded along the conditional texts taken: postconf dies.</summary>
        public static readonly DiagnosticDescriptor MacroSyntaxFatal = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMacroSyntax, DiagnosticSeverity.Error,
            "{0}; postconf: fatal: macro processing error (every postconf query fails while this value is in the file)");

        /// <summary>{0}: the macro error. Expanded, but the bad part sits in a conditional text not taken.</summary>
        public static readonly DiagnosticDescriptor MacroSyntaxNotTaken = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMacroSyntax, DiagnosticSeverity.Warning,
            "{0}; postconf warns, but the conditional text is not taken with the values in this file (it becomes fatal when it is)");

        /// <summary>{0}: the macro error; {1}: the parameter nothing expands.</summary>
        public static readonly DiagnosticDescriptor MacroSyntaxNotExpanded = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMacroSyntax, DiagnosticSeverity.Warning,
            "{0}; postconf warns, but does not expand {1} (not a built-in parameter, and no value it expands refers to it)");

        /// <summary>{0}: the macro error in myhostname's default (the host's name, a dot and $mydomain expanded once).</summary>
        public static readonly DiagnosticDescriptor HostNameMacroFatal = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMacroSyntax, DiagnosticSeverity.Error,
            "{0}; myhostname is not set and this host's name has no dot, so Postfix's default for myhostname is that name, a dot and this $mydomain expanded once, and a value in this file expands it again: postconf: fatal: macro processing error");

        /// <summary>{0}: as <see cref="HostNameMacroFatal"/>, for a host whose name is not known.</summary>
        public static readonly DiagnosticDescriptor HostNameMacroIfNoDot = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMacroSyntax, DiagnosticSeverity.Warning,
            "{0}; myhostname is not set: on a host whose name has no dot, Postfix's default for myhostname is that name, a dot and this $mydomain expanded once, and a value in this file expands it again (postconf: fatal: macro processing error); set myhostname, or MainCf.HostName to know");

        /// <summary>{0}: as <see cref="HostNameMacroFatal"/>, when nothing expands myhostname (or the bad part is in a text not taken).</summary>
        public static readonly DiagnosticDescriptor HostNameMacroWarning = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMacroSyntax, DiagnosticSeverity.Warning,
            "{0}; myhostname is not set, so on a host whose name has no dot Postfix's default for it is that name, a dot and this $mydomain expanded once: postconf warns, and dies once a value it expands refers to $myhostname");

        /// <summary>{0}: the first name of the cycle; {1}: the path back to it; {2}: a note on myhostname, or empty.</summary>
        public static readonly DiagnosticDescriptor MacroCycle = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMacroCycle, DiagnosticSeverity.Warning,
            "unreasonable macro call nesting: \"{0}\" (the value refers back to itself: ${1}){2}; Postfix dies whenever it expands it");

        /// <summary>{0}: the built-in parameter; {1}: how many levels its expansion goes below its own.</summary>
        public static readonly DiagnosticDescriptor MacroNestingTooDeep = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMacroCycle, DiagnosticSeverity.Error,
            "unreasonable macro call nesting: expanding {0} goes {1} levels deep (each $name and each ${{name?text}} or ${{name:text}} text nests one level; Postfix stops past 100); postconf: fatal: macro processing error");

        /// <summary>{0}: Postfix's error.</summary>
        public static readonly DiagnosticDescriptor InetProtocols = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfInetProtocols, DiagnosticSeverity.Error, "{0}");

        /// <summary>{0}: Postfix's error.</summary>
        public static readonly DiagnosticDescriptor InetInterfaces = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfInetInterfaces, DiagnosticSeverity.Error, "{0}");

        /// <summary>{0}: the SMTP client's error.</summary>
        public static readonly DiagnosticDescriptor AddressPreference = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfAddressPreference, DiagnosticSeverity.Error, "{0} (the SMTP client dies at start-up)");

        /// <summary>{0}: smtpd's error about an unbracketed IPv6 network.</summary>
        public static readonly DiagnosticDescriptor MyNetworksIPv6 = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMyNetworksIPv6, DiagnosticSeverity.Error, "smtpd: {0}");

        /// <summary>{0}: smtpd's "bad mask length" error.</summary>
        public static readonly DiagnosticDescriptor MyNetworksMask = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfMyNetworksMask, DiagnosticSeverity.Error, "smtpd: {0}");

        /// <summary>{0}: the pattern's error; {1}: the parameter.</summary>
        public static readonly DiagnosticDescriptor BindAddress = new DiagnosticDescriptor(
            DiagnosticCodes.MainCfBindAddress, DiagnosticSeverity.Error, "{1}: {0}");
    }
}
