using System;
using System.Globalization;
using System.IO;
using MailConfigKit.IO;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// A copy of a file's current version next to it, made without ever moving the original (so the file never
    /// disappears, not even for a moment): on Unix the second name an apply gave the original before replacing it (a hard
    /// link where the file system allows one, an exclusive copy otherwise), renamed once the apply is complete.
    /// </summary>
    internal static class Backup
    {
        public static string Create(string path, byte[] content, string suffix)
        {
            string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            for (int n = 0; ; n++)
            {
                string candidate = path + suffix + stamp + (n == 0 ? string.Empty : "-" + n.ToString(CultureInfo.InvariantCulture));
                if (!UnixNative.IsUnix)
                {
                    if (File.Exists(candidate)) continue;
                    File.Copy(path, candidate, overwrite: false);
                    return candidate;
                }
                if (UnixNative.link(path, candidate) == 0) return candidate;
                int errno = UnixNative.Errno;
                if (errno == UnixNative.EEXIST) continue;
                if (CopyExclusive(path, candidate, content)) return candidate;
            }
        }

        /// <summary>
        /// Turns <paramref name="undo"/> (the second name an apply gave the original of <paramref name="path"/>) into the
        /// backup <c>PATH + suffix + UTC stamp</c>, in one rename that never replaces an existing file.
        /// </summary>
        /// <returns>The backup's path.</returns>
        public static string Promote(string undo, string path, string suffix)
        {
            string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            for (int n = 0; ; n++)
            {
                string candidate = path + suffix + stamp + (n == 0 ? string.Empty : "-" + n.ToString(CultureInfo.InvariantCulture));
                int errno = DurableFileSystem.RenameNoReplace(undo, candidate);
                if (errno == 0) return candidate;
                if (errno != UnixNative.EEXIST) throw AtomicFile.Fail(path, errno, "keep the backup " + candidate + " of");
            }
        }

        // A file system without hard links (or a policy forbidding them): write a copy that cannot replace anything.
        private static bool CopyExclusive(string path, string candidate, byte[] content)
        {
            int fd = UnixNative.open(candidate, UnixNative.O_WRONLY | UnixNative.O_CREAT | UnixNative.O_EXCL | UnixNative.O_NOFOLLOW | UnixNative.O_CLOEXEC, Convert.ToInt32("600", 8));
            if (fd < 0)
            {
                int errno = UnixNative.Errno;
                if (errno == UnixNative.EEXIST) return false;
                throw AtomicFile.Fail(path, errno, "create the backup " + candidate + " of");
            }
            bool ok = false;
            try
            {
                int errno = UnixNative.WriteAll(fd, content);
                if (errno != 0) throw AtomicFile.Fail(path, errno, "write the backup " + candidate + " of");
                if (UnixNative.TryStat(path, followLinks: true, out FileOwnership original))
                {
                    UnixNative.fchown(fd, original.Uid, original.Gid);
                    UnixNative.fchmod(fd, original.Permissions);
                }
                if (UnixNative.fsync(fd) != 0) throw AtomicFile.Fail(path, UnixNative.Errno, "fsync the backup " + candidate + " of");
                ok = true;
                return true;
            }
            finally
            {
                UnixNative.close(fd);
                if (!ok) UnixNative.unlink(candidate);
            }
        }
    }
}
