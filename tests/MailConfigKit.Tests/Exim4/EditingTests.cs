using System;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Tests.Exim4.Support;
using NUnit.Framework;
using MailConfigKit.Tests.Support;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>Minimal edits: which bytes Set and Remove touch, and what they refuse.</summary>
    public class EditingTests
    {
        [TestCase("dc_local_interfaces='127.0.0.1 ; ::1'\n", "127.0.0.1", "dc_local_interfaces='127.0.0.1'\n")]
        [TestCase("  export dc_local_interfaces=\"a\" # keep\n", "b c", "  export dc_local_interfaces=\"b c\" # keep\n")]
        [TestCase("x=\"a\"\n", "it's $HOME", "x='it'\\''s $HOME'\n")]
        [TestCase("x=bare\n", "other.value", "x=other.value\n")]
        [TestCase("x=bare\n", "a b", "x='a b'\n")]
        [TestCase("x=bare\n", "~", "x='~'\n")]
        [TestCase("x=bare\n", "", "x=''\n")]
        [TestCase("x='a' y='b'; z=c\n", "Y", "x='a' y='Y'; z=c\n")]
        [TestCase("x='a'\nx='b'\n", "c", "x='a'\nx='c'\n")]
        [TestCase("x='multi\nline'\n", "one", "x='one'\n")]
        [TestCase("# only a comment", "v", "# only a comment\nx='v'\n")]
        [TestCase("", "v", "x='v'\n")]
        [TestCase("a=1\r\nb=2\r\n", "v", "a=1\r\nb=2\r\nx='v'\n")]
        [TestCase("a=1 \\\n", "v", "a=1 \\\nx='v'\n")]
        [TestCase("a='1'\\\n", "v", "a='1'\\\n\nx='v'\n")]
        public void Set_replaces_only_the_value_word(string text, string value, string expected)
        {
            string name = text.Contains("dc_local_interfaces") ? "dc_local_interfaces" : text.Contains("y=") ? "y" : "x";
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.Set(name, value);
            doc.ToString().Should().Be(expected);
            doc.GetValue(name).Should().Be(value);
        }

        [TestCase("x\ny", 1, "line feed")]
        [TestCase("\ta", 0, "tab")]
        [TestCase("ab\r", 2, "carriage return")]
        [TestCase("a\u007f", 1, "DEL")]
        [TestCase("\0", 0, "NUL")]
        public void Set_refuses_control_characters_and_leaves_the_document_alone(string value, int index, string what)
        {
            string text = TestFiles.CaseText(TestFiles.EximCases + "debian-default-update-exim4.conf.conf");
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            Action act = () => doc.Set("dc_local_interfaces", value);
            act.Should().Throw<ArgumentException>().WithMessage("*" + what + "*index " + index + "*").And.ParamName.Should().Be("value");
            doc.ToString().Should().Be(text);
        }

        [TestCase("")]
        [TestCase("1abc")]
        [TestCase("a-b")]
        [TestCase("a b")]
        [TestCase("x=y")]
        public void Set_refuses_names_that_are_not_shell_names(string name)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse("a=1\n");
            Action act = () => doc.Set(name, "v");
            act.Should().Throw<ArgumentException>().And.ParamName.Should().Be("name");
            doc.ToString().Should().Be("a=1\n");
        }

        [Test]
        public void Set_refuses_when_an_unterminated_quote_would_swallow_the_value()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse("a='open\n");
            Action act = () => doc.Set("b", "v");
            act.Should().Throw<InvalidOperationException>();
            doc.ToString().Should().Be("a='open\n");
        }

        [TestCase("x='a'\ny='b'\n", "y='b'\n")]
        [TestCase("  x='a'   # comment\ny=1\n", "y=1\n")]
        [TestCase("x='a' y='b'\n", "y='b'\n")]
        [TestCase("y='b' x='a'\n", "y='b'\n")]
        [TestCase("x='a'; y='b'\n", "y='b'\n")]
        [TestCase("y='b'; x='a'\n", "y='b'\n")]
        [TestCase("y='b'; x='a';\n", "y='b'\n")]
        [TestCase("export x='a' y='b'\n", "export y='b'\n")]
        [TestCase("export x='a'\n", "")]
        [TestCase("x='a\nb'\nz=1\n", "z=1\n")]
        [TestCase("x=1\nx=2\n", "")]
        [TestCase("x=1", "")]
        public void Remove_deletes_the_assignment_and_its_line_when_nothing_else_is_on_it(string text, string expected)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.Remove("x").Should().BeTrue();
            doc.ToString().Should().Be(expected);
            doc.GetValue("x").Should().BeNull();
            doc.Remove("x").Should().BeFalse();
        }

        [Test]
        public void Set_keeps_every_other_byte_of_the_Debian_file()
        {
            string text = TestFiles.CaseText(TestFiles.EximCases + "debian-default-update-exim4.conf.conf");
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.LocalInterfaces = doc.LocalInterfaces.WithoutIPv6Loopback();
            doc.ToString().Should().Be(text.Replace("dc_local_interfaces='127.0.0.1 ; ::1'", "dc_local_interfaces='127.0.0.1'"));
            doc.IsModified.Should().BeTrue();
        }

        [Test]
        public void Typed_setters_write_through_Set()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(TestFiles.CaseText(TestFiles.EximCases + "debian-default-update-exim4.conf.conf"));
            doc.ConfigType = EximConfigType.Smarthost;
            doc.MinimalDns = true;
            doc.CFileMode = OctalFileMode.Parse("600");
            doc.ConfigType.Should().Be(EximConfigType.Smarthost);
            doc.MinimalDns.Should().Be(EximFlag.True);
            doc.GetValue("CFILEMODE").Should().Be("600");
            doc.ToString().Should().Contain("dc_eximconfig_configtype='smarthost'\n").And.Contain("dc_minimaldns='true'\n");
        }

        [Test]
        public void Diagnostics_after_an_edit_are_recomputed()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse("dc_local_interfaces = '127.0.0.1'\n");
            doc.HasErrors.Should().BeTrue();
            doc.Diagnostics.Single().Column.Should().Be(1);
            doc.Set("dc_local_interfaces", "127.0.0.1");
            doc.Diagnostics.Where(d => d.Severity == MailConfigKit.Text.DiagnosticSeverity.Error).Select(d => d.Line).Should().Equal(1);
        }
    }
}
