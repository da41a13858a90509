using System;
using System.Linq;
using System.Net;
using System.Text;
using FluentAssertions;
using MailConfigKit.Dns;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Dns
{
    /// <summary>Cases of our own for every section of RFC 7208 that check_host() follows.</summary>
    public class SpfSectionTests
    {
        private static SpfCheckResult Check(SpfTestZone zone, string ip = "192.0.2.1", string domain = "example.com", string? sender = null, string helo = "mail.example.net")
            => SpfRfcExampleTests.Check(zone, ip, domain, sender, helo);

        private static SpfTestZone Zone(string record, string domain = "example.com")
            => new SpfTestZone().Add(domain, DnsRecordType.TXT, record);

        private static SpfResult Result(string record, string ip = "192.0.2.1") => Check(Zone(record), ip).Result;

        // 4.3 Initial processing.
        [TestCase("example")]
        [TestCase("")]
        [TestCase(".")]
        [TestCase("a..example.com")]
        [TestCase("[192.0.2.1]")]
        [TestCase("x123456789012345678901234567890123456789012345678901234567890abcd.example.com")]
        public void Section_4_3_a_malformed_or_single_label_domain_is_none_without_a_query(string domain)
        {
            var zone = new SpfTestZone();
            SpfCheckResult r = Check(zone, domain: domain);
            r.Result.Should().Be(SpfResult.None);
            r.Problem.Should().NotBeNull();
            zone.Questions.Should().BeEmpty();
        }

        [Test]
        public void Section_4_3_a_63_character_label_and_a_trailing_dot_are_fine()
        {
            string label = new string('a', 63);
            Check(Zone("v=spf1 -all", label + ".example.com"), domain: label + ".example.com.").Result.Should().Be(SpfResult.Fail);
        }

        [TestCase("@example.com", "postmaster")]
        [TestCase("", "postmaster")]
        [TestCase("jo@example.com", "jo")]
        public void Section_4_3_a_sender_without_local_part_is_postmaster(string sender, string local)
        {
            SpfTestZone zone = Zone("v=spf1 exists:%{l}.x.example.com -all");
            Check(zone, sender: sender).Result.Should().Be(SpfResult.Fail);
            zone.Questions.Last().Should().Be("A " + local + ".x.example.com");
        }

        [Test]
        public void Section_4_3_a_domain_without_a_record_is_none()
        {
            Check(new SpfTestZone()).Result.Should().Be(SpfResult.None);
            Check(new SpfTestZone().Touch("example.com")).Result.Should().Be(SpfResult.None);
            Check(new SpfTestZone().Add("example.com", DnsRecordType.TXT, "google-site-verification=x")).Result.Should().Be(SpfResult.None);
        }

        // 4.4 Record lookup.
        [TestCase(DnsAnswerStatus.Timeout)]
        [TestCase(DnsAnswerStatus.ServerFailure)]
        [TestCase(DnsAnswerStatus.Refused)]
        public void Section_4_4_a_failed_txt_lookup_is_temperror(DnsAnswerStatus status)
        {
            SpfCheckResult r = Check(new SpfTestZone().Fail("example.com", status));
            r.Result.Should().Be(SpfResult.TempError);
            r.Problem.Should().Contain("TXT example.com");
        }

        // 4.5 Selecting records.
        [TestCase("v=spf10 -all", SpfResult.None)]
        [TestCase("v=spf1-all", SpfResult.None)]
        [TestCase(" v=spf1 -all", SpfResult.None)]
        [TestCase("V=SpF1 -all", SpfResult.Fail)]
        [TestCase("v=spf1", SpfResult.Neutral)]
        [TestCase("v=spf1 ", SpfResult.Neutral)]
        [TestCase("v=spf1  -all  ", SpfResult.Fail)]
        public void Section_4_5_version_is_v_spf1_then_space_or_end(string record, SpfResult expected)
            => Result(record).Should().Be(expected);

        [Test]
        public void Section_4_5_two_spf_records_are_a_permerror_other_txt_records_do_not_count()
        {
            Check(Zone("v=spf1 -all").Add("example.com", DnsRecordType.TXT, "v=spf1 +all")).Result.Should().Be(SpfResult.PermError);
            Check(Zone("v=spf1 -all").Add("example.com", DnsRecordType.TXT, "v=spf1 -all")).Result.Should().Be(SpfResult.PermError);
            Check(Zone("v=spf1 -all").Add("example.com", DnsRecordType.TXT, "v=spf10 +all", "hello \u00e9")).Result.Should().Be(SpfResult.Fail);
        }

        // 4.6 Record evaluation: a syntax error anywhere is a permerror, even after a match.
        [TestCase("v=spf1 +all moo")]
        [TestCase("v=spf1 +all -all.")]
        [TestCase("v=spf1 +all -all:x")]
        [TestCase("v=spf1 +all all/8")]
        [TestCase("v=spf1 +all =all")]
        [TestCase("v=spf1 +all 1up=foo")]
        [TestCase("v=spf1 +all redirect:example.net")]
        [TestCase("v=spf1 +all redirect=a.example.net redirect=b.example.net")]
        [TestCase("v=spf1 +all exp=a.example.net exp=b.example.net")]
        [TestCase("v=spf1 +all exp=")]
        [TestCase("v=spf1 +all redirect=")]
        [TestCase("v=spf1 +all foo=%x")]
        [TestCase("v=spf1 +all foo=%{c}")]
        [TestCase("v=spf1 +all\t-all")]
        [TestCase("v=spf1 +all a:example.com\u0000")]
        [TestCase("v=spf1 +all a:b\u00e9.example.com")]
        [TestCase("v=spf1 +all ip4:192.0.2.1/33")]
        [TestCase("v=spf1 +all ip4:192.0.2.1/032")]
        [TestCase("v=spf1 +all ip4:192.0.2")]
        [TestCase("v=spf1 +all ip4:192.0.2.01")]
        [TestCase("v=spf1 +all ip4:192.0.2.1//32")]
        [TestCase("v=spf1 +all ip4:192.0.2.1:25")]
        [TestCase("v=spf1 +all ip6:2001:db8::/129")]
        [TestCase("v=spf1 +all ip6:2001:db8:::1")]
        [TestCase("v=spf1 +all ip6:2001:db8::1::2")]
        [TestCase("v=spf1 +all ip6:12345::")]
        [TestCase("v=spf1 +all ip6")]
        [TestCase("v=spf1 +all a/33")]
        [TestCase("v=spf1 +all a//129")]
        [TestCase("v=spf1 +all a/24/64")]
        [TestCase("v=spf1 +all a:")]
        [TestCase("v=spf1 +all a:museum")]
        [TestCase("v=spf1 +all a:example.123")]
        [TestCase("v=spf1 +all a:example.-com")]
        [TestCase("v=spf1 +all a:example.com-")]
        [TestCase("v=spf1 +all mx:%{d}.")]
        [TestCase("v=spf1 +all include")]
        [TestCase("v=spf1 +all include:")]
        [TestCase("v=spf1 +all include:example.net/24")]
        [TestCase("v=spf1 +all exists")]
        [TestCase("v=spf1 +all exists:example.net/24")]
        [TestCase("v=spf1 +all ptr/24")]
        [TestCase("v=spf1 +all ptr:")]
        [TestCase("v=spf1 +all a:%{a}.example.net")]
        [TestCase("v=spf1 +all a:%{d0}.example.net")]
        [TestCase("v=spf1 +all a:%{d2x}.example.net")]
        [TestCase("v=spf1 +all a:%{d@}.example.net")]
        [TestCase("v=spf1 +all a:%{d.example.net")]
        [TestCase("v=spf1 +all a:%{r}.example.net")]
        [TestCase("v=spf1 +all a:%{t}.example.net")]
        [TestCase("v=spf1 +all a:%{c}.example.net")]
        [TestCase("v=spf1 +all a:x%.example.net")]
        [TestCase("v=spf1 +all a:example.net%")]
        [TestCase("v=spf1 +all a:x%%%y.example.net")]
        [TestCase("v=spf1 +all -")]
        public void Section_4_6_a_syntax_error_anywhere_is_a_permerror(string record)
        {
            SpfCheckResult r = Check(Zone(record));
            r.Result.Should().Be(SpfResult.PermError, r.ToString());
            r.Problem.Should().NotBeNull();
        }

        [TestCase("v=spf1 moo.cow-far_out=man:dog/cat ip4:192.0.2.1 -all", SpfResult.Pass)]
        [TestCase("v=spf1 foo=bar foo=baz -all", SpfResult.Fail)]
        [TestCase("v=spf1 a=b:c -all", SpfResult.Fail)]
        [TestCase("v=spf1 default=+ -all", SpfResult.Fail)]
        [TestCase("v=spf1 x=%{l}%%%_%- -all", SpfResult.Fail)]
        [TestCase("v=spf1 IP4:192.0.2.1 -ALL", SpfResult.Pass)]
        [TestCase("v=spf1 ip4:192.0.2.0/24 -all", SpfResult.Pass)]
        [TestCase("v=spf1 ip4:192.0.2.1/0 -all", SpfResult.Pass)]
        [TestCase("v=spf1 ip6:::/0 -all", SpfResult.Fail)]
        [TestCase("v=spf1 ?all", SpfResult.Neutral)]
        [TestCase("v=spf1 ~all", SpfResult.SoftFail)]
        [TestCase("v=spf1 all -all", SpfResult.Pass)]
        [TestCase("v=spf1 ip4:198.51.100.1", SpfResult.Neutral)]
        public void Section_4_6_unknown_modifiers_are_ignored_names_are_case_insensitive(string record, SpfResult expected)
            => Result(record).Should().Be(expected);

        // 4.6.4 DNS lookup limits.
        [Test]
        public void Section_4_6_4_ten_dns_terms_pass_the_eleventh_is_a_permerror()
        {
            SpfTestZone zone = new SpfTestZone().Add("h.example.com", DnsRecordType.A, "198.51.100.1");
            string ten = "v=spf1 " + string.Join(" ", Enumerable.Repeat("a:h.example.com", 9)) + " a:h.example.com/24 -all";
            SpfCheckResult r = Check(zone.Add("example.com", DnsRecordType.TXT, ten), "198.51.100.77");
            r.Result.Should().Be(SpfResult.Pass);
            r.LookupCount.Should().Be(10);

            string eleven = "v=spf1 " + string.Join(" ", Enumerable.Repeat("a:h.example.com", 10)) + " ip4:198.51.100.77 -all";
            SpfTestZone zone2 = new SpfTestZone().Add("h.example.com", DnsRecordType.A, "198.51.100.1").Add("example.com", DnsRecordType.TXT, eleven);
            r = Check(zone2, "198.51.100.77");
            r.Result.Should().Be(SpfResult.Pass, "the ip4 term after ten a terms is reached: it costs no look-up");
            zone2 = new SpfTestZone().Add("h.example.com", DnsRecordType.A, "198.51.100.1")
                .Add("example.com", DnsRecordType.TXT, "v=spf1 " + string.Join(" ", Enumerable.Repeat("a:h.example.com", 11)) + " -all");
            r = Check(zone2, "198.51.100.77");
            r.Result.Should().Be(SpfResult.PermError);
            r.LookupCount.Should().Be(11);
            r.Problem.Should().Contain("at most 10");
            zone2.Questions.Count(q => q == "A h.example.com").Should().Be(10, "the eleventh term is refused before its query");
        }

        [Test]
        public void Section_4_6_4_includes_and_redirects_count_ip_all_and_exp_do_not()
        {
            SpfTestZone zone = new SpfTestZone()
                .Add("example.com", DnsRecordType.TXT, "v=spf1 ip4:203.0.113.1 include:i.example.com redirect=r.example.com exp=e.example.com")
                .Add("i.example.com", DnsRecordType.TXT, "v=spf1 a:h.example.com a:h.example.com ip6:2001:db8::/32 -all")
                .Add("r.example.com", DnsRecordType.TXT, "v=spf1 a:h.example.com a:h.example.com include:i.example.com ?all")
                .Add("h.example.com", DnsRecordType.A, "198.51.100.1");
            SpfCheckResult r = Check(zone, "198.51.100.2");
            r.Result.Should().Be(SpfResult.Neutral);
            // include (1) + its two a (3) + redirect (4) + two a (6) + include (7) + its two a (9); ip4, ip6, all, exp= are free.
            r.LookupCount.Should().Be(9);
        }

        [Test]
        public void Section_4_6_4_an_include_loop_ends_in_a_permerror()
        {
            SpfTestZone zone = new SpfTestZone()
                .Add("example.com", DnsRecordType.TXT, "v=spf1 include:b.example.com -all")
                .Add("b.example.com", DnsRecordType.TXT, "v=spf1 include:example.com -all");
            SpfCheckResult r = Check(zone);
            r.Result.Should().Be(SpfResult.PermError);
            r.LookupCount.Should().Be(11);
            Check(Zone("v=spf1 redirect=example.com")).Result.Should().Be(SpfResult.PermError);
        }

        [Test]
        public void Section_4_6_4_a_chain_of_ten_thousand_includes_costs_eleven_queries_and_no_stack()
        {
            var zone = new SpfTestZone();
            for (int i = 0; i < 10000; i++) zone.Add("d" + i + ".example.com", DnsRecordType.TXT, "v=spf1 include:d" + (i + 1) + ".example.com -all");
            SpfCheckResult r = Check(zone, domain: "d0.example.com");
            r.Result.Should().Be(SpfResult.PermError);
            zone.Questions.Should().HaveCount(11);
        }

        [Test]
        public void Section_4_6_4_two_void_lookups_are_allowed_the_third_is_a_permerror()
        {
            Result("v=spf1 a:nx1.example.com mx:nx2.example.com ?all").Should().Be(SpfResult.Neutral);
            SpfCheckResult r = Check(Zone("v=spf1 a:nx1.example.com mx:nx2.example.com exists:nx3.example.com ?all"));
            r.Result.Should().Be(SpfResult.PermError);
            r.VoidLookupCount.Should().Be(3);
            // NODATA is void as well as NXDOMAIN; the exp= look-up is not part of the evaluation.
            SpfTestZone zone = Zone("v=spf1 a:nodata.example.com a:nx.example.com exp=nx2.example.com -all").Touch("nodata.example.com");
            r = Check(zone);
            r.Result.Should().Be(SpfResult.Fail);
            r.VoidLookupCount.Should().Be(2);
            r.Explanation.Should().BeNull();
        }

        [Test]
        public void Section_4_6_4_more_than_ten_mx_names_is_a_permerror_ten_are_fine()
        {
            SpfTestZone Mx(int count)
            {
                SpfTestZone zone = Zone("v=spf1 mx -all");
                for (int i = 0; i < count; i++)
                {
                    zone.Add("example.com", DnsRecordType.MX, i + " mx" + i + ".example.com.").Add("mx" + i + ".example.com", DnsRecordType.A, "198.51.100." + i);
                }
                return zone;
            }
            Check(Mx(10), "198.51.100.9").Result.Should().Be(SpfResult.Pass);
            Check(Mx(11), "198.51.100.0").Result.Should().Be(SpfResult.PermError);
        }

        [Test]
        public void Section_4_6_4_only_the_first_ten_ptr_names_are_looked_at()
        {
            SpfTestZone zone = Zone("v=spf1 ptr -all");
            for (int i = 0; i < 11; i++) zone.Add("1.2.0.192.in-addr.arpa", DnsRecordType.PTR, "h" + i + (i == 10 ? ".example.com." : ".example.net."));
            for (int i = 0; i < 11; i++) zone.Add("h" + i + (i == 10 ? ".example.com" : ".example.net"), DnsRecordType.A, "192.0.2.1");
            SpfCheckResult r = Check(zone);
            r.Result.Should().Be(SpfResult.Fail);
            zone.Questions.Should().NotContain("A h10.example.com");
        }

        // 5.2 include: the included result decides whether the include matches.
        [TestCase("v=spf1 +all", SpfResult.Fail, "-include:i.example.com")]
        [TestCase("v=spf1 -all", SpfResult.Neutral, "-include:i.example.com ?all")]
        [TestCase("v=spf1 ~all", SpfResult.Neutral, "-include:i.example.com ?all")]
        [TestCase("v=spf1 ?all", SpfResult.Neutral, "-include:i.example.com ?all")]
        [TestCase("v=spf1", SpfResult.Neutral, "-include:i.example.com ?all")]
        [TestCase("v=spf1 moo", SpfResult.PermError, "-include:i.example.com ?all")]
        [TestCase("hello", SpfResult.PermError, "-include:i.example.com ?all")]
        [TestCase("v=spf1 include:j.example.com", SpfResult.Fail, "-include:i.example.com ?all")]
        [TestCase("v=spf1 ~include:j.example.com", SpfResult.Neutral, "-include:i.example.com ?all")]
        public void Section_5_2_include(string included, SpfResult expected, string terms)
        {
            SpfTestZone zone = Zone("v=spf1 " + terms).Add("i.example.com", DnsRecordType.TXT, included).Add("j.example.com", DnsRecordType.TXT, "v=spf1 +all");
            SpfCheckResult r = Check(zone);
            r.Result.Should().Be(expected, r.ToString());
            if (expected == SpfResult.Fail) r.Mechanism.Should().Be("-include:i.example.com");
        }

        [Test]
        public void Section_5_2_include_of_a_missing_or_failing_domain()
        {
            Check(Zone("v=spf1 include:nx.example.com +all")).Result.Should().Be(SpfResult.PermError);
            Check(Zone("v=spf1 include:t.example.com +all").Fail("t.example.com", DnsAnswerStatus.Timeout)).Result.Should().Be(SpfResult.TempError);
            Check(Zone("v=spf1 include:%{l}.example.com +all"), sender: "a..b@example.com").Result.Should().Be(SpfResult.PermError, "a malformed included name has no record");
        }

        // 5.3 a, 5.4 mx: dual prefix lengths, the client's family, errors.
        [TestCase("v=spf1 a/24//64 -all", "192.0.2.200", SpfResult.Pass)]
        [TestCase("v=spf1 a/24//64 -all", "192.0.3.1", SpfResult.Fail)]
        [TestCase("v=spf1 a/24//64 -all", "2001:db8::ffff", SpfResult.Pass)]
        [TestCase("v=spf1 a/24//64 -all", "2001:db8:0:1::1", SpfResult.Fail)]
        [TestCase("v=spf1 a//0 -all", "2001:db8:ffff::1", SpfResult.Pass)]
        [TestCase("v=spf1 a//0 -all", "192.0.3.1", SpfResult.Fail)]
        [TestCase("v=spf1 a -all", "::ffff:192.0.2.1", SpfResult.Pass)]
        [TestCase("v=spf1 mx/24//64 -all", "2001:db8::77", SpfResult.Pass)]
        [TestCase("v=spf1 mx -all", "192.0.2.1", SpfResult.Pass)]
        [TestCase("v=spf1 mx:null.example.com ?all", "192.0.2.1", SpfResult.Neutral)]
        public void Section_5_3_and_5_4_a_and_mx(string record, string ip, SpfResult expected)
        {
            SpfTestZone zone = Zone(record)
                .Add("example.com", DnsRecordType.A, "192.0.2.1")
                .Add("example.com", DnsRecordType.AAAA, "2001:db8::1")
                .Add("example.com", DnsRecordType.MX, "10 example.com.")
                .Add("null.example.com", DnsRecordType.MX, "0 .");
            Check(zone, ip).Result.Should().Be(expected);
        }

        [Test]
        public void Section_5_a_dns_error_in_a_mechanism_is_a_temperror()
        {
            Check(Zone("v=spf1 a:t.example.com +all").Fail("t.example.com", DnsAnswerStatus.ServerFailure)).Result.Should().Be(SpfResult.TempError);
            Check(Zone("v=spf1 mx:m.example.com +all").Add("m.example.com", DnsRecordType.MX, "10 t.example.com").Fail("t.example.com", DnsRecordType.A, DnsAnswerStatus.Timeout))
                .Result.Should().Be(SpfResult.TempError);
            Check(Zone("v=spf1 exists:t.example.com +all").Fail("t.example.com", DnsAnswerStatus.Refused)).Result.Should().Be(SpfResult.TempError);
            Check(Zone("v=spf1 ip4:192.0.2.1 a:t.example.com +all").Fail("t.example.com", DnsAnswerStatus.ServerFailure)).Result.Should().Be(SpfResult.Pass, "terms after a match are not evaluated");
        }

        // 5.5 ptr.
        [Test]
        public void Section_5_5_ptr_names_must_resolve_back_and_dns_errors_do_not_match()
        {
            SpfTestZone zone = Zone("v=spf1 ptr -all")
                .Add("1.2.0.192.in-addr.arpa", DnsRecordType.PTR, "bad.example.com.", "broken.example.com.", "good.mail.EXAMPLE.com.")
                .Add("bad.example.com", DnsRecordType.A, "192.0.2.99")
                .Fail("broken.example.com", DnsAnswerStatus.ServerFailure)
                .Add("good.mail.example.com", DnsRecordType.A, "192.0.2.1");
            Check(zone).Result.Should().Be(SpfResult.Pass);
            SpfCheckResult r = Check(Zone("v=spf1 ptr -all").Fail("1.2.0.192.in-addr.arpa", DnsAnswerStatus.Timeout));
            r.Result.Should().Be(SpfResult.Fail, "RFC 7208 5.5: a DNS error in the PTR look-up means no match");
            Check(Zone("v=spf1 ptr:example.org -all").Add("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", DnsRecordType.PTR, "m.example.org")
                    .Add("m.example.org", DnsRecordType.AAAA, "2001:db8::1"), "2001:db8::1")
                .Result.Should().Be(SpfResult.Pass);
        }

        // 5.6 ip4/ip6: an address of the other family never matches; IPv4-mapped is IPv4.
        [TestCase("v=spf1 ip6:::ffff:192.0.2.1 -all", "192.0.2.1", SpfResult.Fail)]
        [TestCase("v=spf1 ip6:::ffff:192.0.2.1 -all", "::ffff:192.0.2.1", SpfResult.Fail)]
        [TestCase("v=spf1 ip4:192.0.2.1 -all", "::ffff:192.0.2.1", SpfResult.Pass)]
        [TestCase("v=spf1 ip4:0.0.0.0/0 -all", "2001:db8::1", SpfResult.Fail)]
        [TestCase("v=spf1 ip6:2001:db8::/33 -all", "2001:db8:7fff::1", SpfResult.Pass)]
        [TestCase("v=spf1 ip6:2001:db8::/33 -all", "2001:db8:8000::1", SpfResult.Fail)]
        [TestCase("v=spf1 ip6:2001:DB8::25 -all", "2001:db8::25", SpfResult.Pass)]
        [TestCase("v=spf1 ip6:::192.0.2.1 -all", "::c000:201", SpfResult.Pass)]
        [TestCase("v=spf1 ip6:1:2:3:4:5:6:7:8 -all", "1:2:3:4:5:6:7:8", SpfResult.Pass)]
        public void Section_5_6_ip4_and_ip6(string record, string ip, SpfResult expected) => Result(record, ip).Should().Be(expected);

        // 5.7 exists: always an A query, whatever the client's family.
        [Test]
        public void Section_5_7_exists_asks_for_a_records()
        {
            SpfTestZone zone = Zone("v=spf1 exists:%{ir}.%{v}.x.example.com -all")
                .Add("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.x.example.com", DnsRecordType.A, "127.0.0.2");
            Check(zone, "2001:db8::1").Result.Should().Be(SpfResult.Pass);
            Check(Zone("v=spf1 exists:v6.example.com -all").Add("v6.example.com", DnsRecordType.AAAA, "2001:db8::1"), "2001:db8::1").Result.Should().Be(SpfResult.Fail);
        }

        // 6.1 redirect.
        [Test]
        public void Section_6_1_redirect()
        {
            Check(Zone("v=spf1 redirect=nx.example.com")).Result.Should().Be(SpfResult.PermError);
            Check(Zone("v=spf1 redirect=r.example.com").Add("r.example.com", DnsRecordType.TXT, "not spf")).Result.Should().Be(SpfResult.PermError);
            Check(Zone("v=spf1 redirect=%{l}.example.com"), sender: "a..b@example.com").Result.Should().Be(SpfResult.PermError, "a malformed target is a permerror, not none");
            Check(Zone("v=spf1 redirect=r.example.com").Fail("r.example.com", DnsAnswerStatus.Timeout)).Result.Should().Be(SpfResult.TempError);
            Check(Zone("v=spf1 redirect=nx.example.com ~all")).Result.Should().Be(SpfResult.SoftFail, "all matches before the redirect");
            Check(Zone("v=spf1 ip4:192.0.2.1 redirect=nx.example.com")).Result.Should().Be(SpfResult.Pass);
            SpfCheckResult r = Check(Zone("v=spf1 redirect=r.example.com").Add("r.example.com", DnsRecordType.TXT, "v=spf1 a -all").Add("r.example.com", DnsRecordType.A, "192.0.2.1"));
            r.Result.Should().Be(SpfResult.Pass, "%{d} and the default of a are the redirect target");
            r.MechanismDomain.Should().Be("r.example.com");
        }

        // 6.2 exp.
        [Test]
        public void Section_6_2_explanation()
        {
            SpfTestZone Exp(string record, params string[] explanation)
            {
                SpfTestZone zone = Zone(record);
                if (explanation.Length > 0) zone.Add("why.example.com", DnsRecordType.TXT, explanation);
                return zone;
            }
            SpfCheckResult r = Check(Exp("v=spf1 -all exp=why.example.com", "%{i} is not one of %{d}'s designated mail servers (%{c} asked %{r} at %{h})."), "2001:db8::1");
            r.Result.Should().Be(SpfResult.Fail);
            r.Explanation.Should().Be("2.0.0.1.0.D.B.8" + string.Concat(Enumerable.Repeat(".0", 23)) + ".1"
                + " is not one of example.com's designated mail servers (2001:db8::1 asked unknown at mail.example.net).");
            r.ToString().Should().EndWith(": " + r.Explanation);
            Check(Exp("v=spf1 ~all exp=why.example.com", "no")).Explanation.Should().BeNull("only a fail has an explanation");
            Check(Exp("v=spf1 -all exp=why.example.com", "one", "two")).Explanation.Should().BeNull();
            Check(Exp("v=spf1 -all exp=why.example.com", "The %{x}-files")).Explanation.Should().BeNull();
            Check(Exp("v=spf1 -all exp=why.example.com", "caf\u00e9")).Explanation.Should().BeNull();
            Check(Exp("v=spf1 -all exp=why.example.com")).Explanation.Should().BeNull();
            Check(Exp("v=spf1 -all exp=why.example.com").Fail("why.example.com", DnsAnswerStatus.Timeout)).Result.Should().Be(SpfResult.Fail);
            Check(Exp("v=spf1 -all exp=why.example.com", "%% %_ %- %{L}"), sender: "a+b c@example.com").Explanation.Should().Be("%   %20 a%2Bb%20c");
            Check(Exp("v=spf1 include:i.example.com -all exp=why.example.com", "outer")
                    .Add("i.example.com", DnsRecordType.TXT, "v=spf1 -all exp=inner.example.com").Add("inner.example.com", DnsRecordType.TXT, "inner"))
                .Explanation.Should().Be("outer", "an included record's exp= is not used");
            Check(Exp("v=spf1 exp=why.example.com redirect=r.example.com", "outer").Add("r.example.com", DnsRecordType.TXT, "v=spf1 -all"))
                .Explanation.Should().BeNull("the redirect target has none, and the redirecting record's is not used");
            Check(Exp("v=spf1 exp=why.example.com redirect=r.example.com", "outer").Add("r.example.com", DnsRecordType.TXT, "v=spf1 -all exp=e.r.example.com")
                    .Add("e.r.example.com", DnsRecordType.TXT, "from %{d}"))
                .Explanation.Should().Be("from r.example.com");
        }

        [Test]
        public void Section_7_3_t_and_r_come_from_the_options()
        {
            SpfTestZone zone = Zone("v=spf1 -all exp=why.example.com").Add("why.example.com", DnsRecordType.TXT, "%{t} %{r} %{R}");
            SpfCheckResult r = Spf.CheckHost(IPAddress.Parse("192.0.2.1"), "example.com", "a@example.com", "h.example.net", zone.Resolver(),
                new SpfOptions("mx.example.org", () => DateTimeOffset.FromUnixTimeSeconds(1764115200)));
            r.Explanation.Should().Be("1764115200 mx.example.org mx.example.org");
        }

        // 7 macros.
        [TestCase("%{l}", "~jack&jill=up-a_b3.c", "~jack&jill=up-a_b3.c")]
        [TestCase("%{L}", "~jack&jill=up-a_b3.c", "~jack%26jill%3Dup-a_b3.c")]
        [TestCase("%{L}", "j\u00f6", "j%C3%B6")]
        [TestCase("%{l+-}", "a-b+c", "a.b.c")]
        [TestCase("%{l2r+-}", "foo-bar+zip+quux", "bar.foo")]
        [TestCase("%{d-}", "x", "email.example.com")]
        [TestCase("%{d99999999999}", "x", "email.example.com")]
        [TestCase("%{d01}", "x", "com")]
        [TestCase("%{dR}", "x", "com.example.email")]
        [TestCase("%{v}.%{h}", "x", "in-addr.mx.example.org")]
        [TestCase("x%%y%_z%-w", "x", "x%y z%20w")]
        public void Section_7_macros(string macro, string local, string expansion)
        {
            SpfRfcExampleTests.Expand(macro + ".m.example.com", "192.0.2.3", local + "@example.com")
                .Should().Be(expansion + ".m.example.com");
        }

        [Test]
        public void Section_7_3_a_long_name_loses_labels_on_the_left()
        {
            string local = string.Join(".", Enumerable.Repeat(new string('x', 60), 5));
            string name = SpfRfcExampleTests.Expand("%{l}.m.example.com", "192.0.2.3", local + "@example.com");
            name.Length.Should().BeLessThanOrEqualTo(253);
            name.Should().Be(string.Join(".", Enumerable.Repeat(new string('x', 60), 3)) + ".m.example.com");
        }

        [Test]
        public void Section_7_3_huge_expansions_are_bounded()
        {
            // A 30 000-label sender: truncating it to 253 characters is one pass, not one copy per label.
            string manyLabels = string.Join(".", Enumerable.Repeat("a", 30000));
            SpfRfcExampleTests.Expand("%{l}.m.example.com", "192.0.2.3", manyLabels + "@example.com").Length.Should().BeLessThanOrEqualTo(253);
            // A thousand %{s} of a 10 000-character sender would be 10 MB: past 64 KB the name counts as one that does not exist.
            SpfTestZone zone = new SpfTestZone().Add("example.com", DnsRecordType.TXT, "v=spf1 exists:" + string.Concat(Enumerable.Repeat("%{s}", 1000)) + " -all");
            SpfCheckResult r = Check(zone, sender: new string('x', 10000) + "@example.com");
            r.Result.Should().Be(SpfResult.Fail);
            zone.Questions.Should().HaveCount(1, "no A question for the oversized name");
        }

        [Test]
        public void Section_7_3_p_is_unknown_without_a_validated_name()
        {
            SpfRfcExampleTests.Expand("%{p}.m.example.com", "192.0.2.99").Should().Be("unknown.m.example.com");
        }

        [Test]
        public void A_huge_record_and_random_junk_never_throw()
        {
            var sb = new StringBuilder("v=spf1");
            for (int i = 0; i < 20000; i++) sb.Append(" ip4:192.0.2.").Append(i % 250 + 2).Append(" foo").Append(i).Append("=%{d}");
            Check(Zone(sb + " -all")).Result.Should().Be(SpfResult.Fail);

            int seed = Seeds.From("MCK_SPF_JUNK_SEED");
            var random = new Random(seed);
            const string alphabet = "v=spf1 :/.%{}-+?~aAiIpPmMxXeEsSlLdDrR0123456789=_,\t\u00e9";
            for (int n = 0; n < 3000; n++)
            {
                var text = new StringBuilder(random.Next(2) == 0 ? "v=spf1 " : string.Empty);
                int length = random.Next(40);
                for (int i = 0; i < length; i++) text.Append(alphabet[random.Next(alphabet.Length)]);
                SpfTestZone zone = Zone(text.ToString()).Add("example.com", DnsRecordType.A, "192.0.2.1");
                Action check = () => Check(zone, random.Next(2) == 0 ? "192.0.2.1" : "2001:db8::1");
                check.Should().NotThrow("record \"" + text + "\" (seed " + seed + ")");
            }
        }
    }
}
