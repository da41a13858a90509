using System.Collections.Generic;
using System.IO;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Tests.Exim4.Support;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>Set against the real dash: hostile printable-ASCII values come back exactly and never run anything.</summary>
    public class SetAdversarialTests
    {
        [Test]
        public void Sourcing_gives_back_every_value_and_runs_nothing()
        {
            DashBatch.Require();
            int seed = Seeds.From("MCK_EXIM4_SEED");
            var gen = new ShellFileGenerator(seed) { AllowErrors = false, AllowShellCode = false };
            string dir = DashBatch.TempDirectory("set");
            string canary = Path.Combine(dir, "canary");
            string[] payloads = { "$(touch " + canary + ")", "`touch " + canary + "`", "'$(touch " + canary + ")'", "\"`touch " + canary + "`\"", "\\$(touch " + canary + ")" };
            string debian = TestFiles.CaseText(TestFiles.EximCases + "debian-default-update-exim4.conf.conf");
            var texts = new List<string>();
            var expected = new List<Dictionary<string, string>>();
            int values = 0;
            for (int i = 0; i < 800; i++)
            {
                // Start from the Debian file or from a generated one, so every existing quoting style gets replaced.
                UpdateExim4Conf doc = UpdateExim4Conf.Parse(i % 4 == 0 ? debian : gen.File());
                if (doc.HasErrors || doc.Scan.FirstShellCode != null) doc = UpdateExim4Conf.Parse(debian);
                var want = new Dictionary<string, string>();
                for (int k = 0; k < 4; k++)
                {
                    string name = ShellFileGenerator.Names[gen.Next(ShellFileGenerator.Names.Length)];
                    string value = gen.Next(6) == 0 ? gen.HostileValue() + payloads[gen.Next(payloads.Length)] + gen.HostileValue() : gen.HostileValue();
                    string before = doc.ToString();
                    try
                    {
                        doc.Set(name, value);
                    }
                    catch (System.InvalidOperationException e)
                    {
                        Assert.Fail(e.Message + "\nname " + name + " value [" + value + "]\n" + before);
                    }
                    doc.GetValue(name).Should().Be(value);
                    want[name] = value;
                    values++;
                }
                texts.Add(doc.ToString());
                expected.Add(want);
            }
            List<DashResult> results = DashBatch.Source(texts, ShellFileGenerator.Names, dir);
            var problems = new List<string>();
            for (int i = 0; i < texts.Count; i++)
            {
                if (results[i].ExitCode != 0)
                {
                    problems.Add("rc " + results[i].ExitCode + ": " + results[i].StdErr + "\n" + texts[i]);
                    continue;
                }
                foreach (KeyValuePair<string, string> kv in expected[i])
                {
                    if (results[i].Variables[kv.Key] != kv.Value) problems.Add(kv.Key + ": set [" + kv.Value + "] dash [" + results[i].Variables[kv.Key] + "]\n" + texts[i]);
                }
            }
            TestContext.Out.WriteLine($"files {texts.Count}, values set {values}, problems {problems.Count}");
            File.Exists(canary).Should().BeFalse("a value written by Set ran a command");
            problems.Should().BeEmpty(string.Join("\n----\n", problems.Take(5)));
            values.Should().BeGreaterThan(3000);
            Directory.Delete(dir, true);
        }

        [Test]
        public void Canary_check_can_fail()
        {
            // Proves the canary mechanism detects execution: an unquoted command substitution does create the file.
            DashBatch.Require();
            string dir = DashBatch.TempDirectory("canary");
            string canary = Path.Combine(dir, "canary");
            DashBatch.Source(new[] { "v0=$(touch " + canary + ")\n" }, new[] { "v0" }, dir);
            File.Exists(canary).Should().BeTrue();
            Directory.Delete(dir, true);
        }
    }
}
