using System.IO;

namespace MailConfigKit.IO
{
    /// <summary>
    /// A file could not be read safely: it is not a regular file (a FIFO would block the reader forever, a device such as
    /// <c>/dev/zero</c> never ends), it is larger than its limit, or the system refused to open it. The message names the
    /// file and says why, in words fit for an administrator.
    /// </summary>
    public sealed class UnreadableFileException : IOException
    {
        /// <summary>Creates the exception.</summary>
        public UnreadableFileException(string path, UnreadableFileReason reason, int errorNumber, string message)
            : base(message)
        {
            Path = path;
            Reason = reason;
            ErrorNumber = errorNumber;
        }

        /// <summary>The file that could not be read.</summary>
        public string Path { get; }

        /// <summary>Why.</summary>
        public UnreadableFileReason Reason { get; }

        /// <summary>The operating system's error number (errno on Unix), or 0.</summary>
        public int ErrorNumber { get; }
    }
}
