using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// One run of RFC 7208 <c>check_host()</c>. Includes are evaluated with an explicit stack of frames (never the C#
    /// stack), <c>redirect=</c> replaces the current frame; the 10-term limit bounds the stack's depth. Every error
    /// ends the whole evaluation (an include's temperror or permerror is the result of the check).
    /// </summary>
    internal sealed class SpfEvaluator
    {
        private const int MaxLookupTerms = 10;
        private const int MaxVoidLookups = 2;
        private const int MaxMxNames = 10;
        private const int MaxPtrNames = 10;
        private const int MaxNameLength = 253;
        private const int MaxExpansion = 1 << 16;

        private readonly IDnsResolver _dns;
        private readonly byte[] _ip;
        private readonly bool _six;
        private readonly string _sender;
        private readonly string _local;
        private readonly string _senderDomain;
        private readonly string _helo;
        private readonly SpfOptions _options;
        private readonly HashSet<string> _rulings = new HashSet<string>(StringComparer.Ordinal);
        private int _lookups;
        private int _voids;
        private List<string>? _validatedNames;
        private bool _countVoids = true;
        private int _redirectsPending;

        private SpfEvaluator(IDnsResolver dns, IPAddress ip, string domain, string? sender, string? helo, SpfOptions options)
        {
            _dns = dns;
            _ip = SpfAddress.Normalize(ip).GetAddressBytes();
            _six = _ip.Length == 16;
            _helo = helo ?? string.Empty;
            _options = options;
            string s = string.IsNullOrEmpty(sender) ? "@" + StripDot(domain) : sender!;
            int at = s.LastIndexOf('@');
            if (at < 0)
            {
                _local = "postmaster";
                _senderDomain = s;
            }
            else
            {
                _local = at == 0 ? "postmaster" : s.Substring(0, at);
                _senderDomain = s.Substring(at + 1);
            }
            _sender = _local + "@" + _senderDomain;
        }

        /// <summary>Runs <c>check_host(ip, domain, sender)</c>.</summary>
        public static SpfCheckResult Run(IDnsResolver dns, IPAddress ip, string domain, string? sender, string? helo, SpfOptions options)
            => new SpfEvaluator(dns, ip, domain, sender, helo, options).Run(domain);

        private sealed class Frame
        {
            public Frame(SpfRecord record, string domain, SpfDirective? include)
            {
                Record = record;
                Domain = domain;
                Include = include;
            }

            public SpfRecord Record;
            public string Domain;
            public int Next;

            /// <summary>The directive of the parent frame that included this record; null at the bottom.</summary>
            public readonly SpfDirective? Include;
        }

        /// <summary>Ends the evaluation with an error result (thrown inside, caught in <see cref="Run(string)"/>).</summary>
        private sealed class Abort : Exception
        {
            public Abort(SpfResult result, string problem)
                : base(problem)
            {
                Result = result;
            }

            public SpfResult Result { get; }
        }

        private enum Outcome
        {
            NoMatch,
            Match,
            Include,
        }

        private SpfCheckResult Run(string domain)
        {
            string? top = TopDomain(domain);
            if (top == null) return Finish(SpfResult.None, null, null, null, "'" + domain + "' is not a fully qualified domain name (RFC 7208 section 4.3)");
            try
            {
                SpfRecord? record = FetchRecord(top, out string? none);
                if (record == null) return Finish(SpfResult.None, null, null, null, none);
                var stack = new List<Frame> { Load(new Frame(record, top, null)) };
                while (true)
                {
                    Frame frame = stack[stack.Count - 1];
                    SpfResult result;
                    SpfDirective? matched = null;
                    if (frame.Next < frame.Record.Directives.Count)
                    {
                        SpfDirective directive = frame.Record.Directives[frame.Next++];
                        Outcome outcome = Evaluate(directive, frame.Domain, out string? target);
                        if (outcome == Outcome.NoMatch) continue;
                        if (outcome == Outcome.Include)
                        {
                            SpfRecord? included = target == null ? null : FetchRecord(target, out none);
                            if (included == null)
                            {
                                throw new Abort(SpfResult.PermError, frame.Domain + ": '" + directive.Text + "' includes a domain without an SPF record" + (target == null ? " (malformed name)" : " (" + none + ")"));
                            }
                            stack.Add(Load(new Frame(included, target!, directive)));
                            continue;
                        }
                        result = directive.Qualifier;
                        matched = directive;
                    }
                    else if (frame.Record.Redirect != null)
                    {
                        _redirectsPending--;
                        CountTerm("redirect=" + frame.Record.Redirect.Text);
                        string? target = ExpandTarget(frame.Record.Redirect, frame.Domain);
                        SpfRecord? next = target == null ? null : FetchRecord(target, out none);
                        if (next == null)
                        {
                            throw new Abort(SpfResult.PermError, frame.Domain + ": 'redirect=" + frame.Record.Redirect.Text + "' leads to a domain without an SPF record" + (target == null ? " (malformed name)" : " (" + none + ")"));
                        }
                        frame.Record = next;
                        frame.Domain = target!;
                        frame.Next = 0;
                        Load(frame);
                        continue;
                    }
                    else
                    {
                        result = SpfResult.Neutral;
                    }

                    // The frame is done: hand its result to the include that asked, up the stack as long as includes match.
                    while (true)
                    {
                        stack.RemoveAt(stack.Count - 1);
                        if (stack.Count == 0)
                        {
                            string? explanation = result == SpfResult.Fail && frame.Record.Explanation != null ? Explain(frame.Record.Explanation, frame.Domain) : null;
                            return Finish(result, explanation, matched?.Text, matched == null ? null : frame.Domain, null);
                        }
                        SpfDirective include = frame.Include!;
                        frame = stack[stack.Count - 1];
                        if (result != SpfResult.Pass) break;
                        result = include.Qualifier;
                        matched = include;
                    }
                }
            }
            catch (Abort abort)
            {
                return Finish(abort.Result, null, null, null, abort.Message);
            }
        }

        private Frame Load(Frame frame)
        {
            if (frame.Record.Redirect != null) _redirectsPending++;
            if (frame.Record.UsesP) _rulings.Add(SpfRulings.PMacroEvaluatedInOrder);
            return frame;
        }

        private SpfCheckResult Finish(SpfResult result, string? explanation, string? mechanism, string? mechanismDomain, string? problem)
        {
            if (_redirectsPending > 0) _rulings.Add(SpfRulings.RedirectCountedWhenEvaluated);
            return new SpfCheckResult(result, explanation, mechanism, mechanismDomain, _lookups, _voids, problem, _rulings);
        }

        /// <summary>The checked domain without its trailing dot, or null when section 4.3 makes the result "none".</summary>
        private static string? TopDomain(string domain)
        {
            string name = domain.EndsWith(".", StringComparison.Ordinal) ? domain.Substring(0, domain.Length - 1) : domain;
            if (name.StartsWith("[", StringComparison.Ordinal) && name.EndsWith("]", StringComparison.Ordinal)) return null;
            if (name.IndexOf('.') < 0) return null;
            return IsWellFormed(name) ? name : null;
        }

        /// <summary>Labels of 1 to 63 characters, at most 253 in all (a name a DNS query can carry).</summary>
        private static bool IsWellFormed(string name)
        {
            if (name.Length == 0 || name.Length > MaxNameLength) return false;
            int start = 0;
            while (true)
            {
                int dot = name.IndexOf('.', start);
                int end = dot < 0 ? name.Length : dot;
                if (end == start || end - start > 63) return false;
                if (dot < 0) return true;
                start = dot + 1;
            }
        }

        /// <summary>
        /// The SPF record of <paramref name="domain"/> (sections 4.3 to 4.5), or null with the reason when it has none;
        /// a DNS failure is a temperror, two or more records or a syntax error a permerror.
        /// </summary>
        private SpfRecord? FetchRecord(string domain, out string? none)
        {
            none = null;
            if (domain.IndexOf('.') < 0 || !IsWellFormed(domain))
            {
                none = "'" + domain + "' is not a fully qualified domain name";
                return null;
            }
            DnsAnswer answer = Ask(domain, DnsRecordType.TXT);
            switch (answer.Status)
            {
                case DnsAnswerStatus.Found:
                    break;
                case DnsAnswerStatus.NxDomain:
                    none = domain + " does not exist";
                    return null;
                case DnsAnswerStatus.NoData:
                    none = domain + " has no TXT record";
                    return null;
                default:
                    throw new Abort(SpfResult.TempError, "TXT " + domain + ": " + answer);
            }
            string? text = null;
            foreach (string record in answer.Records)
            {
                if (!SpfRecord.IsSpfRecord(record)) continue;
                if (text != null) throw new Abort(SpfResult.PermError, domain + " has more than one SPF record");
                text = record;
            }
            if (text == null)
            {
                none = domain + " has no SPF record";
                return null;
            }
            SpfRecord? parsed = SpfRecord.Parse(text, domain, _rulings, out string? error);
            if (parsed == null) throw new Abort(SpfResult.PermError, domain + ": " + error);
            return parsed;
        }

        private DnsAnswer Ask(string name, DnsRecordType type)
        {
            try
            {
                return _dns.Query(name, type) ?? DnsAnswer.ServerFailure("the resolver gave no answer");
            }
            catch (Exception e)
            {
                // IDnsResolver promises not to throw; a resolver that does has failed like a server.
                return DnsAnswer.ServerFailure(e.GetType().Name + ": " + e.Message);
            }
        }

        private void CountTerm(string term)
        {
            _lookups++;
            if (_lookups > MaxLookupTerms)
            {
                throw new Abort(SpfResult.PermError, "'" + term + "' is DNS-querying term " + _lookups + "; at most " + MaxLookupTerms + " are allowed (RFC 7208 section 4.6.4)");
            }
        }

        private void CountVoid(string question)
        {
            if (!_countVoids) return;
            _voids++;
            if (_voids > MaxVoidLookups)
            {
                throw new Abort(SpfResult.PermError, question + " is void look-up " + _voids + "; at most " + MaxVoidLookups + " are allowed (RFC 7208 section 4.6.4)");
            }
        }

        private Outcome Evaluate(SpfDirective d, string domain, out string? target)
        {
            target = null;
            switch (d.Mechanism)
            {
                case SpfMechanism.All:
                    return Outcome.Match;
                case SpfMechanism.Ip4:
                    return !_six && SpfAddress.PrefixMatch(_ip, d.Network!, d.Cidr4) ? Outcome.Match : Outcome.NoMatch;
                case SpfMechanism.Ip6:
                    return _six && SpfAddress.PrefixMatch(_ip, d.Network!, d.Cidr6) ? Outcome.Match : Outcome.NoMatch;
                case SpfMechanism.Include:
                    CountTerm(d.Text);
                    target = ExpandTarget(d.DomainSpec!, domain);
                    return Outcome.Include;
                case SpfMechanism.A:
                {
                    CountTerm(d.Text);
                    string? name = d.DomainSpec == null ? domain : ExpandTarget(d.DomainSpec, domain);
                    if (name == null) return Outcome.NoMatch;
                    List<byte[]>? addresses = Addresses(name, skipErrors: false);
                    return addresses != null && AnyInPrefix(addresses, d) ? Outcome.Match : Outcome.NoMatch;
                }
                case SpfMechanism.Mx:
                {
                    CountTerm(d.Text);
                    string? name = d.DomainSpec == null ? domain : ExpandTarget(d.DomainSpec, domain);
                    return name != null && MxMatches(name, d) ? Outcome.Match : Outcome.NoMatch;
                }
                case SpfMechanism.Ptr:
                {
                    CountTerm(d.Text);
                    string suffix = d.DomainSpec == null ? domain : ExpandTarget(d.DomainSpec, domain) ?? string.Empty;
                    foreach (string name in ValidatedNames())
                    {
                        if (IsSameOrSubdomain(name, suffix)) return Outcome.Match;
                    }
                    return Outcome.NoMatch;
                }
                case SpfMechanism.Exists:
                {
                    CountTerm(d.Text);
                    string? name = ExpandTarget(d.DomainSpec!, domain);
                    if (name == null) return Outcome.NoMatch;
                    DnsAnswer answer = Ask(name, DnsRecordType.A);
                    if (answer.Status == DnsAnswerStatus.Found) return Outcome.Match;
                    if (answer.IsDefinite)
                    {
                        CountVoid("A " + name);
                        return Outcome.NoMatch;
                    }
                    throw new Abort(SpfResult.TempError, "'" + d.Text + "': A " + name + ": " + answer);
                }
                default:
                    return Outcome.NoMatch;
            }
        }

        private bool AnyInPrefix(List<byte[]> addresses, SpfDirective d)
        {
            int prefix = _six ? d.Cidr6 : d.Cidr4;
            foreach (byte[] address in addresses) if (SpfAddress.PrefixMatch(_ip, address, prefix)) return true;
            return false;
        }

        /// <summary>
        /// The A or AAAA addresses (the client's family) of <paramref name="name"/>; a void answer counts and gives none.
        /// A DNS error is a temperror, or with <paramref name="skipErrors"/> gives null.
        /// </summary>
        private List<byte[]>? Addresses(string name, bool skipErrors)
        {
            DnsRecordType type = _six ? DnsRecordType.AAAA : DnsRecordType.A;
            DnsAnswer answer = Ask(name, type);
            var list = new List<byte[]>();
            if (answer.Status == DnsAnswerStatus.Found)
            {
                foreach (string record in answer.Records)
                {
                    // A record that is no address of the family (a broken resolver) matches nothing.
                    if (IPAddress.TryParse(record.Trim(), out IPAddress? address)
                        && address.AddressFamily == (_six ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
                    {
                        list.Add(address.GetAddressBytes());
                    }
                }
                return list;
            }
            if (answer.IsDefinite)
            {
                CountVoid(type + " " + name);
                return list;
            }
            if (skipErrors) return null;
            throw new Abort(SpfResult.TempError, type + " " + name + ": " + answer);
        }

        /// <summary>
        /// Section 5.4: the MX names of <paramref name="name"/> (more than 10 is a permerror), every one's addresses
        /// looked up (a DNS error is a temperror), then compared with the client address.
        /// </summary>
        private bool MxMatches(string name, SpfDirective d)
        {
            DnsAnswer answer = Ask(name, DnsRecordType.MX);
            if (answer.IsDefinite && answer.Status != DnsAnswerStatus.Found)
            {
                CountVoid("MX " + name);
                return false;
            }
            if (answer.Status != DnsAnswerStatus.Found) throw new Abort(SpfResult.TempError, "'" + d.Text + "': MX " + name + ": " + answer);
            var exchanges = new List<KeyValuePair<int, string>>();
            foreach (string record in answer.Records)
            {
                string[] fields = record.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length != 2 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int preference)) continue;
                exchanges.Add(new KeyValuePair<int, string>(preference, StripDot(fields[1])));
            }
            if (exchanges.Count > MaxMxNames)
            {
                throw new Abort(SpfResult.PermError, "'" + d.Text + "': " + name + " has " + exchanges.Count + " MX records; at most " + MaxMxNames + " may be looked up (RFC 7208 section 4.6.4)");
            }
            exchanges.Sort((x, y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : string.CompareOrdinal(x.Value, y.Value));
            var addresses = new List<byte[]>();
            foreach (KeyValuePair<int, string> exchange in exchanges)
            {
                // A null MX (RFC 7505, exchange ".") and names no query can carry have no addresses.
                if (exchange.Value.Length == 0 || !IsWellFormed(exchange.Value)) continue;
                addresses.AddRange(Addresses(exchange.Value, skipErrors: false)!);
            }
            return AnyInPrefix(addresses, d);
        }

        /// <summary>
        /// Section 5.5: the client address's PTR names (the first 10), each kept when one of its addresses is the client
        /// address. A DNS error in the PTR query gives no names; one for a name skips it.
        /// </summary>
        private List<string> ValidatedNames()
        {
            var validated = new List<string>();
            string reverse = SpfAddress.ReverseName(_ip);
            DnsAnswer answer = Ask(reverse, DnsRecordType.PTR);
            if (answer.Status != DnsAnswerStatus.Found)
            {
                if (answer.IsDefinite) CountVoid("PTR " + reverse);
                else _rulings.Add(SpfRulings.PtrErrorIsNoMatch);
                return validated;
            }
            int taken = 0;
            foreach (string record in answer.Records)
            {
                if (taken++ == MaxPtrNames) break;
                string name = StripDot(record.Trim());
                if (name.Length == 0 || !IsWellFormed(name)) continue;
                List<byte[]>? addresses = Addresses(name, skipErrors: true);
                if (addresses == null)
                {
                    _rulings.Add(SpfRulings.PtrErrorIsNoMatch);
                    continue;
                }
                foreach (byte[] address in addresses)
                {
                    if (SpfAddress.PrefixMatch(_ip, address, _ip.Length * 8))
                    {
                        validated.Add(name);
                        break;
                    }
                }
            }
            return validated;
        }

        private static bool IsSameOrSubdomain(string name, string suffix)
        {
            suffix = StripDot(suffix);
            if (suffix.Length == 0) return false;
            return name.Equals(suffix, StringComparison.OrdinalIgnoreCase)
                || (name.Length > suffix.Length && name[name.Length - suffix.Length - 1] == '.'
                    && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        }

        private static string StripDot(string name) => name.EndsWith(".", StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name;

        /// <summary>
        /// A target name (section 7.3): the expansion without a trailing dot, cut to 253 characters by dropping labels on the
        /// left; null when no query can carry it (an empty label, a label over 63 characters), which the mechanisms
        /// treat as a name that does not exist.
        /// </summary>
        private string? ExpandTarget(SpfMacroString spec, string domain)
        {
            string? expanded = Expand(spec, domain, explanation: false);
            if (expanded == null) return null;
            string name = StripDot(expanded);
            if (name.Length > MaxNameLength)
            {
                // Find where the kept labels start in one pass (cutting label by label would copy the name each time).
                int start = 0, removed = 0;
                while (name.Length - start > MaxNameLength)
                {
                    int dot = name.IndexOf('.', start);
                    if (dot < 0) return null;
                    start = dot + 1;
                    removed++;
                }
                name = name.Substring(start);
                if (removed > 1) _rulings.Add(SpfRulings.TruncatedToFit);
            }
            if (name.Length == 0) _rulings.Add(SpfRulings.EmptyTargetDoesNotExist);
            return IsWellFormed(name) ? name : null;
        }

        /// <summary>Section 6.2: the explanation for a fail, or null when there is none to be had (every failure is silent).</summary>
        private string? Explain(SpfMacroString spec, string domain)
        {
            // The explanation is not part of the evaluation: its look-ups are not subject to the limits.
            _countVoids = false;
            try
            {
                string? name = ExpandTarget(spec, domain);
                if (name == null) return null;
                DnsAnswer answer = Ask(name, DnsRecordType.TXT);
                if (answer.Status != DnsAnswerStatus.Found || answer.Records.Count != 1) return null;
                string text = answer.Records[0];
                foreach (char c in text) if (c > 0x7E) return null;
                SpfMacroString? parsed = SpfMacroString.Parse(text, explanation: true, _rulings, out _);
                if (parsed == null) return null;
                string? expanded = Expand(parsed, domain, explanation: true);
                if (expanded == null) return null;
                if (expanded.Length > MaxNameLength && expanded.IndexOf('.') >= 0) _rulings.Add(SpfRulings.TruncatedToFit);
                return expanded.Length == 0 ? null : expanded;
            }
            catch (Abort)
            {
                return null;
            }
            finally
            {
                _countVoids = true;
            }
        }

        /// <summary>
        /// The macro string with its macros replaced; null past <see cref="MaxExpansion"/> characters (a long sender
        /// repeated by many macros), which the callers take as a name that does not exist or no explanation.
        /// </summary>
        private string? Expand(SpfMacroString macros, string domain, bool explanation)
        {
            var sb = new StringBuilder();
            foreach (SpfMacroPart part in macros.Parts)
            {
                if (!part.IsMacro)
                {
                    sb.Append(part.Text);
                }
                else
                {
                    string value = Transform(part, LetterValue(part.Letter, domain));
                    sb.Append(part.UrlEscape ? UrlEscape(value) : value);
                }
                if (sb.Length > MaxExpansion) return null;
            }
            return sb.ToString();
        }

        private string LetterValue(char letter, string domain)
        {
            switch (letter)
            {
                case 's': return _sender;
                case 'l': return _local;
                case 'o': return _senderDomain;
                case 'd': return domain;
                case 'i': return SpfAddress.DotFormat(_ip);
                case 'p': return PValue(domain);
                case 'v': return _six ? "ip6" : "in-addr";
                case 'h': return _helo;
                case 'c': return SpfAddress.Conventional(_ip);
                case 'r': return _options.Receiver;
                case 't': return _options.Now().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                default: return string.Empty;
            }
        }

        /// <summary>
        /// <c>%{p}</c> (section 7.3): a validated name of the client address, preferring <paramref name="domain"/> itself,
        /// then a subdomain of it, then the first; "unknown" when there is none or DNS failed.
        /// </summary>
        private string PValue(string domain)
        {
            if (_validatedNames == null)
            {
                bool hadError = _rulings.Contains(SpfRulings.PtrErrorIsNoMatch);
                _validatedNames = ValidatedNames();
                if (!hadError && _rulings.Remove(SpfRulings.PtrErrorIsNoMatch)) _rulings.Add(SpfRulings.PMacroErrorIsUnknown);
            }
            if (_validatedNames.Count == 0) return "unknown";
            foreach (string name in _validatedNames) if (name.Equals(domain, StringComparison.OrdinalIgnoreCase)) return name;
            foreach (string name in _validatedNames) if (IsSameOrSubdomain(name, domain)) return name;
            return _validatedNames[0];
        }

        /// <summary>Section 7.3: split at the delimiters (default '.'), reverse, keep the rightmost parts, join with '.'.</summary>
        private string Transform(SpfMacroPart macro, string value)
        {
            if (macro.Keep == 0 && !macro.Reverse && macro.Delimiters.Length == 0) return value;
            string delimiters = macro.Delimiters.Length == 0 ? "." : macro.Delimiters;
            var parts = new List<string>();
            int start = 0;
            bool otherDelimiter = false;
            for (int i = 0; i < value.Length; i++)
            {
                if (delimiters.IndexOf(value[i]) < 0) continue;
                if (value[i] != '.') otherDelimiter = true;
                parts.Add(value.Substring(start, i - start));
                start = i + 1;
            }
            parts.Add(value.Substring(start));
            if (otherDelimiter && macro.Letter != 'l' && macro.Letter != 's') _rulings.Add(SpfRulings.DelimitersRejoinedWithDot);
            if (macro.Reverse) parts.Reverse();
            if (macro.Keep > 0 && macro.Keep < parts.Count) parts.RemoveRange(0, parts.Count - macro.Keep);
            return string.Join(".", parts);
        }

        /// <summary>Upper-case macro letters: every byte of the UTF-8 form outside the URI unreserved set becomes %XX.</summary>
        private static string UrlEscape(string value)
        {
            var sb = new StringBuilder(value.Length);
            foreach (byte b in Encoding.UTF8.GetBytes(value))
            {
                char c = (char)b;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') sb.Append(c);
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }
    }
}
