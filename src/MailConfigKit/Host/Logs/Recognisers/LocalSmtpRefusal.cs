using System;
using System.Collections.Generic;
using System.Net;
using System.Text.RegularExpressions;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Local programs failing to hand mail to <c>localhost:25</c>: the symptom users see first when the local MTA is not
    /// listening, and evidence that nothing accepts mail there. The texts: fetchmail's
    /// <c>connection to localhost:smtp [127.0.0.1/25] failed: Connection refused.</c> and <c>SMTP connect to localhost
    /// failed</c>; msmtp's <c>cannot connect to localhost, port 25: Connection refused</c>; Postfix's SMTP client (a relay
    /// or content filter on the host) <c>connect to localhost[127.0.0.1]:25: Connection refused</c>; the monitoring
    /// plugin check_smtp's <c>connect to address 127.0.0.1 and port 25: Connection refused</c>. Only a loopback host
    /// (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>) on port 25 counts.
    /// </summary>
    public sealed class LocalSmtpRefusal : LogRecogniser
    {
        private static readonly string[] Words = { "connection refused", "smtp connect to" };

        private static readonly Regex[] Forms =
        {
            // fetchmail (socket.c)
            new Regex(@"connection to (?<h>[^\s\[]+?):(?<p>smtp|25) \[(?<a>[^/\]]+)/25\] failed: Connection refused", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
            // fetchmail (sink.c)
            new Regex(@"\bSMTP connect to (?<h>\S+) failed", RegexOptions.CultureInvariant),
            // msmtp
            new Regex(@"cannot connect to (?<h>[^\s,]+), port (?<p>25|smtp): Connection refused", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
            // Postfix smtp/lmtp client
            new Regex(@"connect to (?<h>[^\s\[]+)\[(?<a>[^\]]+)\]:(?<p>25): Connection refused", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
            // monitoring-plugins check_smtp
            new Regex(@"connect to address (?<h>\S+) and port (?<p>25): Connection refused", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
        };

        /// <inheritdoc />
        public override string Name => "local-smtp-refusal";

        /// <inheritdoc />
        public override IReadOnlyList<string> Keywords => Words;

        /// <inheritdoc />
        public override bool Matches(string message)
        {
            if (message == null) return false;
            if (message.IndexOf("refused", StringComparison.OrdinalIgnoreCase) < 0 && message.IndexOf("connect to", StringComparison.Ordinal) < 0) return false;
            foreach (Regex form in Forms)
            {
                Match m = form.Match(message);
                if (!m.Success) continue;
                Group a = m.Groups["a"];
                if (IsLoopback(m.Groups["h"].Value) || (a.Success && IsLoopback(a.Value))) return true;
            }
            return false;
        }

        private static bool IsLoopback(string host)
        {
            string h = host.Trim('[', ']').TrimEnd('.');
            if (h.Equals("localhost", StringComparison.OrdinalIgnoreCase) || h.Equals("localhost.localdomain", StringComparison.OrdinalIgnoreCase)
                || h.Equals("ip6-localhost", StringComparison.OrdinalIgnoreCase) || h.Equals("ip6-loopback", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(h, out IPAddress? ip) && IPAddress.IsLoopback(ip);
        }
    }
}
