using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Host
{
    /// <summary>
    /// The real systemd-sysctl (Debian 12's systemd 252) run on a host tree: in a private mount and network namespace
    /// (<c>unshare -m -n</c>), the tree's <c>etc/sysctl.d</c>, <c>run/sysctl.d</c>, <c>usr/local/lib/sysctl.d</c>,
    /// <c>usr/lib/sysctl.d</c> and <c>etc/sysctl.conf</c> are mounted where systemd-sysctl looks (an empty folder or file
    /// where the tree has none), it applies them to the fresh namespace's kernel, and the kernel's
    /// <c>disable_ipv6</c> of all, default and lo are read back. Root only. (<c>lib/sysctl.d</c> is not covered: on this
    /// merged-/usr machine <c>/lib</c> is <c>/usr/lib</c>.)
    /// </summary>
    public static class SystemdSysctlOracle
    {
        public const string Binary = "/lib/systemd/systemd-sysctl";

        private static readonly Lazy<string?> Missing = new(Provision);

        public static void Require()
        {
            if (!Environment.IsPrivilegedProcess) throw OracleTools.Unavailable("systemd-sysctl in a private namespace needs root", OracleTools.IsCi, null);
            if (Missing.Value != null) throw OracleTools.Unavailable(Missing.Value, OracleTools.IsCi, null);
        }

        private static string? Provision()
        {
            if (File.Exists(Binary) && File.Exists("/usr/bin/unshare")) return null;
            // Debian's systemd package has it; util-linux has unshare.
            ProcessRunner.Run("apt-get", new[] { "update", "-qq" }, timeout: TimeSpan.FromMinutes(5));
            ProcessResult r = ProcessRunner.Run("apt-get", new[] { "install", "-y", "-qq", "systemd", "util-linux" },
                env: new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" }, timeout: TimeSpan.FromMinutes(10));
            return File.Exists(Binary) ? null : "cannot provision systemd-sysctl: " + r;
        }

        /// <summary>The values systemd-sysctl leaves, keyed all, default, lo, and its debug log.</summary>
        public static (Dictionary<string, int> Values, string Log) Run(string treeRoot)
        {
            Require();
            const string script = @"
set -e
T=$1
mount --make-rprivate /
bind() { if [ -e ""$T/$1"" ]; then mount --bind ""$T/$1"" ""/$1""; else mount -t tmpfs none ""/$1""; fi; }
bind etc/sysctl.d
bind usr/lib/sysctl.d
mount -t tmpfs none /run
mkdir /run/sysctl.d
bind run/sysctl.d
mount -t tmpfs none /usr/local/lib
mkdir /usr/local/lib/sysctl.d
bind usr/local/lib/sysctl.d
if [ -e ""$T/etc/sysctl.conf"" ]; then mount --bind ""$T/etc/sysctl.conf"" /etc/sysctl.conf; else mount --bind /dev/null /etc/sysctl.conf; fi
before=$(cat /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6 /proc/sys/net/ipv6/conf/lo/disable_ipv6 | tr '\n' ' ')
[ ""$before"" = '0 0 0 ' ] || { echo ""fresh namespace is not at 0 0 0: $before"" >&2; exit 3; }
SYSTEMD_LOG_LEVEL=debug SYSTEMD_LOG_TARGET=console " + Binary + @" 2>&1 || true
echo @@values
cat /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6 /proc/sys/net/ipv6/conf/lo/disable_ipv6
";
            ProcessResult r = ProcessRunner.Run("/usr/bin/unshare", new[] { "-m", "-n", "/bin/sh", "-c", script, "sh", treeRoot });
            if (r.ExitCode != 0) throw new InvalidOperationException("the systemd-sysctl oracle failed: " + r);
            string[] parts = r.Stdout.Split("@@values\n");
            string[] v = parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var values = new Dictionary<string, int> { ["all"] = int.Parse(v[0]), ["default"] = int.Parse(v[1]), ["lo"] = int.Parse(v[2]) };
            return (values, parts[0]);
        }
    }
}
