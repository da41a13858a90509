using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// The global IPv6 addresses Postfix's SMTP client may send from, each with the evidence why: for every SMTP client
    /// service that delivers over IPv6, its <c>smtp_bind_address6</c> (its own <c>-o</c>, else main.cf's) when set, else
    /// every usable global address of the host (the kernel chooses the source, so any of them may be used).
    /// </summary>
    internal sealed class SendingAddresses
    {
        public const string Parameter = "smtp_bind_address6";

        private SendingAddresses(List<SendingAddress> addresses)
        {
            Addresses = addresses;
        }

        /// <summary>Each address once, in the order met.</summary>
        public IReadOnlyList<SendingAddress> Addresses { get; }

        public static SendingAddresses Read(DiagnosisContext context, PostfixIpv6Delivery delivery)
        {
            MainCf main = delivery.Clients.Main;
            MasterCf? master = context.MasterCf;
            string mainPath = main.FilePath ?? HostPaths.PostfixMainCf;
            var result = new List<SendingAddress>();
            foreach (SmtpClientService service in delivery.Clients.Services.Where(s => s.DeliversOverIpv6))
            {
                string? own = master?.GetOverride(service.Name, service.Type, Parameter);
                string? value = own ?? main.GetValue(Parameter);
                value = value?.Trim();
                if (!string.IsNullOrEmpty(value) && IPAddress.TryParse(value!.Trim('[', ']'), out IPAddress? bound)
                    && bound.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    string source = own != null ? (master?.FilePath ?? HostPaths.PostfixMasterCf) : mainPath;
                    Add(result, bound, new Evidence(EvidenceKind.Configuration, source, own != null ? null : LineOf(main), null,
                        service.Name + "/" + service.Type + " sends from " + Parameter + " = " + value));
                    continue;
                }
                // Unset, empty, or a $macro: the kernel chooses among the host's global addresses.
                foreach (Ipv6InterfaceAddress a in context.Network.GlobalIpv6Addresses)
                {
                    Add(result, a.Address, new Evidence(EvidenceKind.Network, HostPaths.ProcIfInet6, a.Line, null, a + " (global, usable)"));
                }
            }
            return new SendingAddresses(result);
        }

        private static int? LineOf(MainCf main) => main.Parameters.LastOrDefault(p => p.Name == Parameter && p.IsEffective)?.Line;

        private static void Add(List<SendingAddress> list, IPAddress address, Evidence why)
        {
            if (list.Any(a => a.Address.Equals(address))) return;
            list.Add(new SendingAddress(address, why));
        }
    }

    /// <summary>One IPv6 address Postfix may send from, and why.</summary>
    internal sealed class SendingAddress
    {
        public SendingAddress(IPAddress address, Evidence why)
        {
            Address = address;
            Why = why;
        }

        public IPAddress Address { get; }

        public Evidence Why { get; }

        public override string ToString() => Address.ToString();
    }
}
