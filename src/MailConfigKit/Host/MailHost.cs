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
        private HostTimeZone? _timeZone;

        private MailHost(string root)
        {
            Root = root;
        }

        /// <summary>The root folder, absolute, without a trailing separator (except <c>/</c> itself).</summary>
        public string Root { get; }

        /// <summary>
        /// The host's time zone (from its <c>etc/localtime</c>, read once), in which log stamps without an offset are read;
        /// UTC with a note when it is unknown.
        /// </summary>
        public HostTimeZone TimeZone => _timeZone ??= HostTimeZone.Read(this);

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
        /// Reads the network state (see <see cref="HostNetworkState"/>) with its provenance: the live <c>/proc</c> when the root
        /// is <c>/</c>; under any other root, a snapshot (<see cref="CaptureNetworkState"/>) or other <c>proc/</c> files there,
        /// but never a live procfs mounted under it (it shows the reader's own network: noted and not used); and when
        /// <c>proc/</c> gives no evidence, the image's configured intent (<see cref="ReadIpv6Intent"/>). Never throws for what
        /// is on disk: a file that cannot be read is listed in <see cref="HostNetworkState.Unreadable"/>, and what it would
        /// have told is unknown (never "absent").
        /// </summary>
        public HostNetworkState ReadNetwork()
        {
            var problems = new List<HostFileStatus>();
            var facts = new HostNetworkState.ProcFacts();
            if (!IsLiveSystem && IsLiveProcfs("proc"))
            {
                facts.ProcIsReadersLiveProcfs = true;
                facts.Notes.Add("proc/ under " + Root + " is a live procfs: it shows the network of the process reading it, not this image's; it is not used");
                facts.Intent = ReadIpv6Intent();
                facts.Notes.AddRange(facts.Intent.Notes);
                problems.AddRange(facts.Intent.Unreadable);
                return new HostNetworkState(false, HostFileState.Missing, new Dictionary<string, bool>(), new HashSet<string>(), new List<Ipv6InterfaceAddress>(),
                    new List<ListeningSocket>(), problems, facts);
            }
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
            if (hasProcNet)
            {
                facts.Origin = IsLiveSystem ? NetworkStateOrigin.LiveProc : NetworkStateOrigin.UnmarkedProc;
                if (!IsLiveSystem && TryReadText(ProcSnapshotMarker.RelativePath, RegularFile.KernelValueLimit, problems, out string? marker) == HostFileState.RegularFile)
                {
                    facts.Snapshot = ProcSnapshotMarker.Parse(marker!);
                    if (facts.Snapshot != null) facts.Origin = NetworkStateOrigin.Snapshot;
                }
                facts.HasProcSysIpv6 = FolderExists(ProcSysIpv6, problems);
                if (TryReadText(ProcCmdline, RegularFile.KernelValueLimit, problems, out string? cmdline) == HostFileState.RegularFile)
                {
                    KernelCommandLine.Parameter? p = KernelCommandLine.FindLast(KernelCommandLine.Parse(cmdline!), "ipv6.disable");
                    int? value = KernelCommandLine.ParseInt(p?.Value);
                    if (value != null && value != 0)
                    {
                        string text = "ipv6.disable=" + p!.Value + " on the running kernel's command line";
                        facts.CommandLineWithoutIpv6 = facts.Snapshot != null ? new NetworkProvenance(facts.Snapshot, ProcCmdline, text) : new NetworkProvenance(facts.Origin, ProcCmdline, null, text);
                    }
                }
            }
            else
            {
                facts.Intent = ReadIpv6Intent();
                facts.Notes.AddRange(facts.Intent.Notes);
                problems.AddRange(facts.Intent.Unreadable);
            }
            return new HostNetworkState(hasProcNet, ifInet6State, disabled, unreadableInterfaces, addresses, listening, problems, facts);
        }

        private const string ProcSysIpv6 = "proc/sys/net/ipv6";
        private const string ProcCmdline = "proc/cmdline";

        /// <summary>
        /// What the image's configuration says about IPv6 at boot (see <see cref="Ipv6Intent"/>): <c>ipv6.disable</c> on the
        /// kernel command line (<c>etc/default/grub</c> <c>GRUB_CMDLINE_LINUX*</c>, <c>etc/default/grub.d/*.cfg</c>,
        /// <c>etc/kernel/cmdline</c>) and the <c>disable_ipv6</c> values systemd-sysctl writes from <c>etc/sysctl.d</c>,
        /// <c>run/sysctl.d</c>, <c>usr/local/lib/sysctl.d</c>, <c>usr/lib/sysctl.d</c>, <c>lib/sysctl.d</c> (and
        /// <c>etc/sysctl.conf</c> through the <c>99-sysctl.conf</c> link), each with its file and line. Never throws for what
        /// is on disk.
        /// </summary>
        public Ipv6Intent ReadIpv6Intent() => Ipv6IntentReader.Read(this);

        /// <summary>
        /// Whether <paramref name="relativePath"/> under the root is a live procfs (it has <c>self</c>, or its file system is
        /// proc), which describes the process reading it rather than the host whose tree this is.
        /// </summary>
        internal bool IsLiveProcfs(string relativePath)
        {
            string full = Root == "/" ? "/" + relativePath : Root + "/" + relativePath;
            try
            {
                if (!Directory.Exists(full)) return false;
                if (UnixNative.IsUnix && UnixNative.TryStat(full + "/self", followLinks: false, out FileOwnership self) && self.IsSymbolicLink) return true;
                return UnixNative.IsUnix && string.Equals(new DriveInfo(full).DriveFormat, "proc", StringComparison.Ordinal);
            }
            catch (Exception ex) when (IsReadFailure(ex) || ex is ArgumentException)
            {
                return false;
            }
        }

        /// <summary>
        /// Writes a snapshot of this live host's network state under <paramref name="destinationRoot"/> (an image's root, or
        /// any folder): the <c>proc/</c> files <see cref="ReadNetwork"/> reads (<c>proc/net/if_inet6</c>, the listening
        /// sockets of <c>proc/net/tcp</c> and <c>tcp6</c> (connections are left out: they are not needed and name peers),
        /// <c>proc/sys/net/ipv6/conf/*/disable_ipv6</c>, <c>proc/cmdline</c>) and, last, a <see cref="ProcSnapshotMarker"/>
        /// saying when and on which host. Reading that root later reports "snapshot taken at ...". Files of an earlier
        /// snapshot there are replaced, and those this kernel no longer has (an interface gone, IPv6 off) are removed.
        /// </summary>
        /// <exception cref="InvalidOperationException">This host is not the live system (root <c>/</c>).</exception>
        /// <exception cref="ArgumentException">The destination is <c>/</c>, or its <c>proc/</c> is a live procfs: writing there would write to the kernel.</exception>
        /// <exception cref="DirectoryNotFoundException">The destination is not a folder.</exception>
        /// <exception cref="IOException">A file could not be written (<see cref="AtomicWriteException"/>, <see cref="HostPathException"/> for a link out of the destination).</exception>
        public NetworkCapture CaptureNetworkState(string destinationRoot)
        {
            if (destinationRoot == null) throw new ArgumentNullException(nameof(destinationRoot));
            if (!IsLiveSystem) throw new InvalidOperationException("Only the live system's network state can be captured (open the host at \"/\"); " + Root + " is a tree.");
            MailHost destination = Open(destinationRoot);
            if (destination.IsLiveSystem) throw new ArgumentException("The snapshot cannot be written over the live system's /proc; give an image's root or another folder.", nameof(destinationRoot));
            if (destination.IsLiveProcfs("proc")) throw new ArgumentException(destination.Root + "/proc is a live procfs; unmount it before writing a snapshot there.", nameof(destinationRoot));

            var problems = new List<HostFileStatus>();
            var content = new List<KeyValuePair<string, byte[]>>();
            void Take(string relative, long limit)
            {
                if (TryReadText(relative, limit, problems, out string? text) == HostFileState.RegularFile) content.Add(new KeyValuePair<string, byte[]>(relative, Utf8(text!)));
            }
            Take(HostPaths.ProcIfInet6, RegularFile.KernelTableLimit);
            foreach (string table in new[] { HostPaths.ProcTcp, HostPaths.ProcTcp6 })
            {
                string? listening = ListeningLines(table, problems);
                if (listening != null) content.Add(new KeyValuePair<string, byte[]>(table, Utf8(listening)));
            }
            foreach (string name in InterfaceFolders(problems)) Take(HostPaths.ProcIpv6Conf + "/" + name + "/disable_ipv6", RegularFile.KernelValueLimit);
            Take(ProcCmdline, RegularFile.KernelValueLimit);
            TryReadText("proc/sys/kernel/hostname", RegularFile.KernelValueLimit, problems, out string? hostName);
            TryReadText("proc/sys/kernel/osrelease", RegularFile.KernelValueLimit, problems, out string? release);
            var marker = new ProcSnapshotMarker(DateTime.UtcNow, (hostName ?? string.Empty).Trim(), (release ?? string.Empty).Trim());

            // What an earlier snapshot left and this one does not have would be read as current: remove it first.
            destination.RemoveSnapshotFiles();
            var written = new List<string>();
            foreach (KeyValuePair<string, byte[]> file in content)
            {
                destination.WriteSnapshotFile(file.Key, file.Value);
                written.Add(file.Key);
            }
            destination.WriteSnapshotFile(ProcSnapshotMarker.RelativePath, Utf8(marker.Format()));
            written.Add(ProcSnapshotMarker.RelativePath);
            return new NetworkCapture(destination.Root, marker, written, problems);
        }

        private static byte[] Utf8(string text) => new System.Text.UTF8Encoding(false).GetBytes(text);

        // The header and the listening sockets (state 0A) of a socket table, or null when there is no table.
        private string? ListeningLines(string relativePath, List<HostFileStatus> problems)
        {
            try
            {
                Stream? stream = OpenForStreaming(GetPath(relativePath));
                if (stream == null) return null;
                var sb = new System.Text.StringBuilder();
                using (var reader = new LogLineReader(stream))
                {
                    bool first = true;
                    while (reader.TryReadLine(out string line, out _, out _))
                    {
                        if (first || ProcNetParser.ParseTcpLine(line) != null) sb.Append(line).Append('\n');
                        first = false;
                    }
                }
                return sb.ToString();
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                problems.Add(Unreadable(relativePath, ex));
                return null;
            }
        }

        private void RemoveSnapshotFiles()
        {
            foreach (string relative in new[] { ProcSnapshotMarker.RelativePath, HostPaths.ProcIfInet6, HostPaths.ProcTcp, HostPaths.ProcTcp6, ProcCmdline })
            {
                string path = GetPath(relative);
                if (File.Exists(path)) File.Delete(path);
            }
            string conf = GetPath(HostPaths.ProcIpv6Conf);
            if (!Directory.Exists(conf)) return;
            foreach (string dir in Directory.GetDirectories(conf))
            {
                string file = GetPath(HostPaths.ProcIpv6Conf + "/" + Path.GetFileName(dir) + "/disable_ipv6");
                if (File.Exists(file)) File.Delete(file);
                // Only folders the snapshot made (now empty) go; anything else someone put there stays.
                if (Directory.Exists(dir) && Directory.GetFileSystemEntries(dir).Length == 0) Directory.Delete(dir);
            }
        }

        private void WriteSnapshotFile(string relative, byte[] bytes)
        {
            string path = GetPath(relative);
            string? dir = Path.GetDirectoryName(path);
            if (dir != null)
            {
                Directory.CreateDirectory(dir);
                // Created folders may not be links: resolve again, so a link planted meanwhile still cannot lead out.
                path = GetPath(relative);
            }
            AtomicFile.Write(path, bytes);
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
