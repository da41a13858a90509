using System.Collections.Generic;
using System.IO;
using System;
using System.Linq;
using MailConfigKit.Host;
using MailConfigKit.IO;
using MailConfigKit.Values;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Applies a <see cref="RemediationPlan"/>'s file changes safely: all of them or none, even when the process is killed
    /// or the machine loses power in the middle. Service actions are not run here (see <see cref="ApplyResult.PendingServiceActions"/>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// On Unix an apply is a two-phase commit driven by an intent record, <c>ROOT/var/lib/mailconfigkit/apply-ID.journal</c>
    /// (the host's own state folder: it survives a reboot, unlike <c>/run</c> or <c>/tmp</c>; it travels with an image;
    /// its paths are relative to the root, so a record made while an image was mounted at one place resolves when the
    /// image is mounted elsewhere or booted; it is found without knowing which files the plan touched).
    /// </para>
    /// <list type="number">
    /// <item>Recover what an earlier, interrupted apply left (see <see cref="Recover(string)"/>).</item>
    /// <item>Write the record (every target, its expected original SHA-256, its new SHA-256, the names of its staged new
    /// version and of the second name of its original) and fsync it, before anything else is created.</item>
    /// <item>Take every file's lock (Postfix's edit lock for Postfix files, so <c>postconf -e</c> and we never interleave),
    /// in one global order. Re-read each file and refuse when it changed since planning. Give each original a second name
    /// (a hard link, or an exclusive copy) and stage each new version (exclusive 0600 temporary file in the same folder,
    /// original mode and owner, fsync); fsync the folders. A file that already holds the new bytes is left alone.</item>
    /// <item>Commit: append <c>commit</c> to the record and fsync it. This is the point of no return.</item>
    /// <item>Rename each staged file over its target and fsync its folder; then the second names become the backups
    /// (<see cref="ApplyOptions.CreateBackup"/>, renamed without ever replacing a file) or are removed; append <c>done</c>,
    /// release the locks (removing Postfix's lock files), remove the record.</item>
    /// </list>
    /// <para>
    /// The rule that makes it all-or-nothing: before the commit line no target has been touched, so an interrupted apply
    /// is discarded (its staged files and second names removed); after it every new version is staged and durable, so it
    /// is rolled forward. It is rolled back (each replaced file gets its original inode back from its second name) only when
    /// rolling forward is impossible: a rename failed (a bind-mounted file) and the apply itself decided so, or a staged
    /// file disappeared. When a file was changed by someone else since, neither direction is safe: the record stays and
    /// applying is refused until a person decides (<see cref="RecoveryOutcome.NeedsAttention"/>).
    /// </para>
    /// <para>On Windows (no flock, no fsync of folders) the files are written one after another and, on a failure, those
    /// already written get their original bytes back; a crash in between is not recovered.</para>
    /// </remarks>
    public static class PlanExecutor
    {
        /// <summary>Test hook (the kill -9 tests): called with the name of each step just completed.</summary>
        internal static Action<string>? TestStep;

        /// <summary>Applies <paramref name="plan"/> with the default options and no logging.</summary>
        public static ApplyResult Apply(RemediationPlan plan) => Apply(plan, ApplyOptions.Default, NullLogger.Instance);

        /// <summary>Applies <paramref name="plan"/> with no logging.</summary>
        public static ApplyResult Apply(RemediationPlan plan, ApplyOptions options) => Apply(plan, options, NullLogger.Instance);

        /// <summary>Applies <paramref name="plan"/>, logging each step to <paramref name="logger"/>.</summary>
        /// <exception cref="PlanConflictException">A file changed since the plan was made.</exception>
        /// <exception cref="AtomicWriteException">A write failed (disk full, read-only file system, busy mount, permission); every file is as it was.</exception>
        /// <exception cref="HostPathException">A planned path now leads out of the host root.</exception>
        /// <exception cref="InvalidOperationException">An earlier interrupted apply on this host could not be resolved (see <see cref="Recover(string)"/>).</exception>
        public static ApplyResult Apply(RemediationPlan plan, ApplyOptions options, ILogger logger)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (logger == null) throw new ArgumentNullException(nameof(logger));
            MailHost host = MailHost.Open(plan.Root);
            if (!UnixNative.IsUnix) return ApplyInOrder(host, plan, options, logger);
            RecoveryResult earlier = Recover(host, options, logger);
            if (earlier.NeedingAttention.Count > 0)
            {
                throw new InvalidOperationException("An earlier apply on " + host.Root + " was interrupted and cannot be completed or undone automatically: "
                    + string.Join("; ", earlier.NeedingAttention) + ". Nothing was applied; check those files, then remove the journal.");
            }
            if (plan.FileChanges.Count == 0) return new ApplyResult(plan, new FileApplyResult[0]);
            return ApplyJournaled(host, plan, options, logger);
        }

        /// <summary>
        /// Resolves what interrupted applies left under <paramref name="root"/> (see the remarks on <see cref="PlanExecutor"/>
        /// for the rule), and removes their leftovers: staged files, second names of originals, lock files, the records.
        /// <see cref="Apply(RemediationPlan, ApplyOptions, ILogger)"/> does this first; calling it again does nothing.
        /// </summary>
        /// <exception cref="AtomicWriteException">A lock could not be taken in time, or a rename or removal failed.</exception>
        public static RecoveryResult Recover(string root) => Recover(root, ApplyOptions.Default, NullLogger.Instance);

        /// <summary>As <see cref="Recover(string)"/>, with the lock timeout of <paramref name="options"/> and logging.</summary>
        /// <exception cref="AtomicWriteException">A lock could not be taken in time, or a rename or removal failed.</exception>
        public static RecoveryResult Recover(string root, ApplyOptions options, ILogger logger)
        {
            if (root == null) throw new ArgumentNullException(nameof(root));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (logger == null) throw new ArgumentNullException(nameof(logger));
            MailHost host = MailHost.Open(root);
            if (!UnixNative.IsUnix) return new RecoveryResult(host.Root, new RecoveredApply[0], new string[0]);
            return Recover(host, options, logger);
        }

        private static void Step(string name) => TestStep?.Invoke(name);

        /// <summary>One file of an apply or a recovery: its record and where it lives now.</summary>
        private sealed class Work
        {
            public Work(JournalEntry entry, string path)
            {
                Entry = entry;
                Path = path;
                Dir = System.IO.Path.GetDirectoryName(path) ?? "/";
                Temp = System.IO.Path.Combine(Dir, entry.TempName);
                Undo = System.IO.Path.Combine(Dir, entry.UndoName);
            }

            public JournalEntry Entry { get; }
            public string Path { get; }
            public string Dir { get; }
            public string Temp { get; }
            public string Undo { get; }
        }

        private static ApplyResult ApplyJournaled(MailHost host, RemediationPlan plan, ApplyOptions options, ILogger logger)
        {
            string id = ApplyJournal.NewId();
            var entries = new List<JournalEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < plan.FileChanges.Count; i++)
            {
                FileChange change = plan.FileChanges[i];
                string path = host.GetPath(change.RelativePath);
                if (!seen.Add(path)) throw new InvalidOperationException(change.RelativePath + " is the same file as another file of the plan (through a link); apply one change, then plan the other again.");
                string name = Path.GetFileName(path);
                entries.Add(new JournalEntry(i, change.LockStyle, change.OriginalHash, change.NewHash, change.RelativePath, RelativeTo(host.Root, path),
                    ApplyJournal.TempNameFor(name, id), ApplyJournal.UndoNameFor(name, id)));
            }
            var intent = new ApplyJournal(id, plan.Title, options.CreateBackup ? options.BackupSuffix : null, entries);
            string firstFile = host.GetPath(entries[0].TargetRelative);
            using (JournalFile journal = JournalFile.Create(host, intent, firstFile, Step))
            {
                intent = journal.Journal!;
                List<Work> files = intent.Entries.Select(e => new Work(e, host.Root == "/" ? "/" + e.TargetRelative : host.Root + "/" + e.TargetRelative)).ToList();
                var outcomes = new FileApplyOutcome[files.Count];
                var live = new List<int>();
                LockSet? locks = null;
                try
                {
                    locks = LockSet.Take(files, options.LockTimeout);
                    foreach (Work f in files)
                    {
                        FileChange change = plan.FileChanges[f.Entry.Index];
                        if (UnixNative.TryStat(f.Path, followLinks: false, out FileOwnership st) && st.IsSymbolicLink)
                            throw new HostPathException(host.Root, change.RelativePath, change.RelativePath + " became a symbolic link after it was resolved; refused.");
                        byte[]? current = File.Exists(f.Path) ? AtomicFile.ReadAllBytes(f.Path) : null;
                        string? hash = current == null ? null : FileChange.Sha256(current);
                        if (hash == change.NewHash)
                        {
                            logger.LogInformation("{File} already holds the planned text; not written", LogText.Escape(change.RelativePath));
                            outcomes[f.Entry.Index] = FileApplyOutcome.Unchanged;
                            continue;
                        }
                        if (current == null || hash != change.OriginalHash) throw new PlanConflictException(f.Path, change.OriginalHash, hash);
                        DurableFileSystem.LinkOrCopy(f.Path, f.Undo, current);
                        Step("original kept " + f.Entry.RelativePath);
                        AtomicFile.StageUnix(f.Path, f.Temp, change.NewBytes);
                        Step("staged " + f.Entry.RelativePath);
                        outcomes[f.Entry.Index] = FileApplyOutcome.Written;
                        live.Add(f.Entry.Index);
                    }
                    foreach (string dir in files.Where(f => live.Contains(f.Entry.Index)).Select(f => f.Dir).Distinct()) AtomicFile.FsyncDirectory(dir, firstFile);
                    Step("staging durable");
                    if (live.Count > 0)
                    {
                        journal.AppendState("commit", ApplyJournal.FormatLive(live));
                        Step("committed");
                    }
                }
                catch (Exception ex)
                {
                    logger.LogError("Applying {Plan} failed before any file was replaced: {Error}", LogText.Escape(plan.Title), LogText.Escape(ex.Message));
                    Discard(files, logger);
                    locks?.Dispose();
                    DeleteQuietly(journal, logger);
                    throw;
                }

                if (live.Count == 0)
                {
                    locks!.Dispose();
                    DeleteQuietly(journal, logger);
                    return new ApplyResult(plan, files.Select(f => new FileApplyResult(f.Entry.RelativePath, f.Path, FileApplyOutcome.Unchanged, null)).ToList());
                }

                // Past the commit point: forward, unless a rename fails, in which case every replaced file gets its original back.
                var replaced = new List<Work>();
                try
                {
                    foreach (int i in live)
                    {
                        Work f = files[i];
                        if (UnixNative.rename(f.Temp, f.Path) != 0) throw AtomicFile.Fail(f.Path, UnixNative.Errno, "rename the staged file over");
                        replaced.Add(f);
                        Step("renamed " + f.Entry.RelativePath);
                        AtomicFile.FsyncDirectory(f.Dir, f.Path);
                        Step("rename durable " + f.Entry.RelativePath);
                        FileChange change = plan.FileChanges[i];
                        logger.LogInformation("Wrote {File} ({Old} -> {New})", LogText.Escape(f.Path), change.OriginalHash.Substring(0, 12), change.NewHash.Substring(0, 12));
                    }
                }
                catch (Exception ex)
                {
                    logger.LogError("Applying {Plan} failed: {Error}; restoring the files already replaced", LogText.Escape(plan.Title), LogText.Escape(ex.Message));
                    RollBackAfterCommit(journal, files, replaced, locks!, logger);
                    throw;
                }

                var backups = new string?[files.Count];
                try
                {
                    foreach (int i in live)
                    {
                        Work f = files[i];
                        if (intent.BackupSuffix != null)
                        {
                            backups[i] = Backup.Promote(f.Undo, f.Path, intent.BackupSuffix);
                            logger.LogInformation("Backed up {File} to {Backup}", LogText.Escape(f.Path), LogText.Escape(backups[i]));
                        }
                        else
                        {
                            DurableFileSystem.Unlink(f.Undo, f.Path);
                        }
                        Step("original handled " + f.Entry.RelativePath);
                    }
                    foreach (string dir in live.Select(i => files[i].Dir).Distinct()) AtomicFile.FsyncDirectory(dir, firstFile);
                    journal.AppendState("done", string.Empty);
                    Step("done");
                }
                catch (Exception ex)
                {
                    // Every file holds its new text; only the tidying failed. The record stays, so the next apply (or Recover) finishes it.
                    logger.LogWarning("{Plan} is applied, but tidying up failed: {Error}; the next apply finishes it", LogText.Escape(plan.Title), LogText.Escape(ex.Message));
                    locks!.Dispose();
                    return Result(plan, files, outcomes, backups);
                }
                locks!.Dispose();
                Step("unlocked");
                DeleteQuietly(journal, logger);
                Step("journal removed");
                return Result(plan, files, outcomes, backups);
            }
        }

        private static ApplyResult Result(RemediationPlan plan, List<Work> files, FileApplyOutcome[] outcomes, string?[] backups) =>
            new ApplyResult(plan, files.Select(f => new FileApplyResult(f.Entry.RelativePath, f.Path, outcomes[f.Entry.Index], backups[f.Entry.Index])).ToList());

        /// <summary>Before the commit point: remove every staged file and second name (no target was touched).</summary>
        private static void Discard(List<Work> files, ILogger logger)
        {
            foreach (Work f in files)
            {
                foreach (string leftover in new[] { f.Temp, f.Undo })
                {
                    try
                    {
                        DurableFileSystem.Unlink(leftover, f.Path);
                    }
                    catch (Exception ex)
                    {
                        logger.LogError("Could not remove {File}: {Error}", LogText.Escape(leftover), LogText.Escape(ex.Message));
                    }
                }
            }
        }

        private static void RollBackAfterCommit(JournalFile journal, List<Work> files, List<Work> replaced, LockSet locks, ILogger logger)
        {
            try
            {
                // Decided once and for all: a crash during the rollback must not turn into a roll forward.
                journal.AppendState("rollback", string.Empty);
                Step("rollback decided");
                for (int k = replaced.Count - 1; k >= 0; k--)
                {
                    Work f = replaced[k];
                    if (UnixNative.rename(f.Undo, f.Path) != 0) throw AtomicFile.Fail(f.Path, UnixNative.Errno, "restore the original of");
                    AtomicFile.FsyncDirectory(f.Dir, f.Path);
                    logger.LogWarning("Restored {File} to its original text", LogText.Escape(f.Path));
                    Step("restored " + f.Entry.RelativePath);
                }
                Discard(files, logger);
                journal.AppendState("done", string.Empty);
                locks.Dispose();
                journal.Delete();
            }
            catch (Exception ex)
            {
                // The record stays with its rollback decision: the next apply (or Recover) finishes the rollback.
                logger.LogError("Could not finish restoring the originals: {Error}; the next apply finishes it", LogText.Escape(ex.Message));
                locks.Dispose();
            }
        }

        private static void DeleteQuietly(JournalFile journal, ILogger logger)
        {
            try
            {
                journal.Delete();
            }
            catch (Exception ex)
            {
                logger.LogWarning("Could not remove the apply journal {Journal}: {Error}", LogText.Escape(journal.Path), LogText.Escape(ex.Message));
            }
        }

        private static string RelativeTo(string root, string path)
        {
            if (root == "/") return path.TrimStart('/');
            if (!path.StartsWith(root + "/", StringComparison.Ordinal)) throw new HostPathException(root, path, path + " is not under the host root " + root + ".");
            return path.Substring(root.Length + 1);
        }

        // ---------------------------------------------------------------- recovery

        private static RecoveryResult Recover(MailHost host, ApplyOptions options, ILogger logger)
        {
            string? folder = JournalFile.ExistingFolder(host);
            var applies = new List<RecoveredApply>();
            var running = new List<string>();
            if (folder == null) return new RecoveryResult(host.Root, applies, running);
            string[] records = Directory.GetFiles(folder, ApplyJournal.FilePrefix + "*" + ApplyJournal.FileSuffix);
            Array.Sort(records, StringComparer.Ordinal);
            foreach (string path in records)
            {
                JournalFile? journal = JournalFile.TryTakeOver(path, path, out byte[] bytes);
                if (journal == null)
                {
                    if (DurableFileSystem.Exists(path)) running.Add(path);
                    continue;
                }
                using (journal)
                {
                    RecoveredApply done = Resolve(host, journal, bytes, options);
                    if (done.Outcome == RecoveryOutcome.NeedsAttention) logger.LogError("Interrupted apply: {Result}", LogText.Escape(done.ToString()));
                    else logger.LogWarning("Interrupted apply: {Result}", LogText.Escape(done.ToString()));
                    applies.Add(done);
                }
            }
            return new RecoveryResult(host.Root, applies, running);
        }

        private enum FileState
        {
            Original,
            New,
            Other,
        }

        private static RecoveredApply Resolve(MailHost host, JournalFile journal, byte[] bytes, ApplyOptions options)
        {
            var removed = new List<string>();
            ApplyJournal? intent = ApplyJournal.Parse(bytes);
            if (intent == null)
            {
                // Not a record of ours, or cut before its id: the list of files is fsynced before anything else is made,
                // so nothing else exists.
                journal.Delete();
                removed.Add(journal.Path);
                Step("recovery: torn record removed");
                return new RecoveredApply(journal.Path, string.Empty, RecoveryOutcome.Discarded, new string[0], removed, "the record was interrupted before its list of files was complete; nothing had been staged");
            }
            journal.Journal = intent;
            string[] names = intent.Entries.Select(e => e.RelativePath).ToArray();
            var files = new List<Work>();
            try
            {
                foreach (JournalEntry e in intent.Entries)
                {
                    int slash = e.TargetRelative.LastIndexOf('/');
                    string dir = slash < 0 ? host.Root : host.GetPath(e.TargetRelative.Substring(0, slash));
                    string path = (dir == "/" ? string.Empty : dir) + "/" + e.TargetRelative.Substring(slash + 1);
                    if (UnixNative.TryStat(path, followLinks: false, out FileOwnership st) && st.IsSymbolicLink) throw new HostPathException(host.Root, e.TargetRelative, e.TargetRelative + " is now a symbolic link.");
                    files.Add(new Work(e, path));
                }
            }
            catch (HostPathException ex)
            {
                return new RecoveredApply(journal.Path, intent.Title, RecoveryOutcome.NeedsAttention, names, removed, ex.Message);
            }

            // Lock files a killed apply left: taking each lock (Postfix's protocol) and releasing it removes them.
            foreach (Work f in files.Where(f => f.Entry.LockStyle == FileLockStyle.PostfixEditFile && DurableFileSystem.Exists(f.Path + ".tmp"))) removed.Add(f.Path + ".tmp");
            using (LockSet locks = LockSet.Take(files, options.LockTimeout, "recovery: "))
            {
                RecoveryOutcome outcome;
                string detail;
                IReadOnlyList<int> live = intent.Committed ?? new int[0];
                if (intent.Done)
                {
                    outcome = RecoveryOutcome.Finished;
                    detail = "every step had completed";
                    RemoveLeftovers(files, live, intent.BackupSuffix, removed);
                }
                else if (!intent.Prepared || intent.Committed == null)
                {
                    outcome = RecoveryOutcome.Discarded;
                    detail = "interrupted before its commit point; no file had been replaced";
                    RemoveLeftovers(files, null, null, removed);
                }
                else
                {
                    FileState[] state = files.Select(f => StateOf(f.Path, f.Entry)).ToArray();
                    bool forward = !intent.RollbackDecided && live.All(i => state[i] == FileState.New
                        || (state[i] == FileState.Original && HashOf(files[i].Temp) == files[i].Entry.NewHash));
                    bool backward = live.All(i => state[i] == FileState.Original
                        || (state[i] == FileState.New && HashOf(files[i].Undo) == files[i].Entry.OriginalHash));
                    if (forward)
                    {
                        foreach (int i in live.Where(i => state[i] == FileState.Original))
                        {
                            Work f = files[i];
                            if (UnixNative.rename(f.Temp, f.Path) != 0) throw AtomicFile.Fail(f.Path, UnixNative.Errno, "rename the staged file over");
                            Step("recovery: renamed " + f.Entry.RelativePath);
                            AtomicFile.FsyncDirectory(f.Dir, f.Path);
                        }
                        outcome = RecoveryOutcome.RolledForward;
                        detail = "interrupted after its commit point; every file now holds its new text";
                        RemoveLeftovers(files, live, intent.BackupSuffix, removed);
                    }
                    else if (backward)
                    {
                        if (!intent.RollbackDecided)
                        {
                            journal.AppendState("rollback", string.Empty);
                            Step("recovery: rollback decided");
                        }
                        foreach (int i in live.Where(i => state[i] == FileState.New))
                        {
                            Work f = files[i];
                            if (UnixNative.rename(f.Undo, f.Path) != 0) throw AtomicFile.Fail(f.Path, UnixNative.Errno, "restore the original of");
                            Step("recovery: restored " + f.Entry.RelativePath);
                            AtomicFile.FsyncDirectory(f.Dir, f.Path);
                        }
                        outcome = RecoveryOutcome.RolledBack;
                        detail = intent.RollbackDecided ? "a file could not be replaced; every file has its original text back"
                            : "a staged file was missing, so it could not be completed; every file has its original text back";
                        RemoveLeftovers(files, null, null, removed);
                    }
                    else
                    {
                        string states = string.Join(", ", live.Select(i => files[i].Entry.RelativePath + " " + Describe(state[i], files[i])));
                        return new RecoveredApply(journal.Path, intent.Title, RecoveryOutcome.NeedsAttention, names, removed,
                            "neither completing nor undoing it is safe (" + states + "); the record " + journal.Path + " and the staged files (.NAME.mck-" + intent.Id + ".new, .old) are left for a person");
                    }
                }
                foreach (string dir in files.Select(f => f.Dir).Distinct()) AtomicFile.FsyncDirectory(dir, journal.Path);
                if (!intent.Done) journal.AppendState("done", string.Empty);
                Step("recovery: done");
                locks.Dispose();
                Step("recovery: unlocked");
                journal.Delete();
                removed.Add(journal.Path);
                Step("recovery: record removed");
                return new RecoveredApply(journal.Path, intent.Title, outcome, names, removed, detail);
            }
        }

        /// <summary>
        /// Removes the staged files and the second names of the originals; with <paramref name="keptAsBackup"/>, the second
        /// names of those files become their backups instead (when the apply asked for backups).
        /// </summary>
        private static void RemoveLeftovers(List<Work> files, IReadOnlyList<int>? keptAsBackup, string? backupSuffix, List<string> removed)
        {
            foreach (Work f in files)
            {
                if (DurableFileSystem.Unlink(f.Temp, f.Path)) removed.Add(f.Temp);
                if (!DurableFileSystem.Exists(f.Undo)) continue;
                if (keptAsBackup != null && backupSuffix != null && keptAsBackup.Contains(f.Entry.Index)) Backup.Promote(f.Undo, f.Path, backupSuffix);
                else if (DurableFileSystem.Unlink(f.Undo, f.Path)) removed.Add(f.Undo);
                Step("recovery: original handled " + f.Entry.RelativePath);
            }
        }

        private static FileState StateOf(string path, JournalEntry entry)
        {
            string? hash = HashOf(path);
            return hash == entry.NewHash ? FileState.New : hash == entry.OriginalHash ? FileState.Original : FileState.Other;
        }

        private static string Describe(FileState state, Work f)
        {
            if (state == FileState.Other) return DurableFileSystem.Exists(f.Path) ? "was changed by someone else" : "is missing";
            if (state == FileState.New) return "holds the new text, but its original (" + f.Undo + ") is missing or changed";
            return "holds the original text, but its staged new version (" + f.Temp + ") is missing or changed";
        }

        private static string? HashOf(string path)
        {
            byte[]? bytes = DurableFileSystem.TryReadRegular(path);
            return bytes == null ? null : FileChange.Sha256(bytes);
        }

        /// <summary>Every lock of a set of files, taken in one global order (so two appliers never deadlock) and each once.</summary>
        private sealed class LockSet : IDisposable
        {
            private readonly List<IDisposable> _held = new List<IDisposable>();

            public static LockSet Take(List<Work> files, TimeSpan timeout, string stepPrefix = "")
            {
                var wanted = new SortedDictionary<string, Work>(StringComparer.Ordinal);
                foreach (Work f in files)
                {
                    string key = f.Entry.LockStyle == FileLockStyle.PostfixEditFile ? f.Path + ".tmp" : f.Dir + "/";
                    if (!wanted.ContainsKey(key)) wanted.Add(key, f);
                }
                var set = new LockSet();
                try
                {
                    foreach (Work f in wanted.Values)
                    {
                        set._held.Add(f.Entry.LockStyle == FileLockStyle.PostfixEditFile ? FileLock.PostfixEditFile(f.Path, timeout) : FileLock.Folder(f.Path, timeout));
                        Step(stepPrefix + "locked " + f.Entry.RelativePath);
                    }
                    return set;
                }
                catch
                {
                    set.Dispose();
                    throw;
                }
            }

            public void Dispose()
            {
                for (int i = _held.Count - 1; i >= 0; i--) _held[i].Dispose();
                _held.Clear();
            }
        }

        // ---------------------------------------------------------------- Windows

        private sealed class WrittenFile
        {
            public WrittenFile(string path, byte[] original, string? backup)
            {
                Path = path;
                Original = original;
                Backup = backup;
            }

            public string Path { get; }
            public byte[] Original { get; }
            public string? Backup { get; }
        }

        /// <summary>Without flock and folder fsync: one file after another, the written ones restored from memory on a failure.</summary>
        private static ApplyResult ApplyInOrder(MailHost host, RemediationPlan plan, ApplyOptions options, ILogger logger)
        {
            var results = new List<FileApplyResult>();
            var written = new List<WrittenFile>();
            try
            {
                foreach (FileChange change in plan.FileChanges)
                {
                    string path = host.GetPath(change.RelativePath);
                    byte[]? current = File.Exists(path) ? AtomicFile.ReadAllBytes(path) : null;
                    string? hash = current == null ? null : FileChange.Sha256(current);
                    if (hash == change.NewHash)
                    {
                        results.Add(new FileApplyResult(change.RelativePath, path, FileApplyOutcome.Unchanged, null));
                        continue;
                    }
                    if (current == null || hash != change.OriginalHash) throw new PlanConflictException(path, change.OriginalHash, hash);
                    string? backup = options.CreateBackup ? Backup.Create(path, current, options.BackupSuffix) : null;
                    try
                    {
                        AtomicFile.Write(path, change.NewBytes);
                    }
                    catch
                    {
                        if (backup != null) File.Delete(backup);
                        throw;
                    }
                    written.Add(new WrittenFile(path, current, backup));
                    logger.LogInformation("Wrote {File}", LogText.Escape(path));
                    results.Add(new FileApplyResult(change.RelativePath, path, FileApplyOutcome.Written, backup));
                }
            }
            catch (Exception ex)
            {
                logger.LogError("Applying {Plan} failed: {Error}", LogText.Escape(plan.Title), LogText.Escape(ex.Message));
                for (int i = written.Count - 1; i >= 0; i--)
                {
                    try
                    {
                        AtomicFile.Write(written[i].Path, written[i].Original);
                        if (written[i].Backup != null) File.Delete(written[i].Backup!);
                    }
                    catch (Exception again)
                    {
                        // Keep going: every other file still deserves its original back. The backup, if any, stays.
                        logger.LogError("Could not restore {File}: {Error}", LogText.Escape(written[i].Path), LogText.Escape(again.Message));
                    }
                }
                throw;
            }
            return new ApplyResult(plan, results);
        }
    }
}
