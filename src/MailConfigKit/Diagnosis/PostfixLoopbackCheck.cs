using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;
using MailConfigKit.Postfix;
using MailConfigKit.Values;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Check 2: Postfix's <c>inet_interfaces</c> names <c>::1</c> (<c>::1</c>, <c>[::1]</c>, or a name that <c>etc/hosts</c>
    /// maps to <c>::1</c>, as Debian's does for <c>localhost</c>) while <c>lo</c> has no IPv6: <c>postfix start</c> dies with
    /// "no local interface found for ::1" (spec P4 runtime table).
    /// </summary>
    internal sealed class PostfixLoopbackCheck : IMailCheck
    {
        /// <inheritdoc />
        public string Id => "postfix.loopback";

        /// <inheritdoc />
        public string Title => "Postfix's inet_interfaces means ::1 where lo has no IPv6 (main.cf, etc/hosts, proc/)";

        /// <inheritdoc />
        public IReadOnlyList<string> FindingIds { get; } = new[] { Diagnosis.FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6 };

        private const int MaxLogEvidence = 5;

        /// <inheritdoc />
        public IEnumerable<Finding> Run(DiagnosisContext context)
        {
            MainCf? main = context.MainCf;
            if (main == null) yield break;
            HostNetworkState network = context.Network;
            Ipv6Availability lo = network.LoopbackIpv6;
            bool noIpv6Kernel = network.KernelWithoutIpv6;
            List<Ipv6LoopbackItems.Item> items = Ipv6LoopbackItems.Find(main, context.Hosts, !noIpv6Kernel);
            context.Logger.LogDebug("postfix: inet_interfaces items that mean ::1: {Items}; lo IPv6: {Lo}",
                LogText.Escape(string.Join(", ", items.Select(i => i.Value.Text))), lo);
            if (items.Count == 0 || lo != Ipv6Availability.Unavailable) yield break;

            var evidence = new List<Evidence>();
            MainCfParameter? p = main.Parameters.LastOrDefault(x => x.Name == "inet_interfaces" && x.IsEffective);
            if (p != null) evidence.Add(EvidenceFrom.ConfigLine(main.FilePath ?? HostPaths.PostfixMainCf, main, p.Line, 1));
            foreach (HostsEntry entry in items.Where(i => i.HostsEntry != null).Select(i => i.HostsEntry!).Distinct())
            {
                evidence.Add(new Evidence(EvidenceKind.Configuration, HostPaths.Hosts, entry.Line, 1, entry.Text));
            }
            evidence.AddRange(context.NetworkEvidence());
            // Postfix's own refusal to start, where a log kept it (syslog or the journal: postlogd is not running yet).
            evidence.AddRange(EvidenceFrom.LogMatches(context.SearchLogs("postfix.no-local-interface", context.Logs.WithoutExim(), new PostfixNoLocalInterface(), MaxLogEvidence, null)));
            string names = string.Join(", ", items.Select(i => i.Value.Text));
            if (noIpv6Kernel)
            {
                yield return new Finding(Diagnosis.FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6, FindingSeverity.Error,
                    "Postfix's inet_interfaces names ::1, but the kernel runs without IPv6: Postfix will not start",
                    "The kernel has no IPv6 at all (" + network.DescribeLoopbackIpv6() + "). Postfix then turns its own IPv6 support "
                    + "off (\"disabling IPv6 name/address support: Address family not supported by protocol\") and cannot use the IPv6 "
                    + "address in inet_interfaces (" + names + "): like with inet_protocols = ipv4, \"postfix start\" stops with a fatal "
                    + "error about [::1] (\"host not found: [::1]\"), and so does every postconf read. Names such as localhost are fine "
                    + "there: they resolve to 127.0.0.1 only. Drop ::1 (or use loopback-only); then stop and start Postfix.",
                    evidence);
                yield break;
            }
            yield return new Finding(Diagnosis.FindingIds.PostfixInetInterfacesIpv6LoopbackWithoutIpv6, FindingSeverity.Error,
                "Postfix's inet_interfaces means ::1, but lo has no IPv6: Postfix will not start",
                "inet_interfaces (" + names + ") resolves to ::1, which this host's lo does not have"
                + (network.ProcOrigin == NetworkStateOrigin.None ? " when it boots (" + network.DescribeLoopbackIpv6() + ")" : string.Empty) + ". \"postfix start\" then fails with \"fatal: parameter inet_interfaces: no local interface found for ::1\", "
                + "and so does every postconf read. Use loopback-only (or drop ::1), or use IPv4 only; then stop and start Postfix.",
                evidence);
        }
    }
}
