namespace MailConfigKit.Text
{
    // The master.cf part: MSC codes are Postfix master.cf, judged by what postconf 3.7 (-M, -F, -P) does with it.
    public static partial class DiagnosticCodes
    {
        /// <summary>An entry with fewer than eight fields: postconf dies with "bad field count".</summary>
        public const string MasterCfFieldCount = "MSC0001";

        /// <summary>A type other than <c>inet</c>, <c>unix</c>, <c>unix-dgram</c>, <c>fifo</c> or <c>pass</c>: postconf dies with "invalid type field".</summary>
        public const string MasterCfType = "MSC0002";

        /// <summary>A private, unprivileged or chroot field that is not <c>y</c>, <c>n</c> or <c>-</c>: postconf dies with "invalid ... field".</summary>
        public const string MasterCfFlag = "MSC0003";

        /// <summary>A wakeup field that is not <c>-</c> or digits with an optional <c>?</c>: postconf dies with "invalid wakeup field".</summary>
        public const string MasterCfWakeup = "MSC0004";

        /// <summary>A process limit that is not <c>-</c> or digits: postconf dies with "invalid process_limit field".</summary>
        public const string MasterCfMaxProc = "MSC0005";

        /// <summary>A <c>{</c> that is never closed: postconf warns "missing '}'" and takes the rest of the entry as the value.</summary>
        public const string MasterCfMissingBrace = "MSC0006";

        /// <summary>Text glued after a <c>}</c>: postconf warns "syntax error after '}'" and drops that text.</summary>
        public const string MasterCfTextAfterBrace = "MSC0007";

        /// <summary>An <c>-o</c> value that is not <c>name=value</c>: Postfix sets no parameter from it.</summary>
        public const string MasterCfOverrideSyntax = "MSC0008";

        /// <summary>An <c>-o</c> at the end of the options with no value after it: the daemon gets a bare <c>-o</c> and refuses to start.</summary>
        public const string MasterCfOverrideWithoutValue = "MSC0009";

        /// <summary>A whitespace-led line with no entry to continue: Postfix warns and ignores it.</summary>
        public const string MasterCfLeadingWhitespace = "MSC0010";

        /// <summary>A service name and type defined twice: postconf merges their <c>-o</c> parameters, the master daemon runs both.</summary>
        public const string MasterCfDuplicateService = "MSC0011";
    }
}
