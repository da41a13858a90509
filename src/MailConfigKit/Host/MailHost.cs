using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailConfigKit.Exim4;
using MailConfigKit.IO;
using MailConfigKit.Postfix;

namespace MailConfigKit.Host
{
    /// <summary>
    /// A mail host seen through its root folder: <c>/</c> for the live system, or any folder holding a host's tree (an
    /// image, a container's root file system, a captured snapshot). Files are at their Debian paths under the root
    /// (<see cref="HostPaths"/>), and no path ever leads out of it (see <see cref="GetPath"/>). Nothing is cached: each
    /// call reads the files as they are now, so plans are made from current text.
    /// </summary>
    public sealed class MailHost
    {
        private MailHost(string root)
        {
            Root = root;
        }

        /// <summary>The root folder, absolute, without a trailing separator (except <c>/</c> itself).</summary>
        public string Root { get; }

        /// <summary>Whether this is the running system (root <c>/</c>), where service actions may run.</summary>
        public bool IsLiveSystem => Root == "/";

        /// <summary>Opens the host whose tree is under <paramref name="root"/>.</summary>
        /// <exception cref="DirectoryNotFoundException">The root is not a folder.</exception>
        public static MailHost Open(string root)
        {
            if (root == null) throw new ArgumentNullException(nameof(root));
            if (root.Length == 0) throw new ArgumentException("The host root is empty; use \"/\" for the live system.", nameof(root));
            string full = Path.GetFullPath(root);
            if (!Directory.Exists(full)) throw new DirectoryNotFoundException("The host root " + full + " is not a folder.");
            // The root itself may be a link (a mounted image under /run/...); everything after it is confined.
            string canonical = UnixNative.IsUnix ? UnixNative.RealPath(full) ?? full : full;
            if (canonical.Length > 1) canonical = canonical.TrimEnd('/', Path.DirectorySeparatorChar);
            return new MailHost(canonical.Length == 0 ? "/" : canonical);
        }

        /// <summary>
        /// The absolute path of <paramref name="relativePath"/> under the root, with symbolic links resolved as the host
        /// would (an absolute link target starts again at the root).
        /// </summary>
        /// <exception cref="HostPathException">The path climbs out of the root (through <c>..</c> or a link), or its links loop.</exception>
        public string GetPath(string relativePath) => RootedPath.Resolve(Root, relativePath);

        /// <summary>Whether a file exists at <paramref name="relativePath"/> (false when the path leads out of the root).</summary>
        public bool FileExists(string relativePath)
        {
            try
            {
                return File.Exists(GetPath(relativePath));
            }
            catch (HostPathException)
            {
                return false;
            }
        }

        /// <summary>The bytes of a file, or null when it does not exist.</summary>
        /// <exception cref="HostPathException">The path leads out of the root.</exception>
        public byte[]? ReadBytes(string relativePath)
        {
            string path = GetPath(relativePath);
            return File.Exists(path) ? AtomicFile.ReadAllBytes(path) : null;
        }

        /// <summary>The text of a file (UTF-8, invalid bytes replaced), or null when it does not exist. For logs and kernel tables, not for editing.</summary>
        public string? ReadText(string relativePath)
        {
            byte[]? bytes = ReadBytes(relativePath);
            return bytes == null ? null : new System.Text.UTF8Encoding(false, false).GetString(bytes);
        }

        /// <summary>Whether the host has a Postfix configuration (<c>etc/postfix/main.cf</c>).</summary>
        public bool HasPostfix => FileExists(HostPaths.PostfixMainCf);

        /// <summary>Whether the host has Debian's exim4 configuration (<c>etc/exim4/update-exim4.conf.conf</c>).</summary>
        public bool HasExim4 => FileExists(HostPaths.Exim4UpdateConf);

        /// <summary><c>etc/postfix/main.cf</c>, or null when the host has none.</summary>
        public MainCf? LoadMainCf()
        {
            byte[]? bytes = ReadBytes(HostPaths.PostfixMainCf);
            return bytes == null ? null : MainCf.FromBytes(bytes, HostPaths.PostfixMainCf);
        }

        /// <summary><c>etc/postfix/master.cf</c>, or null when the host has none.</summary>
        public MasterCf? LoadMasterCf()
        {
            byte[]? bytes = ReadBytes(HostPaths.PostfixMasterCf);
            return bytes == null ? null : MasterCf.FromBytes(bytes, HostPaths.PostfixMasterCf);
        }

        /// <summary><c>etc/exim4/update-exim4.conf.conf</c>, or null when the host has none.</summary>
        public UpdateExim4Conf? LoadExim4Conf()
        {
            byte[]? bytes = ReadBytes(HostPaths.Exim4UpdateConf);
            return bytes == null ? null : UpdateExim4Conf.FromBytes(bytes, HostPaths.Exim4UpdateConf);
        }

        /// <summary><c>etc/hosts</c>, or null when absent.</summary>
        public HostsFile? LoadHosts()
        {
            string? text = ReadText(HostPaths.Hosts);
            return text == null ? null : HostsFile.Parse(text, HostPaths.Hosts);
        }

        /// <summary>Reads the network state from the root's <c>proc/</c> (see <see cref="HostNetworkState"/>).</summary>
        public HostNetworkState ReadNetwork()
        {
            string? ifInet6 = ReadText(HostPaths.ProcIfInet6);
            string? tcp = ReadText(HostPaths.ProcTcp);
            string? tcp6 = ReadText(HostPaths.ProcTcp6);
            bool hasProcNet = ifInet6 != null || tcp != null || tcp6 != null || Directory.Exists(GetPath("proc/net"));
            var disabled = new Dictionary<string, bool>(StringComparer.Ordinal);
            string conf = GetPath(HostPaths.ProcIpv6Conf);
            if (Directory.Exists(conf))
            {
                foreach (string dir in Directory.GetDirectories(conf))
                {
                    string name = Path.GetFileName(dir);
                    string? value = ReadText(HostPaths.ProcIpv6Conf + "/" + name + "/disable_ipv6");
                    if (value != null) disabled[name] = value.Trim() == "1";
                }
            }
            var listening = new List<ListeningSocket>();
            if (tcp != null) listening.AddRange(ProcNetParser.ParseTcp(tcp));
            if (tcp6 != null) listening.AddRange(ProcNetParser.ParseTcp(tcp6));
            var addresses = ifInet6 == null ? new List<Ipv6InterfaceAddress>() : ProcNetParser.ParseIfInet6(ifInet6);
            return new HostNetworkState(hasProcNet, ifInet6 != null, disabled, addresses, listening);
        }

        /// <summary>The lines of a log file, read lazily (logs can be large); empty when the file does not exist.</summary>
        public IEnumerable<LogLine> ReadLog(string relativePath)
        {
            string path = GetPath(relativePath);
            if (!File.Exists(path)) yield break;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: false))
            {
                int n = 0;
                string? line;
                while ((line = reader.ReadLine()) != null) yield return new LogLine(relativePath, ++n, line);
            }
        }

        /// <summary>The mail log, oldest first: <c>var/log/mail.log.1</c> then <c>var/log/mail.log</c>.</summary>
        public IEnumerable<LogLine> ReadMailLog() => ReadLog(HostPaths.MailLogPrevious).Concat(ReadLog(HostPaths.MailLog));

        /// <summary>The lines of exim's <c>var/log/exim4/paniclog</c>.</summary>
        public IEnumerable<LogLine> ReadEximPaniclog() => ReadLog(HostPaths.Exim4Paniclog);

        /// <summary>The root.</summary>
        public override string ToString() => Root;
    }
}
