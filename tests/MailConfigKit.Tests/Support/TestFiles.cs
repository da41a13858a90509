using System;
using System.IO;

namespace MailConfigKit.Tests.Support
{
    /// <summary>
    /// The one fixture loader: case files copied to the output folder (<c>Postfix/Cases</c>, <c>Exim4/Cases</c>, ...),
    /// by path relative to it, and the inline fixtures of the other part of this class.
    /// </summary>
    public static partial class TestFiles
    {
        /// <summary>The folder of the update-exim4.conf.conf case files, relative to the output folder.</summary>
        public const string EximCases = "Exim4/Cases/";

        public static string CasePath(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

        /// <summary>The repository's top folder (the one holding MailConfigKit.sln), for tests that check its docs.</summary>
        public static string RepositoryRoot()
        {
            string? dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "MailConfigKit.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("MailConfigKit.sln not found above " + AppContext.BaseDirectory);
        }

        public static byte[] CaseBytes(string relative) => File.ReadAllBytes(CasePath(relative));

        public static string CaseText(string relative) => File.ReadAllText(CasePath(relative));

        public static string[] PostfixCases() => Directory.GetFiles(CasePath("Postfix/Cases"), "*.cf");
    }

    /// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mck-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a test that failed mid-way may leave a read-only mount or similar behind.
            }
        }
    }
}
