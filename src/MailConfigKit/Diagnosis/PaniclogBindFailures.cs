using System.Net;
using System.Text.RegularExpressions;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// exim's log lines for a failed bind of the IPv6 loopback (spec E7): <c>socket bind() to port 25 for address ::1
    /// failed: Cannot assign requested address: daemon abandoned</c>, and the retry form <c>… waiting 30s before trying
    /// again (9 more tries)</c>. Any port; the address in any IPv6-loopback spelling (<c>::1</c>, <c>[::1]</c>, <c>0:0:0:0:0:0:0:1</c>).
    /// </summary>
    internal static class PaniclogBindFailures
    {
        private static readonly Regex BindFailure = new Regex(
            @"socket bind\(\) to port \d+ for address (?<address>\S+) failed: Cannot assign requested address: (daemon abandoned|waiting \d+s before trying again)",
            RegexOptions.CultureInvariant);

        public static bool IsIpv6LoopbackBindFailure(string text)
        {
            Match m = BindFailure.Match(text);
            if (!m.Success) return false;
            string address = m.Groups["address"].Value.Trim('[', ']');
            return IPAddress.TryParse(address, out IPAddress? ip) && ip.Equals(IPAddress.IPv6Loopback);
        }

    }
}
