namespace MailConfigKit.Text
{
    // The exim runtime configuration part: EXC codes are exim's own configuration file (exim4.conf, the template,
    // conf.d, local macros), judged by what exim 4.96 does when it reads it (-bV, -bP).
    public static partial class DiagnosticCodes
    {
        /// <summary>A UTF-8 byte order mark at the start of the file: exim dies with "found unexpected BOM (Byte Order Mark)".</summary>
        public const string EximByteOrderMark = "EXC0001";

        /// <summary>A <c>.ifdef</c>/<c>.ifndef</c> never closed: "Unexpected end of configuration file: .endif missing".</summary>
        public const string EximMissingEndif = "EXC0002";

        /// <summary>An <c>.elifdef</c>, <c>.else</c> or <c>.endif</c> with no open conditional: ".endif without matching .ifdef".</summary>
        public const string EximUnmatchedConditional = "EXC0003";

        /// <summary>More than ten nested conditionals: ".ifdef nested too deeply".</summary>
        public const string EximConditionalTooDeep = "EXC0004";

        /// <summary>A line that starts with an upper-case letter but is no macro definition, or a macro name over 63 characters.</summary>
        public const string EximMalformedMacro = "EXC0005";

        /// <summary>A macro defined twice with <c>=</c>, redefined with <c>==</c> before any definition, or whose name contains an earlier macro's name (exim matches macro names as substrings).</summary>
        public const string EximMacroRedefinition = "EXC0006";

        /// <summary>A main-section line that is no option setting: "option setting expected".</summary>
        public const string EximOptionExpected = "EXC0007";

        /// <summary>A main option set twice: "option set for the second time".</summary>
        public const string EximOptionSetTwice = "EXC0008";

        /// <summary>A value exim refuses for its option (a boolean that is not true/false/yes/no, a missing <c>=</c> or value).</summary>
        public const string EximOptionValue = "EXC0009";

        /// <summary>An <c>.include</c> exim cannot open, or an <c>.include_if_exists</c> with a relative path: exim refuses to start.</summary>
        public const string EximInclude = "EXC0010";

        /// <summary>A directive exim silently ignores: a conditional name followed by a tab or a carriage return (CRLF line ends), so the condition does not apply.</summary>
        public const string EximIgnoredDirective = "EXC0011";

        /// <summary>What exim reads here cannot be known statically (a directive inside a continued line, a built-in macro, an include that cannot be read, a value expanded at run time).</summary>
        public const string EximNotStatic = "EXC0012";
    }
}
