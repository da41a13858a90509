using System.IO;
using System.Linq;
using System.Text;
using System;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Text;
using NUnit.Framework;
using UpdateExim4Conf = MailConfigKit.Exim4.UpdateExim4Conf;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>The exim-file reproducers of issue 11 (fuzzing defects), each pinned; dash is the oracle where it can answer.</summary>
    [TestFixture]
    public class BadInputRegressionTests_Exim4
    {
        private static void SetIsRefused(string text, string name, string value)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            Action set = () => doc.Set(name, value);
            set.Should().Throw<InvalidOperationException>().WithMessage("*cannot be known*");
            doc.ToString().Should().Be(text);
            doc.IsModified.Should().BeFalse();
        }

        [TestCase("if fal$'se; then\nif fal$'se; then\ndc_other_hostnames='a'\nfi\n")]
        [TestCase("if true; then\ndc_other_hostnames='a'\nfi\n")]
        public void Fuzz110040_Remove_inside_control_flow_is_refused_and_changes_nothing(string text)
        {
            // Long fuzz run, seed 20261126 index 110040: removing the only statement of an if body left "then\nfi",
            // which dash refuses ("fi" unexpected). Remove now refuses files it cannot model, as Set does.
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            Action remove = () => doc.Remove("dc_other_hostnames");
            remove.Should().Throw<InvalidOperationException>().WithMessage("Cannot remove dc_other_hostnames*cannot be known*");
            doc.ToString().Should().Be(text);
            Action removeAbsent = () => doc.Remove("not_there");
            removeAbsent.Should().Throw<InvalidOperationException>("in a file it cannot model, \"not set\" cannot be known either");
            doc.ToString().Should().Be(text);
        }

        [TestCase("v1=$(echo cmd) v0=$'a'${c?=2}c\nv2=x\n", "v0")]
        [TestCase("v0=${c:?}\nv2=x\n", "v2")]
        [TestCase("v0=\"${c?}\"\nv2=x\n", "dc_new")]
        [TestCase("v0=${UNSET_Q-${c?}}\nv2=x\n", "v0")]
        public void Seed900005_an_expansion_that_may_stop_the_shell_makes_the_file_unknowable(string text, string name)
        {
            // DashDifferentialTests seed 900005: Set replaced "$'a'${c?=2}c", whose ${c?...} stops a non-interactive shell
            // when c is unset, so a file that stopped there (dash rc 2, v2 never assigned) ran to its end after the edit.
            // Whether the shell stops depends on the environment, not the file: such a file is not written to.
            ShellSourceResult dash = ShellSource.Source(text, "v2");
            dash.ExitCode.Should().NotBe(0, "dash stops at the expansion (the oracle): " + dash.Stderr);
            SetIsRefused(text, name, "127.0.0.1");
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.GetValue("v2").Should().BeNull("whether v2 is assigned at all depends on the environment");
            doc.IsComputed("v2").Should().BeTrue();
        }

        [TestCase("v0=a${}\\\n;{ ?}'b'\nv2='after'\n", true)]
        [TestCase("if true; then x=1\n", true)]
        [TestCase("while false; do x=1\n", true)]
        [TestCase("{ if true; then x=1; fi\n", true)]
        [TestCase("{ x=1; }\n", false)]
        [TestCase("if true; then { x=1; }; fi\n", false)]
        [TestCase("while true; do { break; }; done\n", false)]
        [TestCase("if true; then x=1; else { y=2; }; fi\n", false)]
        [TestCase("{ { x=1; }; }\n", false)]
        [TestCase("f() { x=1; }\n", false)]
        public void Seed910010_a_block_still_open_at_the_end_is_a_syntax_error(string text, bool broken)
        {
            // ParameterExpansionDifferentialTests seed 910010: "{ ?}'b'" opens a group whose "}" is glued into a word, and
            // dash reads to the end of the file for it ("end of file unexpected (expecting "}")"); we saw no error. A
            // reserved word after "then", "do", "else", "{" or "!" opens and closes blocks too.
            ShellSourceResult dash = ShellSource.Source(text, "x");
            (dash.ExitCode != 0).Should().Be(broken, "dash (the oracle): " + dash.Stderr);
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error).Should().Be(broken, string.Join("; ", doc.Diagnostics));
            if (broken) doc.Diagnostics.Should().Contain(d => d.Message.Contains("Syntax error", StringComparison.Ordinal));
        }

        [Test]
        public void Fuzz638760_Remove_of_an_assignment_with_a_here_document_is_refused_not_reported_absent()
        {
            // Long fuzz run, seed 20261127 index 638760: "name='a'<<EOF" (an unterminated here-document) sets the
            // variable for dash, but the scanner treats the statement as shell code it cannot model, and Remove answered
            // false ("not set"). dash still read 'a' after the "successful" no-op. Remove now refuses such files.
            const string text = "x='a\n\\\n'\ndc_local_interfaces='a'<<EOF\n   # trailing comment\n";
            ShellSource.Source(text, "dc_local_interfaces").Values["dc_local_interfaces"].Should().Be("a", "dash sets it (the oracle)");
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.GetValue("dc_local_interfaces").Should().BeNull("not statically knowable");
            Action remove = () => doc.Remove("dc_local_interfaces");
            remove.Should().Throw<InvalidOperationException>().WithMessage("Cannot remove dc_local_interfaces*cannot be known*");
            doc.ToString().Should().Be(text);
            doc.IsModified.Should().BeFalse();
        }

        [TestCase("dc_local_interfaces='\vx'\ndc_local_interfac\\\nes='y'\n")]
        [TestCase("dc_local_interfaces='\vx'\ndc_\\\nlocal_interfaces\\\n='y'\n")]
        [TestCase("dc_local_interfaces='\vx'\nd\\\nc_local_interfaces='y' dc_other=1\n")]
        public void Fuzz1911460_a_line_continuation_inside_an_assignment_name_is_part_of_the_name(string text)
        {
            // Long fuzz run, seed 20261128 indices 1911460 and 2320600: dash deletes backslash-newline before it splits
            // words, so "dc_local_interfac\<newline>es='y'" assigns dc_local_interfaces. The scanner took it for a
            // command word and GetValue answered the first assignment.
            ShellSource.Source(text, "dc_local_interfaces").Values["dc_local_interfaces"].Should().Be("y", "dash joins the name (the oracle)");
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.ToString().Should().Be(text);
            doc.GetValue("dc_local_interfaces").Should().Be("y");
            doc.Set("dc_local_interfaces", "127.0.0.1");
            ShellSource.Source(doc.ToString(), "dc_local_interfaces").Values["dc_local_interfaces"].Should().Be("127.0.0.1");
        }

        [TestCase("v1='before'\nv0=a${}+%;{;}'b'\nv2='after'\n")]
        [TestCase("v0=1;{ ;}\n")]
        [TestCase("if ;then :; fi\n")]
        [TestCase("v0=1\n! ;\n")]
        [TestCase("while ; do :; done\n")]
        [TestCase("a;{&}\n")]
        public void Seed20765812_a_keyword_that_needs_a_command_before_an_operator_is_a_syntax_error(string text)
        {
            // CI run, ParameterExpansionDifferentialTests seed 20765812 (MCK_EXIM4_SEED): "{;}" is a syntax error to
            // dash (";" unexpected: a brace group needs a command), and the scanner reported none.
            ShellSourceResult dash = ShellSource.Source(text, "v0");
            dash.Stderr.Should().Contain("Syntax error", "dash refuses it (the oracle)");
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.ToString().Should().Be(text);
            doc.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.Exim4SyntaxError && d.Severity == DiagnosticSeverity.Error);
        }

        [TestCase("dc_lo=' a' \\:\n")]
        [TestCase("dc_lo=' a' ':'\n")]
        [TestCase("dc_lo=' a' \"set\"\n")]
        public void Fuzz3028660_a_quoted_special_builtin_keeps_the_assignment_in_front_of_it(string text)
        {
            // Long fuzz run, seed 20261128 index 3028660: a builtin is looked up after quote removal, so "\:" is the
            // special builtin ':' and dash keeps dc_lo=' a' after it. The scanner took it for an ordinary command (an
            // assignment for its environment only) and Remove("dc_lo") answered "not set".
            ShellSource.Source(text, "dc_lo").Values["dc_lo"].Should().Be(" a", "dash keeps it (the oracle)");
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.ToString().Should().Be(text);
            Action remove = () => doc.Remove("dc_lo");
            remove.Should().Throw<InvalidOperationException>().WithMessage("Cannot remove dc_lo*");
            doc.ToString().Should().Be(text);
        }

        [TestCase(": <<EOF\ndc_local_interfaces='127.0.0.1'\nEOF\n")]
        [TestCase(": <<-EOF\ndc_local_interfaces='127.0.0.1'\n\t\tEOF\n")]
        [TestCase(": <<'EOF'\ndc_local_interfaces='127.0.0.1'\nEOF\n")]
        [TestCase(": <<\"E O\"\ndc_local_interfaces='127.0.0.1'\nE O\n")]
        [TestCase(": <<\\EOF\ndc_local_interfaces='127.0.0.1'\nEOF\n")]
        [TestCase("cat >/dev/null <<EOF; v=1\ndc_local_interfaces='127.0.0.1'\nEOF\n")]
        [TestCase("<<EOF\ndc_local_interfaces='127.0.0.1'\nEOF\n")]
        [TestCase(": <<A <<B\ndc_local_interfaces='1'\nA\ndc_local_interfaces='2'\nB\n")]
        [TestCase(": <<EOF\ndc_local_interfaces='127.0.0.1'\n")]
        public void Defect01_heredoc_bodies_are_opaque_and_Set_is_refused(string text)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.ToString().Should().Be(text);
            doc.Contains("dc_local_interfaces").Should().BeFalse("a here-document body is never an assignment");
            doc.GetValue("dc_local_interfaces").Should().BeNull();
            doc.HasErrors.Should().BeFalse();
            SetIsRefused(text, "dc_local_interfaces", "$(touch /tmp/x)");
            SetIsRefused(text, "dc_readhost", "a");

            ShellSourceResult dash = ShellSource.Source(text, "dc_local_interfaces");
            dash.ExitCode.Should().Be(0, dash.ToString());
            dash.Values["dc_local_interfaces"].Should().BeNull();
        }

        [Test]
        public void Defect01_unterminated_heredoc_after_an_assignment_refuses_Set()
        {
            const string text = "dc_eximconfig_configtype='local'\n: <<EOF\n";
            SetIsRefused(text, "dc_eximconfig_configtype", "internet");
            SetIsRefused(text, "dc_local_interfaces", "127.0.0.1");
        }

        [Test]
        public void Defect01_heredoc_inside_a_command_substitution_does_not_confuse_the_scanner()
        {
            const string text = "x=$(cat <<E\n)'\nE\n)\ny='after'\n";
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.HasErrors.Should().BeFalse(string.Join("; ", doc.Diagnostics));
            doc.GetValue("y").Should().Be("after");
            doc.IsComputed("x").Should().BeTrue();
            ShellSourceResult dash = ShellSource.Source(text, "x", "y");
            dash.ExitCode.Should().Be(0, dash.ToString());
            dash.Values["x"].Should().Be(")'");
            dash.Values["y"].Should().Be("after");
        }

        [Test]
        public void Defect01_heredoc_without_delimiter_is_a_syntax_error()
        {
            const string text = ": <<\nx=1\n";
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.HasErrors.Should().BeTrue();
            ShellSource.Source(text, "x").ExitCode.Should().NotBe(0);
        }

        private static string Deep(string open, string close, int depth) =>
            "x=" + string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth)) + "\n";

        // Far deeper than any call stack would survive with one frame per level.
        [TestCase("$(\"", "\")", 30000)]
        [TestCase("$(\"", "\")", 300000)]
        [TestCase("${x:-", "}", 300000)]
        [TestCase("\"${x:-", "}\"", 300000)]
        [TestCase("$((", "))", 300000)]
        [TestCase("$(", ")", 300000)]
        public void Defect02_deep_nesting_returns_with_diagnostics(string open, string close, int depth)
        {
            string text = Deep(open, close, depth) + "y='z'\n";
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.ToString().Should().Be(text);
            doc.IsComputed("x").Should().BeTrue();
            doc.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.Exim4ComputedValue);
            doc.GetValue("y").Should().Be(doc.Scan.FirstShellCode == null ? "z" : null);

            string unclosed = "x=" + string.Concat(Enumerable.Repeat(open, depth)) + "\n";
            UpdateExim4Conf broken = UpdateExim4Conf.Parse(unclosed);
            broken.ToString().Should().Be(unclosed);
            broken.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.Exim4Unterminated && d.Severity == DiagnosticSeverity.Error);

            // The same depth in shell code (the rest of a line the scanner skips) and in a here-document.
            string code = ": " + Deep(open, close, depth);
            UpdateExim4Conf.Parse(code).Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.Exim4ShellCode);
        }

        [Test]
        public void Defect02_deep_nesting_is_what_dash_reads()
        {
            string text = Deep("$(echo \"", "\")", 200) + "y='z'\n";
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.HasErrors.Should().BeFalse();
            ShellSourceResult dash = ShellSource.Source(text, "x", "y");
            dash.ExitCode.Should().Be(0, dash.ToString());
            dash.Values["y"].Should().Be(doc.GetValue("y"));
        }

        [TestCase("dc_local_interfaces='127.0.0.1'\nif false; then\n  dc_local_interfaces='::1'\nfi\n", "dc_local_interfaces")]
        [TestCase("if false; then dc_local_interfaces='::1'; fi\n", "dc_local_interfaces")]
        [TestCase("dc_local_interfaces='127.0.0.1'\nunset dc_local_interfaces\n", "dc_local_interfaces")]
        [TestCase("readonly dc_local_interfaces='127.0.0.1'\ndc_local_interfaces='::1'\n", "dc_local_interfaces")]
        [TestCase("readonly dc_readhost=x\n", "dc_readhost")]
        [TestCase("dc_readhost=x\nunset dc_readhost\n", "dc_smarthost")]
        [TestCase("x=${y=1}\n", "y")]
        [TestCase("x=${a:-${y=1}}\n", "y")]
        [TestCase("(dc_readhost=x)\n", "dc_readhost")]
        public void Defect10_Set_refuses_files_whose_effect_it_cannot_know(string text, string name)
        {
            SetIsRefused(text, name, "value");
        }

        [TestCase("dc_readhost=x\\", "dc_other_hostnames")]
        [TestCase("a=1\ndc_readhost=x\\", "dc_other_hostnames")]
        [TestCase("dc_readhost='x'\\", "dc_other_hostnames")]
        [TestCase("dc_readhost=x\\\\\\", "dc_other_hostnames")]
        [TestCase("dc_readhost=x\\", "dc_readhost")]
        [TestCase("dc_readhost=x \\", "dc_smarthost")]
        public void Defect11_trailing_backslash_without_newline_keeps_every_other_value(string text, string name)
        {
            string[] names = { "a", "dc_readhost", "dc_other_hostnames", "dc_smarthost" };
            ShellSourceResult before = ShellSource.Source(text, names);
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            try
            {
                doc.Set(name, "new value");
            }
            catch (InvalidOperationException)
            {
                doc.ToString().Should().Be(text);
                return;
            }
            doc.GetValue(name).Should().Be("new value");
            ShellSourceResult after = ShellSource.Source(doc.ToString(), names);
            after.ExitCode.Should().Be(before.ExitCode, after.ToString());
            if (!before.Completed) return;
            foreach (string n in names)
            {
                after.Values[n].Should().Be(n == name ? "new value" : before.Values[n], n + " after setting " + name + " in\n" + doc);
            }
        }

        // Built in code: a lone surrogate does not survive as an attribute argument.
        private static readonly string[] LoneSurrogates = { "x" + (char)0xD800, (char)0xDC00 + "x", "a" + (char)0xD800 + (char)0xD800, (char)0xDE00 + "\ud83d\ude00" };

        [TestCaseSource(nameof(LoneSurrogates))]
        public void Defect17_lone_surrogate_is_refused(string value)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse("a='1'\n");
            Action set = () => doc.Set("a", value);
            set.Should().Throw<ArgumentException>().WithMessage("*surrogate*");
            doc.ToString().Should().Be("a='1'\n");
        }

        [Test]
        public void Defect17_a_surrogate_pair_is_written_and_saved()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse("a='1'\n");
            doc.Set("a", "x\ud83d\ude00");
            string path = Path.Combine(Path.GetTempPath(), "mck-d17-" + Guid.NewGuid().ToString("N"));
            try
            {
                doc.Save(path);
                UpdateExim4Conf.Load(path).GetValue("a").Should().Be("x\ud83d\ude00");
            }
            finally
            {
                File.Delete(path);
            }
        }

        [TestCase("x='a\0b'\n", "x", "ab")]
        [TestCase("x=a\0b\n", "x", "ab")]
        [TestCase("x=\"a\0b\"\n", "x", "ab")]
        [TestCase("x\0y=1\n", "xy", "1")]
        [TestCase("x=\\\0\n'a'\n", "x", "a")]
        [TestCase("\0x='1'\0\n\0y=2\0", "y", "2")]
        public void Defect18_dash_drops_NUL_bytes(string text, string name, string expected)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.ToString().Should().Be(text);
            doc.GetValue(name).Should().Be(expected);
            ShellSourceResult dash = ShellSource.Source(Encoding.UTF8.GetBytes(text), ShellSource.DefaultFileName, new[] { name });
            dash.ExitCode.Should().Be(0, dash.ToString());
            dash.Values[name].Should().Be(expected);
            doc.Set(name, "new");
            ShellSource.Source(Encoding.UTF8.GetBytes(doc.ToString()), ShellSource.DefaultFileName, new[] { name }).Values[name].Should().Be("new");
        }

        [TestCase("dc_smarthost=${export x=y}\n")]
        [TestCase("dc_local_interfaces=${x]4~}\n")]
        [TestCase("v0=a v1=b \\\n  dc_local_interfaces=${x]4~}\n")]
        [TestCase("x=\"${y]}\"\n")]
        [TestCase("x=${}\n")]
        [TestCase("x=${x:a}\n")]
        [TestCase("x=${#:}\n")]
        [TestCase("x=${1x}\n")]
        [TestCase("x=${x/a/b}\n")]
        [TestCase("v0=${+?} $@}\n")]
        [TestCase("v0=${} }\n")]
        public void Defect19_forms_dash_rejects_are_errors(string text)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.Exim4BadSubstitution && d.Severity == DiagnosticSeverity.Error);
            ShellSourceResult dash = ShellSource.Source(text);
            dash.ExitCode.Should().Be(2, dash.ToString());
            dash.Stderr.Should().Contain("Bad substitution");
        }

        [TestCase("x=${#}\n")]
        [TestCase("x=${##}\n")]
        [TestCase("x=${#-}\n")]
        [TestCase("x=${#:-a}\n")]
        [TestCase("x=${12}\n")]
        [TestCase("x=${x:}}\n")]
        [TestCase("x=${x%%a}\n")]
        [TestCase("x=${HOME-${y]}}\n")]
        [TestCase("if false; then x=${y]}; fi\n")]
        [TestCase("if false; then\n  x=${y]}\nfi\n")]
        [TestCase("f() {\n  x=${y]}\n}\n")]
        public void Defect19_forms_dash_accepts_or_never_expands_are_not_errors(string text)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
            doc.Diagnostics.Should().NotContain(d => d.Code == DiagnosticCodes.Exim4BadSubstitution && d.Severity == DiagnosticSeverity.Error);
            ShellSource.Source(text).ExitCode.Should().Be(0);
        }

        [TestCase("x\u0080")]
        [TestCase("\u0085")]
        [TestCase("a\u009fb")]
        public void Defect20_C1_controls_are_refused(string value)
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse("a='1'\n");
            Action set = () => doc.Set("a", value);
            set.Should().Throw<ArgumentException>().WithMessage("*control*");
            doc.ToString().Should().Be("a='1'\n");
        }

        [Test]
        public void Defect20_characters_after_the_C1_range_are_accepted()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse("a='1'\n");
            doc.Set("a", "\u00a0\u00e9");
            doc.GetValue("a").Should().Be("\u00a0\u00e9");
        }
    }
}
