namespace MailConfigKit.Text
{
    /// <summary>How serious a <see cref="Diagnostic"/> is, judged by what the real tool does with the input.</summary>
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
