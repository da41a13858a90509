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
            get => Exim4Settings.LocalInterfaces.Read(this)!;
            set => Exim4Settings.LocalInterfaces.Write(this, value);
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
            get => Exim4Settings.ConfigType.Read(this);
            set => Exim4Settings.ConfigType.Write(this, value);
        }

        /// <summary><c>dc_minimaldns</c>: update-exim4.conf enables it only for exactly <c>true</c>. Null when unset.</summary>
        public EximFlag? MinimalDns
        {
            get => Exim4Settings.MinimalDns.Read(this);
            set => Exim4Settings.MinimalDns.Write(this, value);
        }

        /// <summary><c>dc_use_split_config</c> (compared lower-cased, as update-exim4.conf does). Null when unset.</summary>
        public EximFlag? UseSplitConfig
        {
            get => Exim4Settings.UseSplitConfig.Read(this);
            set => Exim4Settings.UseSplitConfig.Write(this, value);
        }

        /// <summary><c>dc_hide_mailname</c> (compared lower-cased). Null when unset.</summary>
        public EximFlag? HideMailname
        {
            get => Exim4Settings.HideMailname.Read(this);
            set => Exim4Settings.HideMailname.Write(this, value);
        }

        /// <summary><c>dc_mailname_in_oh</c> (written by the postinst, not read by update-exim4.conf). Null when unset.</summary>
        public EximFlag? MailnameInOtherHostnames
        {
            get => Exim4Settings.MailnameInOtherHostnames.Read(this);
            set => Exim4Settings.MailnameInOtherHostnames.Write(this, value);
        }

        /// <summary><c>dc_other_hostnames</c> as a list (update-exim4.conf turns <c>;</c> into <c>:</c>).</summary>
        public IReadOnlyList<string> OtherHostnames => Exim4Settings.OtherHostnames.Read(this)!;

        /// <summary><c>dc_relay_domains</c> as a list.</summary>
        public IReadOnlyList<string> RelayDomains => Exim4Settings.RelayDomains.Read(this)!;

        /// <summary><c>dc_relay_nets</c> as a list (update-exim4.conf adds <c>127.0.0.1</c> and <c>::1</c> to it).</summary>
        public IReadOnlyList<string> RelayNets => Exim4Settings.RelayNets.Read(this)!;

        /// <summary><c>dc_smarthost</c>: hosts with optional ports (<c>host::port</c>).</summary>
        public IReadOnlyList<EximSmarthost> Smarthost => Exim4Settings.Smarthost.Read(this)!;

        /// <summary><c>dc_readhost</c>; null when unset.</summary>
        public string? ReadHost
        {
            get => Exim4Settings.ReadHost.Read(this);
            set => Exim4Settings.ReadHost.Write(this, value);
        }

        /// <summary><c>dc_localdelivery</c> (update-exim4.conf uses <c>mail_spool</c> when empty); null when unset.</summary>
        public string? LocalDelivery
        {
            get => Exim4Settings.LocalDelivery.Read(this);
            set => Exim4Settings.LocalDelivery.Write(this, value);
        }

        /// <summary>
        /// <c>CFILEMODE</c>, the octal mode of the generated configuration (644 when empty); null when unset or not octal.
        /// An <see cref="OctalFileMode"/>, never a bare number, so 644 means octal 644: <c>OctalFileMode.Parse("0644")</c>
        /// (PowerShell: <c>$conf.CFileMode = '0644'</c>).
        /// </summary>
        public OctalFileMode? CFileMode
        {
            get => Exim4Settings.CFileMode.Read(this);
            set => Exim4Settings.CFileMode.Write(this, value);
        }
    }
}
