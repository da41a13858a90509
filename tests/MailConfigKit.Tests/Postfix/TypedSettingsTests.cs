using System.Linq;
using System.Net;
using FluentAssertions;
using MailConfigKit.Postfix;
using MailConfigKit.Text;
using NUnit.Framework;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>
    /// Typed views against the run-time verdicts of spec P4, which come from running smtpd and smtp (postconf accepts
    /// these values, so it cannot be the oracle here; inet_protocols is checked against postconf in the differential tests).
    /// </summary>
    public class TypedSettingsTests
    {
        [TestCase("127.0.0.0/8 ::1/128", DiagnosticCodes.MainCfMyNetworksIPv6, Description = "smtpd: expecting \"type:name\" form")]
        [TestCase("127.0.0.1/33 [::1]/129", DiagnosticCodes.MainCfMyNetworksMask, Description = "smtpd: bad mask length")]
        public void MyNetworks_values_smtpd_dies_or_fails_on_are_errors(string value, string code)
        {
            var doc = MainCf.Parse("mynetworks = " + value + "\n");
            doc.MyNetworks.Should().BeNull();
            doc.Diagnostics.Single().Code.Should().Be(code);
        }

        [Test]
        public void MyNetworks_reads_networks_tables_files_and_host_patterns()
        {
            var doc = MainCf.Parse("mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104, [::1]/128 bogus cidr:/etc/postfix/nets !/etc/x\n");
            doc.HasErrors.Should().BeFalse();
            var items = doc.MyNetworks!;
            items.Select(i => i.Kind).Should().Equal(NetworkPatternKind.Network, NetworkPatternKind.Network, NetworkPatternKind.Network,
                NetworkPatternKind.HostName, NetworkPatternKind.Table, NetworkPatternKind.File);
            items[2].Address.Should().Be(IPAddress.IPv6Loopback);
            items[2].PrefixLength.Should().Be(128);
            items[5].IsNegated.Should().BeTrue();
        }

        [TestCase("any", SmtpAddressPreference.Any)]
        [TestCase("IPV4", SmtpAddressPreference.IPv4)]
        [TestCase("ipv6", SmtpAddressPreference.IPv6)]
        public void SmtpAddressPreference_is_case_insensitive(string value, SmtpAddressPreference expected)
        {
            MainCf.Parse("smtp_address_preference = " + value + "\n").SmtpAddressPreference.Should().Be(expected);
        }

        [Test]
        public void SmtpAddressPreference_both_is_fatal_for_the_smtp_client()
        {
            var doc = MainCf.Parse("smtp_address_preference = both\n");
            doc.SmtpAddressPreference.Should().BeNull();
            doc.Diagnostics.Single().Message.Should().StartWith("bad smtp_address_preference value: both");
        }

        [Test]
        public void InetInterfaces_reads_keywords_brackets_and_bare_ipv6()
        {
            MainCf.Parse("inet_interfaces = all\n").InetInterfaces!.Kind.Should().Be(InetInterfacesKind.All);
            MainCf.Parse("x = 1\n").InetInterfaces!.Kind.Should().Be(InetInterfacesKind.All, "all is Postfix's default");
            MainCf.Parse("inet_interfaces = loopback-only\n").InetInterfaces!.Kind.Should().Be(InetInterfacesKind.LoopbackOnly);
            var list = MainCf.Parse("inet_interfaces = 127.0.0.1, [::1] ::1 localhost\n").InetInterfaces!;
            list.Kind.Should().Be(InetInterfacesKind.List);
            list.Items.Select(i => i.IsIPv6Loopback).Should().Equal(false, true, true, false);
            list.Items.Select(i => i.IsHostName).Should().Equal(false, false, false, true);
            list.Items[1].IsBracketed.Should().BeTrue();
        }

        [Test]
        public void Bind_addresses_are_family_checked()
        {
            var doc = MainCf.Parse("smtp_bind_address = 192.0.2.1\nsmtp_bind_address6 = 2001:db8::1\n");
            doc.SmtpBindAddress.Should().Be(IPAddress.Parse("192.0.2.1"));
            doc.SmtpBindAddress6.Should().Be(IPAddress.Parse("2001:db8::1"));
            var bad = MainCf.Parse("smtp_bind_address = 2001:db8::1\n");
            bad.SmtpBindAddress.Should().BeNull();
            bad.Diagnostics.Single().Code.Should().Be(DiagnosticCodes.MainCfBindAddress);
        }

        [Test]
        public void Values_with_macros_are_not_judged_statically()
        {
            var doc = MainCf.Parse("inet_protocols = $myprotocols\nmyprotocols = ipv4\n");
            doc.InetProtocols.Should().BeNull();
            doc.HasErrors.Should().BeFalse();
        }

        [Test]
        public void Grammars_round_trip_through_format()
        {
            foreach (var p in new[] { InetProtocols.None, InetProtocols.IPv4, InetProtocols.IPv6, InetProtocols.All })
                InetProtocolsValue.Parse(InetProtocolsValue.Format(p)).Value.Should().Be(p);
            InetInterfacesValue.Format(InetInterfacesValue.Parse("127.0.0.1  [::1]").Value).Should().Be("127.0.0.1, [::1]");
            MyNetworksValue.Format(MyNetworksValue.Parse("127.0.0.0/8,[::1]/128").Value).Should().Be("127.0.0.0/8 [::1]/128");
        }
    }
}
