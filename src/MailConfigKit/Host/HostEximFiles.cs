using System;
using System.Collections.Generic;
using System.IO;
using MailConfigKit.Exim4;
using MailConfigKit.IO;

namespace MailConfigKit.Host
{
    /// <summary>
    /// exim's absolute paths resolved inside a host root (<see cref="MailHost.GetPath"/>: links followed as the host would,
    /// never out of the root), for <see cref="EximEffectiveConfiguration.Read"/>. A path that leads out of the root, or
    /// something that is not a regular file, throws, and the effective view says it cannot be known.
    /// </summary>
    public sealed class HostEximFiles : IEximFileSource
    {
        private readonly MailHost _host;

        /// <summary>The files of <paramref name="host"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
        public HostEximFiles(MailHost host)
        {
            _host = host ?? throw new ArgumentNullException(nameof(host));
        }

        /// <inheritdoc />
        public byte[]? ReadFile(string path) => _host.ReadBytes(Relative(path));

        /// <inheritdoc />
        public bool Exists(string path)
        {
            try
            {
                string full = _host.GetPath(Relative(path));
                return File.Exists(full) || Directory.Exists(full);
            }
            catch (HostPathException)
            {
                // Something is there (a link), but it leads out of the root: exists, and reading it will say why not.
                return true;
            }
        }

        /// <inheritdoc />
        public IReadOnlyList<string>? ListDirectory(string path)
        {
            string full = _host.GetPath(Relative(path));
            if (!Directory.Exists(full)) return null;
            var names = new List<string>();
            foreach (string entry in Directory.EnumerateFileSystemEntries(full))
            {
                names.Add(Path.GetFileName(entry));
            }
            return names;
        }

        /// <inheritdoc />
        public bool IsFile(string path)
        {
            try
            {
                return RegularFile.Exists(_host.GetPath(Relative(path)));
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
                return false;
            }
        }

        /// <summary>The host root.</summary>
        public override string ToString() => "exim files under " + _host.Root;

        private static string Relative(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            return path.TrimStart('/');
        }
    }
}
