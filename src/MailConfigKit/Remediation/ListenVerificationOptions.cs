using System;

namespace MailConfigKit.Remediation
{
    /// <summary>How <see cref="ListenVerifier"/> waits and probes.</summary>
    public sealed class ListenVerificationOptions
    {
        /// <summary>
        /// When the restart command was run: the daemon that answers must have started at or after it (whole seconds: the
        /// kernel's boot time has no finer grain), and failure-log lines from then on end verification. Null: any running
        /// daemon counts, and failure-log lines from the verification's own start on.
        /// </summary>
        public DateTimeOffset? RestartedAt { get; set; }

        /// <summary>How long to keep trying; null: the configuration's <see cref="ListenConfiguration.StartupBound"/>.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>How long one probe waits for the connection and for each reply (default 5 s).</summary>
        public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The pause between rounds of probes (default 1 s).</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The defaults.</summary>
        public static ListenVerificationOptions Default => new ListenVerificationOptions();

        /// <summary>The options in one line.</summary>
        public override string ToString() =>
            "restarted at " + (RestartedAt?.ToString("o") ?? "(any)") + ", timeout " + (Timeout?.TotalSeconds.ToString() ?? "(startup bound)") + " s, probe " + ProbeTimeout.TotalSeconds + " s";
    }
}
