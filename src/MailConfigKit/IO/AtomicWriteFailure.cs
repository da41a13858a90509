namespace MailConfigKit.IO
{
    /// <summary>Why a durable write failed; the original file is intact in every case.</summary>
    public enum AtomicWriteFailure
    {
        /// <summary>Another reason; see the message and <see cref="AtomicWriteException.ErrorNumber"/>.</summary>
        Other = 0,

        /// <summary>No space left on the device, or a quota was reached (ENOSPC, EDQUOT).</summary>
        DiskFull = 1,

        /// <summary>The file system is mounted read-only (EROFS).</summary>
        ReadOnlyFileSystem = 2,

        /// <summary>The file cannot be replaced, typically because it is a bind-mounted single file (EBUSY, EXDEV).</summary>
        Busy = 3,

        /// <summary>Permission denied (EACCES, EPERM).</summary>
        PermissionDenied = 4,
    }
}
