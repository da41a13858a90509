using System.Collections.Generic;
using System.Net;
using System.Text.RegularExpressions;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Postfix refusing to start because <c>inet_interfaces</c> names the IPv6 loopback where <c>lo</c> has none (spec
    /// P4/P7): <c>fatal: parameter inet_interfaces: no local interface found for ::1</c> (from <c>postfix</c>,
    /// <c>postfix-script</c>, <c>master</c> or any daemon; <c>::1</c> in any spelling).
    /// </summary>
    public sealed class PostfixNoLocalInterface : LogRecogniser
    {
        private static readonly string[] Words = { "no local interface found" };
        private static readonly Regex Fatal = new Regex(@"fatal: parameter inet_interfaces: no local interface found for (?<address>\S+)", RegexOptions.CultureInvariant);

        /// <inheritdoc />
        public override string Name => "postfix-no-local-interface-ipv6-loopback";

        /// <inheritdoc />
        public override IReadOnlyList<string> Keywords => Words;

        /// <inheritdoc />
        public override bool Matches(string message)
        {
            if (message == null || message.IndexOf("no local interface found", System.StringComparison.Ordinal) < 0) return false;
            Match m = Fatal.Match(message);
            return m.Success && IPAddress.TryParse(m.Groups["address"].Value.Trim('[', ']'), out IPAddress? ip) && ip.Equals(IPAddress.IPv6Loopback);
        }
    }
}
