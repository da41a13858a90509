using System;
using System.Diagnostics;
using System.Threading;

namespace MailConfigKit.IO
{
    /// <summary>
    /// Exclusive advisory locks (flock) held while a file is replaced. Two styles: Postfix's cooperative edit protocol
    /// on <c>FILE.tmp</c> (see edit_file(3) in the Postfix sources), and a lock on the file's folder for files no other
    /// tool locks. Waiting is bounded: a lock not obtained within the timeout is an error, never a hang.
    /// </summary>
    internal sealed class FileLock : IDisposable
    {
        private readonly int _fd;
        private readonly string? _unlinkOnRelease;

        private FileLock(int fd, string? unlinkOnRelease)
        {
            _fd = fd;
            _unlinkOnRelease = unlinkOnRelease;
        }

        /// <summary>
        /// Takes the lock <c>postconf -e</c> takes: open (create, mode 0600) <c>FILE.tmp</c>, lock it exclusively, and make
        /// sure it is still the file under that name (a previous holder renames or removes it before unlocking). The
        /// lock file is removed on release while still locked, exactly as postconf's cleanup does, so a waiting postconf
        /// finds the name gone and starts over with a fresh file.
        /// </summary>
        public static FileLock PostfixEditFile(string target, TimeSpan timeout)
        {
            string lockPath = target + ".tmp";
            var clock = Stopwatch.StartNew();
            while (true)
            {
                int fd = UnixNative.open(lockPath, UnixNative.O_WRONLY | UnixNative.O_CREAT | UnixNative.O_NOFOLLOW | UnixNative.O_CLOEXEC, Convert.ToInt32("600", 8));
                if (fd < 0) throw AtomicFile.Fail(target, UnixNative.Errno, "create the lock file " + lockPath + " for");
                bool keep = false;
                try
                {
                    Wait(fd, target, clock, timeout);
                    if (!UnixNative.TryStat(fd, out FileOwnership held) || !UnixNative.TryStat(lockPath, followLinks: false, out FileOwnership named) || !held.SameFileAs(named))
                    {
                        continue;
                    }
                    // postconf refuses a lock file left in a strange state (hard links, other modes) and recreates it; so do we.
                    if (!named.IsRegularFile || named.Links > 1 || named.Permissions != Convert.ToInt32("600", 8))
                    {
                        UnixNative.unlink(lockPath);
                        continue;
                    }
                    keep = true;
                    return new FileLock(fd, lockPath);
                }
                finally
                {
                    if (!keep) UnixNative.close(fd);
                }
            }
        }

        /// <summary>Locks the folder that holds <paramref name="target"/>; nothing is created.</summary>
        public static FileLock Folder(string target, TimeSpan timeout)
        {
            string dir = System.IO.Path.GetDirectoryName(target) ?? "/";
            int fd = UnixNative.open(dir, UnixNative.O_RDONLY | UnixNative.O_DIRECTORY | UnixNative.O_CLOEXEC, 0);
            if (fd < 0) throw AtomicFile.Fail(target, UnixNative.Errno, "open the folder of");
            try
            {
                Wait(fd, target, Stopwatch.StartNew(), timeout);
                return new FileLock(fd, null);
            }
            catch
            {
                UnixNative.close(fd);
                throw;
            }
        }

        private static void Wait(int fd, string target, Stopwatch clock, TimeSpan timeout)
        {
            int delay = 1;
            while (UnixNative.flock(fd, UnixNative.LOCK_EX | UnixNative.LOCK_NB) != 0)
            {
                int errno = UnixNative.Errno;
                if (errno != UnixNative.EWOULDBLOCK && errno != UnixNative.EINTR) throw AtomicFile.Fail(target, errno, "lock");
                if (clock.Elapsed > timeout)
                {
                    throw new AtomicWriteException(target, AtomicWriteFailure.Busy, errno,
                        "Cannot lock " + target + ": another writer (postconf or MailConfigKit) held the lock for " + timeout.TotalSeconds + " s; the file is unchanged.");
                }
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 50);
            }
        }

        public void Dispose()
        {
            // Remove the name before unlocking: after the unlock the file is no longer ours to touch.
            if (_unlinkOnRelease != null) UnixNative.unlink(_unlinkOnRelease);
            UnixNative.close(_fd);
        }
    }
}
