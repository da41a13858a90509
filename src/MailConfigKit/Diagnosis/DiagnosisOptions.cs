using System.Collections.Generic;
using System;
using MailConfigKit.Dns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>How <see cref="MailDiagnosis"/> examines a host.</summary>
    public sealed class DiagnosisOptions
    {
        /// <summary>Whether to look up PTR and forward records for the host's global IPv6 addresses (default true).</summary>
        public bool CheckDns { get; set; } = true;

        /// <summary>
        /// The resolver for the DNS checks; null (the default) asks the <c>nameserver</c>s of the examined root's
        /// <c>etc/resolv.conf</c> through <see cref="DnsClientResolver"/> (never <c>/etc/hosts</c>). Give a
        /// <see cref="DnsClientResolver"/> to name other servers.
        /// </summary>
        public IDnsResolver? DnsResolver { get; set; }

        /// <summary>The bounds of the default resolver (timeout, retries, servers asked).</summary>
        public DnsResolverOptions DnsOptions { get; set; } = DnsResolverOptions.Default;

        /// <summary>The SPF step of the authentication check; null: the built-in one (tests give their own).</summary>
        internal ISpfCheck? SpfCheck { get; set; }

        /// <summary>Where to log what was examined (default: nowhere).</summary>
        public ILogger Logger { get; set; } = NullLogger.Instance;

        /// <summary>The ids of checks not to run (<see cref="MailDiagnosis.Checks"/>); an unknown id makes Examine throw.</summary>
        public ISet<string> SkipChecks { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The defaults.</summary>
        public static DiagnosisOptions Default => new DiagnosisOptions();

        /// <summary>The options in one line, e.g. <c>dns on, skip: exim4.config</c>.</summary>
        public override string ToString() =>
            "dns " + (CheckDns ? "on" : "off") + (SkipChecks.Count > 0 ? ", skip: " + string.Join(", ", SkipChecks) : string.Empty);
    }
}
