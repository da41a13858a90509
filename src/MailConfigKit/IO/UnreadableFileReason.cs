namespace MailConfigKit.IO
{
    /// <summary>Why <see cref="RegularFile"/> refused or failed to read a file.</summary>
    public enum UnreadableFileReason
    {
        /// <summary>Another reason (an I/O error); see the message and <see cref="UnreadableFileException.ErrorNumber"/>.</summary>
        Other = 0,

        /// <summary>Something other than a regular file is there: a FIFO, a device, a socket or a folder.</summary>
        NotRegularFile = 1,

        /// <summary>The file is larger than the limit set for it.</summary>
        TooLarge = 2,

        /// <summary>Permission denied on the file or on a folder above it (EACCES, EPERM).</summary>
        PermissionDenied = 3,

        /// <summary>Too many levels of symbolic links (ELOOP), or a link where none may be.</summary>
        LinkLoop = 4,
    }
}
