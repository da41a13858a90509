using System.Linq;
using FluentAssertions;
using MailConfigKit.Postfix;
using MailConfigKit.Tests.Support;
using MailConfigKit.Text;
using NUnit.Framework;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>
    /// Reading rules whose truth postconf cannot show (it collapses whitespace, spec P2.2): the raw values daemons see,
    /// recorded from a running smtpd in spec P1.4, and the positions of diagnostics. Everything postconf can answer
    /// is checked against postconf itself in <see cref="PostconfDifferentialTests"/>.
    /// </summary>
    public class MainCfReadingTests
    {
        [Test]
        public void Continuation_joins_raw_keeping_whitespace_at_the_join_as_smtpd_showed()
        {
            var doc = MainCf.Load(TestFiles.CasePath("Postfix/Cases/50-raw-banner-whitespace.cf"));
            // smtpd answered "220 oracle.example   ESMTP\ttab,\t  cont     \tend" for $myhostname = oracle.example.
            doc.GetValue("smtpd_banner").Should().Be("$myhostname   ESMTP\ttab,\t  cont     \tend");
        }

        [Test]
        public void Equals_sign_may_come_on_a_continuation_line()
        {
            var doc = MainCf.Parse("myhostname\n# between\n   = h.example\n");
            doc.GetValue("myhostname").Should().Be("h.example");
            doc.Diagnostics.Should().BeEmpty();
        }

        [Test]
        public void Crlf_value_keeps_inner_cr_and_loses_the_trailing_one()
        {
            var doc = MainCf.Parse("mydestination = a.example,\r\n  b.example\r\n");
            doc.GetValue("mydestination").Should().Be("a.example,\r  b.example");
        }

        [Test]
        public void Empty_value_is_set_and_unset_is_null()
        {
            var doc = MainCf.Parse("relayhost =\n");
            doc.GetValue("relayhost").Should().Be(string.Empty);
            doc.Contains("relayhost").Should().BeTrue();
            doc.GetValue("myhostname").Should().BeNull();
        }

        [Test]
        public void Missing_equals_is_an_error_with_postconfs_words_line_and_column()
        {
            var doc = MainCf.Parse("# c\nthis line has no equals\n", "/etc/postfix/main.cf");
            var d = doc.Diagnostics.Single();
            d.Code.Should().Be(DiagnosticCodes.MainCfMissingEquals);
            d.Severity.Should().Be(DiagnosticSeverity.Error);
            d.Message.Should().Be("missing '=' after attribute name: \"this line has no equals\"");
            (d.FilePath, d.Line, d.Column).Should().Be(("/etc/postfix/main.cf", 2, 5));
            d.ToString().Should().Be("/etc/postfix/main.cf:2:5: error MCF0001: missing '=' after attribute name: \"this line has no equals\"");
        }

        [Test]
        public void Missing_name_is_an_error()
        {
            var d = MainCf.Parse("= value\n").Diagnostics.Single();
            (d.Code, d.Line, d.Column, d.Message).Should().Be((DiagnosticCodes.MainCfMissingName, 1, 1, "missing attribute name: \"= value\""));
        }

        [Test]
        public void Whitespace_led_line_with_nothing_to_continue_is_kept_and_warned()
        {
            var doc = MainCf.Parse("# c\n  leading = ws\nmyhostname = h\n");
            var d = doc.Diagnostics.Single();
            (d.Code, d.Severity, d.Line).Should().Be((DiagnosticCodes.MainCfLeadingWhitespace, DiagnosticSeverity.Warning, 2));
            d.Message.Should().StartWith("logical line must not start with whitespace: \"  leading = ws\"");
            doc.GetValue("leading").Should().BeNull();
            doc.GetValue("myhostname").Should().Be("h");
        }

        [Test]
        public void Duplicate_warns_at_the_later_line_naming_the_earlier_value()
        {
            var doc = MainCf.Parse("mydestination = first\nmydestination = second\n");
            doc.GetValue("mydestination").Should().Be("second");
            var d = doc.Diagnostics.Single();
            (d.Code, d.Line, d.Message).Should().Be((DiagnosticCodes.MainCfDuplicate, 2, "overriding earlier entry: mydestination=first"));
            doc.Parameters.Select(p => p.IsEffective).Should().Equal(false, true);
        }

        [Test]
        public void Bom_glued_to_the_first_name_hides_that_setting()
        {
            var doc = MainCf.Load(TestFiles.CasePath("Postfix/Cases/14-bom.cf"));
            doc.GetValue("mydestination").Should().BeNull();
            doc.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.MainCfByteOrderMark && d.Line == 1);
        }

        [TestCase("mydestination = cost$", "empty macro name: \"cost$\"")]
        [TestCase("mydestination = ${myhostname", "truncated macro reference: \"${myhostname\"")]
        [TestCase("mydestination = ${myhostname == x ? {a} : {b}}", "attribute name syntax error at: \"myhostname>>> == x ? {a} : {b}\"")]
        public void Malformed_macro_is_fatal_for_every_postconf_read(string line, string warning)
        {
            var d = MainCf.Parse(line + "\n").Diagnostics.Single();
            d.Code.Should().Be(DiagnosticCodes.MainCfMacroSyntax);
            d.Severity.Should().Be(DiagnosticSeverity.Error);
            d.Message.Should().StartWith(warning);
        }

        [Test]
        public void Invalid_inet_protocols_points_at_the_bad_item()
        {
            var doc = MainCf.Parse("inet_protocols = ipv4, IPv6\n");
            var d = doc.Diagnostics.Single();
            (d.Code, d.Line, d.Column).Should().Be((DiagnosticCodes.MainCfInetProtocols, 1, 24));
            d.Message.Should().Be("unknown inet_protocols value \"IPv6\" in \"ipv4, IPv6\"");
            doc.InetProtocols.Should().BeNull();
        }

        [Test]
        public void Parameters_lists_every_definition_in_file_order()
        {
            var doc = MainCf.Load(TestFiles.CasePath("Postfix/Cases/debian-default-main.cf"));
            doc.Parameters.Select(p => p.Name).Should().StartWith(new[] { "smtpd_banner", "biff", "append_dot_mydomain" });
            doc.Parameters.Should().Contain(p => p.Name == "relayhost" && p.Value == string.Empty);
            doc.Diagnostics.Should().BeEmpty();
        }
    }
}
