using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using MailConfigKit.Dns;

namespace MailConfigKit.Diagnosis
{
    /// <summary>What the DNS says about an address's PTR record, by Gmail's rule for IPv6 senders.</summary>
    internal enum PtrVerdict
    {
        /// <summary>A PTR name has an AAAA record with the address.</summary>
        Confirmed,

        /// <summary>The reverse name does not exist or has no PTR record (a definite answer).</summary>
        MissingPtr,

        /// <summary>PTR names exist, and each one's AAAA answer is definite and lacks the address.</summary>
        NotConfirmed,

        /// <summary>Some look-up the verdict depends on got no definite answer: never read as missing.</summary>
        Unknown,
    }

    /// <summary>
    /// Forward-confirmed reverse DNS for one address, as Gmail asks of IPv6 senders: the address has a PTR record whose
    /// name has an AAAA record with the same address (an A record does not count). The PTR names' AAAA questions are
    /// independent and asked in parallel.
    /// </summary>
    internal sealed class PtrConfirmation
    {
        private PtrConfirmation(IPAddress address, PtrVerdict verdict, IReadOnlyList<string> ptrNames, IReadOnlyList<Evidence> evidence)
        {
            Address = address;
            Verdict = verdict;
            PtrNames = ptrNames;
            Evidence = evidence;
        }

        public IPAddress Address { get; }

        public PtrVerdict Verdict { get; }

        /// <summary>The PTR names found (none unless the PTR answer was found).</summary>
        public IReadOnlyList<string> PtrNames { get; }

        /// <summary>Each DNS answer, as a line.</summary>
        public IReadOnlyList<Evidence> Evidence { get; }

        public static PtrConfirmation Check(IDnsResolver resolver, IPAddress address)
        {
            string reverse = DnsNames.Reverse(address);
            var evidence = new List<Evidence>();
            DnsAnswer ptr = resolver.Query(reverse, DnsRecordType.PTR);
            evidence.Add(Dns("PTR " + address + " (" + reverse + "): " + Describe(ptr)));
            if (ptr.Status == DnsAnswerStatus.NxDomain || ptr.Status == DnsAnswerStatus.NoData)
                return new PtrConfirmation(address, PtrVerdict.MissingPtr, new string[0], evidence);
            if (ptr.Status != DnsAnswerStatus.Found)
                return new PtrConfirmation(address, PtrVerdict.Unknown, new string[0], evidence);
            List<string> names = ptr.Records.Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
            DnsAnswer[] forward = names.Count == 1
                ? new[] { resolver.Query(names[0], DnsRecordType.AAAA) }
                : Task.WhenAll(names.Select(n => Task.Run(() => resolver.Query(n, DnsRecordType.AAAA)))).GetAwaiter().GetResult();
            bool confirmed = false, unknown = false;
            for (int i = 0; i < names.Count; i++)
            {
                evidence.Add(Dns("AAAA " + names[i] + ": " + Describe(forward[i])));
                if (forward[i].Status == DnsAnswerStatus.Found && forward[i].Records.Any(r => SameAddress(r, address))) confirmed = true;
                else if (!forward[i].IsDefinite) unknown = true;
            }
            PtrVerdict verdict = confirmed ? PtrVerdict.Confirmed : unknown ? PtrVerdict.Unknown : PtrVerdict.NotConfirmed;
            return new PtrConfirmation(address, verdict, names, evidence);
        }

        private static bool SameAddress(string record, IPAddress address) => IPAddress.TryParse(record, out IPAddress? a) && a.Equals(address);

        /// <summary>An answer as evidence: the records, "no such name", "no records", or the failure and its detail.</summary>
        internal static string Describe(DnsAnswer a)
        {
            switch (a.Status)
            {
                case DnsAnswerStatus.Found: return string.Join(", ", a.Records);
                case DnsAnswerStatus.NxDomain: return "no such name (NXDOMAIN)";
                case DnsAnswerStatus.NoData: return "no records of this type (NOERROR, no data)";
                default: return "no answer: " + a.Status + (a.Detail != null ? " (" + a.Detail + ")" : string.Empty);
            }
        }

        internal static Evidence Dns(string text) => new Evidence(EvidenceKind.Dns, "dns", null, null, text);
    }
}
