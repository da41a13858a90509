using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace MailConfigKit.Benchmarks
{
    /// <summary>
    /// <c>--compare-shapes [BYTES] [FILTER]</c>: every pathological shape of issue 11 beside its ordinary twin of the same size,
    /// alternating, the best of 15 (MCK_BENCH_ROUNDS) each after a warm-up that lasts until the JIT has been quiet for two seconds
    /// (at least 200 calls and a second each; MCK_BENCH_VERBOSE=1 says how long it took; on a loaded machine the minimum
    /// is the figure that compares), and the ratio. A quick
    /// check of "every shape within 2x of an ordinary file of the same size" without a full BenchmarkDotNet run.
    /// </summary>
    public static class ShapeComparison
    {
        /// <summary><c>--loop-shape KIND SHAPE SECONDS</c>: one row over and over (for a profiler to attach to).</summary>
        public static void Loop(string kind, Shape shape, double seconds)
        {
            var rows = Rows(int.Parse(Environment.GetEnvironmentVariable("MCK_BENCH_LOOP_SIZE") ?? "1048576", CultureInfo.InvariantCulture), out var logs);
            try
            {
                foreach (var row in rows)
                {
                    if (row.Shape != shape || !row.Kind.Contains(kind, StringComparison.OrdinalIgnoreCase)) continue;
                    var w = Stopwatch.StartNew();
                    int n = 0;
                    while (w.Elapsed.TotalSeconds < seconds) { row.Work(); n++; }
                    Console.WriteLine(row.Kind + " " + shape + ": " + (w.Elapsed.TotalMilliseconds / n).ToString("F2", CultureInfo.InvariantCulture) + " ms mean of " + n);
                    return;
                }
            }
            finally
            {
                foreach (var b in logs) b.Cleanup();
            }
        }

        private static List<(string Kind, Shape Shape, Func<int> Work)> Rows(int size, out List<PathologicalMailLogBenchmarks> logs)
        {
            var rows = new List<(string Kind, Shape Shape, Func<int> Work)>();
            foreach (Shape shape in new[] { Shape.Ordinary, Shape.DenseDefinitions, Shape.MacroNesting, Shape.MacroChain })
            {
                var b = new PathologicalMainCfBenchmarks { Size = size, Shape = shape };
                b.Setup();
                rows.Add(("main.cf ParseDiagnose", shape, b.ParseDiagnose));
            }
            foreach (Shape shape in new[] { Shape.Ordinary, Shape.LongContinuation, Shape.GluedWords })
            {
                var b = new PathologicalMasterCfBenchmarks { Size = size, Shape = shape };
                b.Setup();
                rows.Add(("master.cf ParseDiagnose", shape, b.ParseDiagnose));
                rows.Add(("master.cf ParseSetOverride", shape, b.ParseSetOverride));
            }
            foreach (Shape shape in new[] { Shape.Ordinary, Shape.CommandSubstNesting })
            {
                var b = new PathologicalEximBenchmarks { Size = size, Shape = shape };
                b.Setup();
                rows.Add(("exim ParseDiagnose", shape, b.ParseDiagnose));
            }
            logs = new List<PathologicalMailLogBenchmarks>();
            foreach (Shape shape in new[] { Shape.Ordinary, Shape.KeywordMisses, Shape.Bounces })
            {
                var b = new PathologicalMailLogBenchmarks { Size = size, Shape = shape };
                b.Setup();
                logs.Add(b);
                rows.Add(("mail.log Examine", shape, b.Examine));
            }
            return rows;
        }

        public static void Run(int size, string? filter)
        {
            var rows = Rows(size, out var logs);
            try
            {
                var best = new double[rows.Count];
                var cpu = new double[rows.Count];
                int rounds = int.Parse(Environment.GetEnvironmentVariable("MCK_BENCH_ROUNDS") ?? "15", CultureInfo.InvariantCulture);
                Process self = Process.GetCurrentProcess();
                var allocated = new long[rows.Count];
                // Warm up until the JIT has finished with every row: all rows in turn, as they are measured, until no method
                // has been compiled for two seconds, and at least 200 calls and a second each. A fixed number of calls is not
                // enough: tiered compilation promotes methods in batches on a background thread (call counting, a quiet
                // 100 ms, then Tier1 with the profile), and with the rows alternating and a GC between calls the bounce row
                // of a 1 MiB log still ran Tier0 code after 200 calls and a second each, at five times its steady-state cost
                // (JitInfo's count went on rising for another 270 rounds). Fewer calls measure unoptimized code.
                var warm = Stopwatch.StartNew();
                var quiet = Stopwatch.StartNew();
                long jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
                for (int k = 0; k < 200 || warm.Elapsed.TotalSeconds < 1 || quiet.Elapsed.TotalSeconds < 2; k++)
                {
                    if (warm.Elapsed.TotalSeconds > 300)
                    {
                        Console.WriteLine("(the JIT was still compiling after five minutes of warm-up: figures may include unoptimized code)");
                        break;
                    }
                    for (int i = 0; i < rows.Count; i++)
                    {
                        if (filter != null && !rows[i].Kind.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
                        GC.Collect();
                        rows[i].Work();
                    }
                    long now = System.Runtime.JitInfo.GetCompiledMethodCount();
                    if (now != jitted)
                    {
                        jitted = now;
                        quiet.Restart();
                    }
                }
                if (Environment.GetEnvironmentVariable("MCK_BENCH_VERBOSE") != null) Console.WriteLine("warm-up: " + warm.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s, " + jitted + " methods compiled");
                for (int i = 0; i < rows.Count; i++)
                {
                    if (filter != null && !rows[i].Kind.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int k = 0; k < 5; k++) rows[i].Work();
                    allocated[i] = (GC.GetAllocatedBytesForCurrentThread() - before) / 5;
                }
                for (int i = 0; i < best.Length; i++) best[i] = double.MaxValue;
                for (int round = 0; round < rounds; round++)
                {
                    for (int i = 0; i < rows.Count; i++)
                    {
                        if (filter != null && !rows[i].Kind.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
                        GC.Collect();
                        self.Refresh();
                        TimeSpan cpuBefore = self.TotalProcessorTime;
                        var w = Stopwatch.StartNew();
                        rows[i].Work();
                        best[i] = Math.Min(best[i], w.Elapsed.TotalMilliseconds);
                        self.Refresh();
                        cpu[i] += (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                    }
                }
                var ordinary = new Dictionary<string, double>();
                var ordinaryCpu = new Dictionary<string, double>();
                for (int i = 0; i < rows.Count; i++) cpu[i] /= rounds;
                for (int i = 0; i < rows.Count; i++)
                {
                    if (filter != null && !rows[i].Kind.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
                    if (rows[i].Shape == Shape.Ordinary)
                    {
                        ordinary[rows[i].Kind] = best[i];
                        ordinaryCpu[rows[i].Kind] = cpu[i];
                    }
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-28} {1,-20} best {2,9:F2} ms  ratio {3:F2}  cpu {4,9:F2} ms  ratio {5:F2}  {6,8:F2} MB", rows[i].Kind, rows[i].Shape, best[i], best[i] / ordinary[rows[i].Kind], cpu[i], cpu[i] / ordinaryCpu[rows[i].Kind], allocated[i] / 1048576.0));
                }
            }
            finally
            {
                foreach (var b in logs) b.Cleanup();
            }
        }
    }
}
