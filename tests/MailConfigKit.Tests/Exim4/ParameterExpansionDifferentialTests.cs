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
    /// dash's <c>${...}</c> grammar against the real dash: generated forms, each sourced; "Bad substitution" from dash
    /// must match an error diagnostic, a syntax error must match one, and success must have none. The seed is printed;
    /// set MCK_EXIM4_SEED to replay a run.
    /// </summary>
    [TestFixture]
    public class ParameterExpansionDifferentialTests
    {
        private const string Alphabet = "xa_19#:-+=?%}{@*$!'\" ]~;";

        private static int Seed() => Seeds.From("MCK_EXIM4_SEED");

        private static string Body(Random random)
        {
            var sb = new StringBuilder();
            int n = random.Next(0, 7);
            for (int i = 0; i < n; i++)
            {
                int k = random.Next(40);
                if (k == 0) sb.Append("\\\n");
                else if (k == 1) sb.Append('\\').Append(Alphabet[random.Next(Alphabet.Length)]);
                else if (k < 5) sb.Append(new[] { "HOME", "#", "##", ":-" }[k - 1]);
                else sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }
            return sb.ToString();
        }

        [Test]
        public void Bad_substitution_diagnostics_agree_with_dash_on_generated_forms() => AgreeWithDash(Seed());

        // Seeds that once found a disagreement: 1287012 (${;{};} leaves a stray "}", a syntax error to dash; ${} } is
        // an assignment before the command "}"), 5262520 (${+?} $@}: a prefix assignment is expanded whatever follows),
        // 20765812 ({;} is a syntax error to dash: a brace group needs a command).
        // 910010 (a${}\⏎;{ ?}'b': the "{" opens a group that the file never closes, "end of file unexpected"),
        // 910003 (${##${}! }: the trim pattern of $#, always set, is always expanded, so its ${} is an error, not a
        // warning), 43052995 (${HOME-${$'$${:}}: "$$" is the process id, so "{:" is text and the first "}" closes the inner form;
        // the second '$' starts nothing).
        [TestCase(1287012)]
        [TestCase(5262520)]
        [TestCase(20765812)]
        [TestCase(43052995)]
        [TestCase(910003)]
        [TestCase(910010)]
        public void Bad_substitution_diagnostics_agree_with_dash_on_seeds_that_once_failed(int seed)
        {
            TestContext.Out.WriteLine("seed " + seed);
            AgreeWithDash(seed);
        }

        /// <summary>
        /// "$" takes a special parameter's character with it ($$, $#, $1, $?, ...), also inside ${...}, $(...) and double
        /// quotes, and after a backslash-newline: "$${" is the process id and a literal "{", never a "${".
        /// </summary>
        [Test]
        public void A_special_parameter_takes_its_character_with_the_dollar_sign()
        {
            DashBatch.Require();
            string[] words =
            {
                "${HOME-${$'$${:}}", "${HOME-$${:}}", "\"${HOME-$${:}}\"", "$(echo $${:})", "${HOME-$\\\n${:}}", "$${:}", "\"$${:}\"",
                "${UNSET_Q-$${:}}", "${HOME-$${a;b}}", "${HOME-$#{:}}", "${HOME-$1{:}}", "${HOME-$?${x}}", "${UNSET_Q-$$}", "`echo $${:}`",
                "${HOME-${$'${:}}", "${HOME-${$x${:}}",
            };
            var texts = words.Select(w => "v1='before'\nv0=" + w + "\nv2='after'\n").ToList();
            List<string> mismatches = Compare(texts, words.Select(_ => true).ToList(), out _, out _, out _, out _);
            mismatches.Should().BeEmpty(string.Join("\n----\n", mismatches.Take(8)));
        }

        /// <summary>
        /// dash expands a trim pattern (<c>#</c>, <c>##</c>, <c>%</c>, <c>%%</c>) only when its parameter is set: always
        /// for $#, $?, $$, $-, $0 (also ${00}), $* and $@, so a bad form in it is an error; for a name, $1 or $! it
        /// depends on the environment (a warning).
        /// </summary>
        [Test]
        public void A_trim_pattern_is_expanded_when_its_parameter_is_set()
        {
            DashBatch.Require();
            (string Word, bool Conditional)[] forms =
            {
                ("${##${}! }", false), ("${?#${}}", false), ("${$#${}}", false), ("${-#${}}", false), ("${0#${}}", false),
                ("${00#${}}", false), ("${*#${}}", false), ("${@#${}}", false), ("${#%${}}", false), ("${#%\"${}\"}", false),
                ("${UNSET_Q#${}}", true), ("${HOME%${}}", true), ("${1#${}}", true), ("${!#${}}", true), ("${UNSET_Q%%\"${}\"}", true),
            };
            var texts = forms.Select(f => "v1='before'\nv0=" + f.Word + "\nv2='after'\n").ToList();
            List<string> mismatches = Compare(texts, forms.Select(f => f.Conditional).ToList(), out _, out int bad, out _, out _);
            mismatches.Should().BeEmpty(string.Join("\n----\n", mismatches.Take(8)));
            // dash stops at every always-expanded form, and at conditional ones whose parameter its driver sets (HOME, $1).
            bad.Should().BeGreaterThan(forms.Count(f => !f.Conditional));
        }

        private static void AgreeWithDash(int seed)
        {
            DashBatch.Require();
            var random = new Random(seed);
            var texts = new List<string>();
            var nested = new List<bool>();
            for (int i = 0; i < 3000; i++)
            {
                string body = Body(random);
                int shape = random.Next(6);
                string word = shape switch
                {
                    0 or 1 => "${" + body + "}",
                    2 => "\"${" + body + "}\"",
                    3 => "a${" + body + "}'b'",
                    4 => "${HOME-${" + body + "}}",
                    _ => "${UNSET_Q-${" + body + "}}",
                };
                nested.Add(shape >= 4);
                texts.Add("v1='before'\nv0=" + word + "\nv2='after'\n");
            }
            List<string> mismatches = Compare(texts, nested, out int ok, out int bad, out int syntax, out int valuesCompared);
            TestContext.Out.WriteLine($"forms {texts.Count}, dash ok {ok}, Bad substitution {bad}, syntax errors {syntax}, values compared {valuesCompared}, mismatches {mismatches.Count}");
            mismatches.Should().BeEmpty(string.Join("\n----\n", mismatches.Take(8)));
            bad.Should().BeGreaterThan(300);
            ok.Should().BeGreaterThan(300);
            syntax.Should().BeGreaterThan(30);
        }

        // Each text sourced by dash and parsed by us: what disagrees. nested: the form is inside another's word (a Bad
        // substitution there may be a warning, as dash aborts only if it expands it).
        private static List<string> Compare(List<string> texts, List<bool> nested, out int ok, out int bad, out int syntax, out int valuesCompared)
        {
            string[] names = { "v0", "v1", "v2" };
            string dir = DashBatch.TempDirectory("subst");
            List<DashResult> results = DashBatch.Source(texts, names, dir);
            var mismatches = new List<string>();
            bad = 0;
            ok = 0;
            syntax = 0;
            valuesCompared = 0;
            for (int i = 0; i < texts.Count; i++)
            {
                UpdateExim4Conf doc = UpdateExim4Conf.Parse(texts[i]);
                doc.ToString().Should().Be(texts[i]);
                DashResult r = results[i];
                bool dashBad = r.StdErr.Contains("Bad substitution", StringComparison.Ordinal);
                bool dashSyntax = r.StdErr.Contains("Syntax error", StringComparison.Ordinal);
                var errors = doc.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                bool oursBadError = errors.Any(d => d.Code == DiagnosticCodes.Exim4BadSubstitution);
                bool oursBadAny = doc.Diagnostics.Any(d => d.Code == DiagnosticCodes.Exim4BadSubstitution);
                bool oursSyntax = errors.Any(d => d.Code == DiagnosticCodes.Exim4Unterminated || d.Code == DiagnosticCodes.Exim4SyntaxError);
                string shown = "file " + i + " (dash rc " + r.ExitCode + ": " + r.StdErr.Trim() + "; ours: " + string.Join("; ", doc.Diagnostics) + ")\n" + texts[i];
                if (dashBad) bad++;
                if (dashSyntax) syntax++;
                if (r.ExitCode == 0) ok++;
                if (dashBad && !(nested[i] ? oursBadAny : oursBadError)) mismatches.Add("dash says Bad substitution, we do not: " + shown);
                if (oursBadError && !dashBad && !dashSyntax) mismatches.Add("we say Bad substitution, dash does not: " + shown);
                if (dashSyntax && !oursSyntax) mismatches.Add("dash has a syntax error, we do not: " + shown);
                if (r.ExitCode == 0 && errors.Count > 0) mismatches.Add("dash succeeded, we report errors: " + shown);
                if (r.ExitCode != 0) continue;
                foreach (string n in names)
                {
                    string? ours = doc.GetValue(n);
                    if (ours == null && doc.IsComputed(n)) continue;
                    valuesCompared++;
                    if (ours != r.Variables[n]) mismatches.Add(n + ": ours [" + ours + "] dash [" + r.Variables[n] + "] " + shown);
                }
            }
            if (mismatches.Count == 0) Directory.Delete(dir, true);
            else File.WriteAllText(Path.Combine(dir, "mismatches.txt"), string.Join("\n----\n", mismatches));
            return mismatches;
        }
    }
}
