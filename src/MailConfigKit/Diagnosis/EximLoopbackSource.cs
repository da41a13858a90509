using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailConfigKit.Exim4;
using MailConfigKit.Host;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Where exim's effective <c>local_interfaces</c> comes from and whether exim will bind <c>::1</c>: from the
    /// configuration exim really loads (a hand-written exim4.conf, or what update-exim4.conf generates with the local
    /// macros), with <c>disable_ipv6</c> taken into account (exim then ignores every IPv6 address in the list). On a copy
    /// of a host without the template update-exim4.conf needs, it falls back to <c>dc_local_interfaces</c> alone.
    /// </summary>
    internal sealed class EximLoopbackSource
    {
        private EximLoopbackSource()
        {
        }

        /// <summary>Whether exim will try to bind the IPv6 loopback.</summary>
        public bool NamesLoopback { get; private set; }

        /// <summary>Whether the list names <c>::1</c> but <c>disable_ipv6</c> is true, so exim ignores it.</summary>
        public bool DisabledByOption { get; private set; }

        /// <summary>Why it cannot be known statically; null when it can.</summary>
        public string? Unknown { get; private set; }

        /// <summary>Where the value is defined, for people (<c>MAIN_LOCAL_INTERFACES in etc/exim4/exim4.conf.localmacros line 1</c>).</summary>
        public string Where { get; private set; } = "dc_local_interfaces";

        /// <summary>The configuration lines that say it.</summary>
        public List<Evidence> Evidence { get; } = new List<Evidence>();

        public static EximLoopbackSource Find(DiagnosisContext context)
        {
            var result = new EximLoopbackSource();
            UpdateExim4Conf? conf = context.Exim4Conf;
            EximEffectiveConfiguration exim = context.EximConfiguration;
            if (conf != null && (exim.IsGeneratorInputMissing || exim.Layout == EximConfigurationLayout.None))
            {
                // A partial copy (no template): what update-exim4.conf would read from dc_local_interfaces is all there is.
                result.NamesLoopback = !conf.IsComputed("dc_local_interfaces") && conf.LocalInterfaces.ContainsIPv6Loopback;
                result.Where = "dc_local_interfaces in " + HostPaths.Exim4UpdateConf;
                if (result.NamesLoopback) result.Evidence.Add(AssignmentEvidence(conf));
                return result;
            }
            if (!exim.IsKnown || !exim.LocalInterfaces.IsKnown || !exim.DisableIpv6.IsKnown)
            {
                result.Unknown = exim.UnknownReason ?? exim.LocalInterfaces.UnknownReason ?? exim.DisableIpv6.UnknownReason ?? "unknown";
                return result;
            }
            EximEffectiveOption li = exim.LocalInterfaces;
            bool lists = EximInterfaceListValue.ParseLocalInterfaces(li.Value!).Value.ContainsIPv6Loopback;
            result.DisabledByOption = lists && exim.DisableIpv6.IsTrue;
            result.NamesLoopback = lists && !exim.DisableIpv6.IsTrue;
            if (!lists) return result;
            if (li.Macro != null && li.Macro.Variable != null && li.Macro.Variable != "dc_local_interfaces")
            {
                result.Where = "the macro line " + li.Macro.Variable + " in " + HostPaths.Exim4UpdateConf + " line " + li.Macro.Line.ToString(CultureInfo.InvariantCulture);
                result.Evidence.Add(Line(context, li.Macro.File, li.Macro.Line, 1, li.Macro.Name + "=" + li.Macro.Value));
            }
            else if (li.Macro != null && li.Macro.Variable != null && conf != null)
            {
                result.Where = "dc_local_interfaces in " + HostPaths.Exim4UpdateConf + " (update-exim4.conf makes it " + li.Macro.Name + ")";
                result.Evidence.Add(AssignmentEvidence(conf));
            }
            else if (li.Macro != null)
            {
                result.Where = li.Macro.Name + " in " + Relative(li.Macro.File) + " line " + li.Macro.Line.ToString(CultureInfo.InvariantCulture);
                result.Evidence.Add(Line(context, li.Macro.File, li.Macro.Line, li.Macro.Column, li.Macro.Name + " = " + li.Macro.Value));
            }
            else
            {
                result.Where = "local_interfaces in " + Relative(li.File!) + " line " + li.Line.ToString(CultureInfo.InvariantCulture);
            }
            result.Evidence.Add(Line(context, li.File!, li.Line, li.Column, li.LineText ?? "local_interfaces = " + li.Value));
            if (result.DisabledByOption && !exim.DisableIpv6.IsDefault)
            {
                result.Evidence.Add(Line(context, exim.DisableIpv6.File!, exim.DisableIpv6.Line, exim.DisableIpv6.Column, exim.DisableIpv6.LineText ?? "disable_ipv6"));
            }
            return result;
        }

        private static string Relative(string eximPath) => eximPath.TrimStart('/');

        // The file's own line when it can be read, else the logical line exim read.
        private static Evidence Line(DiagnosisContext context, string eximPath, int line, int column, string fallback)
        {
            string path = Relative(eximPath);
            try
            {
                string? text = line > 0 ? context.Host.ReadText(path) : null;
                if (text != null) return EvidenceFrom.ConfigLine(path, text, line, column);
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
            }
            return new Evidence(EvidenceKind.Configuration, path, line > 0 ? line : (int?)null, line > 0 ? column : (int?)null, fallback);
        }

        internal static Evidence AssignmentEvidence(UpdateExim4Conf conf)
        {
            Exim4Assignment? a = conf.Assignments.LastOrDefault(x => x.Name == "dc_local_interfaces" && x.IsEffective);
            string path = conf.FilePath ?? HostPaths.Exim4UpdateConf;
            return a == null
                ? new Evidence(EvidenceKind.Configuration, path, null, null, "dc_local_interfaces")
                : EvidenceFrom.ConfigLine(path, conf.ToString(), a.Line, a.Column);
        }
    }
}
