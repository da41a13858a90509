using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using MailConfigKit.Host;
using MailConfigKit.IO;

namespace MailConfigKit.Remediation
{
    /// <summary>One file of an apply, as the intent record lists it.</summary>
    internal sealed class JournalEntry
    {
        public JournalEntry(int index, FileLockStyle lockStyle, string originalHash, string newHash, string relativePath, string targetRelative, string tempName, string undoName)
        {
            Index = index;
            LockStyle = lockStyle;
            OriginalHash = originalHash;
            NewHash = newHash;
            RelativePath = relativePath;
            TargetRelative = targetRelative;
            TempName = tempName;
            UndoName = undoName;
        }

        public int Index { get; }
        public FileLockStyle LockStyle { get; }
        public string OriginalHash { get; }
        public string NewHash { get; }

        /// <summary>The path the plan names (for reports).</summary>
        public string RelativePath { get; }

        /// <summary>The file's path with every link resolved, relative to the root (what is written).</summary>
        public string TargetRelative { get; }

        /// <summary>The staged new version's name, in the target's folder.</summary>
        public string TempName { get; }

        /// <summary>The second name of the original (hard link or copy), in the target's folder: the undo, later the backup.</summary>
        public string UndoName { get; }
    }

    /// <summary>
    /// The intent record of one apply (a text file, one record per line, fields separated by tabs and escaped): what
    /// <see cref="PlanExecutor"/> is about to do, written and fsynced before anything else is touched, and what state it
    /// reached (<c>prepared</c>, <c>commit</c>, <c>rollback</c>, <c>done</c>, appended and fsynced one after another).
    /// Each state line carries the SHA-256 of every byte before it, so a line torn by a crash never counts. Paths are
    /// relative to the host root, so a record written while an image was mounted at one place is resolved correctly
    /// when the image is mounted elsewhere or booted.
    /// </summary>
    internal sealed class ApplyJournal
    {
        public const string Magic = "MailConfigKit apply journal 1";

        /// <summary>The folder, relative to the host root (FHS: /var/lib holds state that must survive a reboot).</summary>
        public const string StateFolder = "var/lib/mailconfigkit";

        public const string FilePrefix = "apply-";
        public const string FileSuffix = ".journal";

        public ApplyJournal(string id, string title, string? backupSuffix, IReadOnlyList<JournalEntry> entries)
        {
            Id = id;
            Title = title;
            BackupSuffix = backupSuffix;
            Entries = entries;
        }

        public string Id { get; }
        public string Title { get; }

        /// <summary>The backup suffix when the apply keeps backups, null otherwise.</summary>
        public string? BackupSuffix { get; }

        public IReadOnlyList<JournalEntry> Entries { get; }

        /// <summary>Whether the whole list of files is there (the <c>prepared</c> line is intact).</summary>
        public bool Prepared { get; private set; }

        /// <summary>The entries to be replaced, once the <c>commit</c> line is intact; null before.</summary>
        public IReadOnlyList<int>? Committed { get; private set; }

        /// <summary>Whether a rollback was decided after the commit (a rename failed, or recovery could not roll forward).</summary>
        public bool RollbackDecided { get; private set; }

        /// <summary>Whether every step is complete (only the lock files and the record itself remain to go).</summary>
        public bool Done { get; private set; }

        public static string NewId()
        {
            var random = new byte[5];
            using (RandomNumberGenerator rng = RandomNumberGenerator.Create()) rng.GetBytes(random);
            var sb = new StringBuilder();
            sb.Append(System.Diagnostics.Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture)).Append('-');
            foreach (byte b in random) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        /// <summary>The same intent under a fresh id (new record name, new temporary names).</summary>
        public ApplyJournal WithNewId()
        {
            string id = NewId();
            var entries = new List<JournalEntry>();
            foreach (JournalEntry e in Entries)
            {
                string name = Path.GetFileName(e.TargetRelative);
                entries.Add(new JournalEntry(e.Index, e.LockStyle, e.OriginalHash, e.NewHash, e.RelativePath, e.TargetRelative, TempNameFor(name, id), UndoNameFor(name, id)));
            }
            return new ApplyJournal(id, Title, BackupSuffix, entries);
        }

        public static string TempNameFor(string fileName, string id) => "." + fileName + ".mck-" + id + ".new";

        public static string UndoNameFor(string fileName, string id) => "." + fileName + ".mck-" + id + ".old";

        /// <summary>Whether a name from a record is one of ours for this file: never a path, never anything else's name.</summary>
        public bool IsOurName(string name, string fileName) =>
            name.IndexOf('/') < 0 && (name == TempNameFor(fileName, Id) || name == UndoNameFor(fileName, Id));

        /// <summary>The record up to and including the <c>prepared</c> line.</summary>
        public string FormatPrepared(string root)
        {
            var sb = new StringBuilder();
            sb.Append(Magic).Append('\n');
            Line(sb, "id", Id);
            Line(sb, "root", root);
            Line(sb, "title", Title);
            Line(sb, "backup", BackupSuffix == null ? "-" : "+" + BackupSuffix);
            foreach (JournalEntry e in Entries)
            {
                Line(sb, "file", e.Index.ToString(CultureInfo.InvariantCulture), ((int)e.LockStyle).ToString(CultureInfo.InvariantCulture), e.OriginalHash, e.NewHash,
                    e.RelativePath, e.TargetRelative, e.TempName, e.UndoName);
            }
            return sb.ToString();
        }

        /// <summary>A state line for a record whose bytes so far are <paramref name="before"/>.</summary>
        public static byte[] StateLine(byte[] before, string state, string argument) =>
            Encoding.UTF8.GetBytes(state + "\t" + Escape(argument) + "\t" + FileChange.Sha256(before) + "\n");

        public static string FormatLive(IEnumerable<int> live) => string.Join(",", live);

        /// <summary>
        /// Reads a record. Never throws: null when it is not one of ours (or names a file that is not ours to remove);
        /// without an intact <c>prepared</c> line, the files listed so far (nothing was staged yet, see <see cref="PlanExecutor"/>,
        /// but their names are removed all the same).
        /// </summary>
        public static ApplyJournal? Parse(byte[] bytes)
        {
            string id = string.Empty, title = string.Empty;
            string? backup = null;
            var entries = new List<JournalEntry>();
            bool prepared = false, rollback = false, done = false;
            List<int>? committed = null;
            int pos = 0, lineNo = 0;
            while (pos < bytes.Length)
            {
                int nl = Array.IndexOf(bytes, (byte)'\n', pos);
                if (nl < 0) break; // A torn last line does not count.
                string line = Encoding.UTF8.GetString(bytes, pos, nl - pos);
                int start = pos;
                pos = nl + 1;
                if (lineNo++ == 0)
                {
                    if (line != Magic) return null;
                    continue;
                }
                string[] f = line.Split('\t');
                for (int i = 1; i < f.Length; i++) f[i] = Unescape(f[i]);
                string kind = f[0];
                bool isState = kind == "prepared" || kind == "commit" || kind == "rollback" || kind == "done";
                if (isState)
                {
                    if (f.Length != 3 || f[2] != FileChange.Sha256(Prefix(bytes, start))) break;
                    if (kind == "prepared") prepared = true;
                    else if (!prepared) break;
                    else if (kind == "commit")
                    {
                        committed = new List<int>();
                        foreach (string n in f[1].Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                        {
                            if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k < 0 || k >= entries.Count) return null;
                            committed.Add(k);
                        }
                    }
                    else if (kind == "rollback") rollback = true;
                    else done = true;
                    continue;
                }
                // Nothing but state lines follows the list; anything unexpected before it ends what can be trusted.
                if (prepared || !ReadHeaderLine(f, entries, ref id, ref title, ref backup)) break;
            }
            if (id.Length == 0) return null;
            var journal = new ApplyJournal(id, title, backup, entries) { Prepared = prepared, Committed = committed, RollbackDecided = rollback, Done = done };
            foreach (JournalEntry e in entries)
            {
                string name = Path.GetFileName(e.TargetRelative);
                if (!journal.IsOurName(e.TempName, name) || !journal.IsOurName(e.UndoName, name)) return null;
            }
            return journal;
        }

        private static bool ReadHeaderLine(string[] f, List<JournalEntry> entries, ref string id, ref string title, ref string? backup)
        {
            switch (f[0])
            {
                case "id" when f.Length == 2: id = f[1]; return true;
                case "root" when f.Length == 2: return true;
                case "title" when f.Length == 2: title = f[1]; return true;
                case "backup" when f.Length == 2: backup = f[1].StartsWith("+", StringComparison.Ordinal) ? f[1].Substring(1) : null; return true;
                case "file" when f.Length == 9:
                    if (!int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index != entries.Count) return false;
                    if (!int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out int style) || style > 1) return false;
                    entries.Add(new JournalEntry(index, (FileLockStyle)style, f[3], f[4], f[5], f[6], f[7], f[8]));
                    return true;
                default: return false;
            }
        }

        private static byte[] Prefix(byte[] bytes, int length)
        {
            var prefix = new byte[length];
            Buffer.BlockCopy(bytes, 0, prefix, 0, length);
            return prefix;
        }

        private static void Line(StringBuilder sb, string kind, params string[] fields)
        {
            sb.Append(kind);
            foreach (string f in fields) sb.Append('\t').Append(Escape(f));
            sb.Append('\n');
        }

        /// <summary>Backslash escapes for the backslash, tab, newline and every other control character, so one record is one line.</summary>
        private static string Escape(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (char c in s)
            {
                if (c == '\\') sb.Append("\\\\");
                else if (c == '\t') sb.Append("\\t");
                else if (c == '\n') sb.Append("\\n");
                else if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        private static string Unescape(string s)
        {
            if (s.IndexOf('\\') < 0) return s;
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c != '\\' || i + 1 >= s.Length)
                {
                    sb.Append(c);
                    continue;
                }
                char n = s[++i];
                if (n == 't') sb.Append('\t');
                else if (n == 'n') sb.Append('\n');
                else if (n == 'x' && i + 2 < s.Length && int.TryParse(s.Substring(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                {
                    sb.Append((char)code);
                    i += 2;
                }
                else sb.Append(n);
            }
            return sb.ToString();
        }
    }

    /// <summary>
    /// An open intent record: created exclusively, locked (flock, released by the kernel when the process dies, which is
    /// how recovery tells an abandoned record from one whose apply is still running), appended to and fsynced.
    /// </summary>
    internal sealed class JournalFile : IDisposable
    {
        private readonly MemoryStream _written = new MemoryStream();
        private readonly string _forFile;
        private int _fd;

        private JournalFile(int fd, string path, string folder, string forFile)
        {
            _fd = fd;
            Path = path;
            Folder = folder;
            _forFile = forFile;
        }

        public string Path { get; }
        public string Folder { get; }

        /// <summary>The record's contents (the final id after a retry at creation); set by whoever opened it.</summary>
        public ApplyJournal? Journal { get; set; }

        /// <summary>The state folder under <paramref name="host"/>'s root, created (0755 parents, 0700 itself) when missing.</summary>
        public static string EnsureFolder(MailHost host, string forFile)
        {
            string[] parts = ApplyJournal.StateFolder.Split('/');
            string relative = string.Empty;
            for (int i = 0; i < parts.Length; i++)
            {
                relative = relative.Length == 0 ? parts[i] : relative + "/" + parts[i];
                string path = host.GetPath(relative);
                if (DurableFileSystem.CreateDirectory(path, Convert.ToInt32(i == parts.Length - 1 ? "700" : "755", 8), forFile))
                {
                    AtomicFile.FsyncDirectory(System.IO.Path.GetDirectoryName(path) ?? "/", forFile);
                }
            }
            return host.GetPath(ApplyJournal.StateFolder);
        }

        /// <summary>The state folder when it exists, null otherwise (recovery never creates it).</summary>
        public static string? ExistingFolder(MailHost host)
        {
            string path = host.GetPath(ApplyJournal.StateFolder);
            return UnixNative.TryStat(path, followLinks: false, out FileOwnership st) && (st.Mode & 0xF000) == 0x4000 ? path : null;
        }

        /// <summary>Creates and locks the record for <paramref name="journal"/>; writes the list of files; fsyncs it and the folder.</summary>
        public static JournalFile Create(MailHost host, ApplyJournal journal, string forFile, Action<string> step)
        {
            string folder = EnsureFolder(host, forFile);
            for (int attempt = 0; ; attempt++)
            {
                JournalFile? file = TryCreate(host, journal, folder, forFile, step, attempt == 9);
                if (file != null) return file;
                journal = journal.WithNewId();
            }
        }

        private static JournalFile? TryCreate(MailHost host, ApplyJournal journal, string folder, string forFile, Action<string> step, bool last)
        {
            string path = System.IO.Path.Combine(folder, ApplyJournal.FilePrefix + journal.Id + ApplyJournal.FileSuffix);
            int fd = UnixNative.open(path, UnixNative.O_RDWR | UnixNative.O_CREAT | UnixNative.O_EXCL | UnixNative.O_NOFOLLOW | UnixNative.O_CLOEXEC, Convert.ToInt32("600", 8));
            if (fd < 0) throw Failure(forFile, UnixNative.Errno, "create the apply journal " + path + " for");
            var file = new JournalFile(fd, path, folder, forFile) { Journal = journal };
            try
            {
                // Blocking: only a recovery that found the record empty (it does not know yet whether its owner lives) can
                // hold it, for a moment, and it removes it; then the name no longer leads to this file and we give up.
                if (UnixNative.flock(fd, UnixNative.LOCK_EX) != 0) throw Failure(forFile, UnixNative.Errno, "lock the apply journal " + path + " for");
                if (!StillNamed(fd, path))
                {
                    if (!last)
                    {
                        file.Dispose();
                        return null;
                    }
                    throw new AtomicWriteException(forFile, AtomicWriteFailure.Busy, 0, "The apply journal " + path + " was taken away while it was created, ten times; nothing was changed.");
                }
                step("journal created");
                file.Append(Encoding.UTF8.GetBytes(journal.FormatPrepared(host.Root)));
                step("file list written");
                file.Append(ApplyJournal.StateLine(file._written.ToArray(), "prepared", journal.Id));
                file.Sync();
                AtomicFile.FsyncDirectory(folder, forFile);
                step("prepared");
                return file;
            }
            catch
            {
                file.Delete();
                file.Dispose();
                throw;
            }
        }

        /// <summary>Opens and locks an existing record without waiting; null when another live process holds it, or it went away.</summary>
        public static JournalFile? TryTakeOver(string path, string forFile, out byte[] bytes)
        {
            bytes = new byte[0];
            int fd = UnixNative.open(path, UnixNative.O_RDWR | UnixNative.O_NOFOLLOW | UnixNative.O_CLOEXEC, 0);
            if (fd < 0) return null;
            bool keep = false;
            try
            {
                if (UnixNative.flock(fd, UnixNative.LOCK_EX | UnixNative.LOCK_NB) != 0) return null;
                // Its owner removes the name before it lets go of the lock: a record still named after we hold the lock is abandoned.
                if (!StillNamed(fd, path) || !UnixNative.TryStat(fd, out FileOwnership st) || !st.IsRegularFile) return null;
                bytes = UnixNative.ReadToEnd(fd, path);
                var file = new JournalFile(fd, path, System.IO.Path.GetDirectoryName(path) ?? "/", forFile);
                file._written.Write(bytes, 0, bytes.Length);
                keep = true;
                return file;
            }
            finally
            {
                if (!keep) UnixNative.close(fd);
            }
        }

        /// <summary>Appends a state line and fsyncs, so that the state holds across a power loss before the next step.</summary>
        public void AppendState(string state, string argument)
        {
            Append(ApplyJournal.StateLine(_written.ToArray(), state, argument));
            Sync();
        }

        /// <summary>Removes the record (while still holding its lock) and fsyncs the folder.</summary>
        public void Delete()
        {
            DurableFileSystem.Unlink(Path, _forFile);
            AtomicFile.FsyncDirectory(Folder, _forFile);
        }

        public void Dispose()
        {
            if (_fd >= 0) UnixNative.close(_fd);
            _fd = -1;
        }

        private void Append(byte[] bytes)
        {
            int errno = UnixNative.WriteAll(_fd, bytes);
            if (errno != 0) throw Failure(_forFile, errno, "write the apply journal " + Path + " for");
            _written.Write(bytes, 0, bytes.Length);
        }

        private void Sync()
        {
            if (UnixNative.fsync(_fd) != 0) throw Failure(_forFile, UnixNative.Errno, "fsync the apply journal " + Path + " for");
        }

        private static bool StillNamed(int fd, string path) =>
            UnixNative.TryStat(fd, out FileOwnership held) && UnixNative.TryStat(path, followLinks: false, out FileOwnership named) && held.SameFileAs(named);

        private static AtomicWriteException Failure(string forFile, int errno, string what)
        {
            AtomicWriteException e = AtomicFile.Fail(forFile, errno, what);
            return new AtomicWriteException(forFile, e.Reason, errno, e.Message.Replace("the original file is unchanged", "no file was changed"));
        }
    }
}
