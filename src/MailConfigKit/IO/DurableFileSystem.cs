using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MailConfigKit.IO
{
    /// <summary>
    /// The name operations a crash-safe multi-file apply needs beyond <see cref="AtomicFile"/> (Unix only): folders
    /// created one level at a time, a second name for a file (hard link, or an exclusive durable copy), a rename that
    /// never replaces anything, and an unlink that tolerates a name already gone (so every recovery step can run twice).
    /// </summary>
    internal static class DurableFileSystem
    {
        private const uint RenameNoReplaceFlag = 1; // RENAME_NOREPLACE
        private const int EINVAL = 22, ENOSYS = 38, ENOTSUP = 95;

        [DllImport("libc", SetLastError = true)]
        private static extern int mkdir([MarshalAs(UnmanagedType.LPStr)] string path, int mode);

        [DllImport("libc", SetLastError = true)]
        private static extern int renameat2(int oldDirFd, [MarshalAs(UnmanagedType.LPStr)] string oldPath, int newDirFd, [MarshalAs(UnmanagedType.LPStr)] string newPath, uint flags);

        /// <summary>Whether anything (a file, a folder, a link, even a dangling one) has this name.</summary>
        public static bool Exists(string path) => UnixNative.TryStat(path, followLinks: false, out _);

        /// <summary>Creates the folder <paramref name="path"/> with <paramref name="mode"/> unless it exists; its parent must exist.</summary>
        /// <param name="path">The folder.</param>
        /// <param name="mode">Permission bits of a new folder.</param>
        /// <param name="forFile">The file whose write needs the folder, named in the exception.</param>
        /// <returns>True when the folder was created.</returns>
        public static bool CreateDirectory(string path, int mode, string forFile)
        {
            if (mkdir(path, mode) == 0) return true;
            int errno = UnixNative.Errno;
            if (errno == UnixNative.EEXIST && UnixNative.TryStat(path, followLinks: false, out FileOwnership st) && (st.Mode & 0xF000) == 0x4000) return false;
            throw AtomicFile.Fail(forFile, errno, "create the folder " + path + " for");
        }

        /// <summary>
        /// Gives the file <paramref name="source"/> a second name <paramref name="copy"/> that keeps its bytes whatever
        /// happens to <paramref name="source"/>'s name later: a hard link where the file system allows one, otherwise an
        /// exclusive copy of <paramref name="content"/> with the source's owner and mode, fsynced. Never replaces a file.
        /// </summary>
        /// <exception cref="AtomicWriteException">The name exists already, or the copy could not be written.</exception>
        public static void LinkOrCopy(string source, string copy, byte[] content)
        {
            if (UnixNative.link(source, copy) == 0) return;
            int errno = UnixNative.Errno;
            if (errno == UnixNative.EEXIST) throw AtomicFile.Fail(source, errno, "keep the original under " + copy + " of");
            // No hard links here (another file system, a bind mount, protected_hardlinks): a copy that replaces nothing.
            AtomicFile.StageUnix(source, copy, content);
        }

        /// <summary>
        /// Renames <paramref name="from"/> to <paramref name="to"/> only when <paramref name="to"/> does not exist, in one
        /// step (renameat2 with RENAME_NOREPLACE); where the file system lacks that, a hard link and an unlink.
        /// </summary>
        /// <returns>0, or the errno (EEXIST when <paramref name="to"/> exists).</returns>
        public static int RenameNoReplace(string from, string to)
        {
            int errno;
            try
            {
                if (renameat2(UnixNative.AT_FDCWD, from, UnixNative.AT_FDCWD, to, RenameNoReplaceFlag) == 0) return 0;
                errno = UnixNative.Errno;
            }
            catch (EntryPointNotFoundException)
            {
                errno = ENOSYS;
            }
            if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return errno;
            if (UnixNative.link(from, to) != 0) return UnixNative.Errno;
            UnixNative.unlink(from);
            return 0;
        }

        /// <summary>Removes a name; a name already gone is fine.</summary>
        /// <returns>True when this call removed it.</returns>
        /// <exception cref="AtomicWriteException">The name exists and cannot be removed.</exception>
        public static bool Unlink(string path, string forFile)
        {
            if (UnixNative.unlink(path) == 0) return true;
            int errno = UnixNative.Errno;
            if (errno == UnixNative.ENOENT) return false;
            throw AtomicFile.Fail(forFile, errno, "remove " + path + " for");
        }

        /// <summary>The bytes of a regular file, or null when there is none with that name (or it is not a regular file).</summary>
        public static byte[]? TryReadRegular(string path)
        {
            if (!UnixNative.TryStat(path, followLinks: false, out FileOwnership st) || !st.IsRegularFile) return null;
            try
            {
                return AtomicFile.ReadAllBytes(path);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
        }
    }
}
