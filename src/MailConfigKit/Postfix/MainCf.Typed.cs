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
            get
            {
                string? raw = GetValue("inet_protocols");
                if (raw == null) return Postfix.InetProtocols.All;
                if (raw.IndexOf('$') >= 0) return null;
                var r = InetProtocolsValue.Parse(raw);
                return r.Success ? r.Value : (InetProtocols?)null;
            }
            set => SetOrRemove("inet_protocols", value.HasValue ? InetProtocolsValue.Format(value.Value) : null);
        }

        /// <summary>
        /// <c>inet_interfaces</c>: the file's value, <c>all</c> when unset; null when invalid or computed with <c>$</c>.
        /// Setting null removes the parameter.
        /// </summary>
        public InetInterfaceList? InetInterfaces
        {
            get
            {
                string? raw = GetValue("inet_interfaces");
                if (raw == null) return InetInterfaceList.All;
                if (raw.IndexOf('$') >= 0) return null;
                var r = InetInterfacesValue.Parse(raw);
                return r.Success ? r.Value : null;
            }
            set => SetOrRemove("inet_interfaces", value == null ? null : InetInterfacesValue.Format(value));
        }

        /// <summary>
        /// <c>smtp_address_preference</c>: the file's value, <see cref="Postfix.SmtpAddressPreference.Any"/> when unset;
        /// null when invalid or computed. Setting null removes the parameter.
        /// </summary>
        public SmtpAddressPreference? SmtpAddressPreference
        {
            get
            {
                string? raw = GetValue("smtp_address_preference");
                if (raw == null) return Postfix.SmtpAddressPreference.Any;
                if (raw.IndexOf('$') >= 0) return null;
                var r = SmtpAddressPreferenceValue.Parse(raw);
                return r.Success ? r.Value : (SmtpAddressPreference?)null;
            }
            set => SetOrRemove("smtp_address_preference", value.HasValue ? SmtpAddressPreferenceValue.Format(value.Value) : null);
        }

        /// <summary>
        /// <c>mynetworks</c>: the file's networks; null when unset (Postfix then computes them from the live interfaces),
        /// invalid, or computed with <c>$</c>. Setting null removes the parameter.
        /// </summary>
        public IReadOnlyList<NetworkPattern>? MyNetworks
        {
            get
            {
                string? raw = GetValue("mynetworks");
                if (raw == null || raw.IndexOf('$') >= 0) return null;
                var r = MyNetworksValue.Parse(raw);
                return r.Success ? r.Value : null;
            }
            set => SetOrRemove("mynetworks", value == null ? null : MyNetworksValue.Format(value));
        }

        /// <summary>
        /// <c>smtp_bind_address</c>, the IPv4 source address of the SMTP client; null when unset, empty or not an IPv4
        /// address. Setting null removes the parameter.
        /// </summary>
        public IPAddress? SmtpBindAddress
        {
            get => BindAddress("smtp_bind_address", AddressFamily.InterNetwork);
            set => SetOrRemove("smtp_bind_address", value == null ? null : RequireFamily(value, AddressFamily.InterNetwork, nameof(SmtpBindAddress)).ToString());
        }

        /// <summary>
        /// <c>smtp_bind_address6</c>, the IPv6 source address of the SMTP client; null when unset, empty or not an IPv6
        /// address. Setting null removes the parameter.
        /// </summary>
        public IPAddress? SmtpBindAddress6
        {
            get => BindAddress("smtp_bind_address6", AddressFamily.InterNetworkV6);
            set => SetOrRemove("smtp_bind_address6", value == null ? null : RequireFamily(value, AddressFamily.InterNetworkV6, nameof(SmtpBindAddress6)).ToString());
        }

        private IPAddress? BindAddress(string name, AddressFamily family)
        {
            string? raw = GetValue(name);
            if (string.IsNullOrEmpty(raw)) return null;
            IPAddress? a = NumericAddress.TryParse(raw!);
            return a != null && a.AddressFamily == family ? a : null;
        }

        private static IPAddress RequireFamily(IPAddress address, AddressFamily family, string property)
        {
            if (address.AddressFamily != family)
            {
                throw new System.ArgumentException(property + " needs an " + (family == AddressFamily.InterNetwork ? "IPv4" : "IPv6") + " address, not " + address + ".", property);
            }
            return address;
        }

        private void SetOrRemove(string name, string? value)
        {
            if (value == null) Remove(name);
            else Set(name, value);
        }
    }
}
