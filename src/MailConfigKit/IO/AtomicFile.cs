using System;
using System.IO;
using System.Threading;

namespace MailConfigKit.IO
{
    /// <summary>
    /// Durable, atomic replacement of a file: the new bytes go to an exclusively created temporary file in the same
    /// folder (mode 0600), which gets the original's owner and mode, is fsynced and renamed over the original, and the
    /// folder is fsynced. A reader sees either the old or the new file, never a mix, even after a crash. A symbolic link
    /// is written through to its target (unlike <c>postconf -e</c>, which replaces the link).
    /// </summary>
    internal static class AtomicFile
    {
        private static int _counter;

        /// <summary>
        /// Reads every byte of a configuration file without taking any lock (see <see cref="RegularFile.ReadAllBytes(string, long)"/>:
        /// regular files only, at most <see cref="RegularFile.ConfigurationLimit"/>). .NET's own readers take a shared flock
        /// on Unix and fail while postconf holds an exclusive one on the main.cf it has just renamed into place.
        /// </summary>
        /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
        /// <exception cref="UnreadableFileException">Not a regular file (a FIFO, a device), too large, or refused by the system.</exception>
        public static byte[] ReadAllBytes(string path) => RegularFile.ReadAllBytes(path, RegularFile.ConfigurationLimit);

        /// <summary>
        /// Replaces the file at <paramref name="path"/> with <paramref name="content"/> atomically and durably, unless it
        /// already holds exactly these bytes, in which case nothing is written (its modification time stays).
        /// </summary>
        /// <returns>True when the file was written, false when it already held these bytes.</returns>
        /// <exception cref="AtomicWriteException">The write failed; the original is intact and no temporary file is left.</exception>
        public static bool WriteIfChanged(string path, byte[] content)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (content == null) throw new ArgumentNullException(nameof(content));
            if (File.Exists(path) && BytesEqual(ReadAllBytes(path), content)) return false;
            Write(path, content);
            return true;
        }

        /// <summary>Replaces the file at <paramref name="path"/> with <paramref name="content"/> atomically and durably.</summary>
        /// <exception cref="AtomicWriteException">The write failed; the original is intact and no temporary file is left.</exception>
        public static void Write(string path, byte[] content)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (content == null) throw new ArgumentNullException(nameof(content));
            string full = Path.GetFullPath(path);
            if (UnixNative.IsUnix) WriteUnix(ResolveTarget(full), content);
            else WriteWindows(full, content);
        }

        /// <summary>The file a write to <paramref name="fullPath"/> lands in: the final target of a symbolic link.</summary>
        internal static string ResolveTarget(string fullPath)
        {
            string? real = UnixNative.RealPath(fullPath);
            if (real != null) return real;
            // The file does not exist (or is a dangling link): resolve the folder, keep the name.
            string? dir = Path.GetDirectoryName(fullPath);
            string? realDir = dir == null ? null : UnixNative.RealPath(dir);
            return realDir == null ? fullPath : Path.Combine(realDir, Path.GetFileName(fullPath));
        }

        /// <summary>The durable replacement itself, for a target whose links are already resolved.</summary>
        internal static void WriteUnix(string target, byte[] content)
        {
            string dir = Path.GetDirectoryName(target) ?? "/";
            string temp = TempName(dir, Path.GetFileName(target));
            StageUnix(target, temp, content);
            bool renamed = false;
            try
            {
                if (UnixNative.rename(temp, target) != 0) throw Fail(target, UnixNative.Errno, "rename the temporary file over");
                renamed = true;
                FsyncDirectory(dir, target);
            }
            finally
            {
                if (!renamed) UnixNative.unlink(temp);
            }
        }

        /// <summary>
        /// The first half of a replacement: <paramref name="content"/> in a new file <paramref name="temp"/> (created
        /// exclusively, mode 0600 while it is written) that gets <paramref name="target"/>'s owner and mode (0644 when the
        /// target does not exist), fsynced and closed, ready to be renamed over the target. The folder is not fsynced here
        /// (a caller staging several files fsyncs each folder once). On failure the temporary file is removed.
        /// </summary>
        internal static void StageUnix(string target, string temp, byte[] content)
        {
            string dir = Path.GetDirectoryName(target) ?? "/";
            bool exists = UnixNative.TryStat(target, followLinks: true, out FileOwnership original);
            int fd = UnixNative.open(temp, UnixNative.O_WRONLY | UnixNative.O_CREAT | UnixNative.O_EXCL | UnixNative.O_NOFOLLOW | UnixNative.O_CLOEXEC, Convert.ToInt32("600", 8));
            if (fd < 0) throw Fail(target, UnixNative.Errno, "create a temporary file in " + dir);
            bool staged = false;
            try
            {
                int errno = UnixNative.WriteAll(fd, content);
                if (errno != 0) throw Fail(target, errno, "write");
                if (exists)
                {
                    // chown before chmod: chown clears set-id bits.
                    if (UnixNative.fchown(fd, original.Uid, original.Gid) != 0) KeepOwnerOrFail(target, temp, original);
                    if (UnixNative.fchmod(fd, original.Permissions) != 0) throw Fail(target, UnixNative.Errno, "set the mode of");
                }
                else if (UnixNative.fchmod(fd, Convert.ToInt32("644", 8)) != 0)
                {
                    throw Fail(target, UnixNative.Errno, "set the mode of");
                }
                if (UnixNative.fsync(fd) != 0) throw Fail(target, UnixNative.Errno, "fsync");
                int closeRc = UnixNative.close(fd);
                fd = -1;
                if (closeRc != 0) throw Fail(target, UnixNative.Errno, "close");
                staged = true;
            }
            finally
            {
                if (fd >= 0) UnixNative.close(fd);
                if (!staged) UnixNative.unlink(temp);
            }
        }

        private static void KeepOwnerOrFail(string target, string temp, FileOwnership original)
        {
            // Not root: fchown fails, which is fine only when the temporary file already has the original's owner.
            int errno = UnixNative.Errno;
            if (UnixNative.TryStat(temp, followLinks: false, out FileOwnership mine) && mine.Uid == original.Uid && mine.Gid == original.Gid) return;
            throw Fail(target, errno, "keep the owner (" + original.Uid + ":" + original.Gid + ") of");
        }

        /// <summary>fsync of a folder, so that the names created, renamed or removed in it survive a power loss.</summary>
        internal static void FsyncDirectory(string dir, string target)
        {
            int dfd = UnixNative.open(dir, UnixNative.O_RDONLY | UnixNative.O_DIRECTORY | UnixNative.O_CLOEXEC, 0);
            if (dfd < 0) throw Fail(target, UnixNative.Errno, "open the folder of");
            try
            {
                if (UnixNative.fsync(dfd) != 0) throw Fail(target, UnixNative.Errno, "fsync the folder of");
            }
            finally
            {
                UnixNative.close(dfd);
            }
        }

        private static void WriteWindows(string target, byte[] content)
        {
            string dir = Path.GetDirectoryName(target) ?? ".";
            string temp = TempName(dir, Path.GetFileName(target));
            try
            {
                using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    fs.Write(content, 0, content.Length);
                    fs.Flush(flushToDisk: true);
                }
                if (File.Exists(target)) File.Replace(temp, target, null);
                else File.Move(temp, target);
            }
            catch (IOException ex) when (!(ex is AtomicWriteException))
            {
                throw new AtomicWriteException(target, AtomicWriteFailure.Other, ex.HResult, "Cannot write " + target + ": " + ex.Message);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        private static string TempName(string dir, string name)
        {
            int n = Interlocked.Increment(ref _counter);
            string unique = System.Diagnostics.Process.GetCurrentProcess().Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N").Substring(0, 8);
            return Path.Combine(dir, "." + name + ".mck-" + unique + ".tmp");
        }

        /// <summary>Maps an errno to a typed, file-naming exception.</summary>
        internal static AtomicWriteException Fail(string target, int errno, string what)
        {
            AtomicWriteFailure reason;
            switch (errno)
            {
                case UnixNative.ENOSPC:
                case UnixNative.EDQUOT: reason = AtomicWriteFailure.DiskFull; break;
                case UnixNative.EROFS: reason = AtomicWriteFailure.ReadOnlyFileSystem; break;
                case UnixNative.EBUSY:
                case UnixNative.EXDEV: reason = AtomicWriteFailure.Busy; break;
                case UnixNative.EACCES:
                case UnixNative.EPERM: reason = AtomicWriteFailure.PermissionDenied; break;
                default: reason = AtomicWriteFailure.Other; break;
            }
            return new AtomicWriteException(target, reason, errno, "Cannot " + what + " " + target + ": " + reason + " (errno " + errno + "); the original file is unchanged.");
        }

        private static bool BytesEqual(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i]) return false;
            }
            return true;
        }
    }
}
