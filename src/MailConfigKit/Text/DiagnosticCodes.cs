namespace MailConfigKit.Text
{
    /// <summary>
    /// The stable diagnostic codes. A code never changes meaning; new problems get new codes.
    /// <c>MCF</c> codes are Postfix <c>main.cf</c>; the exim4 codes live in the other part of this class.
    /// </summary>
    public static partial class DiagnosticCodes
    {
        /// <summary>A line with a name but no <c>=</c>: postconf dies with "missing '=' after attribute name".</summary>
        public const string MainCfMissingEquals = "MCF0001";

        /// <summary>A line that starts with <c>=</c>: postconf dies with "missing attribute name".</summary>
        public const string MainCfMissingName = "MCF0002";

        /// <summary>A whitespace-led line with no logical line to continue: Postfix warns and ignores it.</summary>
        public const string MainCfLeadingWhitespace = "MCF0003";

        /// <summary>A parameter defined twice: Postfix warns "overriding earlier entry" and the last one wins.</summary>
        public const string MainCfDuplicate = "MCF0004";

        /// <summary>A UTF-8 byte order mark glued to the first parameter name: Postfix ignores that setting.</summary>
        public const string MainCfByteOrderMark = "MCF0005";

        /// <summary>
        /// A malformed <c>$</c> macro in a value. An error where postconf expands it (a built-in, non-raw parameter, or a
        /// value one of those refers to, along the conditional texts taken): every postconf read dies with "macro processing
        /// error". A warning where postconf only warns (a parameter nothing expands, or a conditional text not taken).
        /// </summary>
        public const string MainCfMacroSyntax = "MCF0006";

        /// <summary>An <c>inet_protocols</c> value Postfix rejects ("unknown inet_protocols value").</summary>
        public const string MainCfInetProtocols = "MCF0007";

        /// <summary>An <c>inet_interfaces</c> keyword in the wrong case, which Postfix looks up as a host name and fails on.</summary>
        public const string MainCfInetInterfaces = "MCF0008";

        /// <summary>An unbracketed IPv6 network in <c>mynetworks</c>: smtpd dies with 'expecting "type:name" form'.</summary>
        public const string MainCfMyNetworksIPv6 = "MCF0009";

        /// <summary>An <c>smtp_address_preference</c> value the SMTP client rejects ("bad smtp_address_preference value").</summary>
        public const string MainCfAddressPreference = "MCF0010";

        /// <summary>A bind address that is not a numeric address of the right family.</summary>
        public const string MainCfBindAddress = "MCF0011";

        /// <summary>A <c>mynetworks</c> mask length out of range: smtpd warns "bad mask length" and lookups fail.</summary>
        public const string MainCfMyNetworksMask = "MCF0012";
    
        /// <summary>
        /// postconf's "unreasonable macro call nesting": a warning for a value that refers back to itself through <c>$</c>
        /// references (Postfix dies wherever it expands it), an error for a built-in parameter whose expansion goes more than
        /// 100 levels deep (postconf dies on every read).
        /// </summary>
        public const string MainCfMacroCycle = "MCF0013";
    }
}
