using System.Linq;
using System;
using FluentAssertions;
using MailConfigKit.Postfix;
using MailConfigKit.Tests.Support;
using MailConfigKit.Text;
using NUnit.Framework;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>
    /// The minimal-edit shape of SetOverride/RemoveOverride (postconf rewrites whole entries and moves comments; we do not),
    /// refusals, and reading details. Agreement in meaning with postconf is in <see cref="MasterCfDifferentialTests"/>.
    /// </summary>
    public class MasterCfEditingTests
    {
        private static string Debian() => System.IO.File.ReadAllText(TestFiles.CasePath("Postfix/Cases/master/debian-default-master.cf"));

        [Test]
        public void Debian_default_smtp_client_gets_ipv4_as_a_new_continuation_line_and_nothing_else_moves()
        {
            string text = Debian();
            var doc = MasterCf.Parse(text);
            doc.SetOverride("smtp", "unix", "inet_protocols", "ipv4");
            const string line = "smtp      unix  -       -       y       -       -       smtp\n";
            // No continuation line of its own: the indentation of the file's first -o line (relay's) is used.
            doc.ToString().Should().Be(text.Replace(line, line + "        -o inet_protocols=ipv4\n"));
            doc.GetOverride("smtp", "unix", "inet_protocols").Should().Be("ipv4");
            doc.Diagnostics.Should().BeEmpty();
        }

        [Test]
        public void Debian_default_relay_gets_the_new_line_after_its_last_continuation_with_its_indentation()
        {
            string text = Debian();
            var doc = MasterCf.Parse(text);
            doc.SetOverride("relay", "unix", "inet_protocols", "ipv4");
            const string line = "        -o syslog_name=postfix/$service_name\n";
            doc.ToString().Should().Be(text.Replace(line, line + "        -o inet_protocols=ipv4\n"));
        }

        [Test]
        public void A_pipe_entry_gets_the_new_option_before_its_non_option_arguments_as_postconf_puts_it()
        {
            var doc = MasterCf.Parse("maildrop  unix  -       n       n       -       -       pipe\n  flags=DRXhu user=vmail argv=/usr/bin/maildrop -d ${recipient}\n");
            doc.SetOverride("maildrop", "unix", "inet_protocols", "ipv4");
            doc.ToString().Should().Be("maildrop  unix  -       n       n       -       -       pipe\n  -o inet_protocols=ipv4\n  flags=DRXhu user=vmail argv=/usr/bin/maildrop -d ${recipient}\n");

            var inline = MasterCf.Parse("bsmtp unix - n n - - pipe flags=Fq. user=bsmtp\n");
            inline.SetOverride("bsmtp", "unix", "a", "1");
            inline.ToString().Should().Be("bsmtp unix - n n - - pipe -o a=1 flags=Fq. user=bsmtp\n");
        }

        [Test]
        public void SetOverride_replaces_only_the_value_bytes_and_keeps_the_next_column()
        {
            var doc = MasterCf.Parse("smtp unix - - y - - smtp\r\n  -o inet_protocols=all      -o b=2\r\n# note\r\n\t-o { c = x  y }\r\n");
            doc.SetOverride("smtp", "unix", "inet_protocols", "ipv4");
            doc.SetOverride("smtp", "unix", "c", "p q");
            doc.ToString().Should().Be("smtp unix - - y - - smtp\r\n  -o inet_protocols=ipv4     -o b=2\r\n# note\r\n\t-o { c = p q }\r\n");
        }

        [Test]
        public void SetOverride_changes_every_definition_like_postconf_and_nothing_when_equal()
        {
            var doc = MasterCf.Parse("smtp unix - - y - - smtp -o a=1 -o a=2\n");
            doc.SetOverride("smtp", "unix", "a", "3");
            doc.ToString().Should().Be("smtp unix - - y - - smtp -o a=3 -o a=3\n");
            var same = MasterCf.Parse("smtp unix - - y - - smtp -o a=3\n");
            same.SetOverride("smtp", "unix", "a", "3");
            same.IsModified.Should().BeFalse();
        }

        [Test]
        public void A_value_with_blanks_is_written_in_braces()
        {
            var doc = MasterCf.Parse("smtp unix - - y - - smtp -o a=1 -ob=2\n");
            doc.SetOverride("smtp", "unix", "a", "x y");
            doc.SetOverride("smtp", "unix", "b", "p\tq");
            doc.SetOverride("smtp", "unix", "c", "permit_mynetworks, reject");
            doc.ToString().Should().Be("smtp unix - - y - - smtp -o { a = x y } -o { b = p\tq }\n  -o { c = permit_mynetworks, reject }\n");
            doc.GetOverride("smtp", "unix", "c").Should().Be("permit_mynetworks, reject");
        }

        [Test]
        public void A_new_line_goes_after_a_last_line_without_newline()
        {
            var doc = MasterCf.Parse("smtp unix - - y - - smtp");
            doc.SetOverride("smtp", "unix", "a", "1");
            doc.ToString().Should().Be("smtp unix - - y - - smtp\n  -o a=1\n");
        }

        [Test]
        public void RemoveOverride_takes_the_words_and_a_line_left_empty_but_keeps_comments()
        {
            var doc = MasterCf.Parse("smtp unix - - y - - smtp -o a=1\n  -o b=2 -o a=2\n# keep\n  -o a=3\nnext unix - - y - - smtp -o a=9\n");
            doc.RemoveOverride("smtp", "unix", "a").Should().BeTrue();
            doc.ToString().Should().Be("smtp unix - - y - - smtp\n  -o b=2\n# keep\nnext unix - - y - - smtp -o a=9\n");
            doc.RemoveOverride("smtp", "unix", "a").Should().BeFalse();
            doc.RemoveOverride("nosuch", "unix", "a").Should().BeFalse();
        }

        [Test]
        public void Edits_postconf_would_misread_are_refused_and_leave_the_document_unchanged()
        {
            // postconf splits a glued -o word at each 'o' (measured in MasterCfDifferentialTests), so these edits would be cut.
            const string Glued = "smtp unix - - y - - smtp -oa=1ob=2\n";
            var doc = MasterCf.Parse(Glued);
            doc.Invoking(d => d.SetOverride("smtp", "unix", "a", "postfix")).Should().Throw<InvalidOperationException>().WithMessage("*glued*");
            doc.Invoking(d => d.RemoveOverride("smtp", "unix", "b")).Should().Throw<InvalidOperationException>().WithMessage("*glued*");
            doc.ToString().Should().Be(Glued);
            doc.SetOverride("smtp", "unix", "a", "3");
            doc.ToString().Should().Be("smtp unix - - y - - smtp -oa=3ob=2\n");

            const string Trailing = "smtp unix - - y - - smtp\n  -o\n";
            var dangling = MasterCf.Parse(Trailing);
            dangling.Invoking(d => d.SetOverride("smtp", "unix", "inet_protocols", "ipv4")).Should().Throw<InvalidOperationException>().WithMessage("*no value*");
            dangling.ToString().Should().Be(Trailing);
        }

        [Test]
        public void RemoveOverride_of_a_glued_option_keeps_the_other_flags()
        {
            var doc = MasterCf.Parse("smtp unix - - y - - smtp -vo a=1 -D\n");
            doc.RemoveOverride("smtp", "unix", "a").Should().BeTrue();
            doc.ToString().Should().Be("smtp unix - - y - - smtp -v -D\n");
        }

        [TestCase("ipv4\nrelay unix - - y - - smtp", "line feed")]
        [TestCase("ipv4\rx", "carriage return")]
        [TestCase("ipv4\0", "NUL")]
        [TestCase("a\vb", "U+000B")]
        [TestCase("{x", "'{'")]
        [TestCase("x} -o b=1", "'}'")]
        [TestCase("}{", "'}'")]
        public void SetOverride_refuses_values_that_would_inject_and_changes_nothing(string value, string what)
        {
            const string text = "smtp unix - - y - - smtp -o inet_protocols=all\n";
            var doc = MasterCf.Parse(text);
            Action act = () => doc.SetOverride("smtp", "unix", "inet_protocols", value);
            act.Should().Throw<ArgumentException>().WithMessage("*" + what + "*").Which.ParamName.Should().Be("value");
            doc.ToString().Should().Be(text);
        }

        [TestCase("")]
        [TestCase("a b")]
        [TestCase("a=b")]
        [TestCase("{a")]
        [TestCase("-o")]
        public void SetOverride_and_RemoveOverride_refuse_names_that_are_not_parameter_names(string name)
        {
            var doc = MasterCf.Parse("smtp unix - - y - - smtp\n");
            ((Action)(() => doc.SetOverride("smtp", "unix", name, "1"))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("name");
            ((Action)(() => doc.RemoveOverride("smtp", "unix", name))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("name");
            doc.IsModified.Should().BeFalse();
        }

        [Test]
        public void SetOverride_on_an_unknown_service_is_refused()
        {
            var doc = MasterCf.Parse("smtp unix - - y - - smtp\n");
            Action act = () => doc.SetOverride("smtp", "inet", "a", "1");
            act.Should().Throw<ArgumentException>().WithMessage("*smtp/inet*");
            doc.IsModified.Should().BeFalse();
        }

        [Test]
        public void A_new_option_is_refused_where_an_unclosed_brace_would_swallow_it()
        {
            var doc = MasterCf.Parse("smtp unix - - y - - smtp -o {a=1\n");
            Action act = () => doc.SetOverride("smtp", "unix", "b", "2");
            act.Should().Throw<InvalidOperationException>();
            doc.IsModified.Should().BeFalse();
        }

        [Test]
        public void Services_expose_the_raw_fields_and_overrides()
        {
            var doc = MasterCf.Parse(Debian());
            var relay = doc.FindService("relay", "unix")!;
            relay.Command.Should().Be("smtp");
            relay.Chroot.Should().Be("y");
            relay.Arguments.Should().Equal("-o", "syslog_name=postfix/$service_name");
            relay.Overrides.Single().Line.Should().Be(relay.Line + 1);
            doc.FindService("tlsmgr", "unix")!.Wakeup.Should().Be("1000?");
            doc.FindService("postlog", "unix-dgram")!.MaxProc.Should().Be("1");
            doc.FindService("smtp", "pass").Should().BeNull();
            doc.Services.Select(s => s.Name).Should().NotContain("#smtp");
        }

        [Test]
        public void Diagnostics_point_at_the_field_postconf_dies_on()
        {
            var doc = MasterCf.Parse("# x\nsmtp unix - - y 1x - smtp\nshort inet n -\n  -o orphan=1\n", "/etc/postfix/master.cf");
            doc.HasErrors.Should().BeTrue();
            var wakeup = doc.Diagnostics.Single(d => d.Code == DiagnosticCodes.MasterCfWakeup);
            wakeup.ToString().Should().Be("/etc/postfix/master.cf:2:17: error MSC0004: invalid wakeup field \"1x\" in \"smtp unix - - y 1x - smtp\"");
            doc.Diagnostics.Single(d => d.Code == DiagnosticCodes.MasterCfFieldCount).Line.Should().Be(3);
            doc.Services.Select(s => s.Name).Should().Equal("smtp");
            MasterCf.Parse("  -o a=1\nsmtp unix - - y - - smtp -o\n").Diagnostics.Select(d => d.Code)
                .Should().Equal(DiagnosticCodes.MasterCfLeadingWhitespace, DiagnosticCodes.MasterCfOverrideWithoutValue);
        }
    }
}
