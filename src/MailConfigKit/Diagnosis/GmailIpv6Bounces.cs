using System.Net;
using System.Text.RegularExpressions;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Recognises remote refusals of mail sent over IPv6 in a mail log line. Postfix writes a multi-line SMTP reply on
    /// one line with the continuation codes in between (<c>does not 550-5.7.1 meet IPv6 sending guidelines</c>), so the
    /// codes are removed and whitespace is folded before matching. Gmail's forms:
    /// <c>?p=ipv6_authentication_error</c>, <c>?p=IPv6AuthError</c>, "does not meet IPv6 sending guidelines", and the
    /// 5.7.25 "does not have a PTR record setup", which counts only when the line names an IPv6 address (the same text
    /// is sent for IPv4).
    /// </summary>
    internal static class GmailIpv6Bounces
    {
        private static readonly Regex ReplyCode = new Regex(@"\b[245]\d\d[- ][245]\.\d{1,3}\.\d{1,3}\b", RegexOptions.CultureInvariant);
        private static readonly Regex Space = new Regex(@"\s+", RegexOptions.CultureInvariant);
        private static readonly Regex Bracketed = new Regex(@"\[(?<a>[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(\s+\d+)?\]", RegexOptions.CultureInvariant);

        private static readonly string[] Ipv6Texts =
        {
            "?p=ipv6_authentication_error", "?p=ipv6autherror", "does not meet ipv6 sending guidelines",
        };

        public static bool Matches(string line)
        {
            // Every form names IPv6 or a PTR record in so many letters, which the line itself must hold too (normalising
            // only removes reply codes and folds white space): most lines of a busy log stop here, without a regex.
            if (line.IndexOf("ipv6", System.StringComparison.OrdinalIgnoreCase) < 0 && line.IndexOf("ptr", System.StringComparison.OrdinalIgnoreCase) < 0) return false;
            // A text that is already there in one piece needs no normalising (a log of a million bounces stays fast).
            foreach (string t in Ipv6Texts)
            {
                if (line.IndexOf(t, System.StringComparison.OrdinalIgnoreCase) >= 0) return true;
            }
            string text = Space.Replace(ReplyCode.Replace(line, " "), " ").ToLowerInvariant();
            foreach (string t in Ipv6Texts)
            {
                if (text.Contains(t)) return true;
            }
            return text.Contains("does not have a ptr record") && NamesIpv6Address(line);
        }

        private static bool NamesIpv6Address(string line)
        {
            foreach (Match m in Bracketed.Matches(line))
            {
                if (IPAddress.TryParse(m.Groups["a"].Value, out IPAddress? ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) return true;
            }
            return false;
        }
    }
}
