namespace MailConfigKit.Diagnosis
{
    /// <summary>How much a finding matters.</summary>
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
