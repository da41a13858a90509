using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using MailConfigKit.Values;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// The typed main.cf parameters, one line each: name, Postfix's value when unset, value pattern, diagnostic. The
    /// typed properties of <see cref="MainCf"/> read and write through them and <see cref="MainCfTypedChecks"/> checks
    /// every one, in this order (spec P4).
    /// </summary>
    internal static class MainCfSettings
    {
        public static readonly MainCfSetting<InetProtocols?> InetProtocols = MainCfSetting.Of(
            "inet_protocols", Postfix.InetProtocols.All, InetProtocolsValue.Parse, InetProtocolsValue.Format, MainCfDescriptors.InetProtocols);

        public static readonly MainCfSetting<InetInterfaceList> InetInterfaces = new MainCfSetting<InetInterfaceList>(
            "inet_interfaces", InetInterfaceList.All, InetInterfacesValue.Parse, InetInterfacesValue.Format, MainCfDescriptors.InetInterfaces);

        public static readonly MainCfSetting<SmtpAddressPreference?> SmtpAddressPreference = MainCfSetting.Of(
            "smtp_address_preference", Postfix.SmtpAddressPreference.Any, SmtpAddressPreferenceValue.Parse, SmtpAddressPreferenceValue.Format, MainCfDescriptors.AddressPreference);

        // Unset, Postfix computes mynetworks from the live interfaces: no static value.
        public static readonly MainCfSetting<IReadOnlyList<NetworkPattern>> MyNetworks = new MainCfSetting<IReadOnlyList<NetworkPattern>>(
            "mynetworks", null, MyNetworksValue.Parse, MyNetworksValue.Format,
            error => error.StartsWith("bad mask", System.StringComparison.Ordinal) ? MainCfDescriptors.MyNetworksMask : MainCfDescriptors.MyNetworksIPv6);

        public static readonly MainCfSetting<IPAddress?> SmtpBindAddress = new MainCfSetting<IPAddress?>(
            "smtp_bind_address", null, raw => BindAddressValue.Parse(raw, AddressFamily.InterNetwork), a => a!.ToString(), MainCfDescriptors.BindAddress);

        public static readonly MainCfSetting<IPAddress?> SmtpBindAddress6 = new MainCfSetting<IPAddress?>(
            "smtp_bind_address6", null, raw => BindAddressValue.Parse(raw, AddressFamily.InterNetworkV6), a => a!.ToString(), MainCfDescriptors.BindAddress);

        /// <summary>Every typed setting, in the order their diagnostics are reported.</summary>
        public static readonly IReadOnlyList<MainCfSetting> All = new MainCfSetting[]
        {
            InetProtocols, InetInterfaces, SmtpAddressPreference, MyNetworks, SmtpBindAddress, SmtpBindAddress6,
        };
    }
}
