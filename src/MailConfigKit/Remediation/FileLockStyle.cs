namespace MailConfigKit.Remediation
{
    /// <summary>How a file is locked while it is replaced.</summary>
    public enum FileLockStyle
    {
        /// <summary>An exclusive <c>flock</c> on the file's folder: serialises MailConfigKit's own writers.</summary>
        Folder = 0,

        /// <summary>
        /// Postfix's cooperative edit protocol (edit_file(3)): an exclusive lock on <c>FILE.tmp</c>, which is what
        /// <c>postconf -e</c>, <c>-X</c>, <c>-#</c>, <c>-M</c> and <c>-P</c> take, so that we and postconf never interleave.
        /// </summary>
        PostfixEditFile = 1,
    }
}
