using System.Collections.Generic;
using System.IO;
using System;
using MailConfigKit.Host;
using MailConfigKit.IO;
using MailConfigKit.Values;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Applies a <see cref="RemediationPlan"/>'s file changes safely. Per file: take the lock (Postfix's edit lock for
    /// Postfix files, so <c>postconf -e</c> and we never interleave), re-read the file and refuse when it changed since
    /// planning, optionally keep a backup (a hard link or an exclusive copy, never a rename of the original), then replace
    /// it durably (exclusive 0600 temp file in the same folder, original mode and owner, fsync, rename, fsync of the
    /// folder). A file that already holds the new bytes is not written. A plan over several files is applied completely
    /// or not at all: on a failure the files already written get their original bytes back, and the error is rethrown.
    /// Service actions are not run here (see <see cref="ApplyResult.PendingServiceActions"/>).
    /// </summary>
    public static class PlanExecutor
    {
        /// <summary>Applies <paramref name="plan"/> with the default options and no logging.</summary>
        public static ApplyResult Apply(RemediationPlan plan) => Apply(plan, ApplyOptions.Default, NullLogger.Instance);

        /// <summary>Applies <paramref name="plan"/> with no logging.</summary>
        public static ApplyResult Apply(RemediationPlan plan, ApplyOptions options) => Apply(plan, options, NullLogger.Instance);

        /// <summary>Applies <paramref name="plan"/>, logging each step to <paramref name="logger"/>.</summary>
        /// <exception cref="PlanConflictException">A file changed since the plan was made.</exception>
        /// <exception cref="AtomicWriteException">A write failed (disk full, read-only file system, busy mount, permission); the original is intact.</exception>
        /// <exception cref="HostPathException">A planned path now leads out of the host root.</exception>
        public static ApplyResult Apply(RemediationPlan plan, ApplyOptions options, ILogger logger)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (logger == null) throw new ArgumentNullException(nameof(logger));
            MailHost host = MailHost.Open(plan.Root);
            var results = new List<FileApplyResult>();
            var written = new List<WrittenFile>();
            try
            {
                foreach (FileChange change in plan.FileChanges)
                {
                    results.Add(ApplyOne(host, change, options, logger, written));
                }
            }
            catch (Exception ex)
            {
                logger.LogError("Applying {Plan} failed at {File}: {Error}", LogText.Escape(plan.Title), LogText.Escape(CurrentFile(plan, results)), LogText.Escape(ex.Message));
                RollBack(written, options, logger);
                throw;
            }
            return new ApplyResult(plan, results);
        }

        private sealed class WrittenFile
        {
            public WrittenFile(FileChange change, string path, byte[] original, string? backup)
            {
                Change = change;
                Path = path;
                Original = original;
                Backup = backup;
            }

            public FileChange Change { get; }
            public string Path { get; }
            public byte[] Original { get; }
            public string? Backup { get; }
        }

        private static FileApplyResult ApplyOne(MailHost host, FileChange change, ApplyOptions options, ILogger logger, List<WrittenFile> written)
        {
            string path = host.GetPath(change.RelativePath);
            using (Lock(path, change.LockStyle, options.LockTimeout))
            {
                if (UnixNative.IsUnix && UnixNative.TryStat(path, followLinks: false, out FileOwnership st) && st.IsSymbolicLink)
                    throw new HostPathException(host.Root, change.RelativePath, change.RelativePath + " became a symbolic link after it was resolved; refused.");
                byte[]? current = File.Exists(path) ? AtomicFile.ReadAllBytes(path) : null;
                string? hash = current == null ? null : FileChange.Sha256(current);
                if (hash == change.NewHash)
                {
                    logger.LogInformation("{File} already holds the planned text; not written", LogText.Escape(change.RelativePath));
                    return new FileApplyResult(change.RelativePath, path, FileApplyOutcome.Unchanged, null);
                }
                if (current == null || hash != change.OriginalHash) throw new PlanConflictException(path, change.OriginalHash, hash);
                string? backup = options.CreateBackup ? Backup.Create(path, current, options.BackupSuffix) : null;
                if (backup != null) logger.LogInformation("Backed up {File} to {Backup}", LogText.Escape(path), LogText.Escape(backup));
                try
                {
                    Replace(path, change.NewBytes);
                }
                catch
                {
                    if (backup != null) File.Delete(backup);
                    throw;
                }
                written.Add(new WrittenFile(change, path, current, backup));
                logger.LogInformation("Wrote {File} ({Old} -> {New})", LogText.Escape(path), change.OriginalHash.Substring(0, 12), change.NewHash.Substring(0, 12));
                return new FileApplyResult(change.RelativePath, path, FileApplyOutcome.Written, backup);
            }
        }

        private static void RollBack(List<WrittenFile> written, ApplyOptions options, ILogger logger)
        {
            for (int i = written.Count - 1; i >= 0; i--)
            {
                WrittenFile file = written[i];
                try
                {
                    using (Lock(file.Path, file.Change.LockStyle, options.LockTimeout))
                    {
                        Replace(file.Path, file.Original);
                    }
                    if (file.Backup != null) File.Delete(file.Backup);
                    logger.LogWarning("Restored {File} to its original text", LogText.Escape(file.Path));
                }
                catch (Exception ex)
                {
                    // Keep going: every other file still deserves its original back. The backup, if any, stays.
                    logger.LogError("Could not restore {File}: {Error}", LogText.Escape(file.Path), LogText.Escape(ex.Message));
                }
            }
        }

        private static IDisposable Lock(string path, FileLockStyle style, TimeSpan timeout)
        {
            if (!UnixNative.IsUnix) return new NoLock();
            return style == FileLockStyle.PostfixEditFile ? FileLock.PostfixEditFile(path, timeout) : FileLock.Folder(path, timeout);
        }

        private static void Replace(string path, byte[] content)
        {
            if (UnixNative.IsUnix) AtomicFile.WriteUnix(path, content);
            else AtomicFile.Write(path, content);
        }

        private static string CurrentFile(RemediationPlan plan, List<FileApplyResult> done) =>
            done.Count < plan.FileChanges.Count ? plan.FileChanges[done.Count].RelativePath : "(after the last file)";

        private sealed class NoLock : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
