using System.Collections.Generic;
using System.Text;
using MailConfigKit.Values;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// The outcome of <see cref="Spf.CheckHost(System.Net.IPAddress, string, string, string, IDnsResolver)"/>: the <see cref="Result"/>, the explanation the domain gives for a
    /// <see cref="SpfResult.Fail"/> (its <c>exp=</c>), which directive decided, and what the evaluation cost.
    /// </summary>
    public sealed class SpfCheckResult
    {
        private static readonly IReadOnlyCollection<string> NoRulings = new string[0];

        internal SpfCheckResult(SpfResult result, string? explanation, string? mechanism, string? mechanismDomain,
            int lookupCount, int voidLookupCount, string? problem, IReadOnlyCollection<string>? rulings)
        {
            Result = result;
            Explanation = explanation;
            Mechanism = mechanism;
            MechanismDomain = mechanismDomain;
            LookupCount = lookupCount;
            VoidLookupCount = voidLookupCount;
            Problem = problem;
            Rulings = rulings ?? NoRulings;
        }

        /// <summary>The SPF result.</summary>
        public SpfResult Result { get; }

        /// <summary>
        /// The domain's explanation (the TXT record its <c>exp=</c> names, macros expanded); only for
        /// <see cref="SpfResult.Fail"/>, and null when there is none or it could not be had (RFC 7208 section 6.2).
        /// </summary>
        public string? Explanation { get; }

        /// <summary>
        /// The directive that decided, as written in the record (<c>-all</c>, <c>ip6:2001:db8::/32</c>,
        /// <c>include:_spf.example.net</c>): a directive of the checked domain's record, or of the record a
        /// <c>redirect=</c> led to. Null when none matched (the default <see cref="SpfResult.Neutral"/>) or on an error.
        /// </summary>
        public string? Mechanism { get; }

        /// <summary>The domain whose record holds <see cref="Mechanism"/>; null when <see cref="Mechanism"/> is.</summary>
        public string? MechanismDomain { get; }

        /// <summary>How many DNS-querying terms (include, a, mx, ptr, exists, redirect) were evaluated; at most 10 succeed (RFC 7208 section 4.6.4).</summary>
        public int LookupCount { get; }

        /// <summary>How many look-ups answered "no such name" or "no data" during the evaluation; more than 2 is a <see cref="SpfResult.PermError"/>.</summary>
        public int VoidLookupCount { get; }

        /// <summary>What went wrong, for <see cref="SpfResult.TempError"/>, <see cref="SpfResult.PermError"/> and <see cref="SpfResult.None"/>; null otherwise.</summary>
        public string? Problem { get; }

        /// <summary>
        /// The rules of RFC 7208 this evaluation applied where implementations are known to read the RFC differently
        /// (for the differential tests against other implementations).
        /// </summary>
        internal IReadOnlyCollection<string> Rulings { get; }

        /// <summary><c>Fail (-all in example.org, 3 lookups): explanation</c>, or the result with its problem; text from DNS is escaped.</summary>
        public override string ToString()
        {
            var text = new StringBuilder(Result.ToString());
            var details = new List<string>();
            if (Mechanism != null) details.Add(LogText.Escape(Mechanism + " in " + MechanismDomain));
            if (Problem != null) details.Add(LogText.Escape(Problem));
            details.Add(LookupCount + (LookupCount == 1 ? " lookup" : " lookups"));
            if (VoidLookupCount > 0) details.Add(VoidLookupCount + " void");
            text.Append(" (").Append(string.Join(", ", details)).Append(')');
            if (Explanation != null) text.Append(": ").Append(LogText.Escape(Explanation));
            return text.ToString();
        }
    }
}
