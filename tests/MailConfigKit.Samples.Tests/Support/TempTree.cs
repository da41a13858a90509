using System;
using System.IO;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>A fresh temp folder (optionally a copy of a tree), deleted on dispose.</summary>
    public sealed class TempTree : IDisposable
    {
        public TempTree()
        {
            Root = Path.Combine(Path.GetTempPath(), "mck-samples-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(Root);
        }

        public string Root { get; }

        public static TempTree CopyOf(string source)
        {
            var tree = new TempTree();
            Copy(source, tree.Root);
            return tree;
        }

        public string PathOf(string relative) => Path.Combine(Root, relative);

        private static void Copy(string source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (string f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
            foreach (string d in Directory.GetDirectories(source)) Copy(d, Path.Combine(target, Path.GetFileName(d)));
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
