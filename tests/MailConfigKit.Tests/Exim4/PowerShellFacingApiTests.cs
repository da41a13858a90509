using System;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Postfix;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>
    /// The API fixes issue 17 found in real PowerShell: null values are refused by name (PowerShell passes $null as
    /// null only through [NullString]::Value, the module's cmdlets refuse it themselves), exim booleans accept only
    /// exim's words, and CFILEMODE is stated in octal so that 644 cannot become 1204.
    /// </summary>
    public class PowerShellFacingApiTests
    {
        private const string Main = "inet_protocols = all\n";
        private const string Master = "smtp      inet  n       -       y       -       -       smtpd\n";

        [Test]
        public void Every_Set_refuses_a_null_value_by_name_and_leaves_the_document_unchanged()
        {
            var cf = MainCf.Parse(Main);
            cf.Invoking(d => d.Set("inet_protocols", null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
            cf.Invoking(d => d.Set(null!, "all")).Should().Throw<ArgumentException>();
            cf.ToString().Should().Be(Main);

            var master = MasterCf.Parse(Master);
            master.Invoking(d => d.SetOverride("smtp", "inet", "smtpd_tls_security_level", null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
            master.Invoking(d => d.SetOverride(null!, "inet", "x", "y")).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("service");
            master.Invoking(d => d.SetOverride("smtp", null!, "x", "y")).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("type");
            master.ToString().Should().Be(Master);

            var debian = UpdateExim4Conf.Parse("dc_minimaldns='false'\n");
            debian.Invoking(d => d.Set("dc_minimaldns", null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
            debian.Invoking(d => d.CFileMode = null).Should().Throw<ArgumentNullException>();
            debian.ToString().Should().Be("dc_minimaldns='false'\n");

            var exim = EximConfiguration.Parse("primary_hostname = a.example\n");
            exim.Invoking(d => d.Set("primary_hostname", null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
            exim.Invoking(d => d.SetMacro("MY_MACRO", null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
            exim.ToString().Should().Be("primary_hostname = a.example\n");
        }

        [TestCase("true")]
        [TestCase("false")]
        [TestCase("yes")]
        [TestCase("no")]
        [TestCase("No")]
        public void An_exim_boolean_option_takes_exims_words(string value)
        {
            var exim = EximConfiguration.Parse("split_spool_directory = false\n");
            exim.Set("split_spool_directory", value);
            exim.ToString().Should().Be("split_spool_directory = " + value + "\n");
        }

        [TestCase("1")]
        [TestCase("on")]
        [TestCase("True ")]
        [TestCase("")]
        public void An_exim_boolean_option_refuses_anything_else_and_says_so(string value)
        {
            var exim = EximConfiguration.Parse("split_spool_directory = false\n");
            exim.Invoking(d => d.Set("split_spool_directory", value)).Should().Throw<ArgumentException>();
            exim.ToString().Should().Be("split_spool_directory = false\n");
        }

        [TestCase("644", 420, "644")]
        [TestCase("0644", 420, "644")]
        [TestCase("600", 384, "600")]
        [TestCase("4755", 2541, "4755")]
        [TestCase("7", 7, "007")]
        public void An_octal_mode_reads_its_digits_as_octal(string text, int bits, string written)
        {
            OctalFileMode mode = OctalFileMode.Parse(text);
            mode.Bits.Should().Be(bits);
            mode.ToString().Should().Be(written);
            OctalFileMode.FromBits(bits).Should().Be(mode);
        }

        [TestCase("")]
        [TestCase("0x1a4")]
        [TestCase("648")]
        [TestCase("10644")]
        public void An_octal_mode_refuses_what_is_not_octal(string text)
        {
            Action parse = () => OctalFileMode.Parse(text);
            parse.Should().Throw<FormatException>().WithMessage("*not an octal file mode*");
        }

        [Test]
        public void Exim4_flags_take_true_or_false_and_refuse_other_words()
        {
            EximFlag.Parse("false").IsTrue.Should().BeFalse();
            EximFlag.Parse("TRUE").IsTrue.Should().BeTrue();
            foreach (string word in new[] { "yes", "1", "", "maybe", " true" })
            {
                Action parse = () => EximFlag.Parse(word);
                parse.Should().Throw<FormatException>().WithMessage("*not true or false*");
            }
            var debian = UpdateExim4Conf.Parse("dc_minimaldns='true'\n");
            debian.MinimalDns = false;           // C# keeps assigning bools
            debian.ToString().Should().Be("dc_minimaldns='false'\n");
            bool value = debian.MinimalDns!.Value;
            value.Should().BeFalse();
            debian.MinimalDns.ToString().Should().Be("false");
        }

        [Test]
        public void CFileMode_644_writes_644()
        {
            var debian = UpdateExim4Conf.Parse("CFILEMODE='600'\n");
            debian.CFileMode.Should().Be(OctalFileMode.Parse("600"));
            debian.CFileMode = OctalFileMode.Parse("0644");
            debian.ToString().Should().Be("CFILEMODE='644'\n");
            UpdateExim4Conf.Parse("CFILEMODE='9'\n").CFileMode.Should().BeNull();
        }
    }
}
