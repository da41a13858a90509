using System;
using System.IO;

namespace MailDoctor
{
    /// <summary>
    /// The bundled demo host (the <c>demo</c> folder next to MailDoctor.dll), copied to a fresh temp folder so that
    /// <c>--demo --apply</c> can really write without touching the bundled original. Deleted on dispose.
    /// </summary>
    internal sealed class DemoHost : IDisposable
    {
        private DemoHost(string root)
        {
            Root = root;
        }

        public string Root { get; }

        public static string BundledTree => Path.Combine(AppContext.BaseDirectory, "demo");

        public static DemoHost Create()
        {
            string source = BundledTree;
            if (!Directory.Exists(source)) throw new DirectoryNotFoundException("The bundled demo host is missing: " + source);
            string root = Path.Combine(Path.GetTempPath(), "maildoctor-demo-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            CopyTree(source, root);
            return new DemoHost(root);
        }

        private static void CopyTree(string source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (string file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            foreach (string dir in Directory.GetDirectories(source)) CopyTree(dir, Path.Combine(target, Path.GetFileName(dir)));
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless; failing the run over it is not.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
