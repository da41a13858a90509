using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Diagnostics
{
    /// <summary>
    /// Whether Postfix's smtp client delivers over IPv6: <c>inet_protocols</c> in main.cf includes IPv6 (unset means
    /// <c>all</c>), and master.cf does not override it for <c>smtp/unix</c> with a value without IPv6.
    /// </summary>
    internal sealed class PostfixIpv6Delivery
    {
        private PostfixIpv6Delivery(bool deliversOverIpv6, List<Evidence> evidence)
        {
            DeliversOverIpv6 = deliversOverIpv6;
            Evidence = evidence;
        }

        public bool DeliversOverIpv6 { get; }

        /// <summary>The main.cf line (or the default) and the master.cf override, if any.</summary>
        public List<Evidence> Evidence { get; }

        public static PostfixIpv6Delivery? Read(DiagnosisContext context)
        {
            MainCf? main = context.MainCf;
            if (main == null) return null;
            var evidence = new List<Evidence>();
            string mainPath = main.FilePath ?? HostPaths.PostfixMainCf;
            MainCfParameter? p = main.Parameters.LastOrDefault(x => x.Name == "inet_protocols" && x.IsEffective);
            evidence.Add(p == null
                ? new Evidence(EvidenceKind.Configuration, mainPath, null, null, "inet_protocols is not set: Postfix's default is all")
                : EvidenceFrom.ConfigLine(mainPath, main.ToString(), p.Line, 1));
            InetProtocols? protocols = main.InetProtocols;
            bool ipv6 = protocols.HasValue && (protocols.Value & InetProtocols.IPv6) != 0;

            MasterCf? master = context.MasterCf;
            string? overridden = master?.GetOverride("smtp", "unix", "inet_protocols");
            if (overridden != null)
            {
                var parsed = InetProtocolsValue.Parse(overridden);
                MasterCfOverride? o = master!.Services.Where(s => s.Name == "smtp" && s.Type == "unix")
                    .SelectMany(s => s.Overrides).LastOrDefault(x => x.Name == "inet_protocols");
                evidence.Add(new Evidence(EvidenceKind.Configuration, master.FilePath ?? HostPaths.PostfixMasterCf,
                    o?.Line, null, "smtp/unix -o inet_protocols=" + overridden));
                if (parsed.Success) ipv6 = (parsed.Value & InetProtocols.IPv6) != 0;
            }
            return new PostfixIpv6Delivery(ipv6, evidence);
        }
    }
}
