using System;
using System.Globalization;
using MailConfigKit.Values;

namespace MailConfigKit.Remediation
{
    /// <summary>How one address ended in a verification.</summary>
    public enum AddressVerificationStatus
    {
        /// <summary>The restarted daemon (its pid, started after the restart) holds the socket, greeted with <c>220</c> and accepted EHLO.</summary>
        Verified = 0,

        /// <summary>The connection was accepted but no greeting came (exim retrying its binds holds its first socket silently).</summary>
        NoGreeting = 1,

        /// <summary>Connection refused: nothing listens.</summary>
        Refused = 2,

        /// <summary>The address cannot be used or reached here.</summary>
        Unreachable = 3,

        /// <summary>Something answered, but not with a <c>220</c> greeting and a <c>250</c> to EHLO.</summary>
        NotAccepted = 4,

        /// <summary>An SMTP server greeted, but the socket belongs to another process than the daemon's (another MTA, a leftover, a test listener).</summary>
        ForeignProcess = 5,

        /// <summary>The daemon greeted, but it started before the restart: the restart has not (yet) replaced it.</summary>
        NotRestarted = 6,

        /// <summary>An SMTP server greeted, but whose socket it is could not be told (no pid file, /proc unreadable) and its greeting does not name the daemon.</summary>
        Unattributed = 7,
    }

    /// <summary>One address of a <see cref="ListenVerification"/>: what answered there, its greeting, and when.</summary>
    public sealed class AddressVerification
    {
        internal AddressVerification(ListenEndpoint endpoint, AddressVerificationStatus status, SmtpGreetingResult probe, int? answeredByPid,
            string? answeredByProgram, bool ownerChecked, string detail, TimeSpan afterStart, int attempts)
        {
            Endpoint = endpoint;
            Status = status;
            Probe = probe;
            AnsweredByPid = answeredByPid;
            AnsweredByProgram = answeredByProgram;
            OwnerChecked = ownerChecked;
            Detail = detail;
            AfterStart = afterStart;
            Attempts = attempts;
        }

        /// <summary>The address and port.</summary>
        public ListenEndpoint Endpoint { get; }

        /// <summary>How it ended.</summary>
        public AddressVerificationStatus Status { get; }

        /// <summary>Whether the restarted daemon answered there.</summary>
        public bool IsVerified => Status == AddressVerificationStatus.Verified;

        /// <summary>The last SMTP probe (greeting, EHLO reply, its time).</summary>
        public SmtpGreetingResult Probe { get; }

        /// <summary>The greeting, as received (not escaped); null when none came.</summary>
        public string? Greeting => Probe.Greeting;

        /// <summary>When the last probe ran.</summary>
        public DateTimeOffset At => Probe.At;

        /// <summary>The process holding the listening socket (from <c>/proc/PID/fd</c>); null when not found.</summary>
        public int? AnsweredByPid { get; }

        /// <summary>That process's name (<c>/proc/PID/comm</c>).</summary>
        public string? AnsweredByProgram { get; }

        /// <summary>
        /// Whether the socket's owner was checked against the daemon's pid. False when <c>/proc</c> could not tell (another
        /// user's processes: not root); a greeting that names the daemon then counts, and this says so.
        /// </summary>
        public bool OwnerChecked { get; }

        /// <summary>A sentence on what was seen.</summary>
        public string Detail { get; }

        /// <summary>How long after the verification started the last probe ran.</summary>
        public TimeSpan AfterStart { get; }

        /// <summary>How many probes were made.</summary>
        public int Attempts { get; }

        /// <summary><c>127.0.0.1:25 verified: "220 ..." (detail), after 1.2 s, 1 probe(s)</c>; text from the network is escaped.</summary>
        public override string ToString() =>
            Endpoint + " " + Status.ToString().ToLowerInvariant()
            + (Greeting != null ? ": \"" + LogText.Escape(Greeting.Split('\n')[0]) + "\"" : string.Empty)
            + " (" + LogText.Escape(Detail) + "), at " + At.ToString("HH':'mm':'ss", CultureInfo.InvariantCulture)
            + ", " + AfterStart.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s after the start, " + Attempts + " probe(s)";
    }
}
