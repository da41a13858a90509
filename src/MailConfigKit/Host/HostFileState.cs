namespace MailConfigKit.Host
{
    /// <summary>What is at a path under a host root, as far as reading it goes.</summary>
    public enum HostFileState
    {
        /// <summary>Nothing is there.</summary>
        Missing = 0,

        /// <summary>A regular file that can be opened.</summary>
        RegularFile = 1,

        /// <summary>
        /// Something is there (or may be) that cannot be read: not a regular file, too large, permission denied, a link loop
        /// or a link out of the root. Never the same as missing: what could not be read must not read as all clear.
        /// </summary>
        Unreadable = 2,
    }
}
