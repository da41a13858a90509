using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>The MailConfigKit.TestChild program (built by the test project), run as a real separate process.</summary>
    public static class TestChild
    {
        public static string Dll => typeof(TestChild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TestChildDll").Value!;

        public static Process Start(params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Dll);
            foreach (string a in args) psi.ArgumentList.Add(a);
            return Process.Start(psi)!;
        }

        public static List<string> Args(params string[] args) => new[] { Dll }.Concat(args).ToList();
    }
}
