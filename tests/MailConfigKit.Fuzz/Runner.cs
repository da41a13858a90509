using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Text;
using System.Threading;
using System;
using MailConfigKit.Diagnosis;

namespace MailConfigKit.Fuzz
{
    /// <summary>A failing input with what it did wrong and how to replay it.</summary>
    public sealed class FuzzFailure
    {
        public FuzzFailure(FuzzCase c, List<Finding> findings, string? index)
        {
            Case = c;
            Findings = findings;
            Index = index;
        }

        public FuzzCase Case { get; }

        public List<Finding> Findings { get; }

        /// <summary>The generated input's index, or null for a case file.</summary>
        public string? Index { get; }

        public string? File { get; set; }

        /// <summary>Kind and message with numbers and quoted text blanked: failures of one cause group together.</summary>
        public string Signature => Regex.Replace(Regex.Replace(Main.Kind + ": " + Main.Message, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"…\""), "[0-9]+", "N");

        /// <summary>The most serious finding: what the input is listed under.</summary>
        public Finding Main => Findings.OrderBy(f => Severity(f.Kind)).First();

        private static int Severity(string kind) => Array.IndexOf(Order, kind) is int i && i >= 0 ? i : Order.Length;

        private static readonly string[] Order = { "crash", "hang", "canary", "dash", "exception", "structure", "accepted", "refused-changed", "roundtrip", "locality", "reparse", "readback" };
    }

    public sealed class RunOptions
    {
        public ulong Seed { get; set; }

        public long Start { get; set; }

        public long Count { get; set; }

        /// <summary>Case files to replay instead of generated inputs.</summary>
        public IReadOnlyList<string>? Files { get; set; }

        public int Workers { get; set; } = Math.Max(1, Environment.ProcessorCount);

        public int Chunk { get; set; } = 1000;

        public bool Dash { get; set; } = true;

        /// <summary>Source the exim edits of every Nth generated input with dash (1 = all; case files always).</summary>
        public int DashEvery { get; set; } = 1;

        /// <summary>Where each failure is written as a case file (with its seed and a one-line replay command).</summary>
        public string OutputDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "mck-fuzz");

        public Action<string> Log { get; set; } = Console.WriteLine;

        public TimeSpan ProgressEvery { get; set; } = TimeSpan.FromSeconds(30);
    }

    public sealed class RunResult
    {
        public List<FuzzFailure> Failures { get; } = new List<FuzzFailure>();

        public long Inputs { get; set; }

        public TimeSpan Elapsed { get; set; }

        /// <summary>One block for an assertion: each kind of failure once, with its count, an example and its replay.</summary>
        public string Summary(int maxGroups = 40)
        {
            var sb = new StringBuilder();
            var groups = Failures.GroupBy(f => f.Signature).OrderByDescending(g => g.Count()).ToList();
            sb.Append(Failures.Count).Append(" failing inputs of ").Append(Inputs).Append(", ").Append(groups.Count).Append(" kinds:\n");
            foreach (var g in groups.Take(maxGroups))
            {
                FuzzFailure f = g.OrderBy(x => x.Case.Size).First();
                sb.Append("- ").Append(g.Count()).Append(" x ").Append(Cut(f.Main.ToString(), 400)).Append('\n');
                sb.Append("    smallest: ").Append(f.Case.Origin).Append(" (").Append(f.Case.Size).Append(" chars) ").Append(f.File ?? string.Empty).Append('\n');
                sb.Append("    replay: ").Append(Runner.ReplayCommand(f)).Append('\n');
            }
            if (groups.Count > maxGroups) sb.Append("... ").Append(groups.Count - maxGroups).Append(" more kinds (all in the failure folder)\n");
            return Printable(sb.ToString());
        }

        private static string Cut(string s, int n) => s.Length <= n ? s : s.Substring(0, n) + "...";

        /// <summary>
        /// Controls, lone surrogates and \uXXXX escapes written as U+XXXX: test loggers turn "\uD800" back into a
        /// character, and raw escapes from inputs must not reach the terminal.
        /// </summary>
        private static string Printable(string s)
        {
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '\\' && i + 5 < s.Length && s[i + 1] == 'u' && Uri.IsHexDigit(s[i + 2]) && Uri.IsHexDigit(s[i + 3]) && Uri.IsHexDigit(s[i + 4]) && Uri.IsHexDigit(s[i + 5]))
                {
                    sb.Append("U+").Append(s, i + 2, 4);
                    i += 5;
                }
                else if ((c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || char.IsSurrogate(c))
                {
                    sb.Append("U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(c);
                }
            }
            return sb.ToString();
        }
    }

    /// <summary>
    /// The parent: hands chunks of input indices (or case files) to worker processes, one per core, restarts a worker
    /// that crashed or hung and blames the input its progress file names, and writes every failure to a file.
    /// </summary>
    public static class Runner
    {
        public static string DllPath => typeof(Runner).Assembly.Location;

        public static string ReplayCommand(FuzzFailure f) =>
            f.Index != null && f.Case.Origin.StartsWith("seed=", StringComparison.Ordinal)
                ? "dotnet " + DllPath + " replay --seed " + SeedOf(f.Case.Origin) + " --index " + f.Index
                : "dotnet " + DllPath + " replay " + (f.File ?? f.Case.Origin);

        private static string SeedOf(string origin) => origin.Split(' ')[0].Substring(5);

        public static RunResult Run(RunOptions o)
        {
            var result = new RunResult();
            var sw = Stopwatch.StartNew();
            Directory.CreateDirectory(o.OutputDirectory);
            DashOracle.MakeSharedDirectory(Generator.CanaryDirectory);
            foreach (string f in Directory.GetFiles(Generator.CanaryDirectory)) File.Delete(f);
            var queue = new Queue<string>();
            if (o.Files != null)
            {
                foreach (string f in o.Files) queue.Enqueue("file " + f);
            }
            else
            {
                for (long s = o.Start; s < o.Start + o.Count; s += o.Chunk) queue.Enqueue("range " + s.ToString(CultureInfo.InvariantCulture) + " " + Math.Min(o.Start + o.Count, s + o.Chunk).ToString(CultureInfo.InvariantCulture));
            }
            long total = o.Files?.Count ?? o.Count;
            long done = 0;
            var gate = new object();
            var lastProgress = Stopwatch.StartNew();
            var failuresByOrigin = new Dictionary<string, FuzzFailure>(StringComparer.Ordinal);
            // Inputs already retried once after a wall-time stall (shared by the workers, so a retry is not retried again).
            var retried = new HashSet<string>(StringComparer.Ordinal);

            void Record(FuzzCase c, IEnumerable<Finding> findings, string? index)
            {
                lock (gate)
                {
                    if (!failuresByOrigin.TryGetValue(c.Origin, out var f))
                    {
                        f = new FuzzFailure(c, new List<Finding>(), index);
                        failuresByOrigin[c.Origin] = f;
                        result.Failures.Add(f);
                    }
                    foreach (Finding x in findings) f.Findings.Add(x);
                    f.File = WriteFailure(o, f);
                    o.Log("FAIL " + c.Origin + ": " + Cut(f.Findings.Last().ToString(), 300) + "\n     replay: " + ReplayCommand(f));
                }
            }

            void WorkerLoop(int id)
            {
                Process? p = null;
                string progress = Path.Combine(o.OutputDirectory, "worker" + id.ToString(CultureInfo.InvariantCulture) + ".progress");
                var stderr = new StringBuilder();
                try
                {
                    while (true)
                    {
                        string? cmd;
                        lock (gate)
                        {
                            if (queue.Count == 0) return;
                            cmd = queue.Dequeue();
                        }
                        while (cmd != null)
                        {
                            if (p == null || p.HasExited) p = Start(o, id, progress, stderr);
                            p.StandardInput.WriteLine(cmd);
                            p.StandardInput.Flush();
                            string? hang = null;
                            string? line;
                            bool completed = false;
                            while ((line = p.StandardOutput.ReadLine()) != null)
                            {
                                if (line == "D") { completed = true; break; }
                                if (line.StartsWith("F ", StringComparison.Ordinal))
                                {
                                    var c = FuzzCase.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(line.Substring(2))));
                                    var findings = c.Notes.Where(n => n.StartsWith("finding: ", StringComparison.Ordinal)).Select(ParseFinding).ToList();
                                    c.Notes.Clear();
                                    Record(c, findings, IndexOf(c.Origin));
                                }
                                else if (line.StartsWith("H ", StringComparison.Ordinal))
                                {
                                    hang = line;
                                }
                            }
                            if (completed)
                            {
                                Interlocked.Add(ref done, CountOf(cmd));
                                cmd = null;
                                continue;
                            }
                            // The worker died in the middle of cmd: blame the input it was on, go on after it.
                            p.WaitForExit();
                            string tag = File.Exists(progress) ? File.ReadAllText(progress).Trim() : string.Empty;
                            // A stall of wall time alone (CPU under its limit) says the worker was not running (a
                            // stopped process, a machine busy with something else), not that the input is slow: run
                            // that input once more in a fresh worker before calling it a hang.
                            bool retry = false;
                            if (hang != null && tag.Length != 0 && WallOnly(hang))
                            {
                                lock (gate) retry = retried.Add(cmd.StartsWith("file ", StringComparison.Ordinal) ? cmd : "range " + tag);
                            }
                            if (retry)
                            {
                                o.Log("stall on " + tag + " with CPU under its limit (" + hang + "): retrying it once in a fresh worker");
                                p.Dispose();
                                p = null;
                                lock (stderr) stderr.Clear();
                                cmd = Retry(cmd, tag, ref done);
                                continue;
                            }
                            string why;
                            if (hang != null)
                            {
                                string[] h = hang.Split(' ');
                                why = "did not finish: stopped after " + h[h.Length - 2] + " s CPU, " + h[h.Length - 1] + " s wall (limits " + Worker.HangCpuSeconds.ToString(CultureInfo.InvariantCulture) + " s CPU + " + Worker.HangCpuSecondsPerMegabyte.ToString(CultureInfo.InvariantCulture) + " s a million characters, " + Worker.HangWallSeconds.ToString(CultureInfo.InvariantCulture) + " s wall)";
                            }
                            else
                            {
                                why = "the worker process died (exit " + p.ExitCode.ToString(CultureInfo.InvariantCulture) + "): " + Cut(StderrHead(stderr), 700);
                            }
                            FuzzCase culprit = tag.Length == 0 ? new FuzzCase { Origin = "unknown input of " + cmd } : cmd.StartsWith("file ", StringComparison.Ordinal) ? LoadOrEmpty(tag) : MakeOrEmpty(o.Seed, tag);
                            Record(culprit, new List<Finding> { new Finding(hang != null ? "hang" : "crash", why) }, cmd.StartsWith("range ", StringComparison.Ordinal) ? tag : null);
                            p.Dispose();
                            p = null;
                            lock (stderr) stderr.Clear();
                            cmd = Remainder(cmd, tag, ref done);
                        }
                        lock (gate)
                        {
                            if (lastProgress.Elapsed > o.ProgressEvery)
                            {
                                lastProgress.Restart();
                                double rate = Interlocked.Read(ref done) / Math.Max(0.001, sw.Elapsed.TotalSeconds);
                                o.Log(string.Format(CultureInfo.InvariantCulture, "progress: {0:N0}/{1:N0} inputs, {2:N0}/s, {3} failing, {4:hh\\:mm\\:ss} elapsed", Interlocked.Read(ref done), total, rate, result.Failures.Count, sw.Elapsed));
                            }
                        }
                    }
                }
                finally
                {
                    if (p != null && !p.HasExited)
                    {
                        try { p.StandardInput.WriteLine("quit"); p.StandardInput.Close(); } catch (IOException) { }
                        if (!p.WaitForExit(10_000)) p.Kill(true);
                    }
                    p?.Dispose();
                }
            }

            var threads = Enumerable.Range(0, Math.Max(1, o.Workers)).Select(i => new Thread(() => WorkerLoop(i)) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            result.Inputs = Interlocked.Read(ref done);
            result.Elapsed = sw.Elapsed;
            return result;
        }

        private static FuzzCase MakeOrEmpty(ulong seed, string tag)
        {
            long index = long.Parse(tag, CultureInfo.InvariantCulture);
            try
            {
                return Generator.Make(seed, index);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return new FuzzCase { Origin = "seed=" + seed.ToString(CultureInfo.InvariantCulture) + " index=" + tag, Notes = { "generator failed: " + e.Message } };
            }
        }

        private static FuzzCase LoadOrEmpty(string path)
        {
            try
            {
                var c = FuzzCase.Load(path);
                c.Origin = string.IsNullOrEmpty(c.Origin) ? path : c.Origin;
                return c;
            }
            catch (Exception e) when (e is IOException || e is FormatException)
            {
                return new FuzzCase { Origin = path };
            }
        }

        private static string? IndexOf(string origin)
        {
            var m = Regex.Match(origin, "^seed=[0-9]+ index=([0-9]+)$");
            return m.Success ? m.Groups[1].Value : null;
        }

        private static Finding ParseFinding(string note)
        {
            string rest = note.Substring("finding: ".Length);
            int colon = rest.IndexOf(": ", StringComparison.Ordinal);
            return colon < 0 ? new Finding("other", rest) : new Finding(rest.Substring(0, colon), rest.Substring(colon + 2));
        }

        private static long CountOf(string cmd)
        {
            if (!cmd.StartsWith("range ", StringComparison.Ordinal)) return 1;
            string[] p = cmd.Split(' ');
            return long.Parse(p[2], CultureInfo.InvariantCulture) - long.Parse(p[1], CultureInfo.InvariantCulture);
        }

        /// <summary>What is left of a command after the input <paramref name="tag"/> killed the worker.</summary>
        /// <summary>Whether a worker's "H tag cpu wall" line stopped on wall time with the CPU under its limit.</summary>
        private static bool WallOnly(string hang)
        {
            string[] h = hang.Split(' ');
            return h.Length >= 4
                && double.TryParse(h[h.Length - 2], NumberStyles.Float, CultureInfo.InvariantCulture, out double cpu)
                && double.TryParse(h[h.Length - 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double wall)
                && wall >= Worker.HangWallSeconds && cpu < Worker.HangCpuSeconds;
        }

        /// <summary>The command that runs <paramref name="cmd"/> again from the input <paramref name="tag"/> on, counting what came before it as done.</summary>
        private static string Retry(string cmd, string tag, ref long done)
        {
            if (!cmd.StartsWith("range ", StringComparison.Ordinal)) return cmd;
            string[] p = cmd.Split(' ');
            long start = long.Parse(p[1], CultureInfo.InvariantCulture), at = long.Parse(tag, CultureInfo.InvariantCulture);
            Interlocked.Add(ref done, at - start);
            return "range " + tag + " " + p[2];
        }

        private static string? Remainder(string cmd, string tag, ref long done)
        {
            if (!cmd.StartsWith("range ", StringComparison.Ordinal) || tag.Length == 0)
            {
                Interlocked.Add(ref done, CountOf(cmd));
                return null;
            }
            string[] p = cmd.Split(' ');
            long start = long.Parse(p[1], CultureInfo.InvariantCulture), end = long.Parse(p[2], CultureInfo.InvariantCulture), at = long.Parse(tag, CultureInfo.InvariantCulture);
            Interlocked.Add(ref done, at + 1 - start);
            return at + 1 < end ? "range " + (at + 1).ToString(CultureInfo.InvariantCulture) + " " + end.ToString(CultureInfo.InvariantCulture) : null;
        }

        private static Process Start(RunOptions o, int id, string progress, StringBuilder stderr)
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var worker = new WorkerOptions
            {
                Seed = o.Seed,
                ProgressPath = progress,
                Dash = o.Dash,
                DashEvery = o.DashEvery,
                DashDirectory = Path.Combine(o.OutputDirectory, "dash" + id.ToString(CultureInfo.InvariantCulture)),
            };
            psi.ArgumentList.Add(DllPath);
            foreach (string a in worker.ToArgs()) psi.ArgumentList.Add(a);
            // A stack overflow prints thousands of frames; keep the head (the exception and the repeating frames).
            psi.Environment["DOTNET_DbgEnableMiniDump"] = "0";
            var p = Process.Start(psi)!;
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                lock (stderr) if (stderr.Length < 4000) stderr.Append(e.Data).Append('\n');
            };
            p.BeginErrorReadLine();
            return p;
        }

        private static string StderrHead(StringBuilder sb)
        {
            Thread.Sleep(200); // let the last stderr lines arrive
            string text;
            lock (sb) text = sb.ToString();
            var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            // A stack overflow lists runtime frames first: name the library's frames, where the recursion is.
            var ours = lines.Where(l => l.Contains("MailConfigKit.", StringComparison.Ordinal) && !l.Contains("MailConfigKit.Fuzz.", StringComparison.Ordinal)).Distinct().Take(4).ToList();
            var head = lines.Where(l => !l.StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)).Take(2).ToList();
            return string.Join(" | ", head.Concat(ours));
        }

        private static string Cut(string s, int n) => s.Length <= n ? s : s.Substring(0, n) + "...";

        private static string WriteFailure(RunOptions o, FuzzFailure f)
        {
            string name = f.Index != null ? "seed" + SeedOf(f.Case.Origin) + "-index" + f.Index : Path.GetFileNameWithoutExtension(f.Case.Origin) + "-replay";
            string path = Path.Combine(o.OutputDirectory, name + ".case");
            var copy = FuzzCase.Deserialize(f.Case.Serialize());
            copy.Notes.Clear();
            copy.Notes.Add("replay: " + ReplayCommand(new FuzzFailure(f.Case, f.Findings, f.Index) { File = path }));
            foreach (Finding x in f.Findings) copy.Notes.Add("finding: " + x.Kind + ": " + x.Message);
            File.WriteAllText(path, copy.Serialize(), new UTF8Encoding(false));
            return path;
        }
    }
}
