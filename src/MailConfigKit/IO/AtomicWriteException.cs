using System.IO;

namespace MailConfigKit.IO
{
    /// <summary>A durable atomic write failed. The original file is unchanged and no temporary file is left behind.</summary>
    public sealed class AtomicWriteException : IOException
    {
        /// <summary>Creates the exception.</summary>
        public AtomicWriteException(string path, AtomicWriteFailure reason, int errorNumber, string message)
            : base(message)
        {
            Path = path;
            Reason = reason;
            ErrorNumber = errorNumber;
        }

        /// <summary>The file that was being written.</summary>
        public string Path { get; }

        /// <summary>The kind of failure.</summary>
        public AtomicWriteFailure Reason { get; }

        /// <summary>The operating system's error number (errno on Unix), or 0.</summary>
        public int ErrorNumber { get; }
    }
}
