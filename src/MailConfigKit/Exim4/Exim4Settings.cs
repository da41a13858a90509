using System;
using System.Collections.Generic;
using MailConfigKit.Values;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// The typed update-exim4.conf.conf variables, one line each: name, value when unset, value pattern, how to write
    /// it, and the check exim's start-up makes. The typed properties of <see cref="UpdateExim4Conf"/> read and write
    /// through them and <see cref="Exim4TypedChecks"/> checks every one.
    /// </summary>
    internal static class Exim4Settings
    {
        public static readonly Exim4Setting<EximInterfaceList> LocalInterfaces = new Exim4Setting<EximInterfaceList>(
            "dc_local_interfaces", EximInterfaceList.AllInterfaces, EximInterfaceListValue.Parse, EximInterfaceListValue.Format, Exim4TypedChecks.LocalInterfaces);

        public static readonly Exim4Setting<EximConfigType?> ConfigType = new Exim4Setting<EximConfigType?>(
            "dc_eximconfig_configtype", null, Exim4Patterns.ConfigType, t => t!.Value.ToString().ToLowerInvariant());

        // update-exim4.conf enables dc_minimaldns only for exactly "true"; the others it compares lower-cased.
        public static readonly Exim4Setting<EximFlag?> MinimalDns = new Exim4Setting<EximFlag?>("dc_minimaldns", null, Exim4Patterns.Flag, Exim4Patterns.FormatFlag);

        public static readonly Exim4Setting<EximFlag?> UseSplitConfig = new Exim4Setting<EximFlag?>("dc_use_split_config", null, Exim4Patterns.LowerCasedFlag, Exim4Patterns.FormatFlag);

        public static readonly Exim4Setting<EximFlag?> HideMailname = new Exim4Setting<EximFlag?>("dc_hide_mailname", null, Exim4Patterns.LowerCasedFlag, Exim4Patterns.FormatFlag);

        // Written by the postinst, not read by update-exim4.conf: compared as written.
        public static readonly Exim4Setting<EximFlag?> MailnameInOtherHostnames = new Exim4Setting<EximFlag?>("dc_mailname_in_oh", null, Exim4Patterns.Flag, Exim4Patterns.FormatFlag);

        // update-exim4.conf turns ';' into ':' in dc_other_hostnames.
        public static readonly Exim4Setting<IReadOnlyList<string>> OtherHostnames = new Exim4Setting<IReadOnlyList<string>>(
            "dc_other_hostnames", Array.Empty<string>(), Exim4Patterns.SemicolonsAsColons);

        public static readonly Exim4Setting<IReadOnlyList<string>> RelayDomains = new Exim4Setting<IReadOnlyList<string>>(
            "dc_relay_domains", Array.Empty<string>(), Exim4Patterns.List);

        public static readonly Exim4Setting<IReadOnlyList<string>> RelayNets = new Exim4Setting<IReadOnlyList<string>>(
            "dc_relay_nets", Array.Empty<string>(), Exim4Patterns.List);

        public static readonly Exim4Setting<IReadOnlyList<EximSmarthost>> Smarthost = new Exim4Setting<IReadOnlyList<EximSmarthost>>(
            "dc_smarthost", Array.Empty<EximSmarthost>(), v => ValueParseResult<IReadOnlyList<EximSmarthost>>.Ok(EximListValue.ParseSmarthosts(v)));

        public static readonly Exim4Setting<string> ReadHost = new Exim4Setting<string>("dc_readhost", null, Exim4Patterns.Text, v => v);

        // update-exim4.conf uses mail_spool when it is empty.
        public static readonly Exim4Setting<string> LocalDelivery = new Exim4Setting<string>("dc_localdelivery", null, Exim4Patterns.Text, v => v);

        // The octal mode of the generated configuration (644 when empty).
        public static readonly Exim4Setting<OctalFileMode?> CFileMode = new Exim4Setting<OctalFileMode?>("CFILEMODE", null, Exim4Patterns.OctalMode, m => m!.Value.ToString());

        /// <summary>Every typed setting, in the order their diagnostics are reported.</summary>
        public static readonly IReadOnlyList<Exim4Setting> All = new Exim4Setting[]
        {
            LocalInterfaces, ConfigType, MinimalDns, UseSplitConfig, HideMailname, MailnameInOtherHostnames, OtherHostnames,
            RelayDomains, RelayNets, Smarthost, ReadHost, LocalDelivery, CFileMode,
        };
    }

    /// <summary>The value patterns of the update-exim4.conf.conf variables that have no public value type of their own.</summary>
    internal static class Exim4Patterns
    {
        public static ValueParseResult<EximConfigType?> ConfigType(string value)
        {
            switch (value)
            {
                case "internet": return ValueParseResult<EximConfigType?>.Ok(EximConfigType.Internet);
                case "smarthost": return ValueParseResult<EximConfigType?>.Ok(EximConfigType.Smarthost);
                case "satellite": return ValueParseResult<EximConfigType?>.Ok(EximConfigType.Satellite);
                case "local": return ValueParseResult<EximConfigType?>.Ok(EximConfigType.Local);
                case "none": return ValueParseResult<EximConfigType?>.Ok(EximConfigType.None);
                default: return ValueParseResult<EximConfigType?>.Fail("not one of internet, smarthost, satellite, local, none", 0);
            }
        }

        /// <summary>True for exactly <c>true</c>, false for anything else.</summary>
        public static ValueParseResult<EximFlag?> Flag(string value) => ValueParseResult<EximFlag?>.Ok(string.Equals(value, "true", StringComparison.Ordinal));

        /// <summary>True for <c>true</c> in any case, false for anything else.</summary>
        public static ValueParseResult<EximFlag?> LowerCasedFlag(string value) => Flag(value.ToLowerInvariant());

        public static string FormatFlag(EximFlag? value) => value!.Value.ToString();

        public static ValueParseResult<string> Text(string value) => ValueParseResult<string>.Ok(value);

        /// <summary>A colon list; a value with <c>;</c> and no <c>&lt;</c> prefix is read as a <c>;</c> list.</summary>
        public static ValueParseResult<IReadOnlyList<string>> List(string value)
        {
            if (value.IndexOf(';') >= 0 && !value.TrimStart().StartsWith("<", StringComparison.Ordinal)) value = "<; " + value;
            return EximListValue.Parse(value);
        }

        public static ValueParseResult<IReadOnlyList<string>> SemicolonsAsColons(string value) => EximListValue.Parse(value.Replace(';', ':'));

        /// <summary>One to four octal digits.</summary>
        public static ValueParseResult<OctalFileMode?> OctalMode(string value)
        {
            if (OctalFileMode.TryParse(value, out OctalFileMode mode, out string? error)) return ValueParseResult<OctalFileMode?>.Ok(mode);
            return ValueParseResult<OctalFileMode?>.Fail("not an octal mode: " + error, 0);
        }
    }
}
