using System;
using System.Collections.Generic;
using System.Text;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>
    /// Random Debian exim layouts for the effective-view differential: update-exim4.conf.conf variants (configtype, split,
    /// dc_local_interfaces spellings), local macros files (disable_ipv6 in its spellings, own MAIN_LOCAL_INTERFACES,
    /// ports, conditionals, continuation lines, comments, CRLF), and hand-written exim4.conf files with macros (names that
    /// contain each other, redefinitions), nested conditionals and relative includes. Some are broken on purpose.
    /// </summary>
    internal static class LayoutGenerator
    {
        private static readonly string[] Interfaces =
        {
            "127.0.0.1 ; ::1", "127.0.0.1", "", "127.0.0.1 : ::::1", "<; 127.0.0.1 ; ::1", "::1", "127.0.0.1.2525 ; ::1.2525",
            "  127.0.0.1   ;    ::1  ", "<; ::1 ; 127.0.0.1", "0.0.0.0", "192.0.2.7 ; ::1 ; 127.0.0.1", "LocalHost",
        };

        private static readonly string[] ConfigTypes = { "local", "local", "internet", "smarthost", "satellite", "none", "LOCAL" };

        private static readonly string[] MacroNames = { "LI", "LIST", "PORTS", "P", "IPV6", "MYMAC", "X", "XY", "DIS" };

        private static readonly string[] InterfaceValues = { "127.0.0.1", "<; 127.0.0.1 ; ::1", "127.0.0.1 : ::::1", "::0", "<; ::1", "0.0.0.0 : 127.0.0.1" };

        private static readonly string[] PortValues = { "25", "25 : 587", "smtp : 2525", "<; 25 ; 465", "2525" };

        private static readonly string[] BooleanLines =
        {
            "disable_ipv6 = true", "disable_ipv6=yes", "disable_ipv6", "no_disable_ipv6", "not_disable_ipv6", "disable_ipv6 = false",
            "disable_ipv6 = TRUE", "hide disable_ipv6 = true", "disable_ipv6 = no", "  disable_ipv6 = True  ", "disable_ipv6 =",
        };

        /// <summary>A layout with its own update-exim4.conf.conf.</summary>
        public static EximEffectiveDifferentialTests.Layout Next(Random r) => Next(r, NextConf(r));

        /// <summary>
        /// An update-exim4.conf.conf (configtype, split or not, dc_local_interfaces spellings, dc_minimaldns false, a
        /// macro line) and whether it selects the split configuration.
        /// </summary>
        public static (string Conf, bool Split) NextConf(Random r)
        {
            var conf = new StringBuilder();
            conf.Append("dc_eximconfig_configtype='").Append(Pick(r, ConfigTypes)).Append("'\n");
            bool split = r.Next(3) == 0;
            if (split) conf.Append("dc_use_split_config='").Append(r.Next(4) == 0 ? "TRUE" : "true").Append("'\n");
            else if (r.Next(2) == 0) conf.Append("dc_use_split_config='false'\n");
            if (r.Next(8) != 0) conf.Append("dc_local_interfaces='").Append(Pick(r, Interfaces)).Append("'\n");
            if (r.Next(6) == 0) conf.Append("dc_minimaldns='false'\n");
            if (r.Next(8) == 0) conf.Append("MAIN_LOCAL_INTERFACES=127.0.0.2\n");
            return (conf.ToString(), split);
        }

        /// <summary>
        /// A layout on a given update-exim4.conf.conf (the differential draws these from a pool, so that the script runs
        /// once per pool entry): a hand-written exim4.conf with includes, or local macros in the file the configuration
        /// reads (now and then in the one it ignores), or nothing else.
        /// </summary>
        public static EximEffectiveDifferentialTests.Layout Next(Random r, (string Conf, bool Split) debconf)
        {
            var files = new List<(string Path, string Text)>();
            bool split = debconf.Split ^ (r.Next(12) == 0);
            int kind = r.Next(10);
            if (kind < 3)
            {
                var inc = new List<(string, string)>();
                files.Add(("etc/exim4/exim4.conf", HandWritten(r, inc)));
                files.AddRange(inc);
            }
            else if (kind < 9)
            {
                string local = LocalMacros(r);
                files.Add((split ? "etc/exim4/conf.d/main/000_localmacros" : "etc/exim4/exim4.conf.localmacros", local));
            }
            return new EximEffectiveDifferentialTests.Layout(debconf.Conf, files);
        }

        private static string LocalMacros(Random r)
        {
            var lines = new List<string>();
            int n = r.Next(1, 6);
            bool crlf = r.Next(12) == 0;
            var used = new HashSet<int>();
            for (int i = 0; i < n; i++)
            {
                // Mostly one setting of each kind: exim refuses an option set twice and a macro defined twice with '='.
                int kind = r.Next(11);
                if (!used.Add(kind / 2) && r.Next(5) != 0) continue;
                switch (kind)
                {
                    case 0:
                    case 1:
                        lines.Add(Pick(r, BooleanLines));
                        break;
                    case 2:
                    case 3:
                        lines.Add("MAIN_LOCAL_INTERFACES " + (r.Next(5) == 0 ? "==" : "=") + " " + Pick(r, InterfaceValues));
                        break;
                    case 4:
                        lines.Add(".ifndef MAIN_LOCAL_INTERFACES");
                        lines.Add("MAIN_LOCAL_INTERFACES = " + Pick(r, InterfaceValues));
                        lines.Add(".endif");
                        break;
                    case 5:
                        lines.Add((r.Next(3) == 0 ? "daemon_smtp_port" : "daemon_smtp_ports") + " = " + Pick(r, PortValues));
                        break;
                    case 6:
                        lines.Add("# " + Pick(r, BooleanLines));
                        break;
                    case 7:
                        lines.Add(string.Empty);
                        break;
                    case 8:
                        lines.Add("MAIN_LOCAL_INTERFACES = 127.0.0.1 \\");
                        if (r.Next(2) == 0) lines.Add("# a comment inside the continuation");
                        lines.Add("   : ::::1");
                        break;
                    case 9:
                        lines.Add(".ifdef MAIN_LOCAL_INTERFACES");
                        lines.Add(Pick(r, BooleanLines));
                        lines.Add(r.Next(2) == 0 ? ".else" : ".endif");
                        if (lines[lines.Count - 1] == ".else")
                        {
                            lines.Add("daemon_smtp_ports = " + Pick(r, PortValues));
                            lines.Add(".endif");
                        }
                        break;
                    default:
                        lines.Add("local_interfaces = " + Pick(r, InterfaceValues));
                        break;
                }
            }
            string nl = crlf ? "\r\n" : "\n";
            return string.Join(nl, lines) + (r.Next(10) == 0 ? string.Empty : nl);
        }

        private static string HandWritten(Random r, List<(string, string)> includes)
        {
            var lines = new List<string>();
            var defined = new List<string>();
            int depth = 0;
            int n = r.Next(2, 14);
            var used = new HashSet<int>();
            for (int i = 0; i < n; i++)
            {
                int kind = r.Next(14);
                if ((kind >= 2 && kind <= 4 || kind == 9) && !used.Add(kind == 9 ? 2 : kind) && r.Next(5) != 0) continue;
                switch (kind)
                {
                    case 0:
                    case 1:
                    {
                        string name = Pick(r, MacroNames);
                        string value = r.Next(2) == 0 ? Pick(r, InterfaceValues) : Pick(r, PortValues);
                        bool redefine = defined.Contains(name) && r.Next(4) != 0;
                        lines.Add(name + (redefine ? " == " : " = ") + value);
                        defined.Add(name);
                        break;
                    }
                    case 2:
                        lines.Add("local_interfaces = " + (defined.Count > 0 && r.Next(2) == 0 ? Pick(r, defined) : Pick(r, InterfaceValues)));
                        break;
                    case 3:
                        lines.Add("daemon_smtp_ports = " + (defined.Count > 0 && r.Next(2) == 0 ? Pick(r, defined) : Pick(r, PortValues)));
                        break;
                    case 4:
                        lines.Add(Pick(r, BooleanLines));
                        break;
                    case 5:
                        if (depth < 4)
                        {
                            lines.Add((r.Next(2) == 0 ? ".ifdef " : ".ifndef ") + Pick(r, MacroNames));
                            depth++;
                        }
                        break;
                    case 6:
                        if (depth > 0) lines.Add(r.Next(3) == 0 ? ".elifdef " + Pick(r, MacroNames) : ".else");
                        break;
                    case 7:
                    case 8:
                        if (depth > 0)
                        {
                            lines.Add(".endif");
                            depth--;
                        }
                        break;
                    case 9:
                        lines.Add("local_interfaces = 127.0.0.1 \\");
                        if (r.Next(2) == 0) lines.Add("  # between");
                        lines.Add("  : " + (defined.Count > 0 ? Pick(r, defined) : "::::1"));
                        break;
                    case 10:
                    {
                        string name = "inc" + includes.Count;
                        lines.Add((r.Next(3) == 0 ? ".include_if_exists /nonexistent/mck-exim/" : ".include ") + name);
                        includes.Add(("etc/exim4/" + name, Pick(r, BooleanLines) + "\n" + (r.Next(2) == 0 ? "IPV6 = ::1\n" : string.Empty)));
                        break;
                    }
                    case 11:
                        lines.Add("# comment " + i);
                        break;
                    case 12:
                        lines.Add("primary_hostname = mail.example.org");
                        break;
                    default:
                        lines.Add(string.Empty);
                        break;
                }
            }
            while (depth-- > 0) lines.Add(".endif");
            if (r.Next(2) == 0) lines.Add("begin acl");
            return string.Join("\n", lines) + "\n";
        }

        private static string Pick(Random r, IReadOnlyList<string> list) => list[r.Next(list.Count)];
    }
}
