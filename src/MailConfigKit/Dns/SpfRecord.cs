using System;
using System.Collections.Generic;

namespace MailConfigKit.Dns
{
    /// <summary>The mechanisms of RFC 7208 section 5.</summary>
    internal enum SpfMechanism
    {
        All,
        Include,
        A,
        Mx,
        Ptr,
        Ip4,
        Ip6,
        Exists,
    }

    /// <summary>One directive: a qualifier and a mechanism with its arguments, as read (macros unexpanded).</summary>
    internal sealed class SpfDirective
    {
        public SpfDirective(string text, SpfResult qualifier, SpfMechanism mechanism, SpfMacroString? domainSpec, byte[]? network, int cidr4, int cidr6)
        {
            Text = text;
            Qualifier = qualifier;
            Mechanism = mechanism;
            DomainSpec = domainSpec;
            Network = network;
            Cidr4 = cidr4;
            Cidr6 = cidr6;
        }

        /// <summary>The term as written.</summary>
        public string Text { get; }

        /// <summary>The result when it matches: Pass, Fail, SoftFail or Neutral.</summary>
        public SpfResult Qualifier { get; }

        public SpfMechanism Mechanism { get; }

        /// <summary>The target domain-spec; null when absent (a, mx, ptr default to the current domain).</summary>
        public SpfMacroString? DomainSpec { get; }

        /// <summary>The ip4/ip6 network address.</summary>
        public byte[]? Network { get; }

        /// <summary>The IPv4 prefix length (ip4, a, mx).</summary>
        public int Cidr4 { get; }

        /// <summary>The IPv6 prefix length (ip6, a, mx).</summary>
        public int Cidr6 { get; }
    }

    /// <summary>
    /// An SPF record read completely (RFC 7208 sections 4.5 to 6 and 7.1): its directives in order and its
    /// <c>redirect=</c> and <c>exp=</c>. Reading never throws; a record with a syntax error anywhere is refused with the
    /// reason (the caller's permerror).
    /// </summary>
    internal sealed class SpfRecord
    {
        private SpfRecord(string text, IReadOnlyList<SpfDirective> directives, SpfMacroString? redirect, SpfMacroString? explanation, bool usesP)
        {
            Text = text;
            Directives = directives;
            Redirect = redirect;
            Explanation = explanation;
            UsesP = usesP;
        }

        public string Text { get; }

        public IReadOnlyList<SpfDirective> Directives { get; }

        /// <summary>The <c>redirect=</c> domain-spec, if any.</summary>
        public SpfMacroString? Redirect { get; }

        /// <summary>The <c>exp=</c> domain-spec, if any.</summary>
        public SpfMacroString? Explanation { get; }

        /// <summary>Some term uses <c>%{p}</c>.</summary>
        public bool UsesP { get; }

        /// <summary>Whether the TXT record is an SPF record: <c>v=spf1</c> (any case), then a space or the end (section 4.5).</summary>
        public static bool IsSpfRecord(string text)
            => text.Length >= 6 && string.Compare(text, 0, "v=spf1", 0, 6, StringComparison.OrdinalIgnoreCase) == 0
               && (text.Length == 6 || text[6] == ' ');

        /// <summary>Reads an SPF record (one for which <see cref="IsSpfRecord"/> holds); null with the reason on a syntax error.</summary>
        public static SpfRecord? Parse(string text, string domain, ICollection<string> rulings, out string? error)
        {
            var directives = new List<SpfDirective>();
            SpfMacroString? redirect = null, explanation = null;
            var unknownModifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            bool usesP = false;
            error = null;
            int pos = 6;
            while (pos < text.Length)
            {
                if (text[pos] == ' ')
                {
                    pos++;
                    continue;
                }
                int end = text.IndexOf(' ', pos);
                if (end < 0) end = text.Length;
                string term = text.Substring(pos, end - pos);
                pos = end;
                foreach (char c in term)
                {
                    if (c < 0x21 || c > 0x7E)
                    {
                        if (c < 0x20 || c == 0x7F) rulings.Add(SpfRulings.LiteralCharacters);
                        error = "'" + term + "': character U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + " is not allowed";
                        return null;
                    }
                }
                int nameLength = ModifierNameLength(term);
                if (nameLength > 0)
                {
                    string name = term.Substring(0, nameLength);
                    string value = term.Substring(nameLength + 1);
                    bool isRedirect = name.Equals("redirect", StringComparison.OrdinalIgnoreCase);
                    bool isExp = name.Equals("exp", StringComparison.OrdinalIgnoreCase);
                    if ((isRedirect || isExp) && name != name.ToLowerInvariant()) rulings.Add(SpfRulings.ModifierNameCase);
                    if (isRedirect || isExp)
                    {
                        if ((isRedirect ? redirect : explanation) != null)
                        {
                            error = "'" + name + "=' appears more than once";
                            return null;
                        }
                        SpfMacroString? spec = DomainSpec(value, term, rulings, ref error);
                        if (spec == null) return null;
                        if (isRedirect) redirect = spec;
                        else explanation = spec;
                        usesP |= spec.UsesP;
                        continue;
                    }
                    if (!unknownModifiers.Add(name)) rulings.Add(SpfRulings.UnknownModifierRepeats);
                    SpfMacroString? unknown = SpfMacroString.Parse(value, explanation: false, rulings, out string? macroError);
                    if (unknown == null)
                    {
                        error = "'" + term + "': " + macroError;
                        return null;
                    }
                    usesP |= unknown.UsesP;
                    continue;
                }
                SpfDirective? directive = ParseDirective(term, domain, rulings, ref error);
                if (directive == null) return null;
                usesP |= directive.DomainSpec?.UsesP == true;
                directives.Add(directive);
            }
            return new SpfRecord(text, directives, redirect, explanation, usesP);
        }

        // name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), then "=": the length of the name, or 0 if the term is no modifier.
        private static int ModifierNameLength(string term)
        {
            if (term.Length == 0 || !IsAlpha(term[0])) return 0;
            int i = 1;
            while (i < term.Length && (IsAlpha(term[i]) || (term[i] >= '0' && term[i] <= '9') || term[i] == '-' || term[i] == '_' || term[i] == '.')) i++;
            return i < term.Length && term[i] == '=' ? i : 0;
        }

        private static bool IsAlpha(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static SpfMacroString? DomainSpec(string value, string term, ICollection<string> rulings, ref string? error)
        {
            SpfMacroString? spec = SpfMacroString.Parse(value, explanation: false, rulings, out string? macroError);
            if (spec == null)
            {
                error = "'" + term + "': " + macroError;
                return null;
            }
            if (!spec.IsDomainSpec(out string? specError))
            {
                error = "'" + term + "': " + specError;
                return null;
            }
            return spec;
        }

        private static SpfDirective? ParseDirective(string term, string domain, ICollection<string> rulings, ref string? error)
        {
            SpfResult qualifier = SpfResult.Pass;
            int i = 0;
            switch (term[0])
            {
                case '+': qualifier = SpfResult.Pass; i = 1; break;
                case '-': qualifier = SpfResult.Fail; i = 1; break;
                case '~': qualifier = SpfResult.SoftFail; i = 1; break;
                case '?': qualifier = SpfResult.Neutral; i = 1; break;
            }
            int nameEnd = i;
            while (nameEnd < term.Length && term[nameEnd] != ':' && term[nameEnd] != '/') nameEnd++;
            string name = term.Substring(i, nameEnd - i).ToLowerInvariant();
            string rest = term.Substring(nameEnd);
            switch (name)
            {
                case "all":
                    if (rest.Length != 0) return Fail(term, "'all' takes no argument", ref error);
                    return new SpfDirective(term, qualifier, SpfMechanism.All, null, null, 32, 128);
                case "include":
                case "exists":
                {
                    if (!rest.StartsWith(":", StringComparison.Ordinal)) return Fail(term, "'" + name + "' needs ':' and a domain", ref error);
                    SpfMacroString? spec = DomainSpec(rest.Substring(1), term, rulings, ref error);
                    if (spec == null) return null;
                    if (name == "include" && IsOwnDomain(spec, domain)) rulings.Add(SpfRulings.IncludeOfOwnDomainInOrder);
                    return new SpfDirective(term, qualifier, name == "include" ? SpfMechanism.Include : SpfMechanism.Exists, spec, null, 32, 128);
                }
                case "ptr":
                {
                    if (rest.Length == 0) return new SpfDirective(term, qualifier, SpfMechanism.Ptr, null, null, 32, 128);
                    if (rest[0] != ':') return Fail(term, "'ptr' takes no prefix length", ref error);
                    SpfMacroString? spec = DomainSpec(rest.Substring(1), term, rulings, ref error);
                    return spec == null ? null : new SpfDirective(term, qualifier, SpfMechanism.Ptr, spec, null, 32, 128);
                }
                case "a":
                case "mx":
                {
                    int cidr6 = 128, cidr4 = 32;
                    int cut = CidrSuffix(rest, slashes: 2, maxDigits: 3, out int value);
                    if (cut >= 0)
                    {
                        cidr6 = value;
                        rest = rest.Substring(0, cut);
                    }
                    cut = CidrSuffix(rest, slashes: 1, maxDigits: 2, out value);
                    if (cut >= 0)
                    {
                        cidr4 = value;
                        rest = rest.Substring(0, cut);
                    }
                    if (cidr4 > 32 || cidr6 > 128) return Fail(term, "prefix length out of range", ref error);
                    SpfMacroString? spec = null;
                    if (rest.Length > 0)
                    {
                        if (rest[0] != ':') return Fail(term, "malformed '" + name + "' mechanism", ref error);
                        spec = DomainSpec(rest.Substring(1), term, rulings, ref error);
                        if (spec == null) return null;
                    }
                    return new SpfDirective(term, qualifier, name == "a" ? SpfMechanism.A : SpfMechanism.Mx, spec, null, cidr4, cidr6);
                }
                case "ip4":
                case "ip6":
                {
                    bool six = name == "ip6";
                    if (!rest.StartsWith(":", StringComparison.Ordinal)) return Fail(term, "'" + name + "' needs ':' and a network", ref error);
                    string network = rest.Substring(1);
                    int length = six ? 128 : 32;
                    int slash = network.IndexOf('/');
                    if (slash >= 0)
                    {
                        if (CidrSuffix(network.Substring(slash), slashes: 1, maxDigits: six ? 3 : 2, out length) != 0) return Fail(term, "malformed prefix length", ref error);
                        if (length > (six ? 128 : 32)) return Fail(term, "prefix length out of range", ref error);
                        network = network.Substring(0, slash);
                    }
                    byte[]? address = six ? SpfAddress.ParseIp6(network) : SpfAddress.ParseIp4(network);
                    if (address == null) return Fail(term, "'" + network + "' is not an " + (six ? "IPv6" : "IPv4") + " address", ref error);
                    return new SpfDirective(term, qualifier, six ? SpfMechanism.Ip6 : SpfMechanism.Ip4, null, address, six ? 32 : length, six ? length : 128);
                }
                default:
                    return Fail(term, "unknown mechanism", ref error);
            }
        }

        private static bool IsOwnDomain(SpfMacroString spec, string domain)
        {
            string literal = spec.Text.EndsWith(".", StringComparison.Ordinal) ? spec.Text.Substring(0, spec.Text.Length - 1) : spec.Text;
            return literal.Equals(domain, StringComparison.OrdinalIgnoreCase) || spec.Text.Equals("%{d}", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Where a prefix-length suffix starts in <paramref name="text"/>: exactly <paramref name="slashes"/> slashes and
        /// 1 to <paramref name="maxDigits"/> digits without a leading zero (ip4-cidr-length <c>/N</c>, the IPv6 half of a
        /// dual-cidr-length <c>//N</c>); -1 when there is none. The caller checks the range.
        /// </summary>
        private static int CidrSuffix(string text, int slashes, int maxDigits, out int value)
        {
            value = 0;
            int end = text.Length, start = end;
            while (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9') start--;
            int digits = end - start;
            if (digits == 0 || digits > maxDigits || (digits > 1 && text[start] == '0')) return -1;
            if (start < slashes) return -1;
            for (int k = 1; k <= slashes; k++) if (text[start - k] != '/') return -1;
            if (start > slashes && text[start - slashes - 1] == '/') return -1;
            for (int k = start; k < end; k++) value = value * 10 + (text[k] - '0');
            return start - slashes;
        }

        private static SpfDirective? Fail(string term, string why, ref string? error)
        {
            error = "'" + term + "': " + why;
            return null;
        }
    }
}
