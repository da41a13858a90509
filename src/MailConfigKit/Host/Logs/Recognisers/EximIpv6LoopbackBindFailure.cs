using System.Collections.Generic;
using System.Net;
using System.Text.RegularExpressions;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// exim failing to bind the IPv6 loopback (spec E7), in its mainlog and paniclog: <c>socket bind() to port 25 for
    /// address ::1 failed: Cannot assign requested address: daemon abandoned</c> (the end), and, every 30 s before it
    /// (<c>daemon_startup_retries</c>, the mainlog only), <c>... waiting 30s before trying again (9 more tries)</c>. Any
    /// port; the address in any IPv6-loopback spelling (<c>::1</c>, <c>[::1]</c>, <c>0:0:0:0:0:0:0:1</c>).
    /// </summary>
    public sealed class EximIpv6LoopbackBindFailure : LogRecogniser
    {
        private static readonly string[] Words = { "socket bind()" };
        private static readonly Regex BindFailure = new Regex(
            @"socket bind\(\) to port \d+ for address (?<address>\S+) failed: Cannot assign requested address: (?<end>daemon abandoned|waiting \d+s before trying again)",
            RegexOptions.CultureInvariant);

        /// <inheritdoc />
        public override string Name => "exim-ipv6-loopback-bind-failure";

        /// <inheritdoc />
        public override IReadOnlyList<string> Keywords => Words;

        /// <inheritdoc />
        public override bool Matches(string message) => Read(message) != null;

        /// <summary>Whether <paramref name="message"/> is the retry form (exim still trying: its retry window, about 4.5 minutes).</summary>
        public static bool IsRetry(string message) => Read(message) == false;

        // true: abandoned; false: waiting; null: not this message.
        private static bool? Read(string? message)
        {
            if (message == null || message.IndexOf("socket bind()", System.StringComparison.Ordinal) < 0) return null;
            Match m = BindFailure.Match(message);
            if (!m.Success) return null;
            string address = m.Groups["address"].Value.Trim('[', ']');
            if (!IPAddress.TryParse(address, out IPAddress? ip) || !ip.Equals(IPAddress.IPv6Loopback)) return null;
            return m.Groups["end"].Value == "daemon abandoned";
        }
    }
}
