namespace MailConfigKit.Remediation
{
    /// <summary>What happened to a file.</summary>
    public enum FileApplyOutcome
    {
        /// <summary>The file already held the new bytes; nothing was written (its modification time stays).</summary>
        Unchanged = 0,

        /// <summary>The file was replaced.</summary>
        Written = 1,
    }

    /// <summary>One file of an applied plan.</summary>
    public sealed class FileApplyResult
    {
        internal FileApplyResult(string relativePath, string path, FileApplyOutcome outcome, string? backupPath)
        {
            RelativePath = relativePath;
            Path = path;
            Outcome = outcome;
            BackupPath = backupPath;
        }

        /// <summary>The path relative to the host root.</summary>
        public string RelativePath { get; }

        /// <summary>The absolute path written.</summary>
        public string Path { get; }

        /// <summary>Written or unchanged.</summary>
        public FileApplyOutcome Outcome { get; }

        /// <summary>The backup of the original, when one was made.</summary>
        public string? BackupPath { get; }

        /// <summary><c>path: outcome</c>.</summary>
        public override string ToString() => RelativePath + ": " + Outcome;
    }
}
