using System;
using System.Diagnostics;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>
    /// Runs a built sample as user <c>nobody</c> (setpriv, from root), so that permissions apply: the suite runs as root,
    /// and root reads everything. Without root or setpriv: a failure under CI, ignored elsewhere (Prerequisite).
    /// </summary>
    public static class RunAsNobody
    {
        public static RunResult Dotnet(string dll, params string[] args)
        {
            if (Environment.UserName != "root") Prerequisite.Missing("running as nobody needs root (setpriv)");
            if (!System.IO.File.Exists("/usr/bin/setpriv")) Prerequisite.Missing("setpriv (util-linux) is not installed");
            var start = new ProcessStartInfo("/usr/bin/setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", "dotnet", dll }) start.ArgumentList.Add(a);
            foreach (string a in args) start.ArgumentList.Add(a);
            start.Environment.Remove("NO_COLOR");
            // root's home is not nobody's: the host must not try to write there.
            start.Environment["HOME"] = "/tmp";
            start.Environment["DOTNET_CLI_HOME"] = "/tmp";
            using var process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(dll + " did not finish within 2 minutes");
            }
            return new RunResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
