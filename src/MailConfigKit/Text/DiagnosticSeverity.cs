namespace MailConfigKit.Text
{
    /// <summary>How serious a <see cref="Diagnostic"/> is, judged by what the real tool does with the input.</summary>
    /// <remarks>
    /// Deliberately separate from the diagnosis layer's <c>FindingSeverity</c>: a document diagnostic grades a piece of
    /// text by what postconf, dash or exim do with it (like a compiler message), while a finding grades a host by what
    /// happens to its mail. A document Error becomes evidence of one finding; the two scales never mix, and this layer
    /// cannot see the one above it.
    /// </remarks>
    public enum DiagnosticSeverity
    {
        /// <summary>Worth knowing; the tools accept it without comment.</summary>
        Info = 0,

        /// <summary>The tool warns, or ignores the construct, but goes on.</summary>
        Warning = 1,

        /// <summary>The tool dies on it (postconf fatal, daemon refuses to start, the shell aborts).</summary>
        Error = 2,
    }
}
