using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Postfix;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>
    /// Issue 11, defect 15: kill -9 during an apply left a two-file plan half applied, temporary files, a master.cf.tmp lock
    /// file and backups of files never written. A real child process (MailConfigKit.TestChild) applies a plan over main.cf
    /// and master.cf that sets <c>mck_flip</c> in both, and sends itself SIGKILL right after step k of the apply (or of a
    /// recovery), for every k; then recovery must leave both files original or both new, and nothing of ours behind but
    /// the backups of files actually replaced.
    /// </summary>
    public class BadInputRegressionTests_Apply
    {
        private const string MainCfPath = "etc/postfix/main.cf";
        private const string MasterCfPath = "etc/postfix/master.cf";
        private const string OtherPath = "etc/mck-other.conf";
        private const int Killed = 137; // 128 + SIGKILL

        [TestCase(false)]
        [TestCase(true)]
        public void Defect15_kill_9_after_every_step_of_a_two_file_apply_then_recovery_leaves_all_old_or_all_new(bool backup)
        {
            Reference reference = Reference.Run(backup);
            reference.Steps.Count.Should().BeGreaterThan(15, "the apply reports its steps: " + string.Join(", ", reference.Steps));
            var outcomes = new List<string>();
            for (int k = 1; k <= reference.Steps.Count; k++)
            {
                using HostTree tree = NewTree();
                ProcessResult run = Child(k, "apply2", tree.Root, "a", backup ? "1" : "0");
                run.ExitCode.Should().Be(Killed, "the child kills itself after step " + k + "\n" + run.Describe());
                bool committed = run.Stdout.Contains(" committed\n", StringComparison.Ordinal);
                string stepName = reference.Steps[k - 1];

                // Two ways to resolve it: the public recovery call, or simply the next apply (of a plan on another file).
                string how;
                if (k % 3 == 2)
                {
                    RemediationPlan other = new OtherFile("x").Plan(MailHost.Open(tree.Root));
                    PlanExecutor.Apply(other).Changed.Should().BeTrue();
                    tree.Read(OtherPath).Should().Be("x\n");
                    how = "next apply";
                }
                else
                {
                    RecoveryResult recovered = PlanExecutor.Recover(tree.Root);
                    recovered.NeedingAttention.Should().BeEmpty(recovered.ToString());
                    how = recovered.Applies.Count == 0 ? "nothing to recover" : recovered.Applies.Single().Outcome.ToString();
                }
                AssertWhole(tree, committed ? reference.New : Original, backup && committed, "after kill -9 at step " + k + " (" + stepName + ")");
                PlanExecutor.Recover(tree.Root).NothingToDo.Should().BeTrue("a second recovery has nothing to do");
                outcomes.Add(k + " " + stepName + ": " + how + " -> " + (committed ? "new" : "original"));
            }
            TestContext.Out.WriteLine(string.Join("\n", outcomes));
        }

        [Test]
        public void Defect15_kill_9_during_recovery_then_recovering_again_still_leaves_all_old_or_all_new()
        {
            Reference reference = Reference.Run(backup: true);
            // Before the commit point (discard), at it (roll forward, nothing renamed yet), half renamed (roll forward), and
            // half renamed with the other staged file gone (roll back from the kept original).
            var applyKills = new[] { ("staged etc/postfix/master.cf", false), ("committed", false), ("renamed etc/postfix/main.cf", false), ("renamed etc/postfix/main.cf", true) };
            int kills = 0;
            foreach ((string applyStep, bool loseStaged) in applyKills)
            {
                int k = reference.Steps.IndexOf(applyStep) + 1;
                k.Should().BeGreaterThan(0, applyStep + " is a step of the apply");
                bool committed = reference.Steps.IndexOf("committed") < k && !loseStaged;
                int recoverySteps = RecoveryStepCount(k, loseStaged);
                recoverySteps.Should().BeGreaterThan(2);
                for (int j = 1; j <= recoverySteps; j++)
                {
                    using HostTree tree = NewTree();
                    Child(k, "apply2", tree.Root, "a", "1").ExitCode.Should().Be(Killed);
                    if (loseStaged) LoseStagedMasterCf(tree);
                    ProcessResult recovery = Child(j, "recover", tree.Root);
                    recovery.ExitCode.Should().Be(Killed, recovery.Describe());
                    RecoveryResult again = PlanExecutor.Recover(tree.Root);
                    again.NeedingAttention.Should().BeEmpty(again.ToString());
                    AssertWhole(tree, committed ? reference.New : Original, committed, "after kill -9 at apply step " + k + " (" + applyStep + (loseStaged ? ", staged master.cf lost" : string.Empty) + ") and recovery step " + j);
                    PlanExecutor.Recover(tree.Root).NothingToDo.Should().BeTrue();
                    kills += 2;
                }
            }
            TestContext.Out.WriteLine(kills + " kills (apply, then recovery), every one resolved to a whole version");
        }

        [Test]
        public void Defect15_random_kill_9_during_repeated_two_file_applies_never_leaves_the_files_disagreeing()
        {
            string? replay = Environment.GetEnvironmentVariable("MCK_KILL_SEED");
            int seed = replay != null ? int.Parse(replay, System.Globalization.CultureInfo.InvariantCulture) : 151125;
            TestContext.Out.WriteLine("seed " + seed + " (replay with MCK_KILL_SEED=" + seed + ")");
            var random = new Random(seed);
            using HostTree tree = NewTree();
            int kills = OracleTools.IsCi ? 40 : 20;
            var seen = new HashSet<string>();
            for (int i = 0; i < kills; i++)
            {
                using (var child = TestChild.Start("flip2", tree.Root, "a", "b"))
                {
                    string? first = child.StandardOutput.ReadLine();
                    if (first != "ready")
                    {
                        child.WaitForExit(10_000);
                        Assert.Fail("the child did not start: " + first + "\n" + child.StandardError.ReadToEnd());
                    }
                    // "ready" comes after the first apply; each apply takes some milliseconds (a few fsyncs).
                    int delay = random.Next(0, 60);
                    System.Threading.Thread.Sleep(delay);
                    child.Kill();
                    child.WaitForExit(30_000).Should().BeTrue();
                }
                RecoveryResult recovered = PlanExecutor.Recover(tree.Root);
                recovered.NeedingAttention.Should().BeEmpty(recovered.ToString());
                string? main = MainCf.Load(tree.PathOf(MainCfPath)).GetValue("mck_flip");
                string? master = MasterCf.Load(tree.PathOf(MasterCfPath)).GetOverride("smtp", "unix", "mck_flip");
                master.Should().Be(main, "seed " + seed + ", kill " + i + ": both files hold the same apply (" + recovered + ")");
                Leftovers(tree).Should().BeEmpty("seed " + seed + ", kill " + i);
                seen.Add(main ?? "(none)");
            }
            TestContext.Out.WriteLine(kills + " kills; values seen: " + string.Join(", ", seen));
        }

        [Test]
        public void Defect15_an_intent_record_cut_at_any_byte_is_resolved_by_what_its_intact_lines_prove()
        {
            // What a kill -9 right after the commit line leaves: the record, the staged files, the kept originals, the locks.
            Reference reference = Reference.Run(backup: true);
            using HostTree tree = NewTree();
            Child(reference.Steps.IndexOf("committed") + 1, "apply2", tree.Root, "a", "1").ExitCode.Should().Be(Killed);
            string journalPath = Directory.GetFiles(tree.PathOf("var/lib/mailconfigkit")).Should().ContainSingle().Subject;
            byte[] record = File.ReadAllBytes(journalPath);
            Dictionary<string, byte[]> left = Directory.GetFiles(tree.PathOf("etc/postfix")).ToDictionary(f => f, File.ReadAllBytes);
            left.Keys.Select(Path.GetFileName).Should().Contain(new[] { "main.cf.tmp", "master.cf.tmp" });
            string text = Encoding.UTF8.GetString(record);
            int prepared = text.IndexOf("\nprepared\t", StringComparison.Ordinal) + 1;
            int preparedEnd = text.IndexOf('\n', prepared) + 1;

            var cuts = new SortedSet<int>(Enumerable.Range(0, record.Length / 5).Select(i => i * 5));
            for (int i = 0; i < record.Length; i++)
            {
                if (record[i] == (byte)'\n') cuts.UnionWith(new[] { i, i + 1 });
            }
            cuts.Remove(record.Length + 1);
            foreach (int cut in cuts)
            {
                foreach (string f in Directory.GetFiles(tree.PathOf("etc/postfix"))) File.Delete(f);
                foreach (var kv in left) File.WriteAllBytes(kv.Key, kv.Value);
                File.WriteAllBytes(journalPath, record.Take(cut).ToArray());

                RecoveryResult recovered = PlanExecutor.Recover(tree.Root);
                string when = "record cut at byte " + cut + " of " + record.Length + ": " + recovered;
                recovered.NeedingAttention.Should().BeEmpty(when);
                File.Exists(journalPath).Should().BeFalse(when);
                bool committed = cut == record.Length; // The commit line is the last one and only counts whole.
                if (cut >= preparedEnd) AssertWhole(tree, committed ? reference.New : Original, committed, when);
                else tree.ReadBytes(MainCfPath).Should().Equal(Original[0], when); // Only the files listed so far are tidied.
                tree.ReadBytes(MasterCfPath).Should().Equal(committed ? reference.New[1] : Original[1], when);
            }
            TestContext.Out.WriteLine(cuts.Count + " cuts of a " + record.Length + "-byte record resolved");
        }

        [Test]
        public void Defect15_a_missing_staged_file_after_the_commit_point_is_rolled_back_from_the_kept_originals()
        {
            Reference reference = Reference.Run(backup: true);
            int k = reference.Steps.IndexOf("renamed etc/postfix/main.cf") + 1;
            using HostTree tree = NewTree();
            Child(k, "apply2", tree.Root, "a", "1").ExitCode.Should().Be(Killed);
            tree.ReadBytes(MainCfPath).Should().Equal(reference.New[0], "main.cf was replaced before the kill");
            LoseStagedMasterCf(tree);

            RecoveryResult recovered = PlanExecutor.Recover(tree.Root);
            recovered.Applies.Should().ContainSingle().Which.Outcome.Should().Be(RecoveryOutcome.RolledBack, recovered.ToString());
            TestContext.Out.WriteLine(recovered.ToString());
            AssertWhole(tree, Original, backups: false, "after a rollback");
            PlanExecutor.Recover(tree.Root).NothingToDo.Should().BeTrue();
        }

        [Test]
        public void Defect15_a_file_changed_by_someone_else_after_the_crash_is_left_for_a_person_and_apply_refuses()
        {
            Reference reference = Reference.Run(backup: false);
            int k = reference.Steps.IndexOf("renamed etc/postfix/main.cf") + 1;
            using HostTree tree = NewTree();
            Child(k, "apply2", tree.Root, "a", "0").ExitCode.Should().Be(Killed);
            File.AppendAllText(tree.PathOf(MasterCfPath), "# edited by hand after the crash\n");
            byte[] main = tree.ReadBytes(MainCfPath), master = tree.ReadBytes(MasterCfPath);

            RecoveryResult recovered = PlanExecutor.Recover(tree.Root);
            recovered.NeedingAttention.Should().ContainSingle().Which.Detail.Should().Contain("master.cf was changed by someone else");
            tree.ReadBytes(MainCfPath).Should().Equal(main);
            tree.ReadBytes(MasterCfPath).Should().Equal(master);
            var apply = () => PlanExecutor.Apply(new OtherFile("y").Plan(MailHost.Open(tree.Root)));
            apply.Should().Throw<InvalidOperationException>().WithMessage("*interrupted*master.cf*");
            tree.Read(OtherPath).Should().Be("old\n");
            Directory.GetFiles(tree.PathOf("etc/postfix"), "*.tmp").Should().BeEmpty("the lock files are released even so");

            // A person decides (here: keep the files as they are) and removes the record; applying works again.
            foreach (string f in Directory.GetFiles(tree.PathOf("var/lib/mailconfigkit"))) File.Delete(f);
            PlanExecutor.Apply(new OtherFile("y").Plan(MailHost.Open(tree.Root))).Changed.Should().BeTrue();
        }

        [Test]
        public void Defect15_a_rename_failing_after_the_commit_point_gives_the_first_file_its_original_back()
        {
            OracleTools.RequireRootOrIgnore();
            using HostTree tree = NewTree();
            using var source = new TempDir();
            File.Copy(tree.PathOf(MasterCfPath), source.File("master.cf"));
            ProcessRunner.RunChecked("/usr/bin/mount", new[] { "--bind", source.File("master.cf"), tree.PathOf(MasterCfPath) });
            try
            {
                MailHost host = MailHost.Open(tree.Root);
                RemediationPlan plan = RemediationPlan.Combine(new[] { new SetPostfixParameters("mck_flip", "a").Plan(host), new PostfixSmtpClientIpv4Only().Plan(host) });
                plan.FileChanges.Select(f => f.RelativePath).Should().Equal(MainCfPath, MasterCfPath);
                var act = () => PlanExecutor.Apply(plan, new ApplyOptions { CreateBackup = true });
                act.Should().Throw<MailConfigKit.IO.AtomicWriteException>().Where(e => e.Reason == MailConfigKit.IO.AtomicWriteFailure.Busy);
                tree.ReadBytes(MainCfPath).Should().Equal(Original[0], "main.cf was replaced, then got its original back");
                tree.ReadBytes(MasterCfPath).Should().Equal(Original[1]);
                Leftovers(tree).Should().BeEmpty();
                Directory.GetFiles(tree.PathOf("etc/postfix")).Select(Path.GetFileName).Should().BeEquivalentTo("main.cf", "master.cf");
            }
            finally
            {
                ProcessRunner.Run("/usr/bin/umount", new[] { tree.PathOf(MasterCfPath) });
            }
        }

        // ------------------------------------------------------------------ helpers

        private static readonly byte[][] Original =
        {
            TestFiles.CaseBytes("Postfix/Cases/debian-default-main.cf"),
            TestFiles.CaseBytes("Postfix/Cases/master/debian-default-master.cf"),
        };

        private static HostTree NewTree() => new HostTree().Write(MainCfPath, Original[0]).Write(MasterCfPath, Original[1]).Write(OtherPath, "old\n");

        private static ProcessResult Child(int killAtStep, params string[] args) =>
            ProcessRunner.Run("dotnet", TestChild.Args(args), env: new Dictionary<string, string?> { ["MCK_KILL_AT_STEP"] = killAtStep.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                timeout: TimeSpan.FromMinutes(1));

        private static void LoseStagedMasterCf(HostTree tree) =>
            File.Delete(Directory.GetFiles(tree.PathOf("etc/postfix"), ".master.cf.mck-*.new").Should().ContainSingle().Subject);

        private static int RecoveryStepCount(int applyKill, bool loseStaged)
        {
            using HostTree tree = NewTree();
            Child(applyKill, "apply2", tree.Root, "a", "1").ExitCode.Should().Be(Killed);
            if (loseStaged) LoseStagedMasterCf(tree);
            ProcessResult r = ProcessRunner.Run("dotnet", TestChild.Args("recover", tree.Root), env: new Dictionary<string, string?> { ["MCK_PRINT_STEPS"] = "1" });
            r.ExitCode.Should().Be(0, r.Describe());
            return r.Stdout.Split('\n').Count(l => l.StartsWith("step ", StringComparison.Ordinal));
        }

        /// <summary>Both files hold the expected version; of ours only backups of replaced files remain, with the originals.</summary>
        private static void AssertWhole(HostTree tree, byte[][] expected, bool backups, string when)
        {
            byte[] main = tree.ReadBytes(MainCfPath), master = tree.ReadBytes(MasterCfPath);
            bool mainOriginal = main.SequenceEqual(Original[0]), masterOriginal = master.SequenceEqual(Original[1]);
            if (!main.SequenceEqual(expected[0]) || !master.SequenceEqual(expected[1]))
            {
                Assert.Fail(when + ": main.cf is " + (mainOriginal ? "original" : "not original") + ", master.cf is " + (masterOriginal ? "original" : "not original")
                    + "; expected both " + (expected == Original ? "original" : "new") + ". Files: " + string.Join(", ", Listing(tree)));
            }
            Leftovers(tree).Should().BeEmpty(when);
            string[] backupFiles = Directory.GetFiles(tree.PathOf("etc/postfix"), "*.mck-backup-*").Select(Path.GetFileName).ToArray()!;
            if (backups)
            {
                backupFiles.Should().HaveCount(2, when);
                File.ReadAllBytes(Directory.GetFiles(tree.PathOf("etc/postfix"), "main.cf.mck-backup-*").Single()).Should().Equal(Original[0], when);
                File.ReadAllBytes(Directory.GetFiles(tree.PathOf("etc/postfix"), "master.cf.mck-backup-*").Single()).Should().Equal(Original[1], when);
            }
            else
            {
                backupFiles.Should().BeEmpty(when + ": no backup of a file never written");
            }
            PostconfAccepts(tree, expected == Original ? null : "a", when);
        }

        /// <summary>What of ours must never stay: staged files, kept originals, lock files, intent records.</summary>
        private static List<string> Leftovers(HostTree tree)
        {
            var found = Directory.GetFiles(tree.PathOf("etc/postfix")).Select(Path.GetFileName)
                .Where(n => n!.StartsWith(".", StringComparison.Ordinal) || n.EndsWith(".tmp", StringComparison.Ordinal)).Select(n => "etc/postfix/" + n).ToList();
            string state = tree.PathOf("var/lib/mailconfigkit");
            if (Directory.Exists(state)) found.AddRange(Directory.GetFiles(state).Select(f => "var/lib/mailconfigkit/" + Path.GetFileName(f)));
            return found;
        }

        private static IEnumerable<string> Listing(HostTree tree) =>
            Directory.GetFiles(tree.Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tree.Root, f));

        /// <summary>The oracle, when it is there: postconf reads both files (-n, -P), and sees mck_flip in master.cf exactly when it should.</summary>
        private static void PostconfAccepts(HostTree tree, string? flip, string when)
        {
            OracleToolPaths tools;
            try
            {
                tools = OracleTools.Ensure();
            }
            catch (Exception)
            {
                return; // Optional here: the file contents are compared byte for byte above.
            }
            // postconf waits and re-reads a main.cf younger than a second.
            File.SetLastWriteTimeUtc(tree.PathOf(MainCfPath), DateTime.UtcNow.AddMinutes(-1));
            ProcessResult n = ProcessRunner.Run(tools.Postconf, new[] { "-c", tree.PathOf("etc/postfix"), "-n" }, env: tools.Environment);
            n.ExitCode.Should().Be(0, when + ": " + n.Describe());
            ProcessResult p = ProcessRunner.Run(tools.Postconf, new[] { "-c", tree.PathOf("etc/postfix"), "-P" }, env: tools.Environment);
            p.ExitCode.Should().Be(0, when + ": " + p.Describe());
            if (flip == null) p.Stdout.Should().NotContain("mck_flip", when);
            else p.Stdout.Should().Contain("smtp/unix/mck_flip = " + flip, when);
        }

        /// <summary>An uninterrupted run of the child: the names of the apply's steps and the files it writes.</summary>
        private sealed class Reference
        {
            private static readonly Dictionary<bool, Reference> Cache = new Dictionary<bool, Reference>();

            private Reference(List<string> steps, byte[][] result)
            {
                Steps = steps;
                New = result;
            }

            public List<string> Steps { get; }
            public byte[][] New { get; }

            public static Reference Run(bool backup)
            {
                lock (Cache)
                {
                    if (Cache.TryGetValue(backup, out Reference? known)) return known;
                    using HostTree tree = NewTree();
                    ProcessResult r = ProcessRunner.Run("dotnet", TestChild.Args("apply2", tree.Root, "a", backup ? "1" : "0"), env: new Dictionary<string, string?> { ["MCK_PRINT_STEPS"] = "1" });
                    r.ExitCode.Should().Be(0, r.Describe());
                    List<string> steps = r.Stdout.Split('\n').Where(l => l.StartsWith("step ", StringComparison.Ordinal)).Select(l => l.Substring(l.IndexOf(' ', 5) + 1)).ToList();
                    var made = new Reference(steps, new[] { tree.ReadBytes(MainCfPath), tree.ReadBytes(MasterCfPath) });
                    made.New[0].Should().NotEqual(Original[0]);
                    made.New[1].Should().NotEqual(Original[1]);
                    Cache[backup] = made;
                    return made;
                }
            }
        }

        /// <summary>A plan on a third file (etc/mck-other.conf), for "the next apply recovers first".</summary>
        private sealed class OtherFile : IRemediation
        {
            private readonly string _text;

            public OtherFile(string text) => _text = text;

            public string Id => "test.other-file";

            public string Title => "test: other file";

            public string Rationale => "test";

            public RemediationPlan Plan(MailHost host)
            {
                var plan = new PlanBuilder(host, this);
                byte[] old = host.ReadBytes(OtherPath)!;
                byte[] now = Encoding.UTF8.GetBytes(_text + "\n");
                plan.AddChange(OtherPath, old, Encoding.UTF8.GetString(old), now, _text + "\n", FileLockStyle.Folder);
                return plan.Build();
            }

            public RemediationPlan Plan(MailHost host, MailConfigKit.Diagnosis.Finding finding) => Plan(host);
        }
    }
}
