using System;
using System.Linq;
using System.Net;
using FluentAssertions;
using MailConfigKit.Dns;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Dns
{
    /// <summary>
    /// The parts of the resolver that need no server: resolv.conf's nameserver lines, reverse names, the bounds, and
    /// questions that cannot be asked (answered without throwing, without the network). The answers of a real server are
    /// in Netns/DnsClientResolverTests.
    /// </summary>
    public class DnsClientResolverUnitTests
    {
        [Test]
        public void Resolv_conf_nameserver_lines_in_order_each_once()
        {
            ResolvConf.NameServers(
                "# generated\nsearch example.org\nnameserver 192.0.2.53\n; comment\nnameserver\t2001:db8::53  # trailing\n"
                + "nameserver 192.0.2.53\n nameserver 192.0.2.54\nnameservers 192.0.2.55\nnameserver 192.0.2.56x\nnameserver 10.1\n"
                + "nameserver\nnameserver 192.0.2.57\r\noptions timeout:1 attempts:1\n")
                .Select(a => a.ToString()).Should().Equal("192.0.2.53", "2001:db8::53", "192.0.2.57");
            ResolvConf.NameServers(string.Empty).Should().BeEmpty();
        }

        [Test]
        public void Without_nameserver_lines_the_resolver_asks_127_0_0_1()
        {
            DnsClientResolver.FromResolvConf("search example.org\n", DnsResolverOptions.Default).Servers.Select(s => s.ToString())
                .Should().Equal("127.0.0.1:53");
        }

        [Test]
        public void At_most_max_servers_are_asked()
        {
            var resolver = DnsClientResolver.FromResolvConf("nameserver 192.0.2.1\nnameserver 192.0.2.2\nnameserver 192.0.2.3\nnameserver 192.0.2.4\n",
                new DnsResolverOptions { MaxServers = 2 });
            resolver.Servers.Select(s => s.Address.ToString()).Should().Equal("192.0.2.1", "192.0.2.2");
            resolver.ToString().Should().Be("DNS servers 192.0.2.1, 192.0.2.2 (timeout 2000 ms, 1 retry, up to 2 servers; no /etc/hosts, no cache)");
        }

        [Test]
        public void Bounds_are_checked()
        {
            var o = new DnsResolverOptions();
            FluentActions.Invoking(() => o.Timeout = TimeSpan.FromMilliseconds(10)).Should().Throw<ArgumentOutOfRangeException>();
            FluentActions.Invoking(() => o.Retries = 6).Should().Throw<ArgumentOutOfRangeException>();
            FluentActions.Invoking(() => o.MaxServers = 0).Should().Throw<ArgumentOutOfRangeException>();
            FluentActions.Invoking(() => new DnsClientResolver(Array.Empty<IPAddress>())).Should().Throw<ArgumentException>();
        }

        [TestCase("")]
        [TestCase(".")]
        [TestCase("a..example")]
        [TestCase("bad name.example")]
        public void A_question_that_cannot_be_asked_is_answered_without_the_network(string name)
        {
            // Refused before any server is asked (the detail says so); 192.0.2.1 (TEST-NET-1) would never answer.
            var answer = new DnsClientResolver(new[] { IPAddress.Parse("192.0.2.1") }).Query(name, DnsRecordType.TXT);
            answer.Status.Should().Be(DnsAnswerStatus.ServerFailure);
            answer.Detail.Should().Contain("cannot be asked");
            new DnsClientResolver(new[] { IPAddress.Parse("192.0.2.1") }).Query(new string('a', 64) + ".example", DnsRecordType.A)
                .Detail.Should().Contain("longer than 63");
            new DnsClientResolver(new[] { IPAddress.Parse("192.0.2.1") }).Query(null!, DnsRecordType.A).Status.Should().Be(DnsAnswerStatus.ServerFailure);
        }

        [TestCase("2001:db8::25", "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")]
        [TestCase("192.0.2.25", "25.2.0.192.in-addr.arpa")]
        [TestCase("::ffff:192.0.2.25", "9.1.2.0.0.0.0.c.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa")]
        public void Reverse_names(string address, string expected) => DnsNames.Reverse(IPAddress.Parse(address)).Should().Be(expected);

        /// <summary>Against DnsClient's own reverse question on random addresses (MCK_DNS_REVERSE_SEED replays).</summary>
        [Test]
        public void Reverse_names_agree_with_dnsclient()
        {
            var random = new Random(Seeds.From("MCK_DNS_REVERSE_SEED"));
            for (int i = 0; i < 2000; i++)
            {
                var bytes = new byte[random.Next(2) == 0 ? 4 : 16];
                random.NextBytes(bytes);
                var ip = new IPAddress(bytes);
                DnsNames.Reverse(ip).Should().Be(global::DnsClient.LookupClient.GetReverseQuestion(ip).QueryName.Value.TrimEnd('.'), ip.ToString());
            }
        }

        [Test]
        public void Answers_say_what_they_are()
        {
            DnsAnswer.Found("2001:db8::25").ToString().Should().Be("Found: 2001:db8::25");
            DnsAnswer.Timeout("127.0.0.1").IsDefinite.Should().BeFalse();
            DnsAnswer.NoData().IsDefinite.Should().BeTrue();
        }
    }
}
