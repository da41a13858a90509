using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System;
using MailConfigKit.Diagnosis;

namespace MailConfigKit.Fuzz
{
    /// <summary>
    /// <c>dotnet MailConfigKit.Fuzz.dll COMMAND</c>: the worker the tests start, a long run, and replay of one input.
    /// Under <c>dotnet test</c> NUnit's own runner is used instead (GenerateProgramFile is off; the test host does not
    /// call this Main).
    /// </summary>
    public static class Program
    {
        private const string Help =
            "MailConfigKit fuzzer\n" +
            "  run    [--seed S] [--count N] [--start I] [--workers W] [--out DIR] [--no-dash] [--dash-every N] [--files DIR]\n" +
            "         generated inputs in worker processes (default seed: random, printed; count 10,000,000; one worker a core);\n" +
            "         (--files DIR: the .case files of DIR instead, each in a worker, e.g. Regressions/)\n" +
            "         each failure goes to DIR (default /tmp/mck-fuzz-SEED) as a .case file with a replay line\n" +
            "  replay --seed S --index I     run one generated input here and print what it does wrong\n" +
            "  replay FILE.case [...]        run case files here (a regression file, or one a run wrote)\n" +
            "  show   --seed S --index I     print input I of seed S as a case file (to keep it in Regressions/)\n" +
            "  worker ...                    (internal) the child process of run and of the tests\n" +
            "Environment for `dotnet test`: MCK_FUZZ_LONG=1 (long run), MCK_FUZZ_COUNT, MCK_FUZZ_SEED, MCK_FUZZ_OUT.";

        public static int Main(string[] args)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                Console.WriteLine(Help);
                return 0;
            }
            switch (args[0])
            {
                case "worker":
                    return Worker.Run(args);
                case "run":
                {
                    ulong seed = ulong.Parse(Worker.Arg(args, "--seed", FuzzSettings.RandomSeed().ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
                    var o = new RunOptions
                    {
                        Seed = seed,
                        Count = long.Parse(Worker.Arg(args, "--count", "10000000"), CultureInfo.InvariantCulture),
                        Start = long.Parse(Worker.Arg(args, "--start", "0"), CultureInfo.InvariantCulture),
                        Workers = int.Parse(Worker.Arg(args, "--workers", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
                        OutputDirectory = Worker.Arg(args, "--out", Path.Combine(Path.GetTempPath(), "mck-fuzz-" + seed.ToString(CultureInfo.InvariantCulture))),
                        Dash = !args.Contains("--no-dash"),
                        DashEvery = int.Parse(Worker.Arg(args, "--dash-every", "1"), CultureInfo.InvariantCulture),
                    };
                    string files = Worker.Arg(args, "--files", string.Empty);
                    if (files.Length > 0) o.Files = Directory.GetFiles(files, "*.case").OrderBy(f => f, StringComparer.Ordinal).ToList();
                    Console.WriteLine("fuzz seed " + seed + " (replay the run with --seed " + seed + "), " + (o.Files?.Count ?? o.Count).ToString("N0", CultureInfo.InvariantCulture) + " inputs, " + o.Workers + " workers, failures in " + o.OutputDirectory + (DashOracle.Dash == null || !o.Dash ? ", no dash check" : ", dash " + DashOracle.Dash));
                    RunResult r = Runner.Run(o);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "done: {0:N0} inputs in {1:hh\\:mm\\:ss} ({2:N0}/s)", r.Inputs, r.Elapsed, r.Inputs / Math.Max(0.001, r.Elapsed.TotalSeconds)));
                    Console.WriteLine(r.Summary(100));
                    return r.Failures.Count == 0 ? 0 : 1;
                }
                case "show":
                {
                    FuzzCase c = Generator.Make(ulong.Parse(Worker.Arg(args, "--seed", "0"), CultureInfo.InvariantCulture), long.Parse(Worker.Arg(args, "--index", "0"), CultureInfo.InvariantCulture));
                    Console.Write(c.Serialize());
                    return 0;
                }
                case "replay":
                {
                    var cases = new List<FuzzCase>();
                    if (args.Contains("--seed")) cases.Add(Generator.Make(ulong.Parse(Worker.Arg(args, "--seed", "0"), CultureInfo.InvariantCulture), long.Parse(Worker.Arg(args, "--index", "0"), CultureInfo.InvariantCulture)));
                    else cases.AddRange(args.Skip(1).Select(FuzzCase.Load));
                    int bad = 0;
                    foreach (FuzzCase c in cases)
                    {
                        Console.WriteLine("input " + c.Origin + ": " + c.Target + ", " + c.Size + " chars, ops: " + (c.Ops.Count == 0 ? "none" : string.Join("; ", c.Ops)));
                        var jobs = DashOracle.Dash != null ? new List<DashJob>() : null;
                        var findings = Checker.Run(c, jobs);
                        if (jobs != null && jobs.Count > 0)
                        {
                            DashOracle.MakeSharedDirectory(Generator.CanaryDirectory);
                            string dir = Path.Combine(Path.GetTempPath(), "mck-fuzz-replay-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                            findings.AddRange(DashOracle.Check(jobs, dir).Select(x => x.Finding));
                            findings.AddRange(DashOracle.CanaryFindings(c));
                        }
                        foreach (Finding f in findings) Console.WriteLine("  " + f);
                        if (findings.Count == 0) Console.WriteLine("  ok");
                        else bad++;
                    }
                    return bad == 0 ? 0 : 1;
                }
                default:
                    Console.Error.WriteLine(Help);
                    return 2;
            }
        }
    }
}
