using System.IO;

namespace MailConfigKit.Host
{
    /// <summary>A path under a host root that cannot be used: it leads outside the root, or its links loop.</summary>
    public sealed class HostPathException : IOException
    {
        /// <summary>Creates the exception.</summary>
        public HostPathException(string root, string relativePath, string message)
            : base(message)
        {
            Root = root;
            RelativePath = relativePath;
        }

        /// <summary>The host root.</summary>
        public string Root { get; }

        /// <summary>The path, relative to the root, that was asked for.</summary>
        public string RelativePath { get; }
    }
}
