using System.Collections.Generic;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// The files exim and update-exim4.conf would read, by the absolute paths they use (<c>/etc/exim4/exim4.conf</c>).
    /// A host root implements it (MailHost: paths resolve inside the root and never leave it). Reading a file that is
    /// there but cannot be read (not a regular file, too large, a link out of the root) throws; the effective view then
    /// says the configuration cannot be known.
    /// </summary>
    public interface IEximFileSource
    {
        /// <summary>The file's bytes, or null when nothing is there.</summary>
        /// <exception cref="System.IO.IOException">Something is there that cannot be read.</exception>
        byte[]? ReadFile(string path);

        /// <summary>Whether anything is at <paramref name="path"/> (sh's <c>test -e</c>).</summary>
        bool Exists(string path);

        /// <summary>The names in the folder at <paramref name="path"/> (no <c>.</c> or <c>..</c>), or null when it is not a folder.</summary>
        IReadOnlyList<string>? ListDirectory(string path);

        /// <summary>Whether a regular file is at <paramref name="path"/>, links followed (sh's <c>test -f</c>).</summary>
        bool IsFile(string path);
    }
}
