using System.IO;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// A file changed between planning and applying (another tool, an administrator, or a parallel apply wrote it). Nothing
    /// of the plan was left applied; plan again from the current text.
    /// </summary>
    public sealed class PlanConflictException : IOException
    {
        /// <summary>Creates the exception.</summary>
        public PlanConflictException(string path, string expectedHash, string? actualHash)
            : base("Refusing to write " + path + ": it changed since the plan was made (planned from SHA-256 " + expectedHash + ", now "
                + (actualHash ?? "missing") + "). Nothing was changed; make the plan again.")
        {
            Path = path;
            ExpectedHash = expectedHash;
            ActualHash = actualHash;
        }

        /// <summary>The file that changed.</summary>
        public string Path { get; }

        /// <summary>The hash the plan was made from.</summary>
        public string ExpectedHash { get; }

        /// <summary>The hash now; null when the file is gone.</summary>
        public string? ActualHash { get; }
    }
}
