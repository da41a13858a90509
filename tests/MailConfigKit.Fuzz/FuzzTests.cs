using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace MailConfigKit.Fuzz
{
    /// <summary>
    /// The fuzzer under <c>dotnet test</c>: a short deterministic run (fixed seed) every time, a long one with
    /// MCK_FUZZ_LONG set, and every regression file replayed. Inputs run in child processes (see <see cref="Runner"/>),
    /// so a stack overflow is reported with its input instead of killing the test host.
    /// </summary>
    [TestFixture]
    public class FuzzTests
    {
        public static IEnumerable<TestCaseData> RegressionFiles()
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "Regressions");
            var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.case").OrderBy(f => f, StringComparer.Ordinal).ToList() : new List<string>();
            foreach (string f in files) yield return new TestCaseData(f).SetName("Regression_" + Path.GetFileNameWithoutExtension(f));
        }

        [Test]
        public void Generated_inputs_break_nothing()
        {
            bool isLong = FuzzSettings.Long;
            ulong seed = FuzzSettings.Seed(isLong ? FuzzSettings.RandomSeed() : FuzzSettings.ShortSeed);
            long count = FuzzSettings.Count(isLong ? 10_000_000 : FuzzSettings.ShortCount);
            var o = new RunOptions
            {
                Seed = seed,
                Count = count,
                Workers = isLong ? Environment.ProcessorCount : Math.Min(2, Environment.ProcessorCount),
                Chunk = isLong ? 2000 : 500,
                DashEvery = FuzzSettings.DashEvery(isLong ? 10 : 4),
                OutputDirectory = FuzzSettings.OutputDirectory(seed),
                Log = isLong ? s => TestContext.Progress.WriteLine(s) : s => { },
                ProgressEvery = TimeSpan.FromSeconds(isLong ? 60 : 3600),
            };
            TestContext.Out.WriteLine((isLong ? "long" : "short") + " fuzz run: seed " + seed + " (replay with MCK_FUZZ_SEED=" + seed + (isLong ? " MCK_FUZZ_LONG=1" : string.Empty) + "), "
                + count.ToString("N0", CultureInfo.InvariantCulture) + " inputs, " + o.Workers + " workers, failures written to " + o.OutputDirectory
                + (DashOracle.Dash == null ? "; dash not found, exim edits not sourced" : "; exim edits of every " + o.DashEvery + "th input sourced with " + DashOracle.Dash));
            TestContext.Progress.WriteLine("fuzz seed " + seed);
            RunResult r = Runner.Run(o);
            TestContext.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:N0} inputs in {1:F1} s", r.Inputs, r.Elapsed.TotalSeconds));
            string summary = r.Summary();
            TestContext.Out.WriteLine(summary);
            Assert.That(r.Failures, Is.Empty, "fuzz seed " + seed + ": " + summary);
        }

        [TestCaseSource(nameof(RegressionFiles))]
        public void Regression_file_passes(string file)
        {
            var o = new RunOptions
            {
                Files = new[] { file },
                Workers = 1,
                OutputDirectory = Path.Combine(Path.GetTempPath(), "mck-fuzz-regressions"),
                Log = s => TestContext.Out.WriteLine(s),
            };
            RunResult r = Runner.Run(o);
            Assert.That(r.Failures, Is.Empty, r.Summary());
        }

        [Test]
        public void Case_files_round_trip_every_character()
        {
            var c = new FuzzCase { Target = FuzzTarget.Exim, Text = "a=\"\\\u0000\ud800\r\n\u0661\u009b\"", Origin = "unit" };
            c.Ops.Add(new FuzzOp("set", "x", "\udc00 \"q\" \\"));
            FuzzCase back = FuzzCase.Deserialize(c.Serialize());
            Assert.That(back.Text, Is.EqualTo(c.Text));
            Assert.That(back.Ops.Single().Args, Is.EqualTo(c.Ops.Single().Args));
            Assert.That(back.Target, Is.EqualTo(FuzzTarget.Exim));
        }

        [Test]
        public void Generation_is_deterministic_in_seed_and_index()
        {
            for (long i = 0; i < 200; i++) Assert.That(Generator.Make(7, i).Serialize(), Is.EqualTo(Generator.Make(7, i).Serialize()));
        }
    }
}
