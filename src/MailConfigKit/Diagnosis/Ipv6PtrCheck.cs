using System.Collections.Generic;
using System.Linq;
using System.Net;
using MailConfigKit.Dns;
using MailConfigKit.Host;
using MailConfigKit.Values;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Check 4: for each global IPv6 address of the host, is there a PTR record, and does its name resolve forward to the
    /// same address (what Gmail's IPv6 guidelines ask)? One finding per address that is not forward-confirmed; an
    /// address whose look-ups got no answer is a note ("unknown"), never "missing".
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
            if (delivery == null || !delivery.DeliversOverIpv6) yield break;
            foreach (Ipv6InterfaceAddress address in context.Network.GlobalIpv6Addresses)
            {
                var evidence = new List<Evidence>
                {
                    new Evidence(EvidenceKind.Network, HostPaths.ProcIfInet6, address.Line, null, address + " (global, usable)"),
                };
                string verdict = Verify(context.Options.DnsResolver, address.Address, evidence);
                context.Logger.LogInformation("DNS for {Address}: {Verdict}", LogText.Escape(address.Address.ToString()), verdict);
                if (verdict == "confirmed") continue;
                evidence.AddRange(delivery.Evidence);
                yield return Make(verdict, address.Address, evidence);
            }
        }

        /// <summary>"confirmed", "missing", "not-confirmed" or "unknown", with the DNS answers added to <paramref name="evidence"/>.</summary>
        internal static string Verify(IDnsResolver resolver, IPAddress address, List<Evidence> evidence)
        {
            DnsLookupResult ptr = resolver.ReverseLookup(address);
            if (ptr.Status == DnsLookupStatus.Unknown || (ptr.Status == DnsLookupStatus.Found && ptr.Names.Count == 0))
            {
                evidence.Add(Dns("PTR " + address + ": no answer (" + (ptr.Error ?? "unknown") + ")"));
                return "unknown";
            }
            if (ptr.Status == DnsLookupStatus.NotFound)
            {
                evidence.Add(Dns("PTR " + address + ": none (" + (ptr.Error ?? "not found") + ")"));
                return "missing";
            }
            evidence.Add(Dns("PTR " + address + ": " + string.Join(", ", ptr.Names)));
            bool unknown = false;
            foreach (string name in ptr.Names)
            {
                DnsLookupResult forward = resolver.ForwardLookup(name);
                if (forward.Status == DnsLookupStatus.Found)
                {
                    evidence.Add(Dns(name + ": " + string.Join(", ", forward.Addresses.Select(a => a.ToString()))));
                    if (forward.Addresses.Any(a => a.Equals(address))) return "confirmed";
                }
                else
                {
                    unknown |= forward.Status == DnsLookupStatus.Unknown;
                    evidence.Add(Dns(name + ": " + (forward.Status == DnsLookupStatus.Unknown ? "no answer" : "no addresses")
                        + " (" + (forward.Error ?? forward.Status.ToString()) + ")"));
                }
            }
            return unknown ? "unknown" : "not-confirmed";
        }

        private static Evidence Dns(string text) => new Evidence(EvidenceKind.Dns, "dns", null, null, text);

        private static Finding Make(string verdict, IPAddress address, List<Evidence> evidence)
        {
            const string Advice = " Fix DNS first: ask whoever holds the reverse zone (usually the provider) for a PTR record whose "
                + "name has an AAAA record with this address, and make sure the sending domain passes SPF or DKIM. Until then, or if "
                + "that is not possible, deliver over IPv4 (master.cf smtp -o inet_protocols=ipv4, or inet_protocols = ipv4).";
            switch (verdict)
            {
                case "missing":
                    return new Finding(Diagnosis.FindingIds.DnsIpv6PtrMissing, FindingSeverity.Warning,
                        "The IPv6 address " + address + " has no PTR record; Gmail refuses mail sent from it",
                        "Postfix delivers over IPv6 from " + address + ", which has no reverse DNS. Gmail rejects such mail (\"does not "
                        + "meet IPv6 sending guidelines regarding PTR records and authentication\"), and others mark it as spam." + Advice,
                        evidence);
                case "not-confirmed":
                    return new Finding(Diagnosis.FindingIds.DnsIpv6PtrNotConfirmed, FindingSeverity.Warning,
                        "The PTR name of the IPv6 address " + address + " does not resolve back to it",
                        "Postfix delivers over IPv6 from " + address + ", whose PTR name has no AAAA record with this address. Gmail "
                        + "requires the PTR name to resolve forward to the sending address." + Advice,
                        evidence);
                default:
                    return new Finding(Diagnosis.FindingIds.DnsIpv6PtrUnknown, FindingSeverity.Note,
                        "The reverse DNS of the IPv6 address " + address + " could not be checked",
                        "The DNS look-ups got no answer (timeout, server failure, or no server). That is not evidence of a missing "
                        + "record, so nothing is changed; check again when DNS answers.",
                        evidence);
            }
        }

    }
}
