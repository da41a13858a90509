using System;
using System.Collections.Generic;
using System.IO;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// Copies a namespace's network view of <c>/proc</c> into a host tree's <c>proc/</c>, where <c>MailHost.ReadNetwork</c>
    /// reads it (MailHost reads proc/ from its root, never from the test process's own /proc).
    /// </summary>
    public static class ProcSnapshot
    {
        private const string Marker = "=== ";

        // Read inside the namespace: /proc/net and /proc/sys/net show the network namespace of the reading process.
        private const string Script =
            "cd /proc && for f in net/if_inet6 net/tcp net/tcp6 sys/net/ipv6/conf/*/disable_ipv6; do "
            + "[ -e \"$f\" ] && { echo \"" + Marker + "$f\"; cat \"$f\"; }; done; true";

        /// <summary>
        /// Replaces <paramref name="treeRoot"/>/proc with <c>net/if_inet6</c>, <c>net/tcp</c>, <c>net/tcp6</c> and
        /// <c>sys/net/ipv6/conf/*/disable_ipv6</c> as the namespace shows them now. Call again after a daemon starts or stops.
        /// </summary>
        public static void SnapshotProc(this NetNamespace ns, string treeRoot)
        {
            var output = ns.ExecChecked("/bin/sh", new[] { "-c", Script }, new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null }).Stdout;
            var proc = Path.Combine(treeRoot, "proc");
            if (Directory.Exists(proc))
            {
                Directory.Delete(proc, recursive: true);
            }

            string? current = null;
            var content = new System.Text.StringBuilder();
            foreach (var line in (output + Marker + "\n").Split('\n'))
            {
                if (line.StartsWith(Marker, StringComparison.Ordinal))
                {
                    if (current != null)
                    {
                        var path = Path.Combine(proc, current);
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        File.WriteAllText(path, content.ToString());
                    }

                    current = line.Substring(Marker.Length).Trim();
                    current = current.Length == 0 ? null : current;
                    content.Clear();
                }
                else if (current != null)
                {
                    content.Append(line).Append('\n');
                }
            }
        }
    }
}
