using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System;
using MailConfigKit.Diagnosis;

namespace MailConfigKit.Fuzz
{
    /// <summary>
    /// Sources exim files with the real dash the way update-exim4.conf does (<c>set -e -C -f; . FILE</c>), many per dash
    /// process (one subshell each, as tests/MailConfigKit.Tests/Exim4/Support/DashBatch.cs does), and reads variables.
    /// Fuzzed files are arbitrary shell: they run with PATH pointing nowhere, a CPU limit, and as nobody when we are root.
    /// </summary>
    public static class DashOracle
    {
        public sealed class Result
        {
            public int ExitCode { get; set; }

            public string StdErr { get; set; } = string.Empty;

            public Dictionary<string, string?> Variables { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        private static readonly Lazy<string?> DashPath = new Lazy<string?>(Find);

        public static string? Dash => DashPath.Value;

        private static string? Find()
        {
            string? env = Environment.GetEnvironmentVariable("MCK_FUZZ_DASH");
            if (!string.IsNullOrEmpty(env) && File.Exists(env)) return env;
            foreach (string p in new[] { "/bin/dash", "/usr/bin/dash" }) if (File.Exists(p)) return p;
            foreach (string root in Directory.Exists("/var/cache/mailconfigkit-oracle") ? Directory.GetDirectories("/var/cache/mailconfigkit-oracle") : Array.Empty<string>())
            {
                foreach (string p in new[] { "root/bin/dash", "root/usr/bin/dash" }) if (File.Exists(Path.Combine(root, p))) return Path.Combine(root, p);
            }
            return null;
        }

        private static bool IsRoot => Environment.UserName == "root";

        /// <summary>A folder that the sandboxed shell can write (world-writable when we drop to nobody).</summary>
        public static string MakeSharedDirectory(string path)
        {
            Directory.CreateDirectory(path);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
            return path;
        }

        private static readonly System.Text.RegularExpressions.Regex CanaryPath = new System.Text.RegularExpressions.Regex(
            System.Text.RegularExpressions.Regex.Escape(Generator.CanaryDirectory) + "/c[0-9]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>
        /// A "canary" finding for each canary file the case's values name that exists (dash ran a command written as part
        /// of a value); each found file is deleted, so the next check starts clean.
        /// </summary>
        public static List<Finding> CanaryFindings(FuzzCase c)
        {
            var findings = new List<Finding>();
            foreach (string canary in c.Ops.SelectMany(o => o.Args).SelectMany(a => CanaryPath.Matches(a).Select(m => m.Value)).Distinct())
            {
                if (!File.Exists(canary)) continue;
                findings.Add(new Finding("canary", "dash ran a command written as part of a value: " + canary + " was created"));
                File.Delete(canary);
            }
            return findings;
        }

        /// <summary>Sources each file (bytes) and reads <c>names[i]</c> after it.</summary>
        public static List<Result> Source(IReadOnlyList<byte[]> files, IReadOnlyList<IReadOnlyList<string>> names, string directory)
        {
            string dash = Dash ?? throw new InvalidOperationException("dash not found");
            MakeSharedDirectory(directory);
            string token = "@@mck-fuzz-" + Guid.NewGuid().ToString("N") + "@@";
            var driver = new StringBuilder();
            // Each file runs in a folder of its own: a redirection in one (created with -C) must not fail the next.
            // Limits: 5 s CPU a process, and (as nobody, where the count is ours alone) 256 processes: nested command
            // substitutions fork one dash each.
            driver.Append("for f in \"$@\"; do\n ( cd \"$f.d\" && ulimit -t 5 2>/dev/null; ").Append(IsRoot ? "ulimit -p 256 2>/dev/null; " : string.Empty)
                  .Append("set -e -C -f; . \"$f\"; . \"$f.read\" ) >\"$f.out\" 2>\"$f.err\" </dev/null; echo $? >\"$f.rc\"\ndone\n");
            string driverPath = Path.Combine(directory, "driver.sh");
            File.WriteAllText(driverPath, driver.ToString());
            var paths = new List<string>();
            for (int i = 0; i < files.Count; i++)
            {
                string f = Path.Combine(directory, "f" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ".conf");
                File.WriteAllBytes(f, files[i]);
                MakeSharedDirectory(f + ".d");
                var read = new StringBuilder("command printf '%s' '").Append(token).Append("'\n");
                foreach (string n in names[i]) read.Append("command printf '%s\\0' \"${").Append(n).Append("+S}${").Append(n).Append("-U}\"\n");
                File.WriteAllText(f + ".read", read.ToString());
                paths.Add(f);
            }
            for (int start = 0; start < paths.Count; start += 200)
            {
                var psi = new ProcessStartInfo(IsRoot ? "/usr/bin/setpriv" : dash) { UseShellExecute = false, WorkingDirectory = directory };
                if (IsRoot)
                {
                    foreach (string a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "--", dash }) psi.ArgumentList.Add(a);
                }
                psi.ArgumentList.Add(driverPath);
                foreach (string f in paths.Skip(start).Take(200)) psi.ArgumentList.Add(f);
                psi.Environment.Clear();
                psi.Environment["HOME"] = "/nonexistent";
                psi.Environment["PATH"] = "/nonexistent-mck-fuzz";
                using Process p = Process.Start(psi)!;
                if (!p.WaitForExit(120_000))
                {
                    p.Kill(true);
                    throw new TimeoutException("dash batch did not finish in 120 s");
                }
            }
            var results = new List<Result>();
            byte[] tok = Encoding.ASCII.GetBytes(token);
            for (int i = 0; i < paths.Count; i++)
            {
                string f = paths[i];
                var r = new Result
                {
                    ExitCode = int.TryParse(ReadOr(f + ".rc").Trim(), out int rc) ? rc : -1,
                    StdErr = ReadOr(f + ".err"),
                };
                byte[] output = File.Exists(f + ".out") ? File.ReadAllBytes(f + ".out") : Array.Empty<byte>();
                int at = output.AsSpan().LastIndexOf(tok);
                if (r.ExitCode == 0 && at >= 0)
                {
                    var raw = output.AsSpan(at + tok.Length);
                    var fields = new List<byte[]>();
                    int s = 0;
                    for (int k = 0; k < raw.Length; k++)
                    {
                        if (raw[k] != 0) continue;
                        fields.Add(raw.Slice(s, k - s).ToArray());
                        s = k + 1;
                    }
                    for (int k = 0; k < names[i].Count && k < fields.Count; k++)
                    {
                        byte[] field = fields[k];
                        r.Variables[names[i][k]] = field.Length > 0 && field[0] == (byte)'S' ? Latin1OrUtf8(field.AsSpan(1).ToArray()) : null;
                    }
                    if (fields.Count != names[i].Count) r.ExitCode = -2;
                }
                else if (r.ExitCode == 0)
                {
                    r.ExitCode = -3; // exited 0 before our read-back ran (the file called exit)
                }
                results.Add(r);
            }
            return results;
        }

        /// <summary>Raw bytes as Latin-1 chars; the caller decodes UTF-8 where the document is UTF-8.</summary>
        private static string Latin1OrUtf8(byte[] bytes) => Encoding.Latin1.GetString(bytes);

        public static string AsDocumentText(string latin1, bool byteMode) => byteMode ? latin1 : Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));

        private static string ReadOr(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;

        /// <summary>Runs the jobs: before and after sourced, the edited name read back, the others unchanged.</summary>
        /// <summary>
        /// Whether dash should source this file: not the huge or deeply nested ones (dash forks a process per nested
        /// <c>$(</c>; those inputs are about the library's depth handling, not about what dash reads).
        /// </summary>
        public static bool Suitable(byte[] file)
        {
            if (file.Length > 256 * 1024) return false;
            int substitutions = 0;
            for (int i = 0; i < file.Length; i++)
            {
                if (file[i] == (byte)'`' || (file[i] == (byte)'(' && i > 0 && file[i - 1] == (byte)'$')) substitutions++;
            }
            return substitutions <= 64;
        }

        public static List<(int Job, Finding Finding)> Check(IReadOnlyList<DashJob> all, string directory)
        {
            var index = Enumerable.Range(0, all.Count).Where(k => Suitable(all[k].Before) && Suitable(all[k].After)).ToList();
            var jobs = index.Select(k => all[k]).ToList();
            var files = new List<byte[]>();
            var names = new List<IReadOnlyList<string>>();
            foreach (DashJob j in jobs)
            {
                var n = new List<string> { j.Name };
                n.AddRange(j.Others);
                files.Add(j.Before);
                names.Add(n);
                files.Add(j.After);
                names.Add(n);
            }
            var results = Source(files, names, directory);
            var findings = new List<(int, Finding)>();
            for (int i = 0; i < jobs.Count; i++)
            {
                DashJob j = jobs[i];
                int job = index[i];
                Result before = results[2 * i], after = results[2 * i + 1];
                if (before.ExitCode != 0) continue;
                if (after.ExitCode != 0)
                {
                    findings.Add((job, new Finding("dash", j.Describe + ": the file sourced fine before the edit, dash fails after it (exit " + after.ExitCode + "): " + Short(after.StdErr))));
                    continue;
                }
                string? got = after.Variables.TryGetValue(j.Name, out var g) && g != null ? AsDocumentText(g, j.ByteMode) : null;
                if (!string.Equals(got, j.Expected, StringComparison.Ordinal))
                {
                    findings.Add((job, new Finding("dash", j.Describe + ": dash reads " + j.Name + " as " + Q(got) + ", expected " + Q(j.Expected))));
                    continue;
                }
                foreach (string o in j.Others)
                {
                    before.Variables.TryGetValue(o, out var b);
                    after.Variables.TryGetValue(o, out var a);
                    if (!string.Equals(a, b, StringComparison.Ordinal))
                    {
                        findings.Add((job, new Finding("dash", j.Describe + ": dash reads " + o + " as " + Q(a) + " after the edit, " + Q(b) + " before")));
                        break;
                    }
                    // Where the library claims to know a value, it must be what dash leaves.
                    if (j.LibraryValues.TryGetValue(o, out var lib) && lib != null)
                    {
                        string? dashValue = a == null ? null : AsDocumentText(a, j.ByteMode);
                        if (!string.Equals(dashValue, lib, StringComparison.Ordinal))
                        {
                            findings.Add((job, new Finding("dash", "after " + j.Describe + ": GetValue(" + o + ") gives " + Q(lib) + ", dash leaves " + Q(dashValue))));
                            break;
                        }
                    }
                }
            }
            return findings;
        }

        private static string Q(string? s) => s == null ? "unset" : FuzzCase.Quote(s.Length > 120 ? s.Substring(0, 120) + "..." : s);

        private static string Short(string s)
        {
            s = s.Replace("\n", " ", StringComparison.Ordinal).Trim();
            return s.Length > 200 ? s.Substring(0, 200) + "..." : s;
        }
    }
}
