using System.Collections.Generic;
using System.Linq;
using System.Net;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Dns;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>
    /// The SPF-or-DKIM check with an in-memory zone (a test double for unit tests; Netns/ has the real server) and a fixed
    /// SPF step through the seam (Spf.CheckHost is written elsewhere and connected at merge): sending identities, DKIM
    /// signers and their keys, the whole SPF record to publish, and unknown never read as missing.
    /// </summary>
    public class AuthenticationDiagnosisTests : DiagnosisTestBase
    {
        private const string Ptr = "debian.example.org";

        /// <summary>A Debian Postfix host sending as example.org (etc/mailname) from 2001:db8::25, whose PTR is fine.</summary>
        private static HostTree Tree() => new HostTree().WithDebianPostfix().WithIpv6OnLoopback(HostTree.GlobalLine)
            .Write("etc/mailname", "example.org\n");

        private static ZoneResolver Zone() => new ZoneResolver().Ptr(GlobalAddress, Ptr).Host(Ptr, GlobalAddress)
            .Txt("example.org", "v=spf1 ip4:192.0.2.25 -all", "google-site-verification=abc");

        [Test]
        public void No_dkim_and_spf_failing_is_a_warning_with_the_whole_record_to_publish()
        {
            using var tree = Tree();
            var report = ExamineAuthentication(tree, Zone(), new FixedSpf(SpfOutcome.Fail));
            var f = report.Findings.Should().ContainSingle().Subject;
            f.Id.Should().Be(FindingIds.DnsIpv6AuthenticationMissing);
            f.Severity.Should().Be(FindingSeverity.Warning);
            f.Title.Should().Contain("example.org");
            f.Explanation.Should().Contain("\"v=spf1 ip6:2001:db8::25 ip4:192.0.2.25 -all\"").And.Contain("nothing signs its mail with DKIM")
                .And.Contain("in place of the current one");
            f.Evidence.Select(e => e.ToString()).Should().Contain("etc/postfix/main.cf:40:1: myorigin = /etc/mailname")
                .And.Contain("dns: SPF example.org for 2001:db8::25: Fail")
                .And.Contain("dns: SPF TXT example.org: v=spf1 ip4:192.0.2.25 -all");
            RemediationCatalog.Default.For(f).Select(r => r.Id).Should().Equal(PostfixSmtpClientIpv4Only.RemediationId, PostfixInetProtocolsIpv4.RemediationId);
        }

        [Test]
        public void Without_any_spf_record_the_suggestion_is_a_new_record()
        {
            using var tree = Tree();
            var zone = new ZoneResolver().Ptr(GlobalAddress, Ptr).Host(Ptr, GlobalAddress);
            var f = ExamineAuthentication(tree, zone, new FixedSpf(SpfOutcome.None)).Findings.Single();
            f.Explanation.Should().Contain("(there is none)").And.Contain("\"v=spf1 ip6:2001:db8::25 ~all\"");
        }

        [Test]
        public void Spf_passing_is_enough()
        {
            using var tree = Tree();
            ExamineAuthentication(tree, Zone(), new FixedSpf(SpfOutcome.Pass)).Findings.Should().BeEmpty();
        }

        [TestCase("TempError")]
        [TestCase("NotEvaluated")]
        public void Spf_that_could_not_be_evaluated_is_unknown_never_missing(string outcome)
        {
            using var tree = Tree();
            var f = ExamineAuthentication(tree, Zone(), new FixedSpf((SpfOutcome)System.Enum.Parse(typeof(SpfOutcome), outcome))).Findings.Single();
            f.Id.Should().Be(FindingIds.DnsIpv6AuthenticationUnknown);
            f.Severity.Should().Be(FindingSeverity.Note);
            RemediationCatalog.Default.For(f).Should().BeEmpty();
        }

        [Test]
        public void The_built_in_spf_step_is_check_host_and_no_record_is_not_passing()
        {
            // The SPF step is Spf.CheckHost (RFC 7208): the zone's record covers only the IPv4 address (Fail); one that
            // covers the IPv6 address passes, and nothing is reported.
            using var tree = Tree();
            Ids(ExamineAuthentication(tree, Zone(), null)).Should().Equal(FindingIds.DnsIpv6AuthenticationMissing);
            using var covered = Tree();
            var coveringZone = new ZoneResolver().Ptr(GlobalAddress, Ptr).Host(Ptr, GlobalAddress).Txt("example.org", "v=spf1 ip6:2001:db8::/32 -all");
            Ids(ExamineAuthentication(covered, coveringZone, null)).Should().BeEmpty();
        }

        [Test]
        public void Opendkim_with_a_published_key_signs_and_spf_is_not_asked()
        {
            using var tree = Tree().Edit("etc/postfix/main.cf", "myorigin = /etc/mailname", "myorigin = /etc/mailname\nsmtpd_milters = inet:localhost:8891\nnon_smtpd_milters = $smtpd_milters")
                .Write("etc/opendkim.conf", "Syslog yes\nDomain example.org\nSelector mail\nKeyFile /etc/dkimkeys/mail.private\n");
            var spf = new FixedSpf(SpfOutcome.Fail);
            var zone = Zone().Txt("mail._domainkey.example.org", "v=DKIM1; k=rsa; p=MIIBIjANBgkq");
            ExamineAuthentication(tree, zone, spf).Findings.Should().BeEmpty();
            spf.Asked.Should().BeEmpty();
            zone.Queries.Should().Contain("TXT mail._domainkey.example.org");
        }

        [Test]
        public void A_signer_whose_key_is_not_published_gets_the_record_to_publish()
        {
            using var tree = Tree().Edit("etc/postfix/main.cf", "myorigin = /etc/mailname", "myorigin = /etc/mailname\nsmtpd_milters = local:opendkim/opendkim.sock")
                .Write("etc/opendkim.conf", "KeyTable refile:/etc/opendkim/key.table\n")
                .Write("etc/opendkim/key.table", "k1 example.org:s2024:/etc/opendkim/keys/s2024.private\n");
            var report = ExamineAuthentication(tree, Zone(), new FixedSpf(SpfOutcome.SoftFail));
            Ids(report).Should().Equal(FindingIds.DnsDkimKeyMissing, FindingIds.DnsIpv6AuthenticationMissing);
            report.Findings[0].Explanation.Should().Contain("\"s2024._domainkey.example.org\"");
            report.Findings[1].Explanation.Should().Contain("its DKIM key is not published");
        }

        [Test]
        public void Rspamd_with_its_default_selector_and_a_dkim_answer_that_failed_is_unknown()
        {
            using var tree = Tree().Edit("etc/postfix/main.cf", "myorigin = /etc/mailname", "myorigin = /etc/mailname\nsmtpd_milters = inet:127.0.0.1:11332");
            var zone = Zone().Fail("dkim._domainkey.example.org", DnsRecordType.TXT, DnsAnswerStatus.Timeout);
            Ids(ExamineAuthentication(tree, zone, new FixedSpf(SpfOutcome.Fail))).Should().Equal(FindingIds.DnsIpv6AuthenticationUnknown);
        }

        [Test]
        public void Rspamd_per_domain_selectors_are_the_ones_looked_up()
        {
            using var tree = Tree().Edit("etc/postfix/main.cf", "myorigin = /etc/mailname", "myorigin = /etc/mailname\nsmtpd_milters = unix:/var/lib/rspamd/rspamd.sock")
                .Write("etc/rspamd/local.d/dkim_signing.conf",
                    "allow_username_mismatch = true;\ndomain {\n  example.org {\n    path = \"/var/lib/rspamd/dkim/example.org.s1.key\";\n"
                    + "    selector = \"s1\";\n  }\n  \"other.example\" {\n    selector = \"s9\";\n  }\n}\n");
            var zone = Zone().Txt("s1._domainkey.example.org", "v=DKIM1; k=rsa; p=MIIBIjANBgkq");
            ExamineAuthentication(tree, zone, new FixedSpf(SpfOutcome.Fail)).Findings.Should().BeEmpty();
            zone.Queries.Where(q => q.Contains("_domainkey")).Should().Equal("TXT s1._domainkey.example.org");
        }

        [Test]
        public void A_revoked_key_or_a_verify_only_opendkim_does_not_sign()
        {
            using var tree = Tree().Edit("etc/postfix/main.cf", "myorigin = /etc/mailname", "myorigin = /etc/mailname\nsmtpd_milters = inet:localhost:8891")
                .Write("etc/opendkim.conf", "Selector mail\n");
            Ids(ExamineAuthentication(tree, Zone().Txt("mail._domainkey.example.org", "v=DKIM1; p="), new FixedSpf(SpfOutcome.Fail)))
                .Should().Equal(FindingIds.DnsDkimKeyMissing, FindingIds.DnsIpv6AuthenticationMissing);
            tree.Write("etc/opendkim.conf", "Selector mail\nMode v\n");
            var f = ExamineAuthentication(tree, Zone().Txt("mail._domainkey.example.org", "v=DKIM1; p=MIIB"), new FixedSpf(SpfOutcome.Fail)).Findings.Single();
            f.Explanation.Should().Contain("nothing signs its mail with DKIM");
        }

        [Test]
        public void The_sender_of_a_refused_message_is_a_sending_domain()
        {
            using var tree = Tree().Write("var/log/mail.log",
                "Apr 17 10:41:37 mx postfix/qmgr[38600]: 16E104: from=<news@other.example>, size=1200, nrcpt=1 (queue active)\n"
                + GmailIPv6AuthError + "\n");
            var spf = new FixedSpf(SpfOutcome.Pass) { ["other.example"] = SpfOutcome.Fail };
            var report = ExamineAuthentication(tree, Zone(), spf);
            var f = report.Findings.Single(x => x.Id == FindingIds.DnsIpv6AuthenticationMissing);
            f.Title.Should().Contain("other.example");
            f.Evidence[0].ToString().Should().Be("var/log/mail.log: from=<...@other.example> was refused over IPv6");
            spf.Asked.Should().BeEquivalentTo("example.org 2001:db8::25 debian.example.org", "other.example 2001:db8::25 debian.example.org");
        }

        [Test]
        public void Sender_dependent_tables_add_their_domains()
        {
            using var tree = Tree().Edit("etc/postfix/main.cf", "myorigin = /etc/mailname", "myorigin = /etc/mailname\nsender_dependent_relayhost_maps = hash:/etc/postfix/sender_relay")
                .Write("etc/postfix/sender_relay", "# comment\n@shop.example [relay.example]:587\nuser@mail.example [relay.example]\n");
            var spf = new FixedSpf(SpfOutcome.Pass);
            ExamineAuthentication(tree, Zone(), spf).Findings.Should().BeEmpty();
            spf.Asked.Select(a => a.Split(' ')[0]).Should().BeEquivalentTo("example.org", "shop.example", "mail.example");
        }

        [Test]
        public void No_check_when_postfix_delivers_over_ipv4()
        {
            using var tree = Tree().Edit("etc/postfix/main.cf", "inet_protocols = all", "inet_protocols = ipv4");
            var zone = Zone();
            ExamineAuthentication(tree, zone, new FixedSpf(SpfOutcome.Fail)).Findings.Should().BeEmpty();
            zone.Queries.Should().BeEmpty();
        }

        /// <summary>The SPF step's stand-in: a fixed outcome per domain; the record suggestion is the built-in one.</summary>
        internal sealed class FixedSpf : ISpfCheck
        {
            private readonly SpfOutcome _default;
            private readonly Dictionary<string, SpfOutcome> _byDomain = new();
            private readonly List<string> _asked = new();

            public FixedSpf(SpfOutcome outcome) => _default = outcome;

            public SpfOutcome this[string domain]
            {
                set => _byDomain[domain] = value;
            }

            public IReadOnlyList<string> Asked
            {
                get
                {
                    lock (_asked) return _asked.ToList();
                }
            }

            public SpfVerdict Check(IPAddress ip, string domain, string sender, string helo, IDnsResolver dns)
            {
                lock (_asked) _asked.Add(domain + " " + ip + " " + helo);
                return new SpfVerdict(_byDomain.TryGetValue(domain, out var o) ? o : _default, null);
            }

            public SpfSuggestion Suggest(string domain, IReadOnlyList<IPAddress> addresses, IDnsResolver dns) => SpfSeam.Default.Suggest(domain, addresses, dns);
        }
    }
}
