namespace MailConfigKit.Diagnosis
{
    /// <summary>How one check of a diagnosis ended.</summary>
    public enum CheckOutcome
    {
        /// <summary>It ran and found nothing.</summary>
        Passed = 0,

        /// <summary>It ran and reported findings.</summary>
        Found = 1,

        /// <summary>It was skipped (named in <see cref="DiagnosisOptions.SkipChecks"/>, or DNS checks are off).</summary>
        Skipped = 2,

        /// <summary>It could not finish (an unreadable file, an unexpected error); a finding says why.</summary>
        Failed = 3,
    }
}
