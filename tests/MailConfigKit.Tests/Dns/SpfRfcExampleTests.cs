using System;
using System.Linq;
using System.Net;
using FluentAssertions;
using MailConfigKit.Dns;
using NUnit.Framework;

namespace MailConfigKit.Tests.Dns
{
    /// <summary>The examples RFC 7208 prints: Appendix A (A.1 to A.4) on its example zone, and the macro table of section 7.4.</summary>
    public class SpfRfcExampleTests
    {
        /// <summary>The zone of RFC 7208 Appendix A.</summary>
        internal static SpfTestZone AppendixZone() => new SpfTestZone()
            .Add("example.com", DnsRecordType.MX, "10 mail-a.example.com.", "20 mail-b.example.com.")
            .Add("example.com", DnsRecordType.A, "192.0.2.10", "192.0.2.11")
            .Add("amy.example.com", DnsRecordType.A, "192.0.2.65")
            .Add("bob.example.com", DnsRecordType.A, "192.0.2.66")
            .Add("mail-a.example.com", DnsRecordType.A, "192.0.2.129")
            .Add("mail-b.example.com", DnsRecordType.A, "192.0.2.130")
            .Cname("www.example.com", "example.com")
            .Add("example.org", DnsRecordType.MX, "10 mail-c.example.org.")
            .Add("mail-c.example.org", DnsRecordType.A, "192.0.2.140")
            .Add("10.2.0.192.in-addr.arpa", DnsRecordType.PTR, "example.com.")
            .Add("11.2.0.192.in-addr.arpa", DnsRecordType.PTR, "example.com.")
            .Add("65.2.0.192.in-addr.arpa", DnsRecordType.PTR, "amy.example.com.")
            .Add("66.2.0.192.in-addr.arpa", DnsRecordType.PTR, "bob.example.com.")
            .Add("129.2.0.192.in-addr.arpa", DnsRecordType.PTR, "mail-a.example.com.")
            .Add("130.2.0.192.in-addr.arpa", DnsRecordType.PTR, "mail-b.example.com.")
            .Add("140.2.0.192.in-addr.arpa", DnsRecordType.PTR, "mail-c.example.org.")
            .Add("4.0.0.10.in-addr.arpa", DnsRecordType.PTR, "bob.example.com.");

        internal static SpfCheckResult Check(SpfTestZone zone, string ip, string domain, string? sender = null, string helo = "mail.example.net")
            => Spf.CheckHost(IPAddress.Parse(ip), domain, sender ?? "user@" + domain, helo, zone.Resolver());

        // A.1: each record is the example.com record; the RFC says which hosts pass.
        [TestCase("v=spf1 +all", "192.0.2.129", SpfResult.Pass)]
        [TestCase("v=spf1 +all", "203.0.113.7", SpfResult.Pass)]
        [TestCase("v=spf1 a -all", "192.0.2.10", SpfResult.Pass)]
        [TestCase("v=spf1 a -all", "192.0.2.11", SpfResult.Pass)]
        [TestCase("v=spf1 a -all", "192.0.2.65", SpfResult.Fail)]
        [TestCase("v=spf1 a:example.org -all", "192.0.2.10", SpfResult.Fail)]
        [TestCase("v=spf1 a:example.org -all", "192.0.2.140", SpfResult.Fail)]
        [TestCase("v=spf1 mx -all", "192.0.2.129", SpfResult.Pass)]
        [TestCase("v=spf1 mx -all", "192.0.2.130", SpfResult.Pass)]
        [TestCase("v=spf1 mx -all", "192.0.2.10", SpfResult.Fail)]
        [TestCase("v=spf1 mx:example.org -all", "192.0.2.140", SpfResult.Pass)]
        [TestCase("v=spf1 mx:example.org -all", "192.0.2.129", SpfResult.Fail)]
        [TestCase("v=spf1 mx mx:example.org -all", "192.0.2.129", SpfResult.Pass)]
        [TestCase("v=spf1 mx mx:example.org -all", "192.0.2.130", SpfResult.Pass)]
        [TestCase("v=spf1 mx mx:example.org -all", "192.0.2.140", SpfResult.Pass)]
        [TestCase("v=spf1 mx mx:example.org -all", "192.0.2.10", SpfResult.Fail)]
        [TestCase("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.128", SpfResult.Pass)]
        [TestCase("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.131", SpfResult.Pass)]
        [TestCase("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.143", SpfResult.Pass)]
        [TestCase("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.132", SpfResult.Fail)]
        [TestCase("v=spf1 mx/30 mx:example.org/30 -all", "192.0.2.139", SpfResult.Fail)]
        [TestCase("v=spf1 ptr -all", "192.0.2.65", SpfResult.Pass)]
        [TestCase("v=spf1 ptr -all", "192.0.2.140", SpfResult.Fail)]
        [TestCase("v=spf1 ptr -all", "10.0.0.4", SpfResult.Fail)]
        [TestCase("v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.65", SpfResult.Fail)]
        [TestCase("v=spf1 ip4:192.0.2.128/28 -all", "192.0.2.129", SpfResult.Pass)]
        public void A1_simple_examples(string record, string ip, SpfResult expected)
        {
            SpfTestZone zone = AppendixZone().Add("example.com", DnsRecordType.TXT, record);
            Check(zone, ip, "example.com").Result.Should().Be(expected);
        }

        [Test]
        public void A1_the_matching_directive_and_the_lookup_count_are_reported()
        {
            SpfTestZone zone = AppendixZone().Add("example.com", DnsRecordType.TXT, "v=spf1 a mx -all");
            SpfCheckResult r = Check(zone, "192.0.2.130", "example.com");
            r.Result.Should().Be(SpfResult.Pass);
            r.Mechanism.Should().Be("mx");
            r.MechanismDomain.Should().Be("example.com");
            r.LookupCount.Should().Be(2);
            r.ToString().Should().Be("Pass (mx in example.com, 2 lookups)");
        }

        // A.2: example.org's servers are the union of example.com's and example.net's; la/ny/sf redirect to it.
        [TestCase("example.org", "192.0.2.129", SpfResult.Pass)]
        [TestCase("example.org", "198.51.100.25", SpfResult.Pass)]
        [TestCase("example.org", "192.0.2.65", SpfResult.Fail)]
        [TestCase("la.example.org", "192.0.2.10", SpfResult.Pass)]
        [TestCase("ny.example.org", "198.51.100.25", SpfResult.Pass)]
        [TestCase("sf.example.org", "192.0.2.66", SpfResult.Fail)]
        public void A2_multiple_domain_example(string domain, string ip, SpfResult expected)
        {
            SpfTestZone zone = AppendixZone()
                .Add("example.com", DnsRecordType.TXT, "v=spf1 a mx -all")
                .Add("example.net", DnsRecordType.TXT, "v=spf1 ip4:198.51.100.0/24 -all")
                .Add("example.org", DnsRecordType.TXT, "v=spf1 include:example.com include:example.net -all")
                .Add("la.example.org", DnsRecordType.TXT, "v=spf1 redirect=example.org")
                .Add("ny.example.org", DnsRecordType.TXT, "v=spf1 redirect=example.org")
                .Add("sf.example.org", DnsRecordType.TXT, "v=spf1 redirect=example.org");
            SpfCheckResult r = Check(zone, ip, domain);
            r.Result.Should().Be(expected);
            if (expected == SpfResult.Pass && domain != "example.org") r.MechanismDomain.Should().Be("example.org", "a redirect's record decides for the domain");
        }

        // A.3: users at example.com who mail from arbitrary servers (mobile users) or from personal servers (remote users).
        [TestCase("mary@example.com", "203.0.113.9", SpfResult.Pass)]
        [TestCase("fred@example.com", "203.0.113.9", SpfResult.Pass)]
        [TestCase("joel@example.com", "192.168.15.15", SpfResult.Pass)]
        [TestCase("joel@example.com", "192.168.15.16", SpfResult.Pass)]
        [TestCase("joel@example.com", "192.168.15.17", SpfResult.Fail)]
        [TestCase("bob@example.com", "203.0.113.9", SpfResult.Fail)]
        [TestCase("bob@example.com", "192.0.2.129", SpfResult.Pass)]
        public void A3_dnsbl_style_example(string sender, string ip, SpfResult expected)
        {
            SpfTestZone zone = AppendixZone()
                .Add("example.com", DnsRecordType.TXT, "v=spf1 mx include:mobile-users._spf.%{d} include:remote-users._spf.%{d} -all")
                .Add("mobile-users._spf.example.com", DnsRecordType.TXT, "v=spf1 exists:%{l1r+}.%{d}")
                .Add("remote-users._spf.example.com", DnsRecordType.TXT, "v=spf1 exists:%{ir}.%{l1r+}.%{d}")
                .Add("mary.mobile-users._spf.example.com", DnsRecordType.A, "127.0.0.2")
                .Add("fred.mobile-users._spf.example.com", DnsRecordType.A, "127.0.0.2")
                .Add("15.15.168.192.joel.remote-users._spf.example.com", DnsRecordType.A, "127.0.0.2")
                .Add("16.15.168.192.joel.remote-users._spf.example.com", DnsRecordType.A, "127.0.0.2");
            Check(zone, ip, "example.com", sender).Result.Should().Be(expected);
        }

        // A.4: both requirements (address in 192.0.2.0/24 and a PTR name in example.com), by De Morgan's law.
        [TestCase("192.0.2.65", SpfResult.Pass)]
        [TestCase("192.0.2.140", SpfResult.Fail)]
        [TestCase("10.0.0.4", SpfResult.Fail)]
        [TestCase("198.51.100.1", SpfResult.Fail)]
        public void A4_multiple_requirements_example(string ip, SpfResult expected)
        {
            SpfTestZone zone = AppendixZone()
                .Add("example.com", DnsRecordType.TXT, "v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all")
                .Add("ip4._spf.example.com", DnsRecordType.TXT, "v=spf1 -ip4:192.0.2.0/24 +all")
                // Written with ptr:%{d2}: a bare ptr in this record would look for names under ptr._spf.example.com itself
                // (its current domain), where no name of the zone is; the example means names under example.com.
                .Add("ptr._spf.example.com", DnsRecordType.TXT, "v=spf1 -ptr:%{d2} +all");
            Check(zone, ip, "example.com").Result.Should().Be(expected);
        }

        // 7.4: sender strong-bad@email.example.com, client 192.0.2.3 whose PTR name is mx.example.org.
        [TestCase("%{s}", "strong-bad@email.example.com")]
        [TestCase("%{o}", "email.example.com")]
        [TestCase("%{d}", "email.example.com")]
        [TestCase("%{d4}", "email.example.com")]
        [TestCase("%{d3}", "email.example.com")]
        [TestCase("%{d2}", "example.com")]
        [TestCase("%{d1}", "com")]
        [TestCase("%{dr}", "com.example.email")]
        [TestCase("%{d2r}", "example.email")]
        [TestCase("%{l}", "strong-bad")]
        [TestCase("%{l-}", "strong.bad")]
        [TestCase("%{lr}", "strong-bad")]
        [TestCase("%{lr-}", "bad.strong")]
        [TestCase("%{l1r-}", "strong")]
        [TestCase("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com")]
        [TestCase("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com")]
        [TestCase("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com")]
        [TestCase("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com")]
        [TestCase("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net")]
        [TestCase("%{p}", "mx.example.org")]
        [TestCase("%{p2}", "example.org")]
        public void Section_7_4_macro_expansion_examples(string macro, string expansion)
        {
            Expand(macro, "192.0.2.3").Should().Be(expansion);
        }

        [Test]
        public void Section_7_4_ipv6_example()
        {
            // The RFC prints the nibbles in lower case; its normative text fixes no case and the RFC 7208 conformance
            // suite (v-macro-ip6) expects upper case in an explanation, which this implementation follows. DNS names
            // compare without case, so the query is the RFC's.
            Expand("%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01").Should().BeEquivalentTo(
                "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
        }

        /// <summary>What <paramref name="macro"/> expands to, read from the A question an <c>exists:</c> term asks.</summary>
        internal static string Expand(string macro, string ip, string sender = "strong-bad@email.example.com")
        {
            SpfTestZone zone = new SpfTestZone()
                .Add("email.example.com", DnsRecordType.TXT, "v=spf1 exists:" + macro + " -all")
                .Add("3.2.0.192.in-addr.arpa", DnsRecordType.PTR, "mx.example.org.")
                .Add("mx.example.org", DnsRecordType.A, "192.0.2.3");
            SpfCheckResult r = Check(zone, ip, "email.example.com", sender, "mx.example.org");
            r.Result.Should().BeOneOf(new[] { SpfResult.Pass, SpfResult.Fail }, r.ToString());
            return zone.Questions.Last(q => q.StartsWith("A ", StringComparison.Ordinal)).Substring(2);
        }
    }
}
