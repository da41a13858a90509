using System.Linq;
using System.Net;
using FluentAssertions;
using MailConfigKit.Exim4;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>The dc_local_interfaces grammar (exim list rules, host_address_extract_port) and its edits.</summary>
    public class InterfaceListTests
    {
        [TestCase("127.0.0.1 ; ::1", EximListStyle.Semicolon, "127.0.0.1|::1")]
        [TestCase("<; 127.0.0.1 ; ::1", EximListStyle.Prefixed, "127.0.0.1|::1")]
        [TestCase("127.0.0.1 : ::::1", EximListStyle.Colon, "127.0.0.1|::1")]
        [TestCase("127.0.0.1 : ::1", EximListStyle.Colon, "127.0.0.1|:1")]
        [TestCase("  127.0.0.1   ;    ::1  ;", EximListStyle.Semicolon, "127.0.0.1|::1")]
        [TestCase("", EximListStyle.Colon, "")]
        [TestCase("<, a , b", EximListStyle.Prefixed, "a|b")]
        public void Splits_like_exim(string value, EximListStyle style, string items)
        {
            EximInterfaceList list = EximInterfaceListValue.Parse(value).Value;
            list.Style.Should().Be(style);
            string.Join("|", list.Items.Select(i => i.Text)).Should().Be(items);
        }

        [TestCase("::1", true, null, EximPortForm.None)]
        [TestCase("::1.25", true, 25, EximPortForm.Dot)]
        [TestCase("[::1]:25", true, 25, EximPortForm.Bracket)]
        [TestCase("0:0:0:0:0:0:0:1", true, null, EximPortForm.None)]
        [TestCase("127.0.0.1", false, null, EximPortForm.None)]
        [TestCase("127.0.0.1.2525", false, 2525, EximPortForm.Dot)]
        [TestCase("::ffff:1.2.3.4", false, null, EximPortForm.None)]
        public void Items_and_ports(string item, bool loopback6, int? port, EximPortForm form)
        {
            EximInterface i = EximInterfaceListValue.Parse("<; " + item).Value.Items.Single();
            i.IsValid.Should().BeTrue();
            i.IsIPv6Loopback.Should().Be(loopback6);
            i.Port.Should().Be(port);
            i.PortForm.Should().Be(form);
        }

        [Test]
        public void Doubled_colons_in_a_colon_list_are_the_IPv6_loopback()
        {
            EximInterfaceListValue.Parse("127.0.0.1 : ::::1").Value.Items[1].IsIPv6Loopback.Should().BeTrue();
            EximInterface mangled = EximInterfaceListValue.Parse("127.0.0.1 : ::1").Value.Items[1];
            mangled.IsValid.Should().BeFalse();
            mangled.Error.Should().Be("Malformed IP address \":1\" in local_interfaces");
            mangled.IsIPv6Loopback.Should().BeTrue("the administrator meant ::1; removing it is the repair");
        }

        [TestCase("127.0.0.1 ; ::1", "127.0.0.1")]
        [TestCase("<; ::1 ; 127.0.0.1", "<; 127.0.0.1")]
        [TestCase("127.0.0.1.2525 ; ::1.2525 ; 10.0.0.1.25", "127.0.0.1.2525 ; 10.0.0.1.25")]
        [TestCase("[127.0.0.1]:2525 ; [::1]:2525", "<; [127.0.0.1]:2525")]
        [TestCase("127.0.0.1 : ::::1", "127.0.0.1")]
        [TestCase("fe80::1%lo ; ::1", "<; fe80::1%lo")]
        [TestCase("127.0.0.1;::1;10.1.1.1", "127.0.0.1;10.1.1.1")]
        [TestCase("::1", "")]
        public void Without_the_IPv6_loopback_keeps_the_rest_as_written(string value, string expected)
        {
            EximInterfaceList list = EximInterfaceListValue.Parse(value).Value;
            string result = list.Without(IPAddress.IPv6Loopback).ToString();
            result.Should().Be(expected);
            list.WithoutIPv6Loopback().ToString().Should().Be(expected);
            EximInterfaceListValue.Parse(result).Value.IsAllInterfaces.Should().Be(expected.Length == 0);
        }

        [Test]
        public void Hostnames_and_commas_are_invalid()
        {
            EximInterfaceListValue.Parse("localhost").Value.IsValid.Should().BeFalse();
            EximInterfaceListValue.Parse("127.0.0.1, ::1").Value.Items.Single().Error.Should().Contain("127.0.0.1, :1");
        }

        [Test]
        public void Other_lists()
        {
            EximListValue.Parse("a.example : b.example").Value.Should().Equal("a.example", "b.example");
            EximListValue.Format(new[] { "fd00::/8", "10.0.0.0/8" }).Should().Be("fd00::::/8 : 10.0.0.0/8");
            var hosts = EximListValue.ParseSmarthosts("smart.example::587 ; [192.0.2.1]::25 ; plain");
            hosts.Select(h => (h.Host, h.Port)).Should().Equal(("smart.example", 587), ("192.0.2.1", 25), ("plain", (int?)null));
        }
    }
}
