namespace MailConfigKit.Remediation
{
    /// <summary>What happened when one <see cref="ServiceAction"/> ran.</summary>
    public sealed class ServiceActionResult
    {
        /// <summary>Creates a result.</summary>
        public ServiceActionResult(ServiceAction action, ServiceActionStatus status, string message)
            : this(action, status, message, null, null, null, null)
        {
        }

        internal ServiceActionResult(ServiceAction action, ServiceActionStatus status, string message, string? commandLine, string? output,
            ListenVerification? verification, PaniclogArchiveResult? archive)
        {
            Action = action;
            Status = status;
            Message = message;
            CommandLine = commandLine;
            Output = output;
            Verification = verification;
            Archive = archive;
        }

        /// <summary>The action that ran (or did not).</summary>
        public ServiceAction Action { get; }

        /// <summary>How it ended.</summary>
        public ServiceActionStatus Status { get; }

        /// <summary>What was run and what was seen, in one line.</summary>
        public string Message { get; }

        /// <summary>The command as run on this host (or as it would be run, when skipped); null for in-process actions.</summary>
        public string? CommandLine { get; }

        /// <summary>The command's standard output and error, captured (trimmed, escaped); null when nothing ran.</summary>
        public string? Output { get; }

        /// <summary>After a start or restart: whether the daemon answered on every configured address; null otherwise.</summary>
        public ListenVerification? Verification { get; }

        /// <summary>For the paniclog action: where its old content went; null otherwise.</summary>
        public PaniclogArchiveResult? Archive { get; }

        /// <summary><c>status: message</c>.</summary>
        public override string ToString() => Status.ToString().ToLowerInvariant() + ": " + Message;
    }
}
