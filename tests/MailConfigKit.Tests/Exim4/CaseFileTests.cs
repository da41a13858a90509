using System.IO;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Tests.Exim4.Support;
using MailConfigKit.Text;
using NUnit.Framework;
using MailConfigKit.Tests.Support;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>Every spec case file (oracle-findings E5): byte-exact round trip, the value sh leaves, and the diagnostics.</summary>
    public class CaseFileTests
    {
        public static string[] AllCases() =>
            Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Exim4", "Cases"), "*.conf*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Path.Combine(TestContext.CurrentContext.TestDirectory, "Exim4", "Cases"), f))
                .OrderBy(f => f, System.StringComparer.Ordinal).ToArray();

        [Test]
        public void All_spec_cases_are_present()
        {
            AllCases().Length.Should().Be(57);
        }

        [TestCaseSource(nameof(AllCases))]
        public void Round_trips_byte_for_byte(string name)
        {
            byte[] bytes = TestFiles.CaseBytes(TestFiles.EximCases + name);
            UpdateExim4Conf doc = UpdateExim4Conf.FromBytes(bytes, name);
            doc.ToBytes().Should().Equal(bytes);
            UpdateExim4Conf.Parse(doc.ToString()).ToString().Should().Be(doc.ToString());
        }

        // Spec E5 table: what update-exim4.conf's sourcing leaves in dc_local_interfaces (null: unset or aborted/computed).
        [TestCase("20-li-default.conf", "127.0.0.1 ; ::1")]
        [TestCase("21-li-v4only.conf", "127.0.0.1")]
        [TestCase("22-li-empty.conf", "")]
        [TestCase("23-li-colon.conf", "127.0.0.1 : ::1")]
        [TestCase("24-li-port-dot.conf", "127.0.0.1.2525 ; ::1.2525")]
        [TestCase("25-li-port-bracket.conf", "[127.0.0.1]:2525 ; [::1]:2525")]
        [TestCase("26-li-comma.conf", "127.0.0.1, ::1")]
        [TestCase("27-li-already-sep.conf", "<; 127.0.0.1 ; ::1")]
        [TestCase("28-li-upper-ws.conf", "  127.0.0.1   ;    ::1  ;")]
        [TestCase("29-li-dq.conf", "127.0.0.1 ; ::1")]
        [TestCase("30-li-unquoted-semicolon.conf", "127.0.0.1")]
        [TestCase("31-li-spaces-eq.conf", null)]
        [TestCase("32-li-export.conf", "127.0.0.1")]
        [TestCase("33-li-trailing-comment.conf", "127.0.0.1")]
        [TestCase("34-li-unset-line-missing.conf", null)]
        [TestCase("35-li-ipv6-only.conf", "::1")]
        [TestCase("36-li-dollar.conf", null)]
        [TestCase("37-li-scope.conf", "fe80::1%lo ; 127.0.0.1")]
        [TestCase("38-li-singlequote-inside.conf", "127.0.0.1'x")]
        [TestCase("40-crlf.conf", "127.0.0.1 ; ::1\r")]
        [TestCase("42-no-final-newline.conf", "127.0.0.1 ; ::1")]
        [TestCase("46-dup-last-wins.conf", "127.0.0.1")]
        [TestCase("47-uppercase-value.conf", "LOCALHOST")]
        [TestCase("sh-quoting/q04.conf", "127.0.0.1 ; ::1")]
        [TestCase("sh-quoting/q05.conf", "a'b")]
        [TestCase("sh-quoting/q06.conf", "")]
        [TestCase("sh-quoting/q07.conf", "a")]
        [TestCase("sh-quoting/q09.conf", "line1\nline2")]
        [TestCase("sh-quoting/q10.conf", null)]
        [TestCase("sh-quoting/q11.conf", null)]
        [TestCase("sh-quoting/q12.conf", "indented")]
        [TestCase("sh-quoting/q13.conf", "a")]
        [TestCase("sh-quoting/q14.conf", "a#notcomment")]
        [TestCase("sh-quoting/q18.conf", null)]
        [TestCase("sh-quoting/q20.conf", "$HOME")]
        [TestCase("sh-quoting/q21.conf", "*")]
        [TestCase("sh-quoting/q22.conf", "a\r")]
        [TestCase("sh-quoting/q23.conf", "y")]
        [TestCase("sh-quoting/q24.conf", null)]
        [TestCase("sh-quoting/q25.conf", "a")]
        [TestCase("sh-quoting/q26.conf", "exp")]
        [TestCase("sh-quoting/q27.conf", "no-final-newline")]
        public void Local_interfaces_value_is_what_sh_leaves(string name, string? expected)
        {
            UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + name)).GetValue("dc_local_interfaces").Should().Be(expected);
        }

        [Test]
        public void Both_assignments_on_one_line_count()
        {
            UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + "sh-quoting/q08.conf")).GetValue("dc_relay_nets").Should().Be("b");
            UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + "sh-quoting/q25.conf")).GetValue("dc_relay_nets").Should().Be("b");
        }

        // Spec E5 "errors": where update-exim4.conf dies, with the code, line and column we report.
        [TestCase("30-li-unquoted-semicolon.conf", DiagnosticCodes.Exim4UnquotedSemicolon, 31, 31, "::1: not found")]
        [TestCase("31-li-spaces-eq.conf", DiagnosticCodes.Exim4CommandNotFound, 31, 1, "dc_local_interfaces: not found")]
        [TestCase("40-crlf.conf", DiagnosticCodes.Exim4CarriageReturn, 1, 36, "^M: not found")]
        [TestCase("41-bom.conf", DiagnosticCodes.Exim4ByteOrderMark, 1, 1, "M-oM-;M-?dc_eximconfig_configtype=local: not found")]
        [TestCase("44-unquoted-space.conf", DiagnosticCodes.Exim4CommandNotFound, 31, 31, "::1: not found")]
        [TestCase("sh-quoting/q15.conf", DiagnosticCodes.Exim4CommandNotFound, 1, 1, "blanks around '='")]
        [TestCase("sh-quoting/q16.conf", DiagnosticCodes.Exim4CommandNotFound, 1, 22, "a: not found")]
        [TestCase("sh-quoting/q17.conf", DiagnosticCodes.Exim4Unterminated, 1, 21, "Syntax error: Unterminated quoted string")]
        public void Errors_update_exim4_conf_dies_on(string name, string code, int line, int column, string message)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + name));
            doc.HasErrors.Should().BeTrue();
            Diagnostic d = doc.Diagnostics.First(x => x.Code == code);
            d.Severity.Should().Be(DiagnosticSeverity.Error);
            d.Line.Should().Be(line);
            d.Column.Should().Be(column);
            d.Message.Should().Contain(message);
            d.FilePath.Should().Be(TestFiles.CasePath(TestFiles.EximCases + name));
        }

        [Test]
        public void Crlf_blank_line_is_reported_where_dash_dies()
        {
            // dash: "18: ...: ^M: not found" (spec E5, case 40).
            UpdateExim4Conf doc = UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + "40-crlf.conf"));
            doc.Diagnostics.Where(d => d.Code == DiagnosticCodes.Exim4CarriageReturn).Select(d => d.Line).Should().Contain(18);
        }

        [TestCase("20-li-default.conf")]
        [TestCase("debian-default-update-exim4.conf.conf")]
        [TestCase("42-no-final-newline.conf")]
        [TestCase("32-li-export.conf")]
        public void Files_update_exim4_conf_accepts_have_no_errors(string name)
        {
            UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + name)).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
        }

        [Test]
        public void Computed_values_are_null_with_a_diagnostic()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + "sh-quoting/q10.conf"));
            doc.IsComputed("dc_local_interfaces").Should().BeTrue();
            Diagnostic d = doc.Diagnostics.Single(x => x.Code == DiagnosticCodes.Exim4ComputedValue);
            (d.Line, d.Column).Should().Be((1, 21));
            d.Message.Should().Contain("computed at run time");
        }

        [Test]
        public void Macro_lines_are_kept_and_listed()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + "43-macro-line.conf"));
            doc.Macros.Select(m => m.Text).Should().Equal("MAIN_TLS_ENABLE=yes", "Daemon_Ports='25 : 2525'");
            doc.Macros[0].Name.Should().Be("MAIN_TLS_ENABLE");
            doc.Macros[1].Value.Should().Be("'25 : 2525'");
            doc.GetValue("Daemon_Ports").Should().Be("25 : 2525");
            doc.Diagnostics.Count(d => d.Code == DiagnosticCodes.Exim4MacroLine).Should().Be(2);
            UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + "48-cfilemode.conf")).Macros.Should().BeEmpty();
        }

        [Test]
        public void Single_quote_in_a_postinst_key_is_flagged()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + "38-li-singlequote-inside.conf"));
            Diagnostic d = doc.Diagnostics.Single(x => x.Code == DiagnosticCodes.Exim4QuoteRewrittenByPostinst);
            (d.Line, d.Column, d.Severity).Should().Be((31, 21, DiagnosticSeverity.Warning));
            d.Message.Should().Contain("dpkg-reconfigure");
        }

        [TestCase("23-li-colon.conf", DiagnosticCodes.Exim4LocalInterfacesColonList, "Malformed IP address \":1\"")]
        [TestCase("26-li-comma.conf", DiagnosticCodes.Exim4LocalInterfacesComma, "Malformed IP address \"127.0.0.1, :1\"")]
        [TestCase("47-uppercase-value.conf", DiagnosticCodes.Exim4LocalInterfacesItem, "Malformed IP address \"LOCALHOST\"")]
        public void Local_interfaces_exim_rejects(string name, string code, string message)
        {
            Diagnostic d = UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + name)).Diagnostics.Single(x => x.Code == code);
            (d.Line, d.Column, d.Severity).Should().Be((31, 21, DiagnosticSeverity.Error));
            d.Message.Should().Contain(message);
        }

        [Test]
        public void Typed_settings_of_the_hand_edited_file()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Load(TestFiles.CasePath(TestFiles.EximCases + "10-handedited.conf"));
            doc.ConfigType.Should().Be(EximConfigType.Internet);
            doc.OtherHostnames.Should().Equal("a.example", "b.example");
            doc.RelayNets.Should().Equal("192.168.0.0/16");
            doc.Smarthost.Single().Host.Should().Be("smart.example");
            doc.Smarthost.Single().Port.Should().Be(587);
            doc.MinimalDns.Should().Be(EximFlag.False);
            doc.UseSplitConfig.Should().Be(EximFlag.False);
            doc.HideMailname.Should().Be(EximFlag.False);
            doc.MailnameInOtherHostnames.Should().BeNull();
            doc.CFileMode.Should().Be(OctalFileMode.Parse("600"));
            doc.LocalDelivery.Should().Be("maildir_home");
            doc.Assignments.Count(a => a.Name == "dc_smarthost").Should().Be(2);
            doc.Assignments.Single(a => a.Name == "dc_relay_nets").IsExported.Should().BeTrue();
        }
    }
}
