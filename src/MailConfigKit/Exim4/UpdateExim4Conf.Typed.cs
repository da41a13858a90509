using System;
using System.Collections.Generic;

namespace MailConfigKit.Exim4
{
    public sealed partial class UpdateExim4Conf
    {
        /// <summary>
        /// <c>dc_local_interfaces</c>: the addresses exim binds. Unset, empty or computed values give an empty list,
        /// which means all interfaces (check <see cref="IsComputed"/> for the last case). Setting writes the list's text.
        /// </summary>
        public EximInterfaceList LocalInterfaces
        {
            get
            {
                string? value = GetValue("dc_local_interfaces");
                return value == null ? EximInterfaceList.AllInterfaces : EximInterfaceListValue.Parse(value).Value;
            }
            set => Set("dc_local_interfaces", EximInterfaceListValue.Format(value ?? throw new ArgumentNullException(nameof(value))));
        }

        /// <summary>Removes every item naming <paramref name="address"/> from <c>dc_local_interfaces</c>, keeping the rest as written.</summary>
        /// <returns>True when the file changed.</returns>
        public bool RemoveLocalInterface(System.Net.IPAddress address)
        {
            if (address == null) throw new ArgumentNullException(nameof(address));
            EximInterfaceList list = LocalInterfaces;
            if (!list.Contains(address)) return false;
            LocalInterfaces = list.Without(address);
            return true;
        }

        /// <summary><c>dc_eximconfig_configtype</c>; null when unset or not one of the five types.</summary>
        public EximConfigType? ConfigType
        {
            get
            {
                switch (GetValue("dc_eximconfig_configtype"))
                {
                    case "internet": return EximConfigType.Internet;
                    case "smarthost": return EximConfigType.Smarthost;
                    case "satellite": return EximConfigType.Satellite;
                    case "local": return EximConfigType.Local;
                    case "none": return EximConfigType.None;
                    default: return null;
                }
            }
            set => Set("dc_eximconfig_configtype", (value ?? throw new ArgumentNullException(nameof(value))).ToString().ToLowerInvariant());
        }

        /// <summary><c>dc_minimaldns</c>: update-exim4.conf enables it only for exactly <c>true</c>. Null when unset.</summary>
        public bool? MinimalDns
        {
            get => Flag("dc_minimaldns", false);
            set => SetFlag("dc_minimaldns", value);
        }

        /// <summary><c>dc_use_split_config</c> (compared lower-cased, as update-exim4.conf does). Null when unset.</summary>
        public bool? UseSplitConfig
        {
            get => Flag("dc_use_split_config", true);
            set => SetFlag("dc_use_split_config", value);
        }

        /// <summary><c>dc_hide_mailname</c> (compared lower-cased). Null when unset.</summary>
        public bool? HideMailname
        {
            get => Flag("dc_hide_mailname", true);
            set => SetFlag("dc_hide_mailname", value);
        }

        /// <summary><c>dc_mailname_in_oh</c> (written by the postinst, not read by update-exim4.conf). Null when unset.</summary>
        public bool? MailnameInOtherHostnames
        {
            get => Flag("dc_mailname_in_oh", false);
            set => SetFlag("dc_mailname_in_oh", value);
        }

        /// <summary><c>dc_other_hostnames</c> as a list (update-exim4.conf turns <c>;</c> into <c>:</c>).</summary>
        public IReadOnlyList<string> OtherHostnames => ListOf("dc_other_hostnames", semicolonToColon: true);

        /// <summary><c>dc_relay_domains</c> as a list.</summary>
        public IReadOnlyList<string> RelayDomains => ListOf("dc_relay_domains", semicolonToColon: false);

        /// <summary><c>dc_relay_nets</c> as a list (update-exim4.conf adds <c>127.0.0.1</c> and <c>::1</c> to it).</summary>
        public IReadOnlyList<string> RelayNets => ListOf("dc_relay_nets", semicolonToColon: false);

        /// <summary><c>dc_smarthost</c>: hosts with optional ports (<c>host::port</c>).</summary>
        public IReadOnlyList<EximSmarthost> Smarthost => EximListValue.ParseSmarthosts(GetValue("dc_smarthost") ?? string.Empty);

        /// <summary><c>dc_readhost</c>; null when unset.</summary>
        public string? ReadHost
        {
            get => GetValue("dc_readhost");
            set => Set("dc_readhost", value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary><c>dc_localdelivery</c> (update-exim4.conf uses <c>mail_spool</c> when empty); null when unset.</summary>
        public string? LocalDelivery
        {
            get => GetValue("dc_localdelivery");
            set => Set("dc_localdelivery", value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary><c>CFILEMODE</c>, the octal mode of the generated configuration (644 when empty); null when unset or not octal.</summary>
        public int? CFileMode
        {
            get
            {
                string? v = GetValue("CFILEMODE");
                if (string.IsNullOrEmpty(v) || v!.Length > 4) return null;
                int mode = 0;
                foreach (char c in v)
                {
                    if (c < '0' || c > '7') return null;
                    mode = mode * 8 + (c - '0');
                }
                return mode;
            }
            set => Set("CFILEMODE", Convert.ToString(value ?? throw new ArgumentNullException(nameof(value)), 8));
        }

        private bool? Flag(string name, bool lowerCased)
        {
            string? v = GetValue(name);
            if (v == null) return null;
            return string.Equals(lowerCased ? v.ToLowerInvariant() : v, "true", StringComparison.Ordinal);
        }

        private void SetFlag(string name, bool? value) =>
            Set(name, (value ?? throw new ArgumentNullException(nameof(value))) ? "true" : "false");

        private IReadOnlyList<string> ListOf(string name, bool semicolonToColon)
        {
            string v = GetValue(name) ?? string.Empty;
            if (semicolonToColon) v = v.Replace(';', ':');
            else if (v.IndexOf(';') >= 0 && !v.TrimStart().StartsWith("<", StringComparison.Ordinal)) v = "<; " + v;
            return EximListValue.Parse(v).Value;
        }

    }
}
