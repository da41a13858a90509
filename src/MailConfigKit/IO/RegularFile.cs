using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MailConfigKit.IO
{
    /// <summary>
    /// Safe reads of files that someone else controls (a host root, an image, a log): regular files only, opened without
    /// blocking, and never more than a limit suited to the file. A FIFO in place of main.cf would block an ordinary reader
    /// forever, a link to <c>/dev/zero</c> would fill memory, and opening some devices has side effects, so the type is
    /// checked before opening (stat), the file is opened with <c>O_NONBLOCK</c> (which cannot block, whatever raced into
    /// place), and checked again on the open descriptor (fstat) before a byte is read. Anything else is refused with an
    /// <see cref="UnreadableFileException"/> whose message says what is there.
    /// </summary>
    public static class RegularFile
    {
        /// <summary>The limit for configuration files (main.cf, master.cf, update-exim4.conf.conf, hosts): 16 MiB.</summary>
        public const long ConfigurationLimit = 16L * 1024 * 1024;

        /// <summary>The limit for small kernel tables (<c>proc/net/if_inet6</c>): 1 MiB, thousands of addresses.</summary>
        public const long KernelTableLimit = 1024L * 1024;

        /// <summary>The limit for one-value kernel files (<c>disable_ipv6</c>): 4 KiB.</summary>
        public const long KernelValueLimit = 4096;

        // Linux's values (the same on x86-64 and arm64); the rest come from UnixNative.
        private const int O_NONBLOCK = 0x800, O_NOCTTY = 0x100;
        private const int ENXIO = 6, ENOTDIR = 20, EISDIR = 21, ENAMETOOLONG = 36, ELOOP = 40;
        private const int TypeMask = 0xF000, TypeRegular = 0x8000;

        /// <summary>
        /// Whether a regular file is at <paramref name="path"/> (links followed): true when there is one, false when nothing
        /// is there.
        /// </summary>
        /// <exception cref="UnreadableFileException">Something else is there (a FIFO, a device, a folder), or the system cannot tell (permission denied on a folder above, a link loop).</exception>
        public static bool Exists(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (!UnixNative.IsUnix)
            {
                if (Directory.Exists(path)) throw NotRegular(path, "a folder");
                return File.Exists(path);
            }
            if (!Stat(path, followLinks: true, out int mode, out _, out int errno))
            {
                if (IsMissing(errno)) return false;
                throw FromErrno(path, errno);
            }
            if ((mode & TypeMask) != TypeRegular) throw NotRegular(path, Describe(mode));
            return true;
        }

        /// <summary>
        /// Every byte of the regular file at <paramref name="path"/>, at most <paramref name="maxBytes"/> of them. No lock
        /// is taken (postconf holds an exclusive one on the main.cf it has just renamed into place until it exits).
        /// </summary>
        /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
        /// <exception cref="UnreadableFileException">Not a regular file, larger than <paramref name="maxBytes"/>, or refused by the system.</exception>
        public static byte[] ReadAllBytes(string path, long maxBytes) => ReadAllBytes(path, maxBytes, followLastLink: true);

        /// <summary>
        /// Opens the regular file at <paramref name="path"/> for streaming (logs: read them line by line, without a limit on
        /// the whole). The caller disposes the stream.
        /// </summary>
        /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
        /// <exception cref="UnreadableFileException">Not a regular file, or refused by the system.</exception>
        public static Stream OpenRead(string path) => OpenRead(path, followLastLink: true);

        /// <summary>As <see cref="ReadAllBytes(string, long)"/>; <paramref name="followLastLink"/> false refuses a link as the last component (for paths already resolved inside a host root, where a link that appears later is a race).</summary>
        internal static byte[] ReadAllBytes(string path, long maxBytes, bool followLastLink)
        {
            if (maxBytes < 0) throw new ArgumentOutOfRangeException(nameof(maxBytes));
            using (Stream stream = OpenRead(path, followLastLink))
            using (var ms = new MemoryStream())
            {
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    // Never more than one byte past the limit: a file that does not end (a race with a device, a kernel table
                    // that keeps growing) costs at most the limit.
                    long room = maxBytes + 1 - ms.Length;
                    int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, room));
                    if (n == 0) return ms.ToArray();
                    ms.Write(buffer, 0, n);
                    if (ms.Length > maxBytes) throw TooLarge(path, maxBytes);
                }
            }
        }

        internal static Stream OpenRead(string path, bool followLastLink)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (!UnixNative.IsUnix) return OpenWindows(path);
            return new DescriptorStream(OpenDescriptor(path, followLastLink), path);
        }

        /// <summary>
        /// As <see cref="OpenRead(string, bool)"/>, as a seekable stream without its own buffer (for readers that jump
        /// through a file by offsets, the systemd journal). Sharing allows writers, renames and deletes (journald keeps
        /// writing and rotating while the file is read).
        /// </summary>
        internal static FileStream OpenSeekable(string path, bool followLastLink)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (!UnixNative.IsUnix) return (FileStream)OpenWindows(path);
            var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(new IntPtr(OpenDescriptor(path, followLastLink)), ownsHandle: true);
            try
            {
                return new FileStream(handle, FileAccess.Read, 1);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        private static int OpenDescriptor(string path, bool followLastLink)
        {

            // stat first, so that a device is never opened at all (opening some has side effects: a tape rewinds, a watchdog arms).
            if (!Stat(path, followLastLink, out int mode, out _, out int errno))
            {
                if (IsMissing(errno)) throw new FileNotFoundException("Cannot read " + path + ": it does not exist.", path);
                throw FromErrno(path, errno);
            }
            if ((mode & TypeMask) != TypeRegular) throw NotRegular(path, Describe(mode));

            int flags = UnixNative.O_RDONLY | UnixNative.O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followLastLink ? 0 : UnixNative.O_NOFOLLOW);
            int fd = UnixNative.open(path, flags, 0);
            if (fd < 0)
            {
                errno = UnixNative.Errno;
                if (IsMissing(errno)) throw new FileNotFoundException("Cannot read " + path + ": it does not exist.", path);
                if (errno == ELOOP && !followLastLink) throw new UnreadableFileException(path, UnreadableFileReason.LinkLoop, errno, "Cannot read " + path + ": it became a symbolic link while being read; refused.");
                throw FromErrno(path, errno);
            }
            // The check that counts: what is open now (the path may have been replaced since the stat).
            if (!FStat(fd, out mode, out _))
            {
                errno = UnixNative.Errno;
                UnixNative.close(fd);
                throw FromErrno(path, errno);
            }
            if ((mode & TypeMask) != TypeRegular)
            {
                UnixNative.close(fd);
                throw NotRegular(path, Describe(mode));
            }
            return fd;
        }

        private static Stream OpenWindows(string path)
        {
            if (Directory.Exists(path)) throw NotRegular(path, "a folder");
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new UnreadableFileException(path, UnreadableFileReason.PermissionDenied, 0, "Cannot read " + path + ": permission denied (" + ex.Message + ").");
            }
        }

        private static bool IsMissing(int errno) => errno == UnixNative.ENOENT || errno == ENOTDIR;

        private static UnreadableFileException FromErrno(string path, int errno)
        {
            switch (errno)
            {
                case UnixNative.EACCES:
                case UnixNative.EPERM:
                    return new UnreadableFileException(path, UnreadableFileReason.PermissionDenied, errno,
                        "Cannot read " + path + ": permission denied (on the file or a folder above it).");
                case ELOOP:
                    return new UnreadableFileException(path, UnreadableFileReason.LinkLoop, errno, "Cannot read " + path + ": too many levels of symbolic links.");
                case ENXIO:
                    return NotRegular(path, "a socket or a device without a reader");
                case EISDIR:
                    return NotRegular(path, "a folder");
                case ENAMETOOLONG:
                    return new UnreadableFileException(path, UnreadableFileReason.Other, errno, "Cannot read " + path + ": the path is too long.");
                default:
                    return new UnreadableFileException(path, UnreadableFileReason.Other, errno, "Cannot read " + path + " (errno " + errno + ").");
            }
        }

        private static UnreadableFileException NotRegular(string path, string what) =>
            new UnreadableFileException(path, UnreadableFileReason.NotRegularFile, 0, "Cannot read " + path + ": it is " + what + ", not a regular file; refused.");

        private static UnreadableFileException TooLarge(string path, long maxBytes) =>
            new UnreadableFileException(path, UnreadableFileReason.TooLarge, 0,
                "Cannot read " + path + ": it is larger than the " + DescribeSize(maxBytes) + " allowed for this file; refused.");

        private static string DescribeSize(long bytes)
        {
            if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return (bytes / (1024 * 1024)) + " MiB";
            if (bytes >= 1024 && bytes % 1024 == 0) return (bytes / 1024) + " KiB";
            return bytes + " bytes";
        }

        /// <summary>What a file of <paramref name="mode"/> is, in words.</summary>
        private static string Describe(int mode)
        {
            switch (mode & TypeMask)
            {
                case 0x1000: return "a FIFO (named pipe)";
                case 0x2000: return "a character device";
                case 0x4000: return "a folder";
                case 0x6000: return "a block device";
                case 0xA000: return "a symbolic link";
                case 0xC000: return "a socket";
                default: return "not a regular file (mode " + Convert.ToString(mode, 8) + ")";
            }
        }

        // struct statx: stx_mode (u16) at 28, stx_size (u64) at 40; the same layout on every Linux architecture.
        private static bool Stat(string path, bool followLinks, out int mode, out long size, out int errno)
        {
            var buffer = new byte[256];
            int rc = Native.statx(UnixNative.AT_FDCWD, path, followLinks ? 0 : UnixNative.AT_SYMLINK_NOFOLLOW, UnixNative.STATX_BASIC_STATS, buffer);
            errno = rc == 0 ? 0 : UnixNative.Errno;
            return Decode(rc, buffer, out mode, out size);
        }

        private static bool FStat(int fd, out int mode, out long size)
        {
            var buffer = new byte[256];
            int rc = Native.statx(fd, string.Empty, UnixNative.AT_EMPTY_PATH, UnixNative.STATX_BASIC_STATS, buffer);
            return Decode(rc, buffer, out mode, out size);
        }

        private static bool Decode(int rc, byte[] buffer, out int mode, out long size)
        {
            mode = rc == 0 ? BitConverter.ToUInt16(buffer, 28) : 0;
            size = rc == 0 ? BitConverter.ToInt64(buffer, 40) : 0;
            return rc == 0;
        }

        private static class Native
        {
            [DllImport("libc", SetLastError = true)]
            public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPStr)] string path, int flags, uint mask, byte[] buffer);

            [DllImport("libc", SetLastError = true)]
            public static extern IntPtr read(int fd, IntPtr buffer, IntPtr count);
        }

        /// <summary>A read-only stream over an open descriptor; it owns the descriptor.</summary>
        private sealed class DescriptorStream : Stream
        {
            private readonly string _path;
            private int _fd;

            public DescriptorStream(int fd, string path)
            {
                _fd = fd;
                _path = path;
            }

            // A stream dropped without Dispose must not leak its descriptor.
            ~DescriptorStream()
            {
                Dispose(false);
            }

            public override bool CanRead => _fd >= 0;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (buffer == null) throw new ArgumentNullException(nameof(buffer));
                if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
                if (_fd < 0) throw new ObjectDisposedException(nameof(DescriptorStream));
                if (count == 0) return 0;
                GCHandle pin = GCHandle.Alloc(buffer, GCHandleType.Pinned);
                try
                {
                    while (true)
                    {
                        long n = Native.read(_fd, IntPtr.Add(pin.AddrOfPinnedObject(), offset), new IntPtr(count)).ToInt64();
                        if (n >= 0) return (int)n;
                        int errno = UnixNative.Errno;
                        if (errno == UnixNative.EINTR) continue;
                        throw new UnreadableFileException(_path, UnreadableFileReason.Other, errno, "Cannot read " + _path + " (errno " + errno + ").");
                    }
                }
                finally
                {
                    pin.Free();
                }
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (_fd >= 0)
                {
                    UnixNative.close(_fd);
                    _fd = -1;
                }
                base.Dispose(disposing);
            }
        }
    }
}
