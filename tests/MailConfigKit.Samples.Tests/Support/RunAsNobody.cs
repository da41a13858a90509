using System;
using System.Collections.Generic;
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
            dll = ReachableCopy(dll);
            // root's home is not nobody's: the host must not try to write there.
            var env = new Dictionary<string, string> { ["HOME"] = "/tmp", ["DOTNET_CLI_HOME"] = "/tmp" };
            var all = new List<string> { "--reuid=nobody", "--regid=nogroup", "--clear-groups", "dotnet", dll };
            all.AddRange(args);
            return Run.Program("/usr/bin/setpriv", all, env);
        }

        private static readonly object Gate = new object();
        private static readonly System.Collections.Generic.Dictionary<string, string> Copies = new System.Collections.Generic.Dictionary<string, string>();

        // The checkout may sit in a folder only root can enter (mktemp -d is 0700), so nobody could not even load the
        // program: run a copy of its build output from a world-readable temp folder instead (once per test run).
        private static string ReachableCopy(string dll)
        {
            lock (Gate)
            {
                if (Copies.TryGetValue(dll, out string? copy)) return copy;
                string from = System.IO.Path.GetDirectoryName(dll)!;
                string to = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mck-nobody-" + Guid.NewGuid().ToString("N").Substring(0, 12));
                foreach (string dir in System.IO.Directory.GetDirectories(from, "*", System.IO.SearchOption.AllDirectories))
                    System.IO.Directory.CreateDirectory(System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, dir)));
                System.IO.Directory.CreateDirectory(to);
                foreach (string file in System.IO.Directory.GetFiles(from, "*", System.IO.SearchOption.AllDirectories))
                    System.IO.File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file)));
                if (!OperatingSystem.IsWindows())
                {
                    foreach (string dir in System.IO.Directory.GetDirectories(to, "*", System.IO.SearchOption.AllDirectories))
                        System.IO.File.SetUnixFileMode(dir, (System.IO.UnixFileMode)0b111_101_101);
                    System.IO.File.SetUnixFileMode(to, (System.IO.UnixFileMode)0b111_101_101);
                }
                copy = System.IO.Path.Combine(to, System.IO.Path.GetFileName(dll));
                Copies[dll] = copy;
                return copy;
            }
        }
    }
}
