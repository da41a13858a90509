using System;
using MailConfigKit.Host;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnostics
{
    /// <summary>What every check reads: the host, the options, and the network state read once.</summary>
    internal sealed class DiagnosisContext
    {
        private readonly Lazy<HostNetworkState> _network;

        public DiagnosisContext(MailHost host, DiagnosisOptions options)
        {
            Host = host;
            Options = options;
            _network = new Lazy<HostNetworkState>(host.ReadNetwork);
        }

        public MailHost Host { get; }

        public DiagnosisOptions Options { get; }

        public ILogger Logger => Options.Logger;

        public HostNetworkState Network => _network.Value;

        /// <summary>The network evidence for <c>lo</c>'s IPv6.</summary>
        public Evidence LoopbackEvidence() =>
            new Evidence(EvidenceKind.Network, Network.HasProcNet ? "proc" : "proc (absent)", null, null,
                "lo IPv6 " + Network.LoopbackIpv6.ToString().ToLowerInvariant() + ": " + Network.DescribeLoopbackIpv6());
    }
}
