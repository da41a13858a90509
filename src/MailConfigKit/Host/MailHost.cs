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

        /// <summary>Whether a file exists at <paramref name="relativePath"/> (false when the path leads out of the root). See <see cref="Probe"/> to tell "missing" from "cannot be read".</summary>
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

        /// <summary>
        /// What is at <paramref name="relativePath"/>: nothing, a regular file, or something that cannot be read (with the
        /// reason: a FIFO or a device, a folder, permission denied, a link loop or a link out of the root). Never throws for
        /// what is on disk.
        /// </summary>
        public HostFileStatus Probe(string relativePath)
        {
            try
            {
                return new HostFileStatus(relativePath, RegularFile.Exists(GetPath(relativePath)) ? HostFileState.RegularFile : HostFileState.Missing, null);
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                return Unreadable(relativePath, ex);
            }
        }

        /// <summary>The status that says <paramref name="relativePath"/> could not be read because of <paramref name="failure"/>.</summary>
        public static HostFileStatus Unreadable(string relativePath, Exception failure)
        {
            if (failure == null) throw new ArgumentNullException(nameof(failure));
            return new HostFileStatus(relativePath, HostFileState.Unreadable, failure.Message);
        }

        /// <summary>
        /// Whether <paramref name="ex"/> is a failure to read something on disk (refused, unreadable, out of the root) rather
        /// than a bug: these are reported as "could not be read", never as absent.
        /// </summary>
        public static bool IsReadFailure(Exception ex) => ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException;

        /// <summary>The bytes of a configuration file (at most <see cref="RegularFile.ConfigurationLimit"/>), or null when it does not exist.</summary>
        /// <exception cref="HostPathException">The path leads out of the root, or its links loop.</exception>
        /// <exception cref="UnreadableFileException">Something other than a regular file is there, it is too large, or it cannot be opened.</exception>
        public byte[]? ReadBytes(string relativePath) => ReadBytes(relativePath, RegularFile.ConfigurationLimit);

        /// <summary>The bytes of a file, at most <paramref name="maxBytes"/>, or null when it does not exist.</summary>
        /// <exception cref="HostPathException">The path leads out of the root, or its links loop.</exception>
        /// <exception cref="UnreadableFileException">Something other than a regular file is there, it is too large, or it cannot be opened.</exception>
        public byte[]? ReadBytes(string relativePath, long maxBytes)
        {
            string path = GetPath(relativePath);
            try
            {
                // The path is resolved already: a link that appears in its place now is a race, refused.
                return RegularFile.ReadAllBytes(path, maxBytes, followLastLink: false);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
        }

        /// <summary>The text of a configuration-sized file (UTF-8, invalid bytes replaced), or null when it does not exist. For logs and kernel tables, not for editing.</summary>
        /// <exception cref="HostPathException">The path leads out of the root, or its links loop.</exception>
        /// <exception cref="UnreadableFileException">Something other than a regular file is there, it is too large, or it cannot be opened.</exception>
        public string? ReadText(string relativePath) => ReadText(relativePath, RegularFile.ConfigurationLimit);

        /// <summary>The text of a file of at most <paramref name="maxBytes"/> (UTF-8, invalid bytes replaced), or null when it does not exist.</summary>
        /// <exception cref="HostPathException">The path leads out of the root, or its links loop.</exception>
        /// <exception cref="UnreadableFileException">Something other than a regular file is there, it is too large, or it cannot be opened.</exception>
        public string? ReadText(string relativePath, long maxBytes)
        {
            byte[]? bytes = ReadBytes(relativePath, maxBytes);
            return bytes == null ? null : new System.Text.UTF8Encoding(false, false).GetString(bytes);
        }

        /// <summary>
        /// Whether the host has a Postfix configuration: <c>etc/postfix/main.cf</c> is there, or something is there that
        /// cannot be read (then <see cref="LoadMainCf"/> says why): what cannot be read must not pass for absent.
        /// </summary>
        public bool HasPostfix => Probe(HostPaths.PostfixMainCf).State != HostFileState.Missing;

        /// <summary>
        /// Whether the host has Debian's exim4 configuration (<c>etc/exim4/update-exim4.conf.conf</c>, or a hand-written
        /// <c>etc/exim4/exim4.conf</c>, which exim then uses instead), with the same rule as <see cref="HasPostfix"/>.
        /// </summary>
        public bool HasExim4 => Probe(HostPaths.Exim4UpdateConf).State != HostFileState.Missing || Probe(HostPaths.Exim4HandWrittenConf).State != HostFileState.Missing;

        /// <summary><c>etc/postfix/main.cf</c>, or null when the host has none.</summary>
        /// <exception cref="IOException">It cannot be read (<see cref="UnreadableFileException"/>, <see cref="HostPathException"/>).</exception>
        public MainCf? LoadMainCf()
        {
            byte[]? bytes = ReadBytes(HostPaths.PostfixMainCf);
            return bytes == null ? null : MainCf.FromBytes(bytes, HostPaths.PostfixMainCf);
        }

        /// <summary><c>etc/postfix/master.cf</c>, or null when the host has none.</summary>
        /// <exception cref="IOException">It cannot be read (<see cref="UnreadableFileException"/>, <see cref="HostPathException"/>).</exception>
        public MasterCf? LoadMasterCf()
        {
            byte[]? bytes = ReadBytes(HostPaths.PostfixMasterCf);
            return bytes == null ? null : MasterCf.FromBytes(bytes, HostPaths.PostfixMasterCf);
        }

        /// <summary><c>etc/exim4/update-exim4.conf.conf</c>, or null when the host has none.</summary>
        /// <exception cref="IOException">It cannot be read (<see cref="UnreadableFileException"/>, <see cref="HostPathException"/>).</exception>
        public UpdateExim4Conf? LoadExim4Conf()
        {
            byte[]? bytes = ReadBytes(HostPaths.Exim4UpdateConf);
            return bytes == null ? null : UpdateExim4Conf.FromBytes(bytes, HostPaths.Exim4UpdateConf);
        }

        /// <summary>
        /// The configuration exim loads on this host, read as exim reads it (see <see cref="EximEffectiveConfiguration"/>):
        /// <c>etc/exim4/exim4.conf</c>, or what update-exim4.conf generates. Never throws for what is in the files.
        /// </summary>
        public EximEffectiveConfiguration ReadEximConfiguration() => EximEffectiveConfiguration.Read(new HostEximFiles(this));

        /// <summary><c>etc/hosts</c>, or null when absent.</summary>
        /// <exception cref="IOException">It cannot be read (<see cref="UnreadableFileException"/>, <see cref="HostPathException"/>).</exception>
        public HostsFile? LoadHosts()
        {
            string? text = ReadText(HostPaths.Hosts);
            return text == null ? null : HostsFile.Parse(text, HostPaths.Hosts);
        }

        /// <summary>
        /// Reads the network state from the root's <c>proc/</c> (see <see cref="HostNetworkState"/>). Never throws for what
        /// is on disk: a file that cannot be read is listed in <see cref="HostNetworkState.Unreadable"/>, and what it would
        /// have told is unknown (never "absent").
        /// </summary>
        public HostNetworkState ReadNetwork()
        {
            var problems = new List<HostFileStatus>();
            HostFileState ifInet6State = TryReadText(HostPaths.ProcIfInet6, RegularFile.KernelTableLimit, problems, out string? ifInet6);
            var listening = new List<ListeningSocket>();
            HostFileState tcpState = ReadSockets(HostPaths.ProcTcp, listening, problems);
            HostFileState tcp6State = ReadSockets(HostPaths.ProcTcp6, listening, problems);
            bool hasProcNet = ifInet6State != HostFileState.Missing || tcpState != HostFileState.Missing || tcp6State != HostFileState.Missing
                || FolderExists("proc/net", problems);
            var disabled = new Dictionary<string, bool>(StringComparer.Ordinal);
            var unreadableInterfaces = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in InterfaceFolders(problems))
            {
                string relative = HostPaths.ProcIpv6Conf + "/" + name + "/disable_ipv6";
                HostFileState state = TryReadText(relative, RegularFile.KernelValueLimit, problems, out string? value);
                if (state == HostFileState.Unreadable) unreadableInterfaces.Add(name);
                else if (value != null) disabled[name] = value.Trim() == "1";
            }
            var addresses = ifInet6 == null ? new List<Ipv6InterfaceAddress>() : ProcNetParser.ParseIfInet6(ifInet6);
            return new HostNetworkState(hasProcNet, ifInet6State, disabled, unreadableInterfaces, addresses, listening, problems);
        }

        // A busy server lists every connection in proc/net/tcp (about 150 bytes each): 64 MiB is over 400,000 sockets,
        // read as a stream, so only the listening ones are kept.
        private const long SocketTableLimit = 64L * 1024 * 1024;

        // More interface folders than this is not a host but a crafted tree; the rest are not read.
        private const int MaxInterfaces = 4096;

        private HostFileState TryReadText(string relativePath, long maxBytes, List<HostFileStatus> problems, out string? text)
        {
            text = null;
            try
            {
                text = ReadText(relativePath, maxBytes);
                return text == null ? HostFileState.Missing : HostFileState.RegularFile;
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                problems.Add(Unreadable(relativePath, ex));
                return HostFileState.Unreadable;
            }
        }

        private HostFileState ReadSockets(string relativePath, List<ListeningSocket> listening, List<HostFileStatus> problems)
        {
            try
            {
                Stream? stream = OpenForStreaming(GetPath(relativePath));
                if (stream == null) return HostFileState.Missing;
                using (var reader = new LogLineReader(stream))
                {
                    long total = 0;
                    while (reader.TryReadLine(out string line, out _, out long length))
                    {
                        total += length + 1;
                        if (total > SocketTableLimit)
                        {
                            problems.Add(new HostFileStatus(relativePath, HostFileState.Unreadable,
                                "Cannot read all of " + relativePath + ": it is larger than the " + (SocketTableLimit >> 20) + " MiB allowed for it; only its start was read."));
                            return HostFileState.Unreadable;
                        }
                        ListeningSocket? socket = ProcNetParser.ParseTcpLine(line);
                        if (socket != null) listening.Add(socket);
                    }
                }
                return HostFileState.RegularFile;
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                problems.Add(Unreadable(relativePath, ex));
                return HostFileState.Unreadable;
            }
        }

        private bool FolderExists(string relativePath, List<HostFileStatus> problems)
        {
            try
            {
                return Directory.Exists(GetPath(relativePath));
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                problems.Add(Unreadable(relativePath, ex));
                return true;
            }
        }

        private List<string> InterfaceFolders(List<HostFileStatus> problems)
        {
            var names = new List<string>();
            try
            {
                string conf = GetPath(HostPaths.ProcIpv6Conf);
                if (!Directory.Exists(conf)) return names;
                foreach (string dir in Directory.EnumerateDirectories(conf))
                {
                    if (names.Count == MaxInterfaces)
                    {
                        problems.Add(new HostFileStatus(HostPaths.ProcIpv6Conf, HostFileState.Unreadable,
                            HostPaths.ProcIpv6Conf + " has more than " + MaxInterfaces + " interface folders; only the first " + MaxInterfaces + " were read."));
                        break;
                    }
                    names.Add(Path.GetFileName(dir));
                }
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                problems.Add(Unreadable(HostPaths.ProcIpv6Conf, ex));
            }
            return names;
        }

        /// <summary>
        /// The lines of a log file, streamed with bounded memory (a line longer than <see cref="LogLine.MaxBytes"/> is cut
        /// short and marked, see <see cref="LogLine.IsTruncated"/>); lines end at <c>\n</c>, one <c>\r</c> before it is dropped,
        /// invalid UTF-8 becomes U+FFFD. Empty when the file does not exist.
        /// </summary>
        /// <remarks>The file is opened when the enumeration starts, so the exceptions below come from enumerating.</remarks>
        /// <exception cref="HostPathException">The path leads out of the root, or its links loop.</exception>
        /// <exception cref="UnreadableFileException">Something other than a regular file is there (a FIFO would block forever), or it cannot be opened.</exception>
        public IEnumerable<LogLine> ReadLog(string relativePath)
        {
            Stream? stream = OpenForStreaming(GetPath(relativePath));
            if (stream == null) yield break;
            using (var reader = new LogLineReader(stream))
            {
                int n = 0;
                while (reader.TryReadLine(out string text, out bool truncated, out long length))
                {
                    // Past two billion lines the number saturates rather than going negative.
                    if (n < int.MaxValue) n++;
                    yield return new LogLine(relativePath, n, text, truncated, length);
                }
            }
        }

        private static Stream? OpenForStreaming(string path)
        {
            try
            {
                return RegularFile.OpenRead(path, followLastLink: false);
            }
            catch (FileNotFoundException)
            {
                return null;
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
