using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using MailConfigKit.Text;
using NUnit.Framework;

namespace MailConfigKit.Tests.Text
{
    /// <summary>The oracles are GNU diff (same output for the single-region edits remediations make) and GNU patch (every diff applies).</summary>
    public class UnifiedDiffTests
    {
        private static readonly string[] Pool = { "a = 1\n", "b = 2\n", "# c\n", "\n", "  cont\n", "x = y\r\n", "last" };

        [Test]
        public void Equal_texts_give_an_empty_diff()
        {
            UnifiedDiff.Create("a\n", "a\n", "a/f", "b/f").Should().BeEmpty();
        }

        [Test]
        public void One_changed_line_matches_diff_u_exactly_on_generated_files()
        {
            var random = new Random(4242);
            for (int n = 0; n < 150; n++)
            {
                List<string> old = RandomLines(random, random.Next(0, 30));
                List<string> @new = new List<string>(old);
                int at = random.Next(0, old.Count + 1);
                int remove = Math.Min(random.Next(0, 3), old.Count - at);
                @new.RemoveRange(at, remove);
                @new.InsertRange(at, RandomLines(random, random.Next(remove == 0 ? 1 : 0, 3)));
                bool noFinalNewline = random.Next(3) == 0;
                FixLastLine(old, noFinalNewline);
                FixLastLine(@new, noFinalNewline);
                string a = string.Concat(old), b = string.Concat(@new);
                if (a == b) continue;
                GnuDiff(a, b).Should().Be(UnifiedDiff.Create(a, b, "a/f", "b/f"), "old:\n" + a + "\nnew:\n" + b);
            }
        }

        [Test]
        public void Every_diff_applies_with_patch_on_generated_files()
        {
            var random = new Random(77);
            using var dir = new TempDir();
            for (int n = 0; n < 120; n++)
            {
                List<string> old = RandomLines(random, random.Next(0, 40));
                List<string> @new = old.Where(_ => random.Next(5) > 0).ToList();
                for (int k = random.Next(0, 4); k > 0; k--) @new.Insert(random.Next(0, @new.Count + 1), RandomLines(random, 1)[0]);
                FixLastLine(old, random.Next(3) == 0);
                FixLastLine(@new, random.Next(3) == 0);
                string a = string.Concat(old), b = string.Concat(@new);
                string diff = UnifiedDiff.Create(a, b, "a/f", "b/f");
                if (a == b)
                {
                    diff.Should().BeEmpty();
                    continue;
                }
                File.WriteAllBytes(dir.File("f"), Encoding.UTF8.GetBytes(a));
                var r = ProcessRunner.Run("/usr/bin/patch", new[] { "-s", "-p1", "--binary", "-d", dir.Path }, Encoding.UTF8.GetBytes(diff));
                r.ExitCode.Should().Be(0, r.Describe() + "\ndiff:\n" + diff);
                File.ReadAllText(dir.File("f")).Should().Be(b, "diff:\n" + diff);
            }
        }

        [Test]
        public void Far_apart_changes_get_separate_hunks_with_three_lines_of_context()
        {
            string a = string.Concat(Enumerable.Range(1, 20).Select(i => "l" + i + "\n"));
            string b = a.Replace("l2\n", "L2\n").Replace("l18\n", "L18\n");
            string diff = UnifiedDiff.Create(a, b, "a/f", "b/f");
            diff.Should().Be(GnuDiff(a, b));
            diff.Split('\n').Count(l => l.StartsWith("@@")).Should().Be(2);
        }

        private static List<string> RandomLines(Random random, int count) =>
            Enumerable.Range(0, count).Select(_ => Pool[random.Next(Pool.Length)]).ToList();

        // Only the last line may lack its newline.
        private static void FixLastLine(List<string> lines, bool noFinalNewline)
        {
            for (int i = 0; i < lines.Count - 1; i++)
            {
                if (!lines[i].EndsWith("\n")) lines[i] += "\n";
            }
            if (noFinalNewline && lines.Count > 0) lines[^1] = lines[^1].TrimEnd('\n');
        }

        private static string GnuDiff(string a, string b)
        {
            using var dir = new TempDir();
            File.WriteAllBytes(dir.File("old"), Encoding.UTF8.GetBytes(a));
            File.WriteAllBytes(dir.File("new"), Encoding.UTF8.GetBytes(b));
            var r = ProcessRunner.Run("/usr/bin/diff", new[] { "-u", "--label", "a/f", "--label", "b/f", dir.File("old"), dir.File("new") });
            r.ExitCode.Should().BeLessThan(2, r.Describe());
            return r.Stdout;
        }
    }
}
