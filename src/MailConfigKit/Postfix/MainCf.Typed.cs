using System.Collections.Generic;
using System.Net.Sockets;
using System.Net;
using MailConfigKit.Values;

namespace MailConfigKit.Postfix
{
    public sealed partial class MainCf
    {
        /// <summary>
        /// <c>inet_protocols</c>, read from the document on each access: the file's value, or <see cref="Postfix.InetProtocols.All"/>
        /// (Postfix's default) when unset; null when the value is invalid or uses <c>$</c> (see <see cref="Diagnostics"/>).
        /// Setting writes through <see cref="Set"/>; setting null removes the parameter.
        /// </summary>
        public InetProtocols? InetProtocols
        {
            get => MainCfSettings.InetProtocols.Read(this);
            set => MainCfSettings.InetProtocols.Write(this, value);
        }

        /// <summary>
        /// <c>inet_interfaces</c>: the file's value, <c>all</c> when unset; null when invalid or computed with <c>$</c>.
        /// Setting null removes the parameter.
        /// </summary>
        public InetInterfaceList? InetInterfaces
        {
            get => MainCfSettings.InetInterfaces.Read(this);
            set => MainCfSettings.InetInterfaces.Write(this, value);
        }

        /// <summary>
        /// <c>smtp_address_preference</c>: the file's value, <see cref="Postfix.SmtpAddressPreference.Any"/> when unset;
        /// null when invalid or computed. Setting null removes the parameter.
        /// </summary>
        public SmtpAddressPreference? SmtpAddressPreference
        {
            get => MainCfSettings.SmtpAddressPreference.Read(this);
            set => MainCfSettings.SmtpAddressPreference.Write(this, value);
        }

        /// <summary>
        /// <c>mynetworks</c>: the file's networks; null when unset (Postfix then computes them from the live interfaces),
        /// invalid, or computed with <c>$</c>. Setting null removes the parameter.
        /// </summary>
        public IReadOnlyList<NetworkPattern>? MyNetworks
        {
            get => MainCfSettings.MyNetworks.Read(this);
            set => MainCfSettings.MyNetworks.Write(this, value);
        }

        /// <summary>
        /// <c>smtp_bind_address</c>, the IPv4 source address of the SMTP client; null when unset, empty or not an IPv4
        /// address. Setting null removes the parameter.
        /// </summary>
        public IPAddress? SmtpBindAddress
        {
            get => MainCfSettings.SmtpBindAddress.Read(this);
            set => MainCfSettings.SmtpBindAddress.Write(this, RequireFamily(value, AddressFamily.InterNetwork, nameof(SmtpBindAddress)));
        }

        /// <summary>
        /// <c>smtp_bind_address6</c>, the IPv6 source address of the SMTP client; null when unset, empty or not an IPv6
        /// address. Setting null removes the parameter.
        /// </summary>
        public IPAddress? SmtpBindAddress6
        {
            get => MainCfSettings.SmtpBindAddress6.Read(this);
            set => MainCfSettings.SmtpBindAddress6.Write(this, RequireFamily(value, AddressFamily.InterNetworkV6, nameof(SmtpBindAddress6)));
        }

        private static IPAddress? RequireFamily(IPAddress? address, AddressFamily family, string property)
        {
            if (address != null && address.AddressFamily != family)
            {
                throw new System.ArgumentException(property + " needs an " + (family == AddressFamily.InterNetwork ? "IPv4" : "IPv6") + " address, not " + address + ".", property);
            }
            return address;
        }
    }
}
