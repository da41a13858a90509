using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host.Logs;
using MailConfigKit.Values;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Checks 3 and 4: Postfix delivers over IPv6 and the evidence says remote servers refuse it, from the mail log
    /// (Gmail's bounce texts, <see cref="GmailIpv6Refusal"/>, in every log but exim's) and from DNS (<see cref="Ipv6PtrCheck"/>). Nothing when
    /// Postfix already delivers over IPv4 only. The bounce finding and the DNS findings stay separate (each with its own
    /// evidence); they share their remediations, and the remediation catalog plans a shared one once.
    /// </summary>
    internal sealed class Ipv6DeliveryCheck : IMailCheck
    {
        private const int MaxLogEvidence = 5;

        /// <inheritdoc />
        public string Id => "postfix.ipv6-bounces";

        /// <inheritdoc />
        public string Title => "Remote servers refuse mail Postfix sends over IPv6 (mail logs, main.cf, master.cf)";

        /// <inheritdoc />
        public IReadOnlyList<string> FindingIds { get; } = new[] { Diagnosis.FindingIds.PostfixIpv6DeliveryRefused };

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            PostfixIpv6Delivery? delivery = context.Delivery;
            if (delivery == null) yield break;
            context.Logger.LogDebug("postfix: delivers over IPv6: {Ipv6}", delivery.DeliversOverIpv6);
            if (!delivery.DeliversOverIpv6) yield break;

            // Streamed: a count and the newest few, however large the logs (a gigabyte of bounces is a real thing).
            // Every log but exim's own (mail.log and rotations, maillog, maillog_file, the syslog fallback, the journal).
            LogSearchResult bounces = context.SearchLogs("postfix.ipv6-refusals", context.Logs.WithoutExim(), new GmailIpv6Refusal(), MaxLogEvidence, null);
            if (bounces.Count > 0)
            {
                context.Logger.LogInformation("postfix: {Count} IPv6 refusals in the mail log, last: {Line}", bounces.Count, LogText.Escape(bounces.Last!.Origin + ": " + bounces.Last.Display));
                List<Evidence> evidence = EvidenceFrom.LogMatches(bounces);
                evidence.AddRange(delivery.Evidence);
                yield return new Finding(Diagnosis.FindingIds.PostfixIpv6DeliveryRefused, FindingSeverity.Warning,
                    "Remote servers refuse mail that Postfix sends over IPv6 (" + bounces.Count + " bounce(s) in the mail log)",
                    "Gmail rejects mail from an IPv6 address without a forward-confirmed PTR record, or from a domain that passes "
                    + "neither SPF nor DKIM (\"does not meet IPv6 sending guidelines regarding PTR records and authentication\"). "
                    + "Fix DNS first: a PTR record for the sending IPv6 address whose name resolves back to it, and SPF or DKIM for "
                    + "the domain. The alternative is to deliver over IPv4: override inet_protocols=ipv4 on the smtp client in "
                    + "master.cf (keeps receiving over IPv6), or inet_protocols = ipv4 in main.cf; then stop and start Postfix.",
                    evidence);
            }

        }
    }
}
