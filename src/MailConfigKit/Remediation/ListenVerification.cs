using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MailConfigKit.Values;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Whether a restarted mail daemon answers on every address and port its configuration names (see <see cref="ListenVerifier"/>):
    /// one <see cref="AddressVerification"/> per address, the daemon's pid, and any failure it logged since the restart.
    /// </summary>
    public sealed class ListenVerification
    {
        internal ListenVerification(ListenConfiguration configuration, IReadOnlyList<AddressVerification> addresses, int? daemonPid,
            IReadOnlyList<string> failureEvidence, DateTimeOffset started, TimeSpan elapsed, string? stoppedBecause)
        {
            Configuration = configuration;
            Addresses = addresses;
            DaemonPid = daemonPid;
            FailureEvidence = failureEvidence;
            Started = started;
            Elapsed = elapsed;
            StoppedBecause = stoppedBecause;
        }

        /// <summary>What was verified against: the endpoints, the bound, the pid file.</summary>
        public ListenConfiguration Configuration { get; }

        /// <summary>The daemon.</summary>
        public MailDaemon Daemon => Configuration.Daemon;

        /// <summary>One result per configured address and port.</summary>
        public IReadOnlyList<AddressVerification> Addresses { get; }

        /// <summary>The daemon's pid from its pid file at the end; null when there was none.</summary>
        public int? DaemonPid { get; }

        /// <summary>Lines the daemon logged to its failure log (exim's paniclog) since the restart, escaped; empty when none.</summary>
        public IReadOnlyList<string> FailureEvidence { get; }

        /// <summary>When verification started.</summary>
        public DateTimeOffset Started { get; }

        /// <summary>How long it took.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>Why it stopped before every address was verified (the bound passed, the daemon logged its failure); null when verified.</summary>
        public string? StoppedBecause { get; }

        /// <summary>
        /// True only when the configuration was fully understood, names at least one address, and the restarted daemon greeted
        /// on every one of them.
        /// </summary>
        public bool IsVerified => Configuration.Problems.Count == 0 && Addresses.Count > 0 && Addresses.All(a => a.IsVerified) && FailureEvidence.Count == 0;

        /// <summary>One line: verified or not, and the addresses.</summary>
        public string Summary =>
            Daemon + (IsVerified ? " verified" : " NOT verified") + ": " + (Addresses.Count == 0 ? "no address" : string.Join(", ", Addresses.Select(a => a.Endpoint + " " + a.Status.ToString().ToLowerInvariant())))
            + (StoppedBecause != null ? " (" + LogText.Escape(StoppedBecause) + ")" : string.Empty);

        /// <summary>The summary, then one line per address, the configuration's problems and the failure evidence.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder(Summary);
            sb.Append("\n  daemon pid ").Append(DaemonPid?.ToString(CultureInfo.InvariantCulture) ?? "unknown").Append(" (").Append(Configuration.PidFile).Append("); bound ")
                .Append(Configuration.StartupBound.TotalSeconds.ToString(CultureInfo.InvariantCulture)).Append(" s (").Append(Configuration.StartupBoundReason).Append("); took ")
                .Append(Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s");
            foreach (AddressVerification a in Addresses) sb.Append("\n  ").Append(a);
            foreach (string p in Configuration.Problems) sb.Append("\n  not verifiable: ").Append(LogText.Escape(p));
            foreach (string line in FailureEvidence) sb.Append("\n  logged since the restart: ").Append(line);
            return sb.ToString();
        }
    }
}
