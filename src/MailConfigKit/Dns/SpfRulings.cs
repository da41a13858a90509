namespace MailConfigKit.Dns
{
    /// <summary>
    /// Names for the places where this evaluator follows a reading of RFC 7208 that other implementations (pyspf among
    /// them) do not share. <see cref="SpfCheckResult.Rulings"/> lists the ones an evaluation relied on, so a differential
    /// test can tell a known difference of reading from a defect.
    /// </summary>
    internal static class SpfRulings
    {
        /// <summary>4.6.4: <c>redirect=</c> counts toward the 10 look-ups when it is evaluated, not when the record is read.</summary>
        public const string RedirectCountedWhenEvaluated = "4.6.4 redirect counts when evaluated";

        /// <summary>5.5: a DNS error in the PTR query is no match, and an error looking up a PTR name skips that name.</summary>
        public const string PtrErrorIsNoMatch = "5.5 ptr DNS error is no match";

        /// <summary>7.3: a DNS error while finding <c>%{p}</c> gives "unknown".</summary>
        public const string PMacroErrorIsUnknown = "7.3 p macro DNS error is unknown";

        /// <summary>7.3: <c>%{p}</c> costs look-ups when the term holding it is evaluated, in record order.</summary>
        public const string PMacroEvaluatedInOrder = "7.3 p macro evaluated in order";

        /// <summary>7.3: parts split at a delimiter other than '.' are joined with '.'.</summary>
        public const string DelimitersRejoinedWithDot = "7.3 delimiters rejoined with dots";

        /// <summary>7.3: a name longer than 253 characters loses whole labels on the left until it fits.</summary>
        public const string TruncatedToFit = "7.3 truncated to 253 characters";

        /// <summary>7.1: macro transformers, delimiters and braces are checked to the letter of the grammar.</summary>
        public const string MacroSyntax = "7.1 strict macro syntax";

        /// <summary>7.1: a '%' right after a "%%" escape is checked like any other '%'.</summary>
        public const string PercentAfterEscape = "7.1 percent after %% checked";

        /// <summary>7.1: the reverse transformer may be written "R" (ABNF strings are case-insensitive).</summary>
        public const string UpperCaseReverse = "7.1 R reverses";

        /// <summary>7.1: a macro string may end in the escape "%%".</summary>
        public const string PercentEscapeAtEnd = "7.1 %% at the end";

        /// <summary>5.2: an include of the record's own domain is evaluated in order (the look-up limit ends the loop).</summary>
        public const string IncludeOfOwnDomainInOrder = "5.2 include of own domain evaluated in order";

        /// <summary>6: unknown modifiers may repeat.</summary>
        public const string UnknownModifierRepeats = "6 unknown modifier repeats";

        /// <summary>4.6.1: modifier names are case-insensitive (<c>REDIRECT=</c> is <c>redirect=</c>).</summary>
        public const string ModifierNameCase = "4.6.1 modifier names case-insensitive";

        /// <summary>7.1: a macro-literal is a printable ASCII character; control characters inside a term are a syntax error.</summary>
        public const string LiteralCharacters = "7.1 literal characters";

        /// <summary>7.3: an empty expansion of a target name is a name that does not exist, not a syntax error.</summary>
        public const string EmptyTargetDoesNotExist = "7.3 empty target does not exist";
    }
}
