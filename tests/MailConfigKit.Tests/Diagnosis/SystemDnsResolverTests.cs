using System.Net.Sockets;
using System.Net;
using System;
using FluentAssertions;
using MailConfigKit.Dns;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>
    /// How SystemDnsResolver maps System.Net.Dns failures (the outcomes measured in namespaces, Netns/README.md); the real
    /// look-ups are tested against dnsmasq in DiagnosisEndToEndDnsTests.
    /// </summary>
    public class SystemDnsResolverTests
    {
        [TestCase(SocketError.HostNotFound, DnsLookupStatus.NotFound)]
        [TestCase(SocketError.NoData, DnsLookupStatus.NotFound)]
        [TestCase(SocketError.TryAgain, DnsLookupStatus.Unknown)]
        [TestCase(SocketError.TimedOut, DnsLookupStatus.Unknown)]
        [TestCase(SocketError.NoRecovery, DnsLookupStatus.Unknown)]
        public void Socket_errors_map_to_not_found_only_for_a_real_negative_answer(SocketError error, DnsLookupStatus expected)
        {
            var result = SystemDnsResolver.Failure(new SocketException((int)error));
            result.Status.Should().Be(expected);
            result.Error.Should().StartWith(error.ToString());
        }

        [Test]
        public void Any_other_exception_is_unknown()
        {
            SystemDnsResolver.Failure(new InvalidOperationException("boom")).Status.Should().Be(DnsLookupStatus.Unknown);
        }

        [Test]
        public void Never_throws_for_a_name_the_resolver_rejects()
        {
            // An over-long label: Dns throws ArgumentException before any query; the resolver answers Unknown.
            var result = new SystemDnsResolver().ForwardLookup(new string('a', 300) + ".invalid");
            result.Status.Should().Be(DnsLookupStatus.Unknown);
            result.Error.Should().StartWith("ArgumentOutOfRangeException");
        }
    }
}
