using System;
using System.IO;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>A small real tmpfs mounted on a temp folder (root only), unmounted on dispose.</summary>
    public sealed class TmpfsMount : IDisposable
    {
        private readonly TempDir _dir = new TempDir();

        public TmpfsMount(string options)
        {
            ProcessRunner.RunChecked("/usr/bin/mount", new[] { "-t", "tmpfs", "-o", options, "mck-test", _dir.Path });
        }

        public string Path => _dir.Path;

        /// <summary>Fills the file system until the kernel says ENOSPC.</summary>
        public void Fill()
        {
            try
            {
                using var fs = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create);
                var block = new byte[4096];
                while (true) fs.Write(block, 0, block.Length);
            }
            catch (IOException)
            {
                // Full, which is the point.
            }
        }

        public void RemountReadOnly() => ProcessRunner.RunChecked("/usr/bin/mount", new[] { "-o", "remount,ro", Path });

        public void Dispose()
        {
            ProcessRunner.Run("/usr/bin/umount", new[] { "-l", Path });
            _dir.Dispose();
        }
    }
}
