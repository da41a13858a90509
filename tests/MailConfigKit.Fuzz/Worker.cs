using System.Collections.Concurrent;
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
    /// <summary>
    /// The child process (<c>dotnet MailConfigKit.Fuzz.dll worker ...</c>). Reads commands on stdin
    /// (<c>range START END</c>, <c>file PATH</c>), runs each input on a case thread under a watchdog, and answers on
    /// stdout: <c>F &lt;base64 case&gt;</c> per failing input, <c>H ...</c> before exiting on a hang, <c>D</c> when a
    /// command is done. Before each input it writes which one it is to the progress file, so that when the process dies
    /// (a stack overflow cannot be caught) the parent knows the input that killed it.
    /// </summary>
    public static class Worker
    {
        /// <summary>CPU time of one input on its thread before it counts as a hang (plus <see cref="HangCpuSecondsPerMegabyte"/>).</summary>
        public const double HangCpuSeconds = 2.0;

        /// <summary>
        /// More CPU time per million characters of input: every check passes over the whole text several times (parse,
        /// each edit's effect comparison, round trip, locality, reparse, snapshot), about 2.5 s a million characters
        /// alone. A fixed 2 s flagged a linear 654,607-character exim input as a hang when a CI run shared the cores (seed
        /// 20261131, index 5262410: 1.6 s alone; a quarter, a half, the whole took 0.38, 0.77, 1.61 s).
        /// </summary>
        public const double HangCpuSecondsPerMegabyte = 6.0;

        /// <summary>The CPU limit for an input of <paramref name="characters"/> characters.</summary>
        public static double CpuLimit(long characters) => HangCpuSeconds + HangCpuSecondsPerMegabyte * characters / 1_000_000.0;

        /// <summary>Wall time before it counts as a hang whatever the CPU says (blocked, or a loaded machine).</summary>
        public const double HangWallSeconds = 20.0;

        public static int Run(string[] args)
        {
            WorkerOptions options = WorkerOptions.Parse(args);
            ulong seed = options.Seed;
            string progressPath = options.ProgressPath;
            bool dash = options.Dash && DashOracle.Dash != null;
            long dashEvery = Math.Max(1, options.DashEvery);
            string dashDir = options.DashDirectory;
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
            using var progress = new FileStream(progressPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
            DashOracle.MakeSharedDirectory(Generator.CanaryDirectory);
            var runner = new CaseThread();
            var pending = new List<(FuzzCase Case, DashJob Job)>();
            string? line;
            while ((line = Console.In.ReadLine()) != null)
            {
                if (line == "quit") break;
                var cases = new List<(string Tag, Func<FuzzCase> Make)>();
                if (line.StartsWith("range ", StringComparison.Ordinal))
                {
                    string[] p = line.Split(' ');
                    long start = long.Parse(p[1], CultureInfo.InvariantCulture), end = long.Parse(p[2], CultureInfo.InvariantCulture);
                    for (long i = start; i < end; i++)
                    {
                        long index = i;
                        cases.Add((index.ToString(CultureInfo.InvariantCulture), () => Generator.Make(seed, index)));
                    }
                }
                else if (line.StartsWith("file ", StringComparison.Ordinal))
                {
                    string path = line.Substring(5);
                    cases.Add((path, () => { var c = FuzzCase.Load(path); c.Origin = string.IsNullOrEmpty(c.Origin) ? path : c.Origin; return c; }));
                }
                foreach (var (tag, make) in cases)
                {
                    WriteProgress(progress, tag);
                    FuzzCase c;
                    try
                    {
                        c = make();
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        Emit(stdout, new FuzzCase { Origin = "seed=" + seed.ToString(CultureInfo.InvariantCulture) + " index=" + tag }, new[] { new Finding("generator", Checker.Describe(e)) });
                        continue;
                    }
                    // Sourcing costs a few ms a file: a run may prove only every Nth generated input with dash.
                    bool sample = !long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n % dashEvery == 0;
                    var jobs = dash && sample ? new List<DashJob>() : null;
                    var (findings, cpu, wall) = runner.Run(c, jobs);
                    if (findings == null)
                    {
                        stdout.WriteLine("H " + tag + " " + cpu.ToString("F2", CultureInfo.InvariantCulture) + " " + wall.ToString("F2", CultureInfo.InvariantCulture));
                        stdout.Flush();
                        Environment.Exit(3); // the case thread cannot be stopped; the parent starts a new worker after this input
                    }
                    if (findings.Count > 0) Emit(stdout, c, findings);
                    if (jobs != null) pending.AddRange(jobs.Select(j => (c, j)));
                    if (pending.Count >= 300) FlushDash(stdout, pending, dashDir);
                }
                FlushDash(stdout, pending, dashDir);
                stdout.WriteLine("D");
            }
            return 0;
        }

        private static void WriteProgress(FileStream progress, string tag)
        {
            byte[] b = Encoding.UTF8.GetBytes(tag + "\n");
            progress.SetLength(0);
            progress.Position = 0;
            progress.Write(b, 0, b.Length);
            progress.Flush();
        }

        private static void Emit(StreamWriter stdout, FuzzCase c, IEnumerable<Finding> findings)
        {
            var copy = FuzzCase.Deserialize(c.Serialize());
            copy.Notes.Clear();
            foreach (Finding f in findings) copy.Notes.Add("finding: " + f.Kind + ": " + f.Message.Replace("\n", " ", StringComparison.Ordinal));
            stdout.WriteLine("F " + Convert.ToBase64String(Encoding.UTF8.GetBytes(copy.Serialize())));
        }

        private static void FlushDash(StreamWriter stdout, List<(FuzzCase Case, DashJob Job)> pending, string dashDir)
        {
            if (pending.Count == 0) return;
            var byCase = new Dictionary<FuzzCase, List<Finding>>();
            try
            {
                string dir = Path.Combine(dashDir, "b" + Guid.NewGuid().ToString("N").Substring(0, 8));
                foreach (var (job, finding) in DashOracle.Check(pending.Select(p => p.Job).ToList(), dir)) Add(byCase, pending[job].Case, finding);
                try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
            catch (Exception e) when (e is IOException || e is TimeoutException || e is InvalidOperationException || e is System.ComponentModel.Win32Exception)
            {
                Console.Error.WriteLine("dash check skipped for " + pending.Count + " edits: " + e.Message);
            }
            foreach (FuzzCase c in pending.Select(p => p.Case).Distinct())
            {
                foreach (Finding f in DashOracle.CanaryFindings(c)) Add(byCase, c, f);
            }
            foreach (var kv in byCase) Emit(stdout, kv.Key, kv.Value);
            pending.Clear();
        }

        private static void Add(Dictionary<FuzzCase, List<Finding>> d, FuzzCase c, Finding f)
        {
            if (!d.TryGetValue(c, out var list)) d[c] = list = new List<Finding>();
            list.Add(f);
        }

        public static string Arg(string[] args, string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        /// <summary>
        /// The case thread's stack: deliberately small (512 KB; Windows gives a main thread 1 MB), so that recursion on
        /// input depth, which the library must not have, overflows at modest input sizes.
        /// </summary>
        public const int CaseStackBytes = 512 * 1024;

        /// <summary>One long-lived thread that runs cases; the caller's thread is the watchdog (CPU time from /proc).</summary>
        private sealed class CaseThread
        {
            private readonly BlockingCollection<Action> _work = new BlockingCollection<Action>();
            private string? _statPath;

            public CaseThread()
            {
                var t = new Thread(() =>
                {
                    try
                    {
                        // /proc/thread-self -> "PID/task/TID": where the kernel keeps this thread's CPU time.
                        string? target = new FileInfo("/proc/thread-self").LinkTarget;
                        if (target != null) _statPath = "/proc/" + target + "/stat";
                    }
                    catch (IOException)
                    {
                    }
                    foreach (Action a in _work.GetConsumingEnumerable()) a();
                }, CaseStackBytes) { IsBackground = true, Name = "fuzz-case" };
                t.Start();
            }

            /// <returns>The findings, or null on a hang; the CPU and wall seconds it took.</returns>
            public (List<Finding>? Findings, double Cpu, double Wall) Run(FuzzCase c, List<DashJob>? jobs)
            {
                List<Finding>? result = null;
                using var done = new ManualResetEventSlim(false);
                double cpu0 = -1;
                using var started = new ManualResetEventSlim(false);
                _work.Add(() =>
                {
                    cpu0 = Cpu();
                    started.Set();
                    result = Checker.Run(c, jobs);
                    done.Set();
                });
                started.Wait();
                double limit = CpuLimit(Math.Max(c.Text.Length, c.Bytes?.Length ?? 0));
                var wall = Stopwatch.StartNew();
                while (!done.Wait(50))
                {
                    double cpu = cpu0 < 0 ? 0 : Cpu() - cpu0;
                    if (cpu > limit || wall.Elapsed.TotalSeconds > HangWallSeconds) return (null, cpu, wall.Elapsed.TotalSeconds);
                }
                return (result, 0, wall.Elapsed.TotalSeconds);
            }

            private double Cpu()
            {
                if (_statPath == null) return -1;
                try
                {
                    string stat = File.ReadAllText(_statPath);
                    string[] f = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                    return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0;
                }
                catch (IOException)
                {
                    return -1;
                }
            }
        }
    }

    /// <summary>
    /// The worker's command line, in one place: <see cref="Runner"/> writes it with <see cref="ToArgs"/>, the worker
    /// reads it with <see cref="Parse"/> (flag names and defaults are not repeated on the two sides).
    /// </summary>
    public sealed class WorkerOptions
    {
        public ulong Seed { get; set; }

        /// <summary>Where the worker writes which input it is on (read by the parent when the worker dies).</summary>
        public string ProgressPath { get; set; } = Path.Combine(Path.GetTempPath(), "mck-fuzz-progress-" + Environment.ProcessId);

        public bool Dash { get; set; } = true;

        public long DashEvery { get; set; } = 1;

        public string DashDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "mck-fuzz-dash-" + Environment.ProcessId);

        public IEnumerable<string> ToArgs() => new[]
        {
            "worker", "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--progress", ProgressPath, "--dash", Dash ? "1" : "0",
            "--dash-every", DashEvery.ToString(CultureInfo.InvariantCulture), "--dashdir", DashDirectory,
        };

        public static WorkerOptions Parse(string[] args)
        {
            var o = new WorkerOptions();
            o.Seed = ulong.Parse(Worker.Arg(args, "--seed", "0"), CultureInfo.InvariantCulture);
            o.ProgressPath = Worker.Arg(args, "--progress", o.ProgressPath);
            o.Dash = Worker.Arg(args, "--dash", "1") == "1";
            o.DashEvery = long.Parse(Worker.Arg(args, "--dash-every", "1"), CultureInfo.InvariantCulture);
            o.DashDirectory = Worker.Arg(args, "--dashdir", o.DashDirectory);
            return o;
        }
    }
}
