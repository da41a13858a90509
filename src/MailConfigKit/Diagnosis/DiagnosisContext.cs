using System;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Postfix;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// What every check reads, loaded once per diagnosis and shared: the host, the options, each configuration document,
    /// the network state and the facts several checks need. A load that fails fails again, with the same exception, for
    /// each check that asks, so only the checks that need that file report it.
    /// </summary>
    public sealed class DiagnosisContext
    {
        private readonly Lazy<HostNetworkState> _network;
        private readonly Lazy<MainCf?> _mainCf;
        private readonly Lazy<MasterCf?> _masterCf;
        private readonly Lazy<UpdateExim4Conf?> _exim4Conf;
        private readonly Lazy<HostsFile?> _hosts;
        private readonly Lazy<PostfixIpv6Delivery?> _delivery;

        /// <summary>Creates the context of one diagnosis of <paramref name="host"/>.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public DiagnosisContext(MailHost host, DiagnosisOptions options)
        {
            Host = host ?? throw new ArgumentNullException(nameof(host));
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _network = new Lazy<HostNetworkState>(host.ReadNetwork);
            _mainCf = new Lazy<MainCf?>(host.LoadMainCf);
            _masterCf = new Lazy<MasterCf?>(host.LoadMasterCf);
            _exim4Conf = new Lazy<UpdateExim4Conf?>(host.LoadExim4Conf);
            _hosts = new Lazy<HostsFile?>(host.LoadHosts);
            _delivery = new Lazy<PostfixIpv6Delivery?>(() => PostfixIpv6Delivery.Read(this));
        }

        /// <summary>The host examined.</summary>
        public MailHost Host { get; }

        /// <summary>The options of this diagnosis.</summary>
        public DiagnosisOptions Options { get; }

        /// <summary>Where checks log what they looked at.</summary>
        public ILogger Logger => Options.Logger;

        /// <summary>The network state read from the root's <c>proc/</c>, read once.</summary>
        public HostNetworkState Network => _network.Value;

        /// <summary><c>etc/postfix/main.cf</c>, loaded once; null when the host has none.</summary>
        public MainCf? MainCf => _mainCf.Value;

        /// <summary><c>etc/postfix/master.cf</c>, loaded once; null when the host has none.</summary>
        public MasterCf? MasterCf => _masterCf.Value;

        /// <summary><c>etc/exim4/update-exim4.conf.conf</c>, loaded once; null when the host has none.</summary>
        public UpdateExim4Conf? Exim4Conf => _exim4Conf.Value;

        /// <summary><c>etc/hosts</c>, loaded once; null when absent.</summary>
        public HostsFile? Hosts => _hosts.Value;

        /// <summary>Whether and how Postfix's SMTP client delivers over IPv6 (shared by the bounce and DNS checks).</summary>
        internal PostfixIpv6Delivery? Delivery => _delivery.Value;

        /// <summary>The network evidence for <c>lo</c>'s IPv6.</summary>
        public Evidence LoopbackEvidence() =>
            new Evidence(EvidenceKind.Network, Network.HasProcNet ? "proc" : "proc (absent)", null, null,
                "lo IPv6 " + Network.LoopbackIpv6.ToString().ToLowerInvariant() + ": " + Network.DescribeLoopbackIpv6());

        /// <summary>The root examined.</summary>
        public override string ToString() => "diagnosis of " + Host.Root;
    }
}
