using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Tests.Exim4.Support;
using MailConfigKit.Text;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>
    /// Here-documents against the real dash (issue 11, defect 1): generated files mixing assignments and here-documents
    /// (<c>&lt;&lt;</c>, <c>&lt;&lt;-</c>, quoted delimiters, look-alike lines, unterminated ones) whose bodies hold
    /// assignments. What the scanner calls an assignment must be exactly what dash assigns, bodies never are, and Set
    /// refuses every such file. The seed is printed; set MCK_EXIM4_SEED to replay a run.
    /// </summary>
    [TestFixture]
    public class HeredocDifferentialTests
    {
        private static readonly string[] Names = { "v0", "v1", "v2", "dc_local_interfaces" };

        private static int Seed() => Seeds.From("MCK_EXIM4_SEED");

        private static string File(Random random)
        {
            var sb = new StringBuilder();
            int lines = random.Next(1, 7);
            for (int l = 0; l < lines; l++)
            {
                string name = Names[random.Next(Names.Length)];
                if (random.Next(2) == 0)
                {
                    sb.Append(name).Append("='out").Append(l).Append("'\n");
                    continue;
                }
                string delim = new[] { "EOF", "E", "END_1" }[random.Next(3)];
                bool strip = random.Next(3) == 0;
                string word = random.Next(4) switch
                {
                    0 => "'" + delim + "'",
                    1 => "\"" + delim + "\"",
                    2 => "\\" + delim,
                    _ => delim,
                };
                string command = new[] { ": ", "cat >/dev/null ", "", ": x ", "true " }[random.Next(5)];
                sb.Append(command).Append(strip ? "<<-" : "<<").Append(random.Next(2) == 0 ? " " : "").Append(word);
                if (random.Next(4) == 0) sb.Append(" # c");
                sb.Append('\n');
                int body = random.Next(0, 4);
                for (int b = 0; b < body; b++)
                {
                    switch (random.Next(6))
                    {
                        case 0: sb.Append(delim).Append(" \n"); break; // not the delimiter: trailing blank
                        case 1: sb.Append('\t').Append(delim).Append('\n'); break; // the delimiter only with <<-
                        case 2: sb.Append("'unbalanced \"quote\n"); break;
                        case 3: sb.Append(name).Append("=$(echo \"x\")\n"); break;
                        default: sb.Append(Names[random.Next(Names.Length)]).Append("='in").Append(b).Append("'\n"); break;
                    }
                }
                if (random.Next(8) != 0) sb.Append(strip && random.Next(2) == 0 ? "\t\t" : "").Append(delim).Append('\n');
            }
            return sb.ToString();
        }

        [Test]
        public void Assignments_outside_heredocs_are_exactly_what_dash_assigns()
        {
            DashBatch.Require();
            var random = new Random(Seed());
            var texts = Enumerable.Range(0, 1500).Select(_ => File(random)).ToList();
            string dir = DashBatch.TempDirectory("heredoc");
            List<DashResult> results = DashBatch.Source(texts, Names, dir);
            var mismatches = new List<string>();
            int compared = 0, heredocs = 0;
            for (int i = 0; i < texts.Count; i++)
            {
                UpdateExim4Conf doc = UpdateExim4Conf.Parse(texts[i]);
                doc.ToString().Should().Be(texts[i]);
                DashResult r = results[i];
                string shown = "file " + i + " (dash rc " + r.ExitCode + " " + r.StdErr.Trim() + "; ours " + string.Join("; ", doc.Diagnostics) + ")\n" + texts[i];
                // The exim-level checks of dc_local_interfaces matter only when the daemon starts, not to sh.
                bool errors = doc.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Code != DiagnosticCodes.Exim4LocalInterfacesItem);
                if (r.ExitCode != 0)
                {
                    if (!errors) mismatches.Add("dash failed, no error diagnostic: " + shown);
                    continue;
                }
                if (errors) mismatches.Add("dash succeeded, we report errors: " + shown);
                if (doc.Scan.FirstShellCode != null)
                {
                    heredocs++;
                    string? refusal = null;
                    try
                    {
                        doc.Set("v0", "x");
                    }
                    catch (InvalidOperationException e)
                    {
                        refusal = e.Message;
                    }
                    if (refusal == null) mismatches.Add("Set was not refused: " + shown);
                }
                var effective = doc.Assignments.Where(a => a.IsEffective).ToDictionary(a => a.Name, a => a.Value);
                foreach (string n in Names)
                {
                    bool assigned = effective.TryGetValue(n, out string? ours);
                    if (assigned && ours == null)
                    {
                        // Computed at run time ($(echo ...)): assigned, so dash must have set it.
                        if (r.Variables[n] == null) mismatches.Add(n + ": assigned here, unset in dash " + shown);
                        continue;
                    }
                    compared++;
                    if (ours != r.Variables[n]) mismatches.Add(n + ": ours [" + ours + "] dash [" + r.Variables[n] + "] " + shown);
                }
            }
            TestContext.Out.WriteLine($"files {texts.Count}, with shell code {heredocs}, values compared {compared}, mismatches {mismatches.Count}");
            if (mismatches.Count == 0) Directory.Delete(dir, true);
            mismatches.Should().BeEmpty(string.Join("\n----\n", mismatches.Take(5)));
            heredocs.Should().BeGreaterThan(700);
        }
    }
}
