using System;
using System.Collections.Generic;
using System.Linq;

namespace MailConfigKit.Host
{
    /// <summary>
    /// Reads <see cref="Ipv6Intent"/>: the kernel command line from GRUB's defaults and <c>etc/kernel/cmdline</c>, then
    /// simulates what systemd-sysctl writes into <c>disable_ipv6</c> at boot and what the kernel does with it: a write to
    /// <c>all</c> also sets <c>default</c> and every interface that exists (<c>lo</c> does, it is there before
    /// systemd-sysctl runs), a write to <c>default</c> only reaches interfaces created later, a write to <c>lo</c> only
    /// <c>lo</c>; systemd-sysctl skips a write whose text equals the current value (and with it those side effects). The starting value is the kernel's default, 0, or <c>ipv6.disable_ipv6</c> from the command line.
    /// </summary>
    internal static class Ipv6IntentReader
    {
        public const string KernelCmdlineFile = "etc/kernel/cmdline";

        private static readonly string[] Interfaces = { "all", "default", "lo" };

        public static Ipv6Intent Read(MailHost host)
        {
            var problems = new List<HostFileStatus>();
            var notes = new List<string>();
            var filesRead = new List<string>();

            // The kernel command line: every source that the image's boot loader may use; any of them turning IPv6 off counts.
            var sources = new List<CommandLine>();
            GrubDefaults grub = GrubDefaults.Read(host, problems);
            filesRead.AddRange(grub.Files);
            notes.AddRange(grub.Notes);
            // GRUB_CMDLINE_LINUX_DEFAULT comes last: when it is unknown it could undo anything before it, so GRUB tells nothing.
            if (grub.Present && grub.Value("GRUB_CMDLINE_LINUX_DEFAULT") != null)
            {
                // Normal boot entries get GRUB_CMDLINE_LINUX then GRUB_CMDLINE_LINUX_DEFAULT; later words win.
                foreach (string name in GrubDefaults.CommandLineVariables)
                {
                    string? value = grub.Value(name);
                    NetworkProvenance? at = grub.AssignedAt(name);
                    if (value != null && at != null) sources.Add(new CommandLine(value, at));
                }
            }
            try
            {
                string? cmdline = host.ReadText(KernelCmdlineFile);
                if (cmdline != null)
                {
                    filesRead.Add(KernelCmdlineFile);
                    sources.Add(new CommandLine(cmdline, new NetworkProvenance(NetworkStateOrigin.ConfiguredIntent, KernelCmdlineFile, 1, cmdline.TrimEnd('\n', '\r'))));
                }
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
                problems.Add(MailHost.Unreadable(KernelCmdlineFile, ex));
            }

            NetworkProvenance? kernelOff = null;
            NetworkProvenance? startSource = null;
            int start = 0;
            foreach (List<CommandLine> group in GroupByFile(sources))
            {
                var parameters = new List<(KernelCommandLine.Parameter P, CommandLine From)>();
                foreach (CommandLine c in group) parameters.AddRange(KernelCommandLine.Parse(c.Text).Select(p => (p, c)));
                var disable = parameters.LastOrDefault(x => KernelCommandLine.NamesEqual(x.P.Name, "ipv6.disable") && KernelCommandLine.ParseInt(x.P.Value) != null);
                if (disable.P != null && KernelCommandLine.ParseInt(disable.P.Value) != 0 && kernelOff == null) kernelOff = Cite(disable.From, disable.P);
                var disableIpv6 = parameters.LastOrDefault(x => KernelCommandLine.NamesEqual(x.P.Name, "ipv6.disable_ipv6") && KernelCommandLine.ParseInt(x.P.Value) != null);
                if (disableIpv6.P != null && KernelCommandLine.ParseInt(disableIpv6.P.Value) != 0 && startSource == null)
                {
                    start = KernelCommandLine.ParseInt(disableIpv6.P.Value)!.Value;
                    startSource = Cite(disableIpv6.From, disableIpv6.P);
                }
            }

            var values = new Dictionary<string, (int Value, NetworkProvenance? Source)>(StringComparer.Ordinal);
            foreach (string name in Interfaces) values[name] = (start, startSource);
            List<SysctlConfiguration.Option> options = SysctlConfiguration.ReadOptions(host, problems);
            foreach (SysctlConfiguration.Option o in options)
            {
                if (!filesRead.Contains(o.Source)) filesRead.Add(o.Source);
            }
            Apply(options, values);
            var result = Interfaces.Select(n => new Ipv6ConfiguredValue(n, values[n].Value, values[n].Source)).ToList();
            return new Ipv6Intent(kernelOff, result, notes, problems, filesRead);
        }

        /// <summary>The systemd-sysctl pass over the options, reduced to the kernel's <c>disable_ipv6</c> of all, default and lo.</summary>
        private static void Apply(List<SysctlConfiguration.Option> options, Dictionary<string, (int Value, NetworkProvenance? Source)> values)
        {
            var explicitKeys = new HashSet<string>(options.Select(o => o.Key), StringComparer.Ordinal);
            foreach (SysctlConfiguration.Option o in options)
            {
                if (o.Value == null) continue; // "-key": only keeps globs away from the key.
                if (o.IsGlob)
                {
                    // glob(3) lists matches in name order: all, default, ..., lo.
                    foreach (string name in Interfaces)
                    {
                        string key = KeyOf(name);
                        if (explicitKeys.Contains(key) || !SysctlConfiguration.GlobMatches(o.Key, key)) continue;
                        Write(name, o, values);
                    }
                }
                else
                {
                    foreach (string name in Interfaces)
                    {
                        if (o.Key == KeyOf(name)) Write(name, o, values);
                    }
                }
            }
        }

        private static void Write(string name, SysctlConfiguration.Option o, Dictionary<string, (int Value, NetworkProvenance? Source)> values)
        {
            // systemd-sysctl reads the current value first and skips the write when the text is the same: then the kernel's
            // side effects (all's write reaching lo) do not happen either.
            if (o.Value == values[name].Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) return;
            int? v = ProcIntValue(o.Value!);
            if (v == null) return; // The kernel refuses the write; the value stays.
            var source = new NetworkProvenance(NetworkStateOrigin.ConfiguredIntent, o.Source, o.Line, o.Text);
            if (name == "all")
            {
                // addrconf: writing all.disable_ipv6 also writes default and every existing interface.
                foreach (string each in Interfaces) values[each] = (v.Value, source);
            }
            else
            {
                values[name] = (v.Value, source);
            }
        }

        private static string KeyOf(string interfaceName) => "net/ipv6/conf/" + interfaceName + "/disable_ipv6";

        /// <summary>
        /// What <c>proc_dointvec</c> stores for a written value: leading blanks skipped, an optional minus, a number in base 0
        /// (decimal, <c>0x</c> hex, <c>0</c> octal) ended by white space or the end; null when the kernel refuses the write.
        /// </summary>
        internal static int? ProcIntValue(string value)
        {
            string s = value.TrimStart(' ', '\t', '\n', '\r', '\v', '\f');
            int end = 0;
            while (end < s.Length && !char.IsWhiteSpace(s[end])) end++;
            string token = s.Substring(0, end);
            if (token.StartsWith("+", StringComparison.Ordinal)) return null;
            return KernelCommandLine.ParseInt(token);
        }

        private static NetworkProvenance Cite(CommandLine from, KernelCommandLine.Parameter p)
        {
            if (from.Where.Source != KernelCmdlineFile) return from.Where;
            // etc/kernel/cmdline may span lines: cite the one with the parameter.
            int line = 1, lineStart = 0;
            for (int i = 0; i < p.Offset; i++)
            {
                if (from.Text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            int end = from.Text.IndexOf('\n', lineStart);
            string text = (end < 0 ? from.Text.Substring(lineStart) : from.Text.Substring(lineStart, end - lineStart)).TrimEnd('\r');
            return new NetworkProvenance(NetworkStateOrigin.ConfiguredIntent, KernelCmdlineFile, line, text);
        }

        // GRUB's two variables make one command line (later words win across both); etc/kernel/cmdline is another.
        private static IEnumerable<List<CommandLine>> GroupByFile(List<CommandLine> sources)
        {
            var grub = sources.Where(s => s.Where.Source != KernelCmdlineFile).ToList();
            if (grub.Count > 0) yield return grub;
            var kernel = sources.Where(s => s.Where.Source == KernelCmdlineFile).ToList();
            if (kernel.Count > 0) yield return kernel;
        }

        private sealed class CommandLine
        {
            public CommandLine(string text, NetworkProvenance where)
            {
                Text = text;
                Where = where;
            }

            public string Text { get; }
            public NetworkProvenance Where { get; }
        }
    }
}
