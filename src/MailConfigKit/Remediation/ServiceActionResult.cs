namespace MailConfigKit.Remediation
{
    /// <summary>What happened when one <see cref="ServiceAction"/> ran.</summary>
    public sealed class ServiceActionResult
    {
        /// <summary>Creates a result.</summary>
        public ServiceActionResult(ServiceAction action, ServiceActionStatus status, string message)
        {
            Action = action;
            Status = status;
            Message = message;
        }

        /// <summary>The action.</summary>
        public ServiceAction Action { get; }

        /// <summary>How it ended.</summary>
        public ServiceActionStatus Status { get; }

        /// <summary>What was run and what was seen, in one line.</summary>
        public string Message { get; }

        /// <summary><c>status: message</c>.</summary>
        public override string ToString() => Status.ToString().ToLowerInvariant() + ": " + Message;
    }
}
