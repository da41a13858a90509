using System;
using System.Collections.Generic;
using System.Linq;

namespace MailDoctor
{
    /// <summary>
    /// The command line, parsed by hand: six flags do not justify a parser dependency, and a hand-rolled parser can
    /// refuse every ambiguity (unknown or repeated options, <c>--root</c> without a value) with one clear message.
    /// </summary>
    internal sealed class DoctorArguments
    {
        public const string Usage =
            "usage: MailDoctor [--root DIR] [--demo] [--apply] [--restart] [--json] [--no-dns] [--dns-server IP]... [--skip ID]... [--list-checks] [--capture-proc DIR]\n"
            + "  --root DIR  the host root to examine (default /; an image or snapshot folder works too)\n"
            + "  --demo      examine a bundled demo host (a copy in a temp folder): exim without IPv6, Gmail refusing IPv6 mail\n"
            + "  --apply     write the planned changes (a backup of each original is kept next to it)\n"
            + "  --restart   with --root / only: also run the service actions, check the daemon listens, clear exim's paniclog (implies --apply)\n"
            + "  --json      print one JSON document on stdout instead of text\n"
            + "  --no-dns    skip the DNS checks (PTR, SPF, DKIM of the addresses and domains Postfix sends from)\n"
            + "  --dns-server IP  ask this DNS server (repeatable, in order) instead of the root's etc/resolv.conf\n"
            + "  --skip ID   do not run the check ID (repeatable, or ID,ID); --list-checks shows the ids\n"
            + "  --list-checks  list the registered checks and the finding ids each can report, then exit\n"
            + "  --capture-proc DIR  write a snapshot of this machine's network state (the proc/ files the checks read, and a\n"
            + "              marker: when, which host) into DIR/proc, so that --root DIR reports it as \"snapshot taken at ...\"; then exit\n"
            + "exit codes: 0 nothing needs to change and nothing says mail is down (or everything was applied and verified),\n"
            + "  1 changes planned (dry run), a restart pending, mail down (a daemon that does not greet, a note of a failed start)\n"
            + "  or a problem only a person can fix (a finding without a planned fix, a file that could not be read), 2 error";

        public string Root { get; private set; } = "/";
        public bool RootGiven { get; private set; }
        public bool Demo { get; private set; }
        public bool Apply { get; private set; }
        public bool Restart { get; private set; }
        public bool Json { get; private set; }
        public bool NoDns { get; private set; }
        public bool Help { get; private set; }
        public bool ListChecks { get; private set; }

        /// <summary>The folder <c>--capture-proc</c> writes the snapshot under, or null.</summary>
        public string? CaptureProc { get; private set; }

        /// <summary>The DNS servers named by <c>--dns-server</c>, in order, each once (none: the root's etc/resolv.conf).</summary>
        public List<System.Net.IPAddress> DnsServers { get; } = new List<System.Net.IPAddress>();

        /// <summary>The check ids named by <c>--skip</c>, in order, each once.</summary>
        public List<string> Skip { get; } = new List<string>();

        /// <summary>The parsed arguments, or the reason they are refused (never both).</summary>
        public static (DoctorArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
        {
            var result = new DoctorArguments();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < args.Count; i++)
            {
                string arg = args[i];
                string name = arg;
                string? inlineValue = null;
                int eq = arg.IndexOf('=');
                if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
                {
                    name = arg.Substring(0, eq);
                    inlineValue = arg.Substring(eq + 1);
                }
                // --skip may repeat (one check each); every other option twice is ambiguous.
                if (!seen.Add(name) && name != "--skip" && name != "--dns-server") return (null, "option " + name + " is given twice");
                if (inlineValue != null && name != "--root" && name != "--skip" && name != "--capture-proc" && name != "--dns-server") return (null, "option " + name + " takes no value");
                switch (name)
                {
                    case "--root":
                        string? value = inlineValue;
                        if (value == null)
                        {
                            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return (null, "option --root needs a folder");
                            value = args[++i];
                        }
                        if (value.Length == 0) return (null, "option --root needs a folder (use / for this host)");
                        result.Root = value;
                        result.RootGiven = true;
                        break;
                    case "--skip":
                        string? ids = inlineValue;
                        if (ids == null)
                        {
                            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return (null, "option --skip needs a check id (see --list-checks)");
                            ids = args[++i];
                        }
                        foreach (string id in ids.Split(','))
                        {
                            string trimmed = id.Trim();
                            if (trimmed.Length == 0) return (null, "option --skip needs a check id (see --list-checks)");
                            if (!result.Skip.Contains(trimmed)) result.Skip.Add(trimmed);
                        }
                        break;
                    case "--capture-proc":
                        string? dir = inlineValue;
                        if (dir == null)
                        {
                            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return (null, "option --capture-proc needs a folder");
                            dir = args[++i];
                        }
                        if (dir.Length == 0) return (null, "option --capture-proc needs a folder");
                        result.CaptureProc = dir;
                        break;
                    case "--dns-server":
                        string? server = inlineValue;
                        if (server == null)
                        {
                            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return (null, "option --dns-server needs an IP address");
                            server = args[++i];
                        }
                        if (!System.Net.IPAddress.TryParse(server, out System.Net.IPAddress? address) || (server.IndexOf(':') < 0 && server.Split('.').Length != 4))
                            return (null, "option --dns-server needs an IP address, not \"" + server + "\"");
                        if (!result.DnsServers.Contains(address)) result.DnsServers.Add(address);
                        break;
                    case "--list-checks": result.ListChecks = true; break;
                    case "--demo": result.Demo = true; break;
                    case "--apply": result.Apply = true; break;
                    case "--restart": result.Restart = true; result.Apply = true; break;
                    case "--json": result.Json = true; break;
                    case "--no-dns": result.NoDns = true; break;
                    case "--help":
                    case "-h":
                        result.Help = true;
                        break;
                    default:
                        return (null, arg.StartsWith("-", StringComparison.Ordinal) ? "unknown option " + arg : "unexpected argument " + arg);
                }
            }
            foreach (string id in result.Skip)
            {
                if (!MailConfigKit.Diagnosis.MailDiagnosis.Checks.Any(c => c.Id == id)) return (null, "--skip " + id + ": there is no such check (--list-checks shows them)");
            }
            // A capture reads this machine's /proc and writes a snapshot; it examines nothing, so nothing else goes with it.
            if (result.CaptureProc != null && (result.Demo || result.Apply || result.Json || result.Skip.Count > 0 || (result.RootGiven && System.IO.Path.GetFullPath(result.Root) != "/")))
                return (null, "--capture-proc captures this machine's network state and exits; it goes with no other option (but --root /)");
            if (result.NoDns && result.DnsServers.Count > 0) return (null, "--dns-server names a server for the DNS checks, which --no-dns turns off");
            if (result.Demo && result.RootGiven) return (null, "--demo examines its own copy of the demo host; it cannot be combined with --root");
            // Service actions run commands on this machine; on any other root they would restart the wrong daemons.
            if (result.Restart && (result.Demo || System.IO.Path.GetFullPath(result.Root) != "/"))
                return (null, "--restart runs service commands on this machine, so it works only with --root / (the live system)");
            return (result, null);
        }
    }
}
