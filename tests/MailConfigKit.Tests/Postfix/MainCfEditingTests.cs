using System;
using FluentAssertions;
using MailConfigKit.Postfix;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>
    /// The minimal-edit rule of DESIGN.md, where it deliberately differs from postconf's byte output (postconf rewrites
    /// the whole line with " = " and LF). Agreement with postconf's meaning is in <see cref="PostconfDifferentialTests"/>.
    /// </summary>
    public class MainCfEditingTests
    {
        [Test]
        public void Set_on_the_debian_default_changes_only_that_value()
        {
            string text = System.IO.File.ReadAllText(TestFiles.CasePath("Postfix/Cases/debian-default-main.cf"));
            var doc = MainCf.Parse(text);
            doc.Set("inet_protocols", "ipv4");
            doc.ToString().Should().Be(text.Replace("inet_protocols = all\n", "inet_protocols = ipv4\n"));
        }

        [Test]
        public void Set_keeps_name_spacing_and_crlf_and_drops_continuations_but_not_comments()
        {
            var doc = MainCf.Parse("inet_protocols\t=  all,\r\n    # inside\r\n  ipv6\r\n\r\n\tmore\r\nmyhostname=h\r\n");
            doc.Set("inet_protocols", "ipv4");
            doc.ToString().Should().Be("inet_protocols\t=  ipv4\r\n    # inside\r\n\r\nmyhostname=h\r\n");
        }

        [Test]
        public void Set_replaces_only_the_effective_last_definition()
        {
            var doc = MainCf.Parse("a = 1\nb = x\na = 2\n");
            doc.Set("a", "3");
            doc.ToString().Should().Be("a = 1\nb = x\na = 3\n");
        }

        [Test]
        public void Set_appends_with_a_newline_first_when_the_file_lacks_one_and_uses_crlf_in_a_crlf_file()
        {
            var lf = MainCf.Parse("myhostname = h.example");
            lf.Set("inet_protocols", "ipv4");
            lf.ToString().Should().Be("myhostname = h.example\ninet_protocols = ipv4\n");

            var crlf = MainCf.Parse("myhostname = h\r\n# c");
            crlf.Set("inet_protocols", "ipv4");
            crlf.ToString().Should().Be("myhostname = h\r\n# c\r\ninet_protocols = ipv4\r\n");
        }

        [Test]
        public void Set_fills_an_empty_value_keeping_the_look_of_the_line()
        {
            var spaced = MainCf.Parse("relayhost =\n");
            spaced.Set("relayhost", "[smart.example]:587");
            spaced.ToString().Should().Be("relayhost = [smart.example]:587\n");
            var tight = MainCf.Parse("relayhost=\n");
            tight.Set("relayhost", "x");
            tight.ToString().Should().Be("relayhost=x\n");
        }

        [Test]
        public void Set_of_the_same_value_changes_nothing()
        {
            var doc = MainCf.Parse("inet_protocols = ipv4   \n");
            doc.Set("inet_protocols", "ipv4");
            doc.IsModified.Should().BeFalse();
        }

        [Test]
        public void Set_repairs_a_malformed_line_of_the_same_name_like_postconf()
        {
            var doc = MainCf.Parse("inet_protocols all\r\nx = 1\r\n");
            doc.Set("inet_protocols", "ipv4");
            doc.ToString().Should().Be("inet_protocols = ipv4\r\nx = 1\r\n");
            doc.Diagnostics.Should().BeEmpty();
        }

        [TestCase("ipv4\nmynetworks = 0.0.0.0/0", "line feed")]
        [TestCase("ipv4\rx", "carriage return")]
        [TestCase("ipv4\0", "NUL")]
        public void Set_refuses_values_that_would_corrupt_the_file_and_changes_nothing(string value, string what)
        {
            var doc = MainCf.Parse("inet_protocols = all\n");
            Action act = () => doc.Set("inet_protocols", value);
            act.Should().Throw<ArgumentException>().WithMessage("*" + what + "*").Which.ParamName.Should().Be("value");
            doc.ToString().Should().Be("inet_protocols = all\n");
        }

        [TestCase("")]
        [TestCase("inet protocols")]
        [TestCase("#inet_protocols")]
        [TestCase("a=b")]
        [TestCase("$x")]
        public void Set_refuses_names_that_are_not_parameter_names(string name)
        {
            var doc = MainCf.Parse("a = 1\n");
            Action act = () => doc.Set(name, "1");
            act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("name");
            doc.ToString().Should().Be("a = 1\n");
        }

        [Test]
        public void Remove_deletes_all_definitions_and_continuations_but_keeps_comments()
        {
            var doc = MainCf.Parse("a = 1,\n# keep\n  2\nb = x\na = 3\n\n");
            doc.Remove("a").Should().BeTrue();
            doc.ToString().Should().Be("# keep\nb = x\n\n");
            doc.Remove("a").Should().BeFalse();
        }

        [Test]
        public void CommentOut_prefixes_start_and_continuation_lines_keeping_crs()
        {
            var doc = MainCf.Parse("inet_protocols = all\r\n  cont\r\n# c\r\n");
            doc.CommentOut("inet_protocols").Should().BeTrue();
            doc.ToString().Should().Be("#inet_protocols = all\r\n#  cont\r\n# c\r\n");
            doc.CommentOut("inet_protocols").Should().BeFalse();
        }

        [Test]
        public void Typed_setters_write_through_set()
        {
            var doc = MainCf.Parse("inet_protocols = all\n");
            doc.InetProtocols = InetProtocols.IPv4;
            doc.SmtpAddressPreference = SmtpAddressPreference.IPv4;
            doc.InetInterfaces = InetInterfaceList.LoopbackOnly;
            doc.ToString().Should().Be("inet_protocols = ipv4\nsmtp_address_preference = ipv4\ninet_interfaces = loopback-only\n");
            doc.InetProtocols = null;
            doc.GetValue("inet_protocols").Should().BeNull();
            doc.InetProtocols.Should().Be(InetProtocols.All);
        }
    }
}
