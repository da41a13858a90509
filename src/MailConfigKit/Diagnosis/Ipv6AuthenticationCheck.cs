using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using MailConfigKit.Dns;
using MailConfigKit.Postfix;
using MailConfigKit.Values;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// The "authentication" half of Gmail's IPv6 rule: mail sent over IPv6 must pass SPF or DKIM. For each domain the
    /// host sends as (<see cref="SendingIdentities"/>): does a DKIM signer sign it with a published key
    /// (<see cref="DkimSigning"/>, <c>selector._domainkey.domain</c> TXT), and otherwise does SPF pass for every IPv6
    /// address Postfix may send from? A domain that passes neither gets the whole SPF record to publish; a signer whose
    /// key is not published gets the record's name; an answer that could not be had is a note, never "missing".
    /// </summary>
    internal sealed class Ipv6AuthenticationCheck : IMailCheck
    {
        /// <inheritdoc />
        public string Id => "dns.ipv6-authentication";

        /// <inheritdoc />
        public string Title => "SPF or DKIM for the domains Postfix sends as over IPv6 (DNS)";

        /// <inheritdoc />
        public IReadOnlyList<string> FindingIds { get; } = new[]
        {
            Diagnosis.FindingIds.DnsIpv6AuthenticationMissing, Diagnosis.FindingIds.DnsDkimKeyMissing, Diagnosis.FindingIds.DnsIpv6AuthenticationUnknown,
        };

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            SendingAddresses? sending = context.SendingAddresses;
            MainCf? main = context.MainCf;
            SendingIdentities? identities = context.Identities;
            if (main == null || sending == null || sending.Addresses.Count == 0 || identities == null) return new Finding[0];
            IDnsResolver dns = context.Dns;
            DkimSigning dkim = DkimSigning.Read(context, main);
            var findings = new List<Finding>();
            if (identities.Domains.Count == 0)
            {
                findings.Add(Unknown("the domains it sends as", "Neither myorigin nor mydomain gives a domain (myhostname unknown or "
                    + "without a dot) and the logs name none, so SPF and DKIM could not be looked up.",
                    new List<Evidence> { identities.HeloEvidence }));
                return findings;
            }
            List<IPAddress> addresses = sending.Addresses.Select(a => a.Address).ToList();
            string helo = identities.HeloName ?? identities.Domains[0].Domain;
            DomainResult[] results = Examine(context, dns, dkim, identities.Domains, addresses, helo);
            foreach (DomainResult r in results)
            {
                context.Logger.LogInformation("Authentication for {Domain}: DKIM {Dkim}, SPF {Spf}", LogText.Escape(r.Domain.Domain), r.Dkim,
                    string.Join(", ", r.Spf.Select(s => s.Key + " " + s.Value)));
                var evidence = new List<Evidence> { r.Domain.Why };
                evidence.AddRange(dkim.MilterEvidence);
                evidence.AddRange(dkim.Signers.Select(s => s.Why));
                evidence.AddRange(r.Evidence);
                evidence.AddRange(sending.Addresses.Select(a => a.Why));
                if (r.MissingKeys.Count > 0)
                {
                    findings.Add(new Finding(Diagnosis.FindingIds.DnsDkimKeyMissing, FindingSeverity.Warning,
                        "DKIM signatures for " + r.Domain.Domain + " cannot be verified: " + string.Join(", ", r.MissingKeys) + " has no key record",
                        "A DKIM signer is configured with the selector(s) " + string.Join(", ", r.MissingKeys.Select(k => k.Split('.')[0]))
                        + ", but DNS has no public key for them (no TXT record, or an empty \"p=\", a revoked key), so every signature fails and DKIM does not count. Publish the TXT record "
                        + string.Join(" and ", r.MissingKeys.Select(k => "\"" + k + "\"")) + " with the public key the signer made "
                        + "(opendkim-genkey's .txt file, or rspamadm dkim_keygen's output: \"v=DKIM1; k=rsa; p=...\").",
                        evidence));
                }
                if (r.Dkim == DkimState.Signs) continue;
                List<IPAddress> notPassing = addresses.Where(a => r.Spf[a].DefinitelyNotPassing).ToList();
                bool spfUnknown = addresses.Any(a => !r.Spf[a].DefinitelyNotPassing && r.Spf[a].Outcome != SpfOutcome.Pass);
                if (notPassing.Count > 0 && r.Dkim != DkimState.Unknown)
                {
                    SpfSuggestion suggestion = context.Spf.Suggest(r.Domain.Domain, notPassing, dns);
                    evidence.Add(PtrConfirmation.Dns("SPF TXT " + r.Domain.Domain + ": " + (suggestion.Current ?? "none")));
                    findings.Add(Missing(r, notPassing, suggestion, evidence));
                }
                else if (notPassing.Count > 0 || spfUnknown)
                {
                    findings.Add(Unknown(r.Domain.Domain, r.Dkim == DkimState.Unknown
                        ? "Whether DKIM signs this domain could not be told (a signer without a known selector, or a key look-up without an answer), and SPF does not pass."
                        : "Nothing signs its mail with DKIM, and SPF could not be evaluated: " + string.Join("; ", addresses.Select(a => a + " " + r.Spf[a])) + ".",
                        evidence));
                }
            }
            return findings;
        }

        /// <summary>
        /// Each domain's DKIM state and, where DKIM does not settle it, its SPF results. The questions are independent and
        /// asked in two flat parallel rounds (every key record, then every SPF evaluation), never nested.
        /// </summary>
        private static DomainResult[] Examine(DiagnosisContext context, IDnsResolver dns, DkimSigning dkim, IReadOnlyList<SendingDomain> domains,
            List<IPAddress> addresses, string helo)
        {
            DomainResult[] results = domains.Select(d => new DomainResult(d)).ToArray();
            bool anySigner = dkim.Signers.Any(s => s.Signs);
            var keyQuestions = new List<(DomainResult Result, string Name)>();
            foreach (DomainResult r in results)
            {
                IReadOnlyList<string> selectors = dkim.SelectorsFor(r.Domain.Domain);
                r.Dkim = !anySigner ? DkimState.None : selectors.Count == 0 ? DkimState.Unknown : DkimState.KeyMissing;
                keyQuestions.AddRange(selectors.Select(s => (r, s + "._domainkey." + r.Domain.Domain)));
            }
            DnsAnswer[] keys = Parallel(keyQuestions, q => dns.Query(q.Name, DnsRecordType.TXT));
            var unknownKey = new HashSet<DomainResult>();
            for (int i = 0; i < keyQuestions.Count; i++)
            {
                (DomainResult r, string name) = keyQuestions[i];
                r.Evidence.Add(PtrConfirmation.Dns("DKIM TXT " + name + ": " + PtrConfirmation.Describe(keys[i])));
                if (keys[i].Status == DnsAnswerStatus.Found && keys[i].Records.Any(HasKey)) r.Dkim = DkimState.Signs;
                else if (keys[i].IsDefinite) r.MissingKeys.Add(name);
                else unknownKey.Add(r);
            }
            foreach (DomainResult r in unknownKey)
            {
                if (r.Dkim != DkimState.Signs) r.Dkim = DkimState.Unknown;
            }
            var spfQuestions = results.Where(r => r.Dkim != DkimState.Signs)
                .SelectMany(r => addresses.Select(a => (Result: r, Address: a))).ToList();
            SpfVerdict[] spf = Parallel(spfQuestions, q => context.Spf.Check(q.Address, q.Result.Domain.Domain, "postmaster@" + q.Result.Domain.Domain, helo, dns));
            for (int i = 0; i < spfQuestions.Count; i++)
            {
                (DomainResult r, IPAddress a) = spfQuestions[i];
                r.Spf[a] = spf[i];
                r.Evidence.Add(PtrConfirmation.Dns("SPF " + r.Domain.Domain + " for " + a + ": " + spf[i]));
            }
            return results;
        }

        /// <summary>A DKIM key record: a <c>p=</c> tag with a key (an empty <c>p=</c> is a revoked key).</summary>
        private static bool HasKey(string record)
        {
            foreach (string tag in record.Split(';'))
            {
                string t = tag.Trim();
                if (t.StartsWith("p=", System.StringComparison.Ordinal) && t.Length > 2) return true;
            }
            return false;
        }

        private static T[] Parallel<TIn, T>(IReadOnlyList<TIn> items, System.Func<TIn, T> run) =>
            items.Count == 0 ? new T[0]
            : items.Count == 1 ? new[] { run(items[0]) }
            : Task.WhenAll(items.Select(i => Task.Run(() => run(i)))).GetAwaiter().GetResult();

        private static Finding Missing(DomainResult r, List<IPAddress> notPassing, SpfSuggestion suggestion, List<Evidence> evidence)
        {
            string dkim = r.Dkim == DkimState.KeyMissing ? "its DKIM key is not published" : "nothing signs its mail with DKIM";
            return new Finding(Diagnosis.FindingIds.DnsIpv6AuthenticationMissing, FindingSeverity.Warning,
                "Mail from " + r.Domain.Domain + " sent over IPv6 passes neither SPF nor DKIM; Gmail refuses it",
                "Postfix sends over IPv6 from " + string.Join(", ", notPassing) + ", which the SPF record of " + r.Domain.Domain
                + (suggestion.Current == null ? " (there is none)" : " (\"" + suggestion.Current + "\")") + " does not let pass ("
                + string.Join("; ", notPassing.Select(a => a + ": " + r.Spf[a].Outcome)) + "), and " + dkim + ". Gmail requires SPF or "
                + "DKIM to pass for mail sent over IPv6. Publish this TXT record for " + r.Domain.Domain + (suggestion.Current == null ? "" : " in place of the current one")
                + ": \"" + suggestion.Suggested + "\" (add the host's other sending addresses if it has any), or sign with DKIM. Until then, "
                + "or if DNS cannot be changed, deliver over IPv4 (master.cf smtp -o inet_protocols=ipv4, or inet_protocols = ipv4).",
                evidence);
        }

        private static Finding Unknown(string what, string why, List<Evidence> evidence) =>
            new Finding(Diagnosis.FindingIds.DnsIpv6AuthenticationUnknown, FindingSeverity.Note,
                "SPF and DKIM for " + what + " could not be checked",
                why + " That is not evidence that authentication is missing, so nothing is changed; check again when it can be told.",
                evidence);

        private enum DkimState
        {
            None,
            Signs,
            KeyMissing,
            Unknown,
        }

        private sealed class DomainResult
        {
            public DomainResult(SendingDomain domain)
            {
                Domain = domain;
            }

            public SendingDomain Domain { get; }

            public DkimState Dkim { get; set; }

            public List<string> MissingKeys { get; } = new List<string>();

            public Dictionary<IPAddress, SpfVerdict> Spf { get; } = new Dictionary<IPAddress, SpfVerdict>();

            public List<Evidence> Evidence { get; } = new List<Evidence>();
        }
    }
}
