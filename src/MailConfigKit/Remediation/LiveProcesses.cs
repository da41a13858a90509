using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>Which process holds a listening socket, and when a process started: read from this machine's <c>/proc</c>.</summary>
    internal static class LiveProcesses
    {
        private const string Proc = "/proc";

        // A host with more processes than this is scanned only this far; an owner beyond it is "not found", never a guess.
        private const int MaxProcesses = 100000;

        /// <summary>The inodes of LISTEN sockets that accept connections to <paramref name="endpoint"/>: the exact address, or a wildcard.</summary>
        public static HashSet<long> ListenerInodes(ListenEndpoint endpoint)
        {
            var inodes = new HashSet<long>();
            foreach (string table in new[] { "net/tcp", "net/tcp6" })
            {
                string path = Proc + "/" + table;
                IEnumerable<string> lines;
                try
                {
                    if (!File.Exists(path)) continue;
                    lines = File.ReadLines(path);
                    foreach (string line in lines)
                    {
                        ListeningSocket? socket = ProcNetParser.ParseTcpLine(line);
                        if (socket == null || socket.Port != endpoint.Port || !Accepts(socket, endpoint)) continue;
                        string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                        if (f.Length > 9 && long.TryParse(f[9], NumberStyles.None, CultureInfo.InvariantCulture, out long inode) && inode != 0) inodes.Add(inode);
                    }
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex))
                {
                    // Without the table the owner stays unknown, which verification reports.
                }
            }
            return inodes;
        }

        private static bool Accepts(ListeningSocket socket, ListenEndpoint endpoint)
        {
            if (socket.Address.Equals(endpoint.Address)) return true;
            if (socket.IsIPv6 && socket.Address.Equals(System.Net.IPAddress.IPv6Any)) return true; // [::] takes IPv4 too unless v6only
            return !socket.IsIPv6 && !endpoint.IsIPv6 && socket.Address.Equals(System.Net.IPAddress.Any);
        }

        /// <summary>The processes holding any of <paramref name="inodes"/>, and whether some process's fds could not be read (not root).</summary>
        public static List<int> Owners(HashSet<long> inodes, out bool incomplete)
        {
            incomplete = false;
            var owners = new List<int>();
            if (inodes.Count == 0) return owners;
            var wanted = new HashSet<string>(inodes.Select(i => "socket:[" + i.ToString(CultureInfo.InvariantCulture) + "]"), StringComparer.Ordinal);
            int seen = 0;
            IEnumerable<string> dirs;
            try
            {
                dirs = Directory.EnumerateDirectories(Proc).ToList();
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
                incomplete = true;
                return owners;
            }
            foreach (string dir in dirs)
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
                if (++seen > MaxProcesses)
                {
                    incomplete = true;
                    break;
                }
                try
                {
                    foreach (string fd in Directory.EnumerateFileSystemEntries(dir + "/fd"))
                    {
                        string? target = IO.UnixNative.ReadLink(fd);
                        if (target != null && wanted.Contains(target))
                        {
                            owners.Add(pid);
                            break;
                        }
                    }
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex))
                {
                    // Another user's process (not root), or one that just ended.
                    if (Directory.Exists(dir)) incomplete = true;
                }
            }
            return owners;
        }

        /// <summary>Whether process <paramref name="pid"/> exists now (a zombie counts as gone).</summary>
        public static bool IsAlive(int pid)
        {
            string? stat = ReadSmall(Proc + "/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
            if (stat == null) return false;
            string[]? f = FieldsAfterName(stat);
            return f != null && f.Length > 0 && f[0] != "Z" && f[0] != "X";
        }

        /// <summary>The process's name (<c>/proc/PID/comm</c>), null when it is gone.</summary>
        public static string? Name(int pid) => ReadSmall(Proc + "/" + pid.ToString(CultureInfo.InvariantCulture) + "/comm")?.TrimEnd('\n');

        /// <summary>When the process started (its <c>starttime</c> after <c>btime</c>; whole seconds of boot time), null when unknown.</summary>
        public static DateTimeOffset? StartTime(int pid)
        {
            string? stat = ReadSmall(Proc + "/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
            string? system = ReadSmall(Proc + "/stat");
            string[]? f = stat == null ? null : FieldsAfterName(stat);
            if (f == null || f.Length < 20 || system == null) return null;
            if (!long.TryParse(f[19], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)) return null;
            string? btimeLine = system.Split('\n').FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            if (btimeLine == null || !long.TryParse(btimeLine.Substring(6).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long btime)) return null;
            long hz = ClockTicksPerSecond();
            return DateTimeOffset.FromUnixTimeSeconds(btime).AddTicks(ticks * TimeSpan.TicksPerSecond / hz).ToLocalTime();
        }

        /// <summary>The pid in a pid file (<c>%10d\n</c> for Postfix, <c>%d\n</c> for exim) under the host root; null when missing or not a pid.</summary>
        public static int? ReadPidFile(MailHost host, string relativePath)
        {
            try
            {
                string? text = host.ReadText(relativePath, 64);
                return text != null && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : (int?)null;
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
            {
                return null;
            }
        }

        // The fields after "(comm)": the name may hold spaces and parentheses, so split after the last ')'.
        private static string[]? FieldsAfterName(string stat)
        {
            int close = stat.LastIndexOf(')');
            return close < 0 ? null : stat.Substring(close + 1).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        }

        private static string? ReadSmall(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
                return null;
            }
        }

        private static long _hz;

        private static long ClockTicksPerSecond()
        {
            if (_hz > 0) return _hz;
            long hz = 100; // USER_HZ on every Linux architecture .NET runs on
            try
            {
                long v = sysconf(ScClkTck);
                if (v > 0) hz = v;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                // Keep the Linux constant.
            }
            _hz = hz;
            return hz;
        }

        private const int ScClkTck = 2;

        [DllImport("libc", SetLastError = true)]
        private static extern long sysconf(int name);
    }
}
