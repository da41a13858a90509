namespace MailConfigKit.Diagnosis
{
    /// <summary>What one check did during a diagnosis: its outcome, how many findings, and why it was skipped or failed.</summary>
    public sealed class CheckRun
    {
        /// <summary>Creates a record of one check's run.</summary>
        public CheckRun(string checkId, string title, CheckOutcome outcome, int findingCount, string? message)
        {
            CheckId = checkId;
            Title = title;
            Outcome = outcome;
            FindingCount = findingCount;
            Message = message;
        }

        /// <summary>The check's id.</summary>
        public string CheckId { get; }

        /// <summary>The check's title.</summary>
        public string Title { get; }

        /// <summary>How it ended.</summary>
        public CheckOutcome Outcome { get; }

        /// <summary>How many findings it reported.</summary>
        public int FindingCount { get; }

        /// <summary>Why it was skipped or failed; null otherwise.</summary>
        public string? Message { get; }

        /// <summary><c>id: outcome (n finding(s))</c>, with the reason when there is one.</summary>
        public override string ToString() =>
            CheckId + ": " + Outcome.ToString().ToLowerInvariant()
            + (Outcome == CheckOutcome.Found ? " (" + FindingCount + " finding(s))" : string.Empty)
            + (Message != null ? " - " + Message : string.Empty);
    }
}
