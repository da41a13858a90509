using System.Collections.Generic;
using System.Linq;
using System.Net;
using MailConfigKit.Dns;

namespace MailConfigKit.Diagnosis
{
    /// <summary>An SPF result as the authentication check reads it: RFC 7208's results, or not evaluated.</summary>
    internal enum SpfOutcome
    {
        None, Neutral, Pass, Fail, SoftFail, TempError, PermError,

        /// <summary>No SPF evaluator is connected (never read as "not passing").</summary>
        NotEvaluated,
    }

    /// <summary>One SPF evaluation: the outcome and what more was said.</summary>
    internal sealed class SpfVerdict
    {
        public SpfVerdict(SpfOutcome outcome, string? detail)
        {
            Outcome = outcome;
            Detail = detail;
        }

        public SpfOutcome Outcome { get; }

        public string? Detail { get; }

        /// <summary>A definite "does not pass" (fail, softfail, neutral, none, or an error in the record itself).</summary>
        public bool DefinitelyNotPassing => Outcome == SpfOutcome.Fail || Outcome == SpfOutcome.SoftFail || Outcome == SpfOutcome.Neutral
            || Outcome == SpfOutcome.None || Outcome == SpfOutcome.PermError;

        public override string ToString() => Outcome + (Detail != null ? " (" + Detail + ")" : string.Empty);
    }

    /// <summary>The SPF record a domain has, and the whole record to publish instead.</summary>
    internal sealed class SpfSuggestion
    {
        public SpfSuggestion(string? current, string suggested)
        {
            Current = current;
            Suggested = suggested;
        }

        /// <summary>The <c>v=spf1</c> TXT record the domain has now; null when it has none (or it could not be read).</summary>
        public string? Current { get; }

        /// <summary>The whole TXT record to publish.</summary>
        public string Suggested { get; }
    }

    /// <summary>
    /// The SPF step of the authentication check, behind one seam: evaluating <c>check_host()</c> and writing the record to
    /// publish. Tests give their own through <see cref="DiagnosisOptions.SpfCheck"/>.
    /// </summary>
    internal interface ISpfCheck
    {
        /// <summary>RFC 7208 <c>check_host(ip, domain, sender)</c> with <paramref name="helo"/> for macros.</summary>
        SpfVerdict Check(IPAddress ip, string domain, string sender, string helo, IDnsResolver dns);

        /// <summary>The whole TXT record <paramref name="domain"/> should publish so that <paramref name="addresses"/> pass.</summary>
        SpfSuggestion Suggest(string domain, IReadOnlyList<IPAddress> addresses, IDnsResolver dns);
    }

    /// <summary>
    /// The seam's default. Check: not evaluated, until <c>MailConfigKit.Dns.Spf.CheckHost</c> (written in parallel) is
    /// connected here: <c>return new SpfVerdict((SpfOutcome)System.Enum.Parse(typeof(SpfOutcome), r.Result.ToString()), r.Explanation)</c>
    /// with <c>r = Spf.CheckHost(ip, domain, sender, helo, dns)</c>. Suggest: the domain's current <c>v=spf1</c> record with
    /// an <c>ip6:</c> term per address inserted after the version (a term already there is not repeated), or, without a
    /// record, <c>v=spf1 ip6:ADDR ~all</c>.
    /// </summary>
    internal sealed class SpfSeam : ISpfCheck
    {
        public static readonly SpfSeam Default = new SpfSeam();

        // RFC 7208 check_host() (Dns/Spf); the detail is its explanation, else the deciding directive or the problem.
        public SpfVerdict Check(IPAddress ip, string domain, string sender, string helo, IDnsResolver dns)
        {
            SpfCheckResult r = MailConfigKit.Dns.Spf.CheckHost(ip, domain, sender, helo, dns);
            var outcome = (SpfOutcome)System.Enum.Parse(typeof(SpfOutcome), r.Result.ToString());
            return new SpfVerdict(outcome, r.Explanation ?? r.Problem ?? r.ToString());
        }

        public SpfSuggestion Suggest(string domain, IReadOnlyList<IPAddress> addresses, IDnsResolver dns)
        {
            DnsAnswer txt = dns.Query(domain, DnsRecordType.TXT);
            List<string> spf = txt.Records.Where(IsSpf).ToList();
            string? current = spf.Count == 1 ? spf[0] : null;
            IEnumerable<string> terms = addresses.Select(a => "ip6:" + a);
            if (current == null) return new SpfSuggestion(null, "v=spf1 " + string.Join(" ", terms) + " ~all");
            List<string> words = current.Split(new[] { ' ' }, System.StringSplitOptions.RemoveEmptyEntries).ToList();
            List<string> missing = terms.Where(t => !words.Contains(t, System.StringComparer.OrdinalIgnoreCase)).ToList();
            words.InsertRange(1, missing);
            return new SpfSuggestion(current, string.Join(" ", words));
        }

        private static bool IsSpf(string record) =>
            record.Equals("v=spf1", System.StringComparison.OrdinalIgnoreCase) || record.StartsWith("v=spf1 ", System.StringComparison.OrdinalIgnoreCase);
    }
}
