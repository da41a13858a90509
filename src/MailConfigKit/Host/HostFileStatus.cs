namespace MailConfigKit.Host
{
    /// <summary>A path under a host root, what is there, and why it could not be read when it could not.</summary>
    public sealed class HostFileStatus
    {
        /// <summary>Creates a status.</summary>
        public HostFileStatus(string relativePath, HostFileState state, string? problem)
        {
            RelativePath = relativePath;
            State = state;
            Problem = problem;
        }

        /// <summary>The path relative to the host root.</summary>
        public string RelativePath { get; }

        /// <summary>What is there.</summary>
        public HostFileState State { get; }

        /// <summary>Why it could not be read (a sentence naming the file), or null.</summary>
        public string? Problem { get; }

        /// <summary><c>path: problem</c>, or <c>path: state</c>.</summary>
        public override string ToString() => RelativePath + ": " + (Problem ?? State.ToString());
    }
}
