using System;
using System.Collections.Generic;
using System.Net;
using System.Text.RegularExpressions;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Gmail's refusals of mail sent over IPv6, as Postfix logs them. Postfix writes a multi-line SMTP reply on one line
    /// with the continuation codes in between (<c>does not 550-5.7.1 meet IPv6 sending guidelines</c>), so phrases are
    /// compared word by word, skipping reply codes, case-insensitively. The forms: <c>?p=ipv6_authentication_error</c>,
    /// <c>?p=IPv6AuthError</c>, "does not meet IPv6 sending guidelines", and the 5.7.25 "does not have a PTR record",
    /// which counts only when the line names an IPv6 address (the same text is sent for IPv4). Linear in the message,
    /// without building a normalised copy (a log of nothing but bounces costs about what an ordinary one does).
    /// </summary>
    public sealed class GmailIpv6Refusal : LogRecogniser
    {
        private static readonly string[] Words = { "ipv6", "ptr" };
        private static readonly string[] InOnePiece = { "?p=ipv6_authentication_error", "?p=ipv6autherror" };
        private static readonly string[] Guidelines = { "does", "not", "meet", "ipv6", "sending", "guidelines" };
        private static readonly string[] NoPtr = { "does", "not", "have", "a", "ptr", "record" };
        private static readonly Regex Bracketed = new Regex(@"\[(?<a>[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(\s+\d+)?\]", RegexOptions.CultureInvariant);

        /// <inheritdoc />
        public override string Name => "gmail-ipv6-refusal";

        /// <inheritdoc />
        public override IReadOnlyList<string> Keywords => Words;

        /// <inheritdoc />
        public override bool Matches(string message) => message != null && MatchesAt(message, 0);

        /// <inheritdoc />
        internal override bool MatchesAt(string text, int start) => MatchesAt(text.AsSpan(), start, text);

        /// <inheritdoc />
        internal override bool MatchesAt(ReadOnlySpan<char> text, int start) => MatchesAt(text, start, null);

        // line: text as a string when there is one (the PTR form needs one for its address pattern; made only then).
        private static bool MatchesAt(ReadOnlySpan<char> text, int start, string? line)
        {
            // Every form but the PTR one names IPv6 in one of these; the phrase is found from its last word backwards.
            if (Phrase.ContainsFromEnd(text, start, Guidelines)) return true;
            foreach (string t in InOnePiece)
            {
                if (Phrase.IndexOf(text, t, start) >= 0) return true;
            }
            return Phrase.IndexOf(text, "ptr", start) >= 0 && Phrase.ContainsFromEnd(text, start, NoPtr) && NamesIpv6Address(line ?? text.ToString(), start);
        }

        private static bool NamesIpv6Address(string line, int start)
        {
            for (Match m = Bracketed.Match(line, start); m.Success; m = m.NextMatch())
            {
                if (IPAddress.TryParse(m.Groups["a"].Value, out IPAddress? ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) return true;
            }
            return false;
        }
    }
}
