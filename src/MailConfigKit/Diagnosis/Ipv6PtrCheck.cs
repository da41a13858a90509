using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using MailConfigKit.Dns;
using MailConfigKit.Values;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Check 4: for each global IPv6 address Postfix may send from (<see cref="SendingAddresses"/>: every global address,
    /// or the <c>smtp_bind_address6</c> in force), is there a PTR record whose name has an AAAA record with the same
    /// address (Gmail's rule for IPv6 senders)? One finding per address that is not confirmed, saying which record to ask
    /// for or publish; an address whose look-ups got no definite answer is a note ("unknown"), never "missing". The
    /// addresses are independent and checked in parallel.
    /// </summary>
    internal sealed class Ipv6PtrCheck : IMailCheck
    {
        /// <inheritdoc />
        public string Id => "dns.ipv6-ptr";

        /// <inheritdoc />
        public string Title => "Forward-confirmed PTR records for the IPv6 addresses Postfix sends from (DNS)";

        /// <inheritdoc />
        public IReadOnlyList<string> FindingIds { get; } = new[]
        {
            Diagnosis.FindingIds.DnsIpv6PtrMissing, Diagnosis.FindingIds.DnsIpv6PtrNotConfirmed, Diagnosis.FindingIds.DnsIpv6PtrUnknown,
        };

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            // Only DNS facts about addresses Postfix really sends from matter; the shared delivery fact says whether it does.
            PostfixIpv6Delivery? delivery = context.Delivery;
            SendingAddresses? sending = context.SendingAddresses;
            if (delivery == null || sending == null || sending.Addresses.Count == 0) yield break;
            IDnsResolver dns = context.Dns;
            PtrConfirmation[] results = CheckAll(dns, sending.Addresses.Select(a => a.Address).ToList());
            SendingIdentities? identities = context.Identities;
            for (int i = 0; i < results.Length; i++)
            {
                PtrConfirmation r = results[i];
                context.Logger.LogInformation("DNS for {Address}: {Verdict}", LogText.Escape(r.Address.ToString()), r.Verdict);
                if (r.Verdict == PtrVerdict.Confirmed) continue;
                var evidence = new List<Evidence> { sending.Addresses[i].Why };
                evidence.AddRange(r.Evidence);
                if (identities != null) evidence.Add(identities.HeloEvidence);
                evidence.AddRange(delivery.Evidence);
                yield return Make(r, identities?.HeloName, evidence);
            }
        }

        /// <summary>The verdict for each address, in order; independent addresses are asked about in parallel.</summary>
        internal static PtrConfirmation[] CheckAll(IDnsResolver dns, IReadOnlyList<IPAddress> addresses) =>
            addresses.Count == 1
                ? new[] { PtrConfirmation.Check(dns, addresses[0]) }
                : Task.WhenAll(addresses.Select(a => Task.Run(() => PtrConfirmation.Check(dns, a)))).GetAwaiter().GetResult();

        private static Finding Make(PtrConfirmation r, string? helo, List<Evidence> evidence)
        {
            IPAddress address = r.Address;
            string reverse = DnsNames.Reverse(address);
            string name = helo ?? "your mail host's name (smtp_helo_name, or myhostname)";
            const string Fallback = " Gmail also needs the sending domain to pass SPF or DKIM. Until DNS is fixed, or if it cannot be, "
                + "deliver over IPv4 (master.cf smtp -o inet_protocols=ipv4, or inet_protocols = ipv4).";
            switch (r.Verdict)
            {
                case PtrVerdict.MissingPtr:
                    return new Finding(Diagnosis.FindingIds.DnsIpv6PtrMissing, FindingSeverity.Warning,
                        "The IPv6 address " + address + " has no PTR record; Gmail refuses mail sent from it",
                        "Postfix delivers over IPv6 from " + address + ", which has no reverse DNS. Gmail rejects such mail (\"does not "
                        + "meet IPv6 sending guidelines regarding PTR records and authentication\"), and others mark it as spam. Ask "
                        + "whoever holds the reverse zone (usually the provider) for the record \"" + reverse + ". PTR " + name + ".\", "
                        + "and publish \"" + name + ". AAAA " + address + "\" if it is not there yet." + Fallback,
                        evidence);
                case PtrVerdict.NotConfirmed:
                    string names = string.Join(", ", r.PtrNames);
                    return new Finding(Diagnosis.FindingIds.DnsIpv6PtrNotConfirmed, FindingSeverity.Warning,
                        "The PTR name of the IPv6 address " + address + " (" + names + ") does not resolve back to it",
                        "Postfix delivers over IPv6 from " + address + ", whose PTR name " + names + " has no AAAA record with this "
                        + "address. Gmail requires the PTR name to resolve forward to the sending address. Publish \"" + r.PtrNames[0]
                        + ". AAAA " + address + "\", or ask the provider to change the PTR record to \"" + reverse + ". PTR " + name
                        + ".\" where " + name + " has that AAAA record." + Fallback,
                        evidence);
                default:
                    return new Finding(Diagnosis.FindingIds.DnsIpv6PtrUnknown, FindingSeverity.Note,
                        "The reverse DNS of the IPv6 address " + address + " could not be checked",
                        "A DNS look-up got no definite answer (timeout, server failure, refused, or no server). That is not evidence "
                        + "of a missing record, so nothing is changed; check again when DNS answers.",
                        evidence);
            }
        }
    }
}
