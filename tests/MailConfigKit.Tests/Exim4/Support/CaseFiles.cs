using System.IO;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4.Support
{
    /// <summary>The spec case files copied next to the test assembly (Exim4/Cases).</summary>
    public static class CaseFiles
    {
        public static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "Exim4", "Cases");

        public static string PathOf(string name) => Path.Combine(Folder, name);

        public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

        public static string Text(string name) => File.ReadAllText(PathOf(name));
    }
}
