using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4.Support
{
    /// <summary>What dash left after sourcing one file: its exit status and each variable (null = unset).</summary>
    public sealed class DashResult
    {
        public int ExitCode { get; set; }
        public string StdErr { get; set; } = string.Empty;
        public Dictionary<string, string?> Variables { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Sources many files with the real /bin/sh (dash) the way update-exim4.conf does (<c>set -e -C -f; . FILE</c>),
    /// each in its own subshell of one driver process, and reads back the variables.
    /// </summary>
    public static class DashBatch
    {
        /// <summary>Finds dash through the shared oracle (fails under CI=true, otherwise ignores the test, when it is missing).</summary>
        public static void Require()
        {
            // The shared oracle decides: provisioned tools (dash among them), ignored outside CI, a failure under CI=true.
            Sh = MailConfigKit.Tests.Oracle.OracleTools.RequireOrIgnore().Sh;
        }

        private static string Sh { get; set; } = "/bin/sh";

        /// <summary>Sources each text as a file and reads <paramref name="names"/> afterwards.</summary>
        public static List<DashResult> Source(IReadOnlyList<string> texts, IReadOnlyList<string> names, string directory)
        {
            Directory.CreateDirectory(directory);
            var script = new StringBuilder();
            script.Append("unset ").Append(string.Join(" ", names)).Append('\n');
            script.Append("for f in \"$@\"; do\n ( set -e -C -f; . \"$f\"\n");
            foreach (string n in names)
            {
                script.Append("  if [ \"${").Append(n).Append("+x}\" = x ]; then printf 'S%s\\0' \"$").Append(n).Append("\"; else printf 'U\\0'; fi\n");
            }
            script.Append(" ) >\"$f.out\" 2>\"$f.err\" </dev/null; echo $? >\"$f.rc\"\ndone\n");
            string driver = Path.Combine(directory, "driver.sh");
            File.WriteAllText(driver, script.ToString());
            var files = new List<string>();
            for (int i = 0; i < texts.Count; i++)
            {
                string f = Path.Combine(directory, "f" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ".conf");
                File.WriteAllBytes(f, Encoding.UTF8.GetBytes(texts[i]));
                files.Add(f);
            }
            // Batches keep the argument list short.
            for (int start = 0; start < files.Count; start += 200)
            {
                var psi = new ProcessStartInfo(Sh) { UseShellExecute = false, WorkingDirectory = directory };
                psi.ArgumentList.Add(driver);
                foreach (string f in files.Skip(start).Take(200)) psi.ArgumentList.Add(f);
                psi.Environment["HOME"] = "/home/oracle";
                psi.Environment["PATH"] = "/usr/bin:/bin";
                using Process p = Process.Start(psi)!;
                if (!p.WaitForExit(120_000))
                {
                    p.Kill(true);
                    Assert.Fail("dash driver did not finish in 120 s");
                }
            }
            var results = new List<DashResult>();
            foreach (string f in files)
            {
                var r = new DashResult
                {
                    ExitCode = int.Parse(File.ReadAllText(f + ".rc").Trim(), System.Globalization.CultureInfo.InvariantCulture),
                    StdErr = File.ReadAllText(f + ".err"),
                };
                string[] parts = Encoding.UTF8.GetString(File.ReadAllBytes(f + ".out")).Split('\0');
                if (r.ExitCode == 0)
                {
                    Assert.That(parts.Length, Is.EqualTo(names.Count + 1), "driver output for " + f);
                    for (int k = 0; k < names.Count; k++) r.Variables[names[k]] = parts[k][0] == 'S' ? parts[k].Substring(1) : null;
                }
                results.Add(r);
            }
            return results;
        }

        /// <summary>A fresh temporary folder for one test.</summary>
        public static string TempDirectory(string tag)
        {
            string d = Path.Combine(Path.GetTempPath(), "mck-exim4-" + tag + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(d);
            return d;
        }
    }
}
