using System;
using System.Collections.Generic;
using System.Linq;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// What a mail daemon's configuration says about its listeners: every address and port it should answer on, how long
    /// its own start may take (exim retries failed binds), where it writes its pid, and what could not be worked out.
    /// </summary>
    public sealed class ListenConfiguration
    {
        /// <summary>Creates a listen configuration.</summary>
        /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
        public ListenConfiguration(MailDaemon daemon, IReadOnlyList<ListenEndpoint> endpoints, TimeSpan startupBound, string startupBoundReason,
            string pidFile, string? failureLog, IReadOnlyList<string> problems)
        {
            Daemon = daemon;
            Endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));
            StartupBound = startupBound;
            StartupBoundReason = startupBoundReason ?? throw new ArgumentNullException(nameof(startupBoundReason));
            PidFile = pidFile ?? throw new ArgumentNullException(nameof(pidFile));
            FailureLog = failureLog;
            Problems = problems ?? throw new ArgumentNullException(nameof(problems));
        }

        /// <summary>The daemon.</summary>
        public MailDaemon Daemon { get; }

        /// <summary>Each address and port that must answer with an SMTP greeting, each once.</summary>
        public IReadOnlyList<ListenEndpoint> Endpoints { get; }

        /// <summary>
        /// How long the daemon may take to start listening (exim: <c>daemon_startup_retries</c> x <c>daemon_startup_sleep</c>,
        /// plus a margin); verification waits this long before it calls an address silent.
        /// </summary>
        public TimeSpan StartupBound { get; }

        /// <summary>Why <see cref="StartupBound"/> is what it is.</summary>
        public string StartupBoundReason { get; }

        /// <summary>The daemon's pid file, relative to the host root (<c>run/exim4/exim.pid</c>, <c>var/spool/postfix/pid/master.pid</c>).</summary>
        public string PidFile { get; }

        /// <summary>
        /// The log where the daemon writes why it gave up (exim's paniclog, relative to the host root); a line newer than the
        /// restart ends verification at once. Null when there is none to watch.
        /// </summary>
        public string? FailureLog { get; }

        /// <summary>What the configuration left unknown (a host name that does not resolve, a computed value); each is a reason not to verify.</summary>
        public IReadOnlyList<string> Problems { get; }

        /// <summary>The daemon, its endpoints and the bound.</summary>
        public override string ToString() =>
            Daemon + ": " + (Endpoints.Count == 0 ? "no endpoint" : string.Join(", ", Endpoints.Select(e => e.ToString())))
            + "; startup bound " + StartupBound.TotalSeconds + " s (" + StartupBoundReason + ")"
            + (Problems.Count > 0 ? "; problems: " + string.Join("; ", Problems) : string.Empty);
    }
}
