using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using FluentAssertions;
using MailConfigKit.Dns;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Dns
{
    /// <summary>
    /// <see cref="Spf.CheckHost(IPAddress, string, string, string, IDnsResolver)"/> against pyspf on generated records
    /// and zones (mechanisms of every kind with prefix lengths, macros, includes and redirects that may loop, the
    /// look-up and void limits, MX and PTR sets, exp=, syntax errors, DNS failures), both given the same in-memory zone.
    /// Results must agree, and explanations and the deciding directive where both give one, except where the case
    /// relies on one of the <see cref="KnownDifferences"/>: the places where pyspf reads RFC 7208 otherwise.
    /// Seed: MCK_SPF_SEED; number of checks: MCK_SPF_CASES (default 3000).
    /// </summary>
    public class SpfDifferentialTests
    {
        /// <summary>
        /// Where pyspf 2.0.14 deviates from RFC 7208 and this implementation follows the RFC (each a ruling the evaluator
        /// reports in <see cref="SpfCheckResult.Rulings"/>; <see cref="Each_known_difference_is_real"/> shows each one).
        /// </summary>
        internal static readonly IReadOnlyDictionary<string, string> KnownDifferences = new Dictionary<string, string>
        {
            [SpfRulings.RedirectCountedWhenEvaluated] = "4.6.4: pyspf counts redirect= toward the 10 look-ups when it reads the record, even when a mechanism matches first",
            [SpfRulings.PtrErrorIsNoMatch] = "5.5: a DNS error in the PTR look-up is no match (a name whose address look-up fails is skipped); pyspf returns temperror",
            [SpfRulings.PMacroErrorIsUnknown] = "7.3: %{p} is \"unknown\" after a DNS error; pyspf returns temperror",
            [SpfRulings.PMacroEvaluatedInOrder] = "7.3/4.6.4: %{p} costs its look-ups when its term is evaluated; pyspf expands every domain-spec when it reads the record, so its void look-ups count before earlier terms match",
            [SpfRulings.DelimitersRejoinedWithDot] = "7.3: parts split at a delimiter are joined with '.'; pyspf keeps the original delimiter for letters other than l and s",
            [SpfRulings.TruncatedToFit] = "7.3: a name over 253 characters loses labels on the left until it fits; pyspf drops one label, and also cuts explanations",
            [SpfRulings.MacroSyntax] = "7.1: macro transformers, delimiters and braces follow the grammar (%{d0}, %{d2x}, %{d@}, %{d are syntax errors); pyspf accepts them",
            [SpfRulings.PercentAfterEscape] = "7.1: a '%' right after '%%' must start a macro; pyspf takes '%%%x' as literal text",
            [SpfRulings.UpperCaseReverse] = "7.1: the reverse transformer may be written 'R' (ABNF strings ignore case); pyspf ignores it",
            [SpfRulings.PercentEscapeAtEnd] = "7.1: a macro string may end in the escape '%%'; pyspf takes the last '%' for a lone one (permerror)",
            [SpfRulings.IncludeOfOwnDomainInOrder] = "5.2: an include of the record's own domain is evaluated in order (a match before it stands); pyspf refuses the record when it reads it",
            [SpfRulings.UnknownModifierRepeats] = "6: unknown modifiers may repeat; pyspf makes any repeated modifier a permerror",
            [SpfRulings.ModifierNameCase] = "4.6.1: modifier names are case-insensitive; pyspf takes REDIRECT= and EXP= for unknown modifiers",
            [SpfRulings.LiteralCharacters] = "7.1: a control character inside a term is a syntax error; pyspf accepts it where the term's domain still ends in a top-level label",
            [SpfRulings.EmptyTargetDoesNotExist] = "4.3/7.3: a target name that expands to nothing does not exist; pyspf makes it a permerror",
        };

        private static readonly string[] V4 = { "192.0.2.1", "192.0.2.2", "192.0.2.130", "198.51.100.7" };
        private static readonly string[] V6 = { "2001:db8::1", "2001:db8::2", "2001:db8:1::1" };
        private static readonly string[] Clients = V4.Concat(V6).Append("::ffff:192.0.2.1").ToArray();
        private static readonly string[] Policies = Enumerable.Range(0, 6).Select(i => "s" + i + ".example.org").ToArray();
        private static readonly string[] Hosts = Enumerable.Range(0, 6).Select(i => "h" + i + ".example.org").ToArray();
        private static readonly string[] Explanations = Enumerable.Range(0, 3).Select(i => "e" + i + ".example.org").ToArray();
        private static readonly string[] Locals = { "user", "a.b", "foo-bar+zip", "~jack&jill=up", "Mixed.Case", "x_y" };

        [Test]
        public void Generated_checks_agree_with_pyspf()
        {
            PyspfOracle.Paths paths = PyspfOracle.RequireOrIgnore();
            int seed = Seeds.From("MCK_SPF_SEED");
            int count = int.Parse(Environment.GetEnvironmentVariable("MCK_SPF_CASES") ?? "3000", CultureInfo.InvariantCulture);
            var random = new Random(seed);
            var checks = Enumerable.Range(0, count).Select(_ => Generate(random)).ToList();
            List<PyspfDriver.Answer> answers = PyspfDriver.Run(paths, checks);

            int agreed = 0;
            var known = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var results = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var failures = new List<string>();
            for (int n = 0; n < count; n++)
            {
                PyspfDriver.Check c = checks[n];
                PyspfDriver.Answer py = answers[n];
                SpfCheckResult mine = CheckHost(c);
                string result = mine.Result.ToString().ToLowerInvariant();
                results[result] = results.GetValueOrDefault(result) + 1;
                string? difference = py.Crash != null ? "pyspf crashed: " + py.Crash
                    : py.Result != result ? "result " + py.Result + " / " + result
                    : py.Explanation != mine.Explanation ? "explanation '" + py.Explanation + "' / '" + mine.Explanation + "'"
                    : mine.Result is SpfResult.Pass or SpfResult.Fail or SpfResult.SoftFail or SpfResult.Neutral && py.Mechanism != mine.Mechanism
                        ? "mechanism " + py.Mechanism + " / " + mine.Mechanism
                    : null;
                if (difference == null)
                {
                    agreed++;
                    continue;
                }
                string? ruling = py.Crash == null ? mine.Rulings.FirstOrDefault(KnownDifferences.ContainsKey) : null;
                if (ruling != null)
                {
                    known[ruling] = known.GetValueOrDefault(ruling) + 1;
                    continue;
                }
                if (failures.Count < 5) failures.Add("check " + n + " (seed " + seed + "): " + difference + "\n" + Describe(c, mine));
                else failures.Add("check " + n);
            }

            TestContext.Out.WriteLine(count + " checks: " + agreed + " agree with pyspf (" + paths.Version + "), "
                + known.Values.Sum() + " differ by a known difference, " + failures.Count + " differ otherwise");
            TestContext.Out.WriteLine("results: " + string.Join(", ", results.Select(p => p.Key + " " + p.Value)));
            foreach (var (ruling, n) in known) TestContext.Out.WriteLine("  known: " + n + " x " + KnownDifferences[ruling]);
            failures.Should().BeEmpty();
            results.Keys.Should().Contain(new[] { "pass", "fail", "softfail", "neutral", "none", "permerror", "temperror" }, "the generator reaches every result");
            agreed.Should().BeGreaterThan(count * 8 / 10, "known differences are the exception");
        }

        /// <summary>One case for each known difference: pyspf and this implementation disagree on it, and ours is what the RFC says.</summary>
        [Test]
        public void Each_known_difference_is_real()
        {
            PyspfOracle.Paths paths = PyspfOracle.RequireOrIgnore();
            SpfTestZone Z(string record) => new SpfTestZone().Add("s0.example.org", DnsRecordType.TXT, record);
            string reverse = "1.2.0.192.in-addr.arpa";
            string tenA = string.Join(" ", Enumerable.Repeat("a:h.example.org", 9)) + " a:h.example.org/24";
            string longLocal = string.Join(".", Enumerable.Repeat(new string('x', 60), 5));
            var cases = new (string Ruling, SpfTestZone Zone, string Sender, string Helo, SpfResult Ours, string Pyspf)[]
            {
                (SpfRulings.RedirectCountedWhenEvaluated, Z("v=spf1 " + tenA + " redirect=r.example.org").Add("h.example.org", DnsRecordType.A, "192.0.2.99"), "u@s0.example.org", "h.example.net", SpfResult.Pass, "permerror"),
                (SpfRulings.PtrErrorIsNoMatch, Z("v=spf1 ptr ip4:192.0.2.1 -all").Fail(reverse, DnsAnswerStatus.Timeout), "u@s0.example.org", "h.example.net", SpfResult.Pass, "temperror"),
                (SpfRulings.PMacroErrorIsUnknown, Z("v=spf1 ip4:192.0.2.9 -all exp=e.example.org").Add("e.example.org", DnsRecordType.TXT, "from %{p}").Fail(reverse, DnsAnswerStatus.ServerFailure), "u@s0.example.org", "h.example.net", SpfResult.Fail, "fail"),
                (SpfRulings.PMacroEvaluatedInOrder, Z("v=spf1 ip4:192.0.2.1 exists:%{p}.example.org -all").Add(reverse, DnsRecordType.PTR, "n1.example.org", "n2.example.org", "n3.example.org"), "u@s0.example.org", "h.example.net", SpfResult.Pass, "permerror"),
                (SpfRulings.DelimitersRejoinedWithDot, new SpfTestZone().Add("a-b.example.org", DnsRecordType.TXT, "v=spf1 exists:%{d-}.x.example.org -all").Add("a.b.example.org.x.example.org", DnsRecordType.A, "127.0.0.2"), "u@a-b.example.org", "h.example.net", SpfResult.Pass, "fail"),
                (SpfRulings.TruncatedToFit, Z("v=spf1 exists:%{l}.example.org -all").Add(string.Join(".", Enumerable.Repeat(new string('x', 60), 3)) + ".example.org", DnsRecordType.A, "127.0.0.2"), longLocal + "@s0.example.org", "h.example.net", SpfResult.Pass, "fail"),
                (SpfRulings.MacroSyntax, Z("v=spf1 a:%{d2x}.example.org -all"), "u@s0.example.org", "h.example.net", SpfResult.PermError, "fail"),
                (SpfRulings.PercentAfterEscape, Z("v=spf1 a:x%%%y.example.org -all"), "u@s0.example.org", "h.example.net", SpfResult.PermError, "fail"),
                (SpfRulings.IncludeOfOwnDomainInOrder, Z("v=spf1 ip4:192.0.2.1 include:s0.example.org -all"), "u@s0.example.org", "h.example.net", SpfResult.Pass, "permerror"),
                (SpfRulings.UnknownModifierRepeats, Z("v=spf1 foo=a foo=b -all"), "u@s0.example.org", "h.example.net", SpfResult.Fail, "permerror"),
                (SpfRulings.ModifierNameCase, Z("v=spf1 REDIRECT=r.example.org").Add("r.example.org", DnsRecordType.TXT, "v=spf1 -all"), "u@s0.example.org", "h.example.net", SpfResult.Fail, "neutral"),
                (SpfRulings.LiteralCharacters, Z("v=spf1 a:x\u0001y.example.org -all"), "u@s0.example.org", "h.example.net", SpfResult.PermError, "fail"),
                (SpfRulings.EmptyTargetDoesNotExist, Z("v=spf1 a:%{h} -all"), "u@s0.example.org", string.Empty, SpfResult.Fail, "permerror"),
                (SpfRulings.PercentEscapeAtEnd, Z("v=spf1 foo=%% -all"), "u@s0.example.org", "h.example.net", SpfResult.Fail, "permerror"),
                (SpfRulings.UpperCaseReverse, Z("v=spf1 exists:%{dR}.x.example.org -all").Add("org.example.s0.x.example.org", DnsRecordType.A, "127.0.0.2"), "u@s0.example.org", "h.example.net", SpfResult.Pass, "fail"),
            };
            cases.Select(c => c.Ruling).Should().BeEquivalentTo(KnownDifferences.Keys, "every known difference has its case");
            var checks = cases.Select(c => new PyspfDriver.Check(c.Zone, "192.0.2.1", c.Sender, c.Helo)).ToList();
            List<PyspfDriver.Answer> answers = PyspfDriver.Run(paths, checks);
            for (int i = 0; i < cases.Length; i++)
            {
                SpfCheckResult mine = CheckHost(checks[i]);
                string what = cases[i].Ruling + ": ours " + mine + ", pyspf " + answers[i].Result + " " + answers[i].Explanation;
                TestContext.Out.WriteLine(what);
                mine.Result.Should().Be(cases[i].Ours, what);
                mine.Rulings.Should().Contain(cases[i].Ruling, what);
                answers[i].Result.Should().Be(cases[i].Pyspf, what);
                if (cases[i].Ruling == SpfRulings.PMacroErrorIsUnknown)
                {
                    mine.Explanation.Should().Be("from unknown", what);
                    answers[i].Explanation.Should().BeNull("pyspf's explanation fails on the DNS error: " + what);
                }
            }
        }

        private static SpfCheckResult CheckHost(PyspfDriver.Check c)
        {
            string domain = c.Sender.Length == 0 ? c.Helo : c.Sender.Substring(c.Sender.IndexOf('@') + 1);
            return Spf.CheckHost(IPAddress.Parse(c.Ip), domain, c.Sender, c.Helo, c.Zone.Resolver());
        }

        private static string Describe(PyspfDriver.Check c, SpfCheckResult mine)
            => "  ip " + c.Ip + ", sender '" + c.Sender + "', helo " + c.Helo + "\n  ours: " + mine + " [" + string.Join("; ", mine.Rulings) + "]\n  zone:\n    "
               + c.Zone.Dump().Replace("\n", "\n    ");

        private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

        private static bool Chance(Random r, int percent) => r.Next(100) < percent;

        /// <summary>One check: a zone of policies, hosts, MX and PTR sets, explanations and exists-targets, and who asks.</summary>
        internal static PyspfDriver.Check Generate(Random r)
        {
            var zone = new SpfTestZone();
            string ip = Pick(r, Clients);
            bool six = ip.Contains(':') && !ip.StartsWith("::ffff:", StringComparison.Ordinal);
            string local = Pick(r, Locals);
            bool heloCheck = Chance(r, 15);
            string helo = heloCheck ? Policies[0] : Chance(r, 50) ? "mail.example.net" : Pick(r, Hosts);
            string sender = heloCheck ? string.Empty : local + "@" + Policies[0];

            foreach (string h in Hosts)
            {
                int k = r.Next(100);
                if (k < 15) continue;
                if (k < 25) { zone.Touch(h); continue; }
                if (k < 32) { zone.Fail(h, Failure(r)); continue; }
                if (Chance(r, 75)) zone.Add(h, DnsRecordType.A, Distinct(r, V4, 1 + r.Next(2)));
                if (Chance(r, 60)) zone.Add(h, DnsRecordType.AAAA, Distinct(r, V6, 1 + r.Next(2)));
                if (Chance(r, 4)) zone.Fail(h, six ? DnsRecordType.AAAA : DnsRecordType.A, Failure(r));
                zone.Touch(h);
            }
            foreach (string s in Policies)
            {
                int k = r.Next(100);
                if (k < 75) zone.Add(s, DnsRecordType.TXT, Record(r, s));
                else if (k < 80) zone.Add(s, DnsRecordType.TXT, Record(r, s), Record(r, s));
                else if (k < 85) zone.Add(s, DnsRecordType.TXT, "v=spf10" + Record(r, s).Substring(6));
                else if (k < 90) zone.Fail(s, DnsRecordType.TXT, Failure(r));
                else if (k < 95) zone.Touch(s);
                else continue;
                if (Chance(r, 20)) zone.Add(s, DnsRecordType.TXT, Pick(r, new[] { "google-site-verification=abc", "caf\u00e9", "v=DKIM1; p=" }));
                if (Chance(r, 40)) zone.Add(s, DnsRecordType.A, Pick(r, V4));
                if (Chance(r, 30)) zone.Add(s, DnsRecordType.AAAA, Pick(r, V6));
                int mx = r.Next(100);
                if (mx < 40) zone.Add(s, DnsRecordType.MX, Enumerable.Range(0, 1 + r.Next(3)).Select(i => (i * 10) + " " + Pick(r, Hosts) + ".").Distinct().ToArray());
                else if (mx < 44) zone.Add(s, DnsRecordType.MX, "0 .");
                else if (mx < 47) zone.Add(s, DnsRecordType.MX, Enumerable.Range(0, 10 + r.Next(2)).Select(i => i + " " + Hosts[i % Hosts.Length] + ".").ToArray());
                else if (mx < 50) zone.Fail(s, DnsRecordType.MX, Failure(r));
            }
            string reverse = ReverseName(IPAddress.Parse(ip));
            int ptr = r.Next(100);
            if (ptr < 55) zone.Add(reverse, DnsRecordType.PTR, Distinct(r, Hosts.Concat(Policies).Select(n => n + ".").ToArray(), 1 + r.Next(3)));
            else if (ptr < 62) zone.Fail(reverse, Failure(r));
            else if (ptr < 67) zone.Touch(reverse);
            foreach (string e in Explanations)
            {
                int k = r.Next(100);
                if (k < 65) zone.Add(e, DnsRecordType.TXT, ExplainString(r));
                else if (k < 75) zone.Add(e, DnsRecordType.TXT, ExplainString(r), ExplainString(r));
                else if (k < 82) zone.Add(e, DnsRecordType.TXT, "The %{x}-files");
                else if (k < 87) zone.Fail(e, Failure(r));
            }
            // exists: targets the generated records name.
            string i4or6 = SpfAddressText(ip, reverse: false);
            if (Chance(r, 40)) zone.Add(i4or6 + ".bl.example.org", DnsRecordType.A, "127.0.0.2");
            if (Chance(r, 30)) zone.Add(SpfAddressText(ip, reverse: true) + "." + (six ? "ip6" : "in-addr") + ".bl.example.org", DnsRecordType.A, "127.0.0.2");
            if (Chance(r, 40)) zone.Add(local + ".u.example.org", DnsRecordType.A, "127.0.0.2");
            if (Chance(r, 20)) zone.Add("example.org.d.example.org", DnsRecordType.A, "127.0.0.2");
            if (Chance(r, 20)) zone.Add(helo + ".h.example.org", DnsRecordType.A, "127.0.0.2");
            if (Chance(r, 5)) zone.Fail("t.example.org", Failure(r));
            return new PyspfDriver.Check(zone, ip, sender, helo);
        }

        private static DnsAnswerStatus Failure(Random r) => Pick(r, new[] { DnsAnswerStatus.Timeout, DnsAnswerStatus.ServerFailure, DnsAnswerStatus.Refused });

        private static string[] Distinct(Random r, string[] pool, int n) => pool.OrderBy(_ => r.Next()).Take(n).ToArray();

        /// <summary>An SPF record: mostly valid terms of every kind, sometimes a syntax error, a long run of look-ups, modifiers.</summary>
        internal static string Record(Random r, string self)
        {
            var terms = new List<string>();
            int n = Chance(r, 6) ? 8 + r.Next(5) : r.Next(7);
            for (int i = 0; i < n; i++) terms.Add(Chance(r, 3) ? Pick(r, Invalid) : Qualifier(r) + Mechanism(r, self));
            if (Chance(r, 35)) terms.Add(Qualifier(r) + Pick(r, new[] { "all", "all", "ALL" }));
            if (Chance(r, 20)) terms.Insert(r.Next(terms.Count + 1), "redirect=" + Pick(r, Policies));
            if (Chance(r, 30)) terms.Insert(r.Next(terms.Count + 1), "exp=" + Pick(r, Explanations.Append("%{d1r}.e0.example.org").ToArray()));
            if (Chance(r, 10)) terms.Insert(r.Next(terms.Count + 1), Pick(r, new[] { "foo=bar", "x.y-z_w=%{d}", "v=%{l}", "moo.cow=%%x", "moo.cow=%%x", "moo.cow=%%" }));
            if (Chance(r, 2)) terms.Add(Pick(r, new[] { "redirect=s1.example.org redirect=s2.example.org", "exp=e0.example.org exp=e1.example.org" }));
            var text = new StringBuilder(Chance(r, 5) ? "V=SPF1" : "v=spf1");
            foreach (string t in terms) text.Append(Chance(r, 5) ? "  " : " ").Append(t);
            return text.ToString();
        }

        private static readonly string[] Invalid =
        {
            "moo", "a:museum", "ip4:192.0.2", "ip4:192.0.2.1/33", "-all:x", "all/8", "a:%{z}.example.org", "ip6:::1/129", "a//129", "a/33",
            "exists", "include:", "a:x%.example.org", "ptr/24", "=all", "1up=x", "a:example.123", "mx:%{c}.example.org", "ip6:2001:db8:::1",
            "redirect:s1.example.org", "include:s1.example.org/24", "a:é.example.org",
        };

        private static string Qualifier(Random r) => Pick(r, new[] { "", "", "", "+", "-", "-", "~", "?" });

        private static string Mechanism(Random r, string self)
        {
            string Cidr() => Chance(r, 30) ? "/" + Pick(r, new[] { 0, 8, 16, 24, 25, 30, 32 }) : string.Empty;
            string Cidr6() => Chance(r, 25) ? "//" + Pick(r, new[] { 0, 16, 32, 48, 64, 127, 128 }) : string.Empty;
            string Target(string[] names) => Chance(r, 30) ? string.Empty : ":" + Pick(r, names.Concat(new[] { "%{d}", "%{o}", "%{d2}.example.org", "%{l}.u.example.org" }).ToArray());
            string name = r.Next(100) switch
            {
                < 14 => "ip4:" + Pick(r, V4.Append("203.0.113.5").ToArray()) + Cidr(),
                < 24 => "ip6:" + Pick(r, V6.Append("2001:db8::").ToArray()) + (Chance(r, 40) ? "/" + Pick(r, new[] { 0, 16, 32, 48, 64, 127, 128 }) : string.Empty),
                < 42 => "a" + Target(Hosts.Concat(Policies).ToArray()) + Cidr() + Cidr6(),
                < 56 => "mx" + Target(Policies) + Cidr() + Cidr6(),
                < 62 => "ptr" + (Chance(r, 50) ? string.Empty : ":" + Pick(r, new[] { "example.org", "%{d2}", "h0.example.org", "example.net", "s1.example.org" })),
                < 80 => "exists:" + Pick(r, new[]
                {
                    "%{i}.bl.example.org", "%{ir}.%{v}.bl.example.org", "%{l}.u.example.org", "%{L}.u.example.org", "%{d2}.d.example.org",
                    "%{h}.h.example.org", "h1.example.org", "t.example.org", "%{l1r-}.u.example.org", "%{p}.p.example.org",
                }),
                // An include of the record's own domain is a known difference with pyspf: rarely.
                < 96 => "include:" + (Chance(r, 3) ? self : Pick(r, Policies.Where(p => p != self).ToArray())),
                _ => "all",
            };
            return Chance(r, 8) ? name.ToUpperInvariant().Replace("%{", "%{", StringComparison.Ordinal) : name;
        }

        private static string ExplainString(Random r)
        {
            var parts = new List<string>();
            int n = 1 + r.Next(4);
            for (int i = 0; i < n; i++)
            {
                parts.Add(Pick(r, new[]
                {
                    "%{i} is not allowed", "for %{d}", "sender %{s} (%{l} at %{o})", "%{c} via %{h}", "%{ir}.%{v}", "see %{R}", "%%", "%_", "%-",
                    "%{L}", "%{d2r}", "plain text.",
                }));
            }
            // pyspf refuses a string that ends in "%%" (a known difference): rarely at the end.
            if (parts[^1] == "%%" && Chance(r, 80)) parts.Add("end");
            return string.Join(" ", parts);
        }

        private static string ReverseName(IPAddress ip)
        {
            byte[] b = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().GetAddressBytes() : ip.GetAddressBytes();
            if (b.Length == 4) return b[3] + "." + b[2] + "." + b[1] + "." + b[0] + ".in-addr.arpa";
            return string.Join(".", b.Reverse().SelectMany(x => new[] { (x & 0xF).ToString("x", CultureInfo.InvariantCulture), (x >> 4).ToString("x", CultureInfo.InvariantCulture) })) + ".ip6.arpa";
        }

        /// <summary>The %{i} (or %{ir}) text of the client address.</summary>
        private static string SpfAddressText(string ipText, bool reverse)
        {
            IPAddress ip = IPAddress.Parse(ipText);
            byte[] b = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().GetAddressBytes() : ip.GetAddressBytes();
            IEnumerable<string> parts = b.Length == 4
                ? b.Select(x => x.ToString(CultureInfo.InvariantCulture))
                : b.SelectMany(x => new[] { (x >> 4).ToString("X", CultureInfo.InvariantCulture), (x & 0xF).ToString("X", CultureInfo.InvariantCulture) });
            return string.Join(".", reverse ? parts.Reverse() : parts);
        }
    }
}
