using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Whether Postfix's SMTP client delivers over IPv6, from <see cref="SmtpClientServices"/>: any master.cf service
    /// whose command is <c>smtp</c> delivering over IPv6 (its own <c>-o inet_protocols</c>, else main.cf's, default
    /// <c>all</c>), with the configuration lines as evidence.
    /// </summary>
    internal sealed class PostfixIpv6Delivery
    {
        private PostfixIpv6Delivery(SmtpClientServices clients, List<Evidence> evidence)
        {
            Clients = clients;
            Evidence = evidence;
        }

        /// <summary>The shared fact this reading is made from.</summary>
        public SmtpClientServices Clients { get; }

        public bool DeliversOverIpv6 => Clients.AnyDeliversOverIpv6;

        /// <summary>The main.cf line (or the default) and each service's override, if any.</summary>
        public List<Evidence> Evidence { get; }

        public static PostfixIpv6Delivery? Read(DiagnosisContext context)
        {
            MainCf? main = context.MainCf;
            if (main == null) return null;
            MasterCf? master = context.MasterCf;
            SmtpClientServices clients = SmtpClientServices.Read(main, master);
            var evidence = new List<Evidence>();
            string mainPath = main.FilePath ?? HostPaths.PostfixMainCf;
            MainCfParameter? p = main.Parameters.LastOrDefault(x => x.Name == SmtpClientServices.Parameter && x.IsEffective);
            evidence.Add(p == null
                ? new Evidence(EvidenceKind.Configuration, mainPath, null, null, "inet_protocols is not set: Postfix's default is all")
                : EvidenceFrom.ConfigLine(mainPath, main, p.Line, 1));
            foreach (SmtpClientService s in clients.Services.Where(x => x.OverrideValue != null))
            {
                evidence.Add(new Evidence(EvidenceKind.Configuration, master?.FilePath ?? HostPaths.PostfixMasterCf,
                    s.OverrideLine, null, s.Name + "/" + s.Type + " -o inet_protocols=" + s.OverrideValue));
            }
            return new PostfixIpv6Delivery(clients, evidence);
        }
    }
}
