namespace MailConfigKit.Diagnosis
{
    /// <summary>How much a finding matters.</summary>
    /// <remarks>Separate from <c>MailConfigKit.Text.DiagnosticSeverity</c> on purpose: that one grades text by what a tool does
    /// with it; this one grades a host by what happens to its mail.</remarks>
    public enum FindingSeverity
    {
        /// <summary>Worth knowing; nothing needs to change (an old paniclog line after the fix, say).</summary>
        Note = 0,

        /// <summary>Mail is at risk (remote servers refuse some of it).</summary>
        Warning = 1,

        /// <summary>A daemon will not start, or does not run.</summary>
        Error = 2,
    }
}
