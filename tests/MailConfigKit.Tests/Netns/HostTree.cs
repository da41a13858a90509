using System;
using System.IO;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>A temporary folder standing for a host's root (<c>etc/...</c>, <c>var/...</c>); deleted on dispose.</summary>
    public sealed class HostTree : IDisposable
    {
        public HostTree(string prefix = "mck-tree-")
        {
            Root = Directory.CreateTempSubdirectory(prefix).FullName;
            // CreateTempSubdirectory makes it 0700; daemons open their logs and spool as their own users (exim forks a
            // Debian-exim child to create a log file), and those must be able to walk in, as on a real root.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
            }
        }

        public string Root { get; }

        /// <summary>The absolute path of <paramref name="relative"/> (e.g. <c>etc/exim4/update-exim4.conf.conf</c>).</summary>
        public string PathOf(string relative) => Path.Combine(Root, relative);

        /// <summary>Writes a file, creating its folders.</summary>
        public string Write(string relative, byte[] content)
        {
            var path = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
            return path;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
