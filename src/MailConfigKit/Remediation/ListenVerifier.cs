using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using MailConfigKit.Host;
using MailConfigKit.Values;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Verifies that a (re)started mail daemon answers: every address and port its configuration names must greet with
    /// <c>220</c> and accept <c>EHLO</c> (then <c>QUIT</c>), from a socket the daemon itself holds, within the daemon's own
    /// startup bound (exim retries failed binds <c>daemon_startup_retries</c> times, <c>daemon_startup_sleep</c> apart,
    /// holding its first socket open but silent all the while). A listener that accepts but never greets is not verified;
    /// a greeting from another process's socket (found through <c>/proc/net/tcp*</c> inodes and <c>/proc/PID/fd</c>,
    /// compared with the daemon's pid file) is not the daemon's; a line the daemon writes to its failure log (exim's
    /// paniclog) after the restart ends verification at once.
    /// </summary>
    /// <remarks>
    /// Addresses are probed from this process's network, and sockets are looked up in this machine's <c>/proc</c>; the
    /// configuration, the pid file and the failure log come from the host root. On the live system (<c>/</c>) they agree. A
    /// tree root is verified only when its daemon runs in this process's network (an instance started from the tree, as the
    /// tests do in a network namespace).
    /// </remarks>
    public static class ListenVerifier
    {
        // btime in /proc/stat is whole seconds, so a start time can read up to a second early.
        private static readonly TimeSpan StartTimeSlack = TimeSpan.FromSeconds(1);

        /// <summary>Reads the configuration with <paramref name="source"/> and verifies it with the default options.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static ListenVerification Verify(MailHost host, IListenConfigurationSource source) => Verify(host, source, ListenVerificationOptions.Default);

        /// <summary>Reads the configuration with <paramref name="source"/> and verifies it.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static ListenVerification Verify(MailHost host, IListenConfigurationSource source, ListenVerificationOptions options)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (source == null) throw new ArgumentNullException(nameof(source));
            return Verify(host, source.Read(host), options);
        }

        /// <summary>Verifies <paramref name="configuration"/>'s endpoints (see the class remarks).</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static ListenVerification Verify(MailHost host, ListenConfiguration configuration, ListenVerificationOptions options)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (configuration == null) throw new ArgumentNullException(nameof(configuration));
            if (options == null) throw new ArgumentNullException(nameof(options));
            DateTimeOffset started = DateTimeOffset.Now;
            var clock = Stopwatch.StartNew();
            TimeSpan bound = options.Timeout ?? configuration.StartupBound;
            DateTimeOffset since = Truncate(options.RestartedAt ?? started);
            var latest = new Dictionary<ListenEndpoint, AddressVerification>();
            var attempts = configuration.Endpoints.ToDictionary(e => e, e => 0);
            var failures = new List<string>();
            int? daemonPid = null;
            string? stopped = null;
            if (configuration.Endpoints.Count == 0) stopped = "the configuration names no address to verify";
            while (stopped == null)
            {
                daemonPid = LiveProcesses.ReadPidFile(host, configuration.PidFile);
                foreach (ListenEndpoint endpoint in configuration.Endpoints)
                {
                    if (latest.TryGetValue(endpoint, out AddressVerification? done) && done.IsVerified) continue;
                    TimeSpan left = bound - clock.Elapsed;
                    TimeSpan probeTimeout = left < options.ProbeTimeout ? (left > TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)) : options.ProbeTimeout;
                    SmtpGreetingResult probe = SmtpGreetingProbe.Probe(endpoint, probeTimeout);
                    attempts[endpoint]++;
                    latest[endpoint] = Classify(configuration, probe, daemonPid, options.RestartedAt, clock.Elapsed, attempts[endpoint]);
                }
                bool allVerified = latest.Count == configuration.Endpoints.Count && latest.Values.All(a => a.IsVerified);
                failures = NewFailureLines(host, configuration, since, allVerified);
                if (allVerified) break;
                if (failures.Count > 0) stopped = "the daemon logged a failure to " + configuration.FailureLog + " after the restart";
                else if (clock.Elapsed >= bound) stopped = "not all addresses answered within " + bound.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s (" + configuration.StartupBoundReason + ")";
                else Thread.Sleep(options.PollInterval);
            }
            if (stopped == null && configuration.Problems.Count > 0) stopped = "the configuration could not be fully read";
            var addresses = configuration.Endpoints.Where(latest.ContainsKey).Select(e => latest[e]).ToList();
            return new ListenVerification(configuration, addresses, daemonPid, failures, started, clock.Elapsed, stopped);
        }

        private static AddressVerification Classify(ListenConfiguration configuration, SmtpGreetingResult probe, int? daemonPid, DateTimeOffset? restartedAt, TimeSpan afterStart, int attempts)
        {
            AddressVerification Result(AddressVerificationStatus status, int? owner, string? program, bool checkedOwner, string detail) =>
                new AddressVerification(probe.Endpoint, status, probe, owner, program, checkedOwner, detail, afterStart, attempts);
            switch (probe.Outcome)
            {
                case SmtpGreetingOutcome.Refused: return Result(AddressVerificationStatus.Refused, null, null, false, probe.Detail);
                case SmtpGreetingOutcome.Unreachable: return Result(AddressVerificationStatus.Unreachable, null, null, false, probe.Detail);
                case SmtpGreetingOutcome.NotAccepted: return Result(AddressVerificationStatus.NotAccepted, null, null, false, probe.Detail);
            }
            List<int> owners = LiveProcesses.Owners(LiveProcesses.ListenerInodes(probe.Endpoint), out bool incomplete);
            int? owner = daemonPid.HasValue && owners.Contains(daemonPid.Value) ? daemonPid : owners.Count > 0 ? owners.Min() : (int?)null;
            string? program = owner.HasValue ? LiveProcesses.Name(owner.Value) : null;
            string ownerText = owner.HasValue ? "socket held by " + (program ?? "?") + " pid " + owner.Value : "socket owner not found";
            if (probe.Outcome == SmtpGreetingOutcome.NoGreeting)
                return Result(AddressVerificationStatus.NoGreeting, owner, program, owner.HasValue, probe.Detail + "; " + ownerText);
            string pidText = daemonPid.HasValue ? "pid " + daemonPid.Value + " in " + configuration.PidFile : "no pid in " + configuration.PidFile;
            if (owner.HasValue && owner == daemonPid)
            {
                DateTimeOffset? began = LiveProcesses.StartTime(owner.Value);
                string beganText = began.HasValue ? ", started " + began.Value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : string.Empty;
                if (restartedAt.HasValue && (!began.HasValue || began.Value < restartedAt.Value - StartTimeSlack))
                    return Result(AddressVerificationStatus.NotRestarted, owner, program, true, ownerText + beganText + ", before the restart at "
                        + restartedAt.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " (" + pidText + ")");
                return Result(AddressVerificationStatus.Verified, owner, program, true, ownerText + " = " + pidText + beganText);
            }
            if (owner.HasValue)
                return Result(AddressVerificationStatus.ForeignProcess, owner, program, true, ownerText + ", not the daemon (" + pidText + ")");
            // The owner is unknown: another user's processes cannot be read (not root). The greeting may still name the daemon.
            bool named = probe.Greeting != null && probe.Greeting.IndexOf(configuration.Daemon == MailDaemon.Exim4 ? "Exim" : "Postfix", StringComparison.OrdinalIgnoreCase) >= 0;
            bool daemonFresh = daemonPid.HasValue && LiveProcesses.IsAlive(daemonPid.Value)
                && (!restartedAt.HasValue || LiveProcesses.StartTime(daemonPid.Value) is DateTimeOffset t && t >= restartedAt.Value - StartTimeSlack);
            if (incomplete && named && daemonFresh)
                return Result(AddressVerificationStatus.Verified, null, null, false, "socket owner not checked (other processes' /proc/PID/fd unreadable: not root); the greeting names "
                    + configuration.Daemon + " and " + pidText + " runs, started after the restart");
            return Result(AddressVerificationStatus.Unattributed, null, null, false, ownerText + (incomplete ? " (other processes' /proc/PID/fd unreadable: not root)" : string.Empty) + "; " + pidText);
        }

        /// <summary>Failure-log lines stamped at or after <paramref name="since"/> (escaped); lines without a time stamp do not count.</summary>
        private static List<string> NewFailureLines(MailHost host, ListenConfiguration configuration, DateTimeOffset since, bool allVerified)
        {
            var lines = new List<string>();
            if (configuration.FailureLog == null) return lines;
            try
            {
                foreach (LogLine line in host.ReadLog(configuration.FailureLog))
                {
                    if (EximLogTime.TryParse(line.Text, host.TimeZone, out DateTimeOffset time) && time >= since)
                    {
                        // exim's stamps have whole seconds. A daemon that abandoned has exited, so an abandon stamped in the
                        // very second of the restart is the old daemon's when the one greeting on every address now is the
                        // daemon the pid file names (seen in a booted Debian 12: the seed failed and the fix restarted in one second).
                        if (allVerified && time == since && line.Text.IndexOf("daemon abandoned", StringComparison.Ordinal) >= 0) continue;
                        lines.Add(LogText.Escape(line.ToString()));
                        if (lines.Count >= 20) break;
                    }
                }
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
            {
                // An unreadable paniclog gives no evidence either way; the probes decide.
            }
            return lines;
        }

        private static DateTimeOffset Truncate(DateTimeOffset t) => new DateTimeOffset(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);
    }
}
