using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Every diagnostic of exim's runtime configuration (<see cref="EximConfiguration"/>): code, severity and message, in
    /// exim 4.96's own words where exim has them. Errors are where exim stops reading the file (it dies at the first);
    /// the reader only fills in the arguments.
    /// </summary>
    internal static class EximConfigurationDescriptors
    {
        public static readonly DiagnosticDescriptor MissingEndif = new DiagnosticDescriptor(
            DiagnosticCodes.EximMissingEndif, DiagnosticSeverity.Error, "Unexpected end of configuration file: .endif missing");

        /// <summary>{0}: the directive's name; {1}: what follows it.</summary>
        public static readonly DiagnosticDescriptor IgnoredDirective = new DiagnosticDescriptor(
            DiagnosticCodes.EximIgnoredDirective, DiagnosticSeverity.Warning, "exim ignores this line: \".{0}\" followed by {1} is not taken as a directive");

        /// <summary>{0}: the directive's name.</summary>
        public static readonly DiagnosticDescriptor ConditionalTooDeep = new DiagnosticDescriptor(
            DiagnosticCodes.EximConditionalTooDeep, DiagnosticSeverity.Error, ".{0} nested too deeply");

        /// <summary>{0}: the directive's name.</summary>
        public static readonly DiagnosticDescriptor UnmatchedConditional = new DiagnosticDescriptor(
            DiagnosticCodes.EximUnmatchedConditional, DiagnosticSeverity.Error, ".{0} without matching .ifdef");

        /// <summary>{0}: the path.</summary>
        public static readonly DiagnosticDescriptor IncludeNotAbsolute = new DiagnosticDescriptor(
            DiagnosticCodes.EximInclude, DiagnosticSeverity.Error, ".include specifies a non-absolute path \"{0}\"");

        /// <summary>{0}: the path.</summary>
        public static readonly DiagnosticDescriptor IncludeNotOpened = new DiagnosticDescriptor(
            DiagnosticCodes.EximInclude, DiagnosticSeverity.Error, "failed to open included configuration file {0}");

        /// <summary>{0}: the path.</summary>
        public static readonly DiagnosticDescriptor IncludeNotRead = new DiagnosticDescriptor(
            DiagnosticCodes.EximNotStatic, DiagnosticSeverity.Info, "Included file {0} is not read with this file alone");

        /// <summary>{0}: what cannot be followed.</summary>
        public static readonly DiagnosticDescriptor NotStatic = new DiagnosticDescriptor(
            DiagnosticCodes.EximNotStatic, DiagnosticSeverity.Warning, "What exim reads from here on cannot be known statically: {0}");

        public static readonly DiagnosticDescriptor ByteOrderMark = new DiagnosticDescriptor(
            DiagnosticCodes.EximByteOrderMark, DiagnosticSeverity.Error, "found unexpected BOM (Byte Order Mark)");

        /// <summary>{0}: the longest name exim takes.</summary>
        public static readonly DiagnosticDescriptor MacroNameTooLong = new DiagnosticDescriptor(
            DiagnosticCodes.EximMalformedMacro, DiagnosticSeverity.Error, "macro name too long (maximum is {0} characters)");

        public static readonly DiagnosticDescriptor MalformedMacro = new DiagnosticDescriptor(
            DiagnosticCodes.EximMalformedMacro, DiagnosticSeverity.Error, "malformed macro definition");

        /// <summary>{0}: the macro.</summary>
        public static readonly DiagnosticDescriptor MacroAlreadyDefined = new DiagnosticDescriptor(
            DiagnosticCodes.EximMacroRedefinition, DiagnosticSeverity.Error, "macro \"{0}\" is already defined (use \"==\" if you want to redefine it)");

        /// <summary>{0}: the macro.</summary>
        public static readonly DiagnosticDescriptor MacroRedefinedUndefined = new DiagnosticDescriptor(
            DiagnosticCodes.EximMacroRedefinition, DiagnosticSeverity.Error, "can't redefine an undefined macro \"{0}\"");

        /// <summary>{0}: the new macro; {1}: the earlier one it contains.</summary>
        public static readonly DiagnosticDescriptor MacroSubstring = new DiagnosticDescriptor(
            DiagnosticCodes.EximMacroRedefinition, DiagnosticSeverity.Error, "\"{0}\" cannot be defined as a macro because previously defined macro \"{1}\" is a substring");

        /// <summary>{0}: the line.</summary>
        public static readonly DiagnosticDescriptor OptionExpected = new DiagnosticDescriptor(
            DiagnosticCodes.EximOptionExpected, DiagnosticSeverity.Error, "option setting expected: {0}");

        /// <summary>{0}: the option.</summary>
        public static readonly DiagnosticDescriptor OptionSetTwice = new DiagnosticDescriptor(
            DiagnosticCodes.EximOptionSetTwice, DiagnosticSeverity.Error, "\"{0}\" option set for the second time");

        /// <summary>{0}: the option as written.</summary>
        public static readonly DiagnosticDescriptor DataMissing = new DiagnosticDescriptor(
            DiagnosticCodes.EximOptionValue, DiagnosticSeverity.Error, "unexpected end of line (data missing) after {0}");

        /// <summary>{0}: the option as written.</summary>
        public static readonly DiagnosticDescriptor EqualsMissing = new DiagnosticDescriptor(
            DiagnosticCodes.EximOptionValue, DiagnosticSeverity.Error, "missing \"=\" after {0}");

        /// <summary>{0}: the option as written.</summary>
        public static readonly DiagnosticDescriptor ExtraAfterBoolean = new DiagnosticDescriptor(
            DiagnosticCodes.EximOptionValue, DiagnosticSeverity.Error, "extra characters follow boolean option {0}");

        /// <summary>{0}: the word; {1}: the option as written.</summary>
        public static readonly DiagnosticDescriptor ExtraAfterBooleanWord = new DiagnosticDescriptor(
            DiagnosticCodes.EximOptionValue, DiagnosticSeverity.Error, "extra characters follow \"{0}\" for boolean option {1} (# is comment only at line start)");

        /// <summary>{0}: the word; {1}: the option as written.</summary>
        public static readonly DiagnosticDescriptor NotABooleanValue = new DiagnosticDescriptor(
            DiagnosticCodes.EximOptionValue, DiagnosticSeverity.Error, "\"{0}\" is not a valid value for the \"{1}\" option");
    }
}
