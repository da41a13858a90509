using System;
using System.Runtime.InteropServices;

namespace MailConfigKit.IO
{
    /// <summary>
    /// The few POSIX calls that durable, owner-preserving writes need and the base class library does not offer on
    /// netstandard2.0: exclusive creation with a mode, fchown/fchmod, fsync of a folder, rename, statx, realpath, flock.
    /// </summary>
    internal static class UnixNative
    {
        private const string Libc = "libc";

        public const int O_RDONLY = 0x0;
        public const int O_WRONLY = 0x1;
        public const int O_RDWR = 0x2;
        public const int O_CREAT = 0x40;
        public const int O_EXCL = 0x80;
        public const int O_NOFOLLOW = 0x20000;
        public const int O_DIRECTORY = 0x10000;
        public const int O_CLOEXEC = 0x80000;
        public const int AT_FDCWD = -100;
        public const int AT_SYMLINK_NOFOLLOW = 0x100;
        public const int AT_EMPTY_PATH = 0x1000;
        public const uint STATX_BASIC_STATS = 0x7ff;
        public const int LOCK_EX = 2;
        public const int LOCK_NB = 4;
        public const int EWOULDBLOCK = 11;

        public const int EPERM = 1, ENOENT = 2, EINTR = 4, EACCES = 13, EEXIST = 17, EBUSY = 16, EXDEV = 18, ENOSPC = 28, EROFS = 30, EDQUOT = 122;

        public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        [DllImport(Libc, SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags, int mode);

        [DllImport(Libc, SetLastError = true)]
        public static extern int close(int fd);

        [DllImport(Libc, SetLastError = true)]
        public static extern IntPtr write(int fd, byte[] buffer, IntPtr count);

        [DllImport(Libc, SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport(Libc, SetLastError = true)]
        public static extern int fchmod(int fd, int mode);

        [DllImport(Libc, SetLastError = true)]
        public static extern int fchown(int fd, int owner, int group);

        [DllImport(Libc, SetLastError = true)]
        public static extern int rename([MarshalAs(UnmanagedType.LPStr)] string oldPath, [MarshalAs(UnmanagedType.LPStr)] string newPath);

        [DllImport(Libc, SetLastError = true)]
        public static extern int unlink([MarshalAs(UnmanagedType.LPStr)] string path);

        [DllImport(Libc, SetLastError = true)]
        public static extern int flock(int fd, int operation);

        [DllImport(Libc, SetLastError = true)]
        private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPStr)] string path, int flags, uint mask, byte[] buffer);

        [DllImport(Libc, SetLastError = true)]
        public static extern int link([MarshalAs(UnmanagedType.LPStr)] string oldPath, [MarshalAs(UnmanagedType.LPStr)] string newPath);

        [DllImport(Libc, SetLastError = true)]
        private static extern IntPtr readlink([MarshalAs(UnmanagedType.LPStr)] string path, byte[] buffer, IntPtr size);

        /// <summary>The target of a symbolic link, as stored (raw bytes read as UTF-8); null when the path is not a link.</summary>
        public static string? ReadLink(string path)
        {
            var buffer = new byte[4096];
            long n = readlink(path, buffer, new IntPtr(buffer.Length)).ToInt64();
            return n < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, (int)n);
        }

        [DllImport(Libc, SetLastError = true)]
        private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPStr)] string path, IntPtr resolved);

        [DllImport(Libc)]
        private static extern void free(IntPtr ptr);

        /// <summary>The errno of the last failed call.</summary>
        public static int Errno => Marshal.GetLastWin32Error();

        /// <summary>Mode bits (permissions and file type), owner and group of a path; false when it does not exist.</summary>
        public static bool TryStat(string path, bool followLinks, out FileOwnership result)
        {
            // struct statx has the same layout on every Linux architecture, unlike struct stat.
            var buffer = new byte[256];
            int rc = statx(AT_FDCWD, path, followLinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buffer);
            return Decode(rc, buffer, out result);
        }

        /// <summary>As TryStat of a path, for an open file descriptor (fstat).</summary>
        public static bool TryStat(int fd, out FileOwnership result)
        {
            var buffer = new byte[256];
            int rc = statx(fd, string.Empty, AT_EMPTY_PATH, STATX_BASIC_STATS, buffer);
            return Decode(rc, buffer, out result);
        }

        private static bool Decode(int rc, byte[] buffer, out FileOwnership result)
        {
            if (rc != 0)
            {
                result = default;
                return false;
            }
            int links = BitConverter.ToInt32(buffer, 16);
            long device = ((long)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
            int uid = BitConverter.ToInt32(buffer, 20);
            int gid = BitConverter.ToInt32(buffer, 24);
            int mode = BitConverter.ToUInt16(buffer, 28);
            long inode = BitConverter.ToInt64(buffer, 32);
            result = new FileOwnership(mode, uid, gid, inode, device, links);
            return true;
        }

        /// <summary>The canonical absolute path with every symbolic link resolved, or null when it does not exist.</summary>
        public static string? RealPath(string path)
        {
            IntPtr p = realpath(path, IntPtr.Zero);
            if (p == IntPtr.Zero) return null;
            try
            {
                return Marshal.PtrToStringAnsi(p);
            }
            finally
            {
                free(p);
            }
        }

        [DllImport(Libc, SetLastError = true)]
        private static extern IntPtr read(int fd, byte[] buffer, IntPtr count);

        /// <summary>Reads an open file to its end, retrying EINTR.</summary>
        public static byte[] ReadToEnd(int fd, string path)
        {
            using (var ms = new System.IO.MemoryStream())
            {
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    long n = read(fd, buffer, new IntPtr(buffer.Length)).ToInt64();
                    if (n == 0) return ms.ToArray();
                    if (n < 0)
                    {
                        int errno = Errno;
                        if (errno == EINTR) continue;
                        throw new System.IO.IOException("Cannot read " + path + " (errno " + errno + ").", errno);
                    }
                    ms.Write(buffer, 0, (int)n);
                }
            }
        }

        /// <summary>Writes the whole buffer, retrying short writes and EINTR.</summary>
        public static int WriteAll(int fd, byte[] data)
        {
            int done = 0;
            while (done < data.Length)
            {
                byte[] chunk = done == 0 ? data : Slice(data, done);
                long n = write(fd, chunk, new IntPtr(chunk.Length)).ToInt64();
                if (n < 0)
                {
                    int errno = Errno;
                    if (errno == EINTR) continue;
                    return errno;
                }
                done += (int)n;
            }
            return 0;
        }

        private static byte[] Slice(byte[] data, int from)
        {
            var rest = new byte[data.Length - from];
            Buffer.BlockCopy(data, from, rest, 0, rest.Length);
            return rest;
        }
    }

    /// <summary>What <c>statx</c> tells about a file: mode bits, owner, group and inode.</summary>
    internal readonly struct FileOwnership
    {
        public FileOwnership(int mode, int uid, int gid, long inode, long device, int links)
        {
            Device = device;
            Links = links;
            Mode = mode;
            Uid = uid;
            Gid = gid;
            Inode = inode;
        }

        public int Mode { get; }
        public int Uid { get; }
        public int Gid { get; }
        public long Inode { get; }
        public long Device { get; }
        public int Links { get; }
        public bool IsRegularFile => (Mode & 0xF000) == 0x8000;
        public bool SameFileAs(FileOwnership other) => Inode == other.Inode && Device == other.Device;
        public int Permissions => Mode & 0xFFF;
        public bool IsSymbolicLink => (Mode & 0xF000) == 0xA000;
    }
}
