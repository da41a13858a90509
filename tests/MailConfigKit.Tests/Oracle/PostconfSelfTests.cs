using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using MailConfigKit.Tests.Support;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>The <see cref="Postconf"/> helper reproduces the recorded facts of spec P1–P3.</summary>
    public class PostconfSelfTests
    {
        [Test]
        public void Comment_between_continuation_lines_is_skipped_P1_2()
        {
            using var postconf = new Postconf(TestFiles.Postfix03CommentBetween);
            postconf.GetRaw("mydestination").Should().Be("a.example, b.example");
            postconf.LastExitCode.Should().Be(0);
        }

        [Test]
        public void Duplicate_last_wins_with_the_recorded_warning_P1_12()
        {
            using var postconf = new Postconf(TestFiles.Postfix15Dup);
            postconf.ReadExplicit().Should().Equal(new System.Collections.Generic.Dictionary<string, string> { ["mydestination"] = "second" });
            postconf.LastResult!.StderrNormalized.Should().Contain(
                "postconf: warning: DIR/main.cf, line 2: overriding earlier entry: mydestination=first\n");
            postconf.LastStderr.Should().Contain($"postconf: warning: {postconf.ConfigDirectory}/main.cf, line 2:");
        }

        [Test]
        public void Bom_swallows_the_first_name_P1_11()
        {
            using var postconf = new Postconf(TestFiles.Postfix14Bom);
            postconf.ReadExplicit().Should().Equal(new System.Collections.Generic.Dictionary<string, string> { ["myhostname"] = "h.example" });
            postconf.LastResult!.StderrNormalized.Should().Contain("postconf: warning: DIR/main.cf: unused parameter: ???mydestination=a.example");
            postconf.GetRaw("mydestination").Should().Be("$myhostname, localhost.$mydomain, localhost");
        }

        [Test]
        public void Empty_values_are_explicit_and_unknown_names_print_nothing_P1_13()
        {
            using var postconf = new Postconf(TestFiles.Postfix17Empty);
            postconf.ReadExplicit().Should().Equal(new System.Collections.Generic.Dictionary<string, string>
            {
                ["mydestination"] = string.Empty,
                ["relayhost"] = string.Empty,
            });
            postconf.GetRaw("mydestination").Should().Be(string.Empty);
            postconf.GetRaw("no_such_parameter_at_all").Should().BeNull();
            postconf.LastResult!.StderrNormalized.Should().Contain("postconf: warning: no_such_parameter_at_all: unknown parameter");
        }

        [Test]
        public void Missing_equals_is_fatal_and_reads_throw_P1_14()
        {
            using var postconf = new Postconf(TestFiles.Postfix18NoEquals);
            var result = postconf.Query("-n");
            result.ExitCode.Should().Be(1);
            result.StderrNormalized.Should().Be(
                "postconf: fatal: DIR/main.cf, line 1: missing '=' after attribute name: \"this line has no equals\"\n");
            var read = () => postconf.GetRaw("myhostname");
            read.Should().Throw<InvalidOperationException>().WithMessage("*missing '='*");
        }

        [Test]
        public void Fatal_shortcut_reports_what_a_full_run_reports()
        {
            // Postconf kills postconf during msg_fatal's sleep(1); a plain run must give the same exit code and output.
            using var postconf = new Postconf(TestFiles.Postfix18NoEquals);
            var fast = postconf.Query("-n");
            fast.Process.FinishedEarly.Should().BeTrue();
            // No upper bound on time here: speed belongs in benchmarks; FinishedEarly says the shortcut was taken.

            var full = PlainRun(postconf, "-n");
            full.FinishedEarly.Should().BeFalse();
            full.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "this is the sleep the shortcut saves");
            full.ExitCode.Should().Be(fast.ExitCode);
            full.StdoutBytes.Should().Equal(fast.StdoutBytes);
            full.Stderr.Should().Be(fast.Process.Stderr);
        }

        [Test]
        public void Fatal_shortcut_waits_for_the_cleanup_of_a_failed_edit()
        {
            // With main.cf missing, -e fails after creating main.cf.tmp; msg_fatal's cleanup removes it before the sleep.
            using var postconf = new Postconf(TestFiles.Postfix03CommentBetween);
            System.IO.File.Delete(postconf.MainCfPath);
            var fast = postconf.Edit("-e", "myhostname = x");
            fast.ExitCode.Should().Be(1);
            fast.StderrNormalized.Should().Be("postconf: fatal: open DIR/main.cf for reading: No such file or directory\n");
            fast.MainCf.Should().BeNull();
            System.IO.Directory.GetFiles(postconf.ConfigDirectory).Select(System.IO.Path.GetFileName).Should().Equal("master.cf");

            var full = PlainRun(postconf, "-e", "myhostname = x");
            full.ExitCode.Should().Be(1);
            System.IO.Directory.GetFiles(postconf.ConfigDirectory).Select(System.IO.Path.GetFileName).Should().Equal("master.cf");
        }

        [Test]
        public void Edit_replaces_in_place_and_drops_continuations_P3_1()
        {
            using var postconf = new Postconf(TestFiles.Postfix41EditCont);
            var result = postconf.Edit("-e", "inet_protocols = ipv4");
            result.ExitCode.Should().Be(0, result.ToString());
            Text(result.MainCf).Should().Be(
                "# header\ninet_protocols = ipv4\n    # comment inside continuation\n\n # indented comment after blank\nmyhostname = h.example\n");
            postconf.GetRaw("inet_protocols").Should().Be("ipv4");
        }

        [Test]
        public void Edit_glues_onto_a_last_line_without_newline_P3_8()
        {
            using var postconf = new Postconf(TestFiles.Postfix44NoFinalNewline);
            Text(postconf.Edit("-e", "inet_protocols=ipv4").MainCf).Should().Be("myhostname = h.exampleinet_protocols = ipv4\n");
        }

        [Test]
        public void Edit_keeps_crs_of_untouched_lines_P3_9()
        {
            using var postconf = new Postconf(TestFiles.Postfix45Crlf);
            Text(postconf.Edit("-e", "inet_protocols=ipv4").MainCf).Should().Be("myhostname = h.example\r\ninet_protocols = ipv4\n# c\r\n");
        }

        [Test]
        public void Remove_deletes_every_definition_and_edit_warns_on_duplicates_P3_2_P3_11()
        {
            using var postconf = new Postconf(TestFiles.Postfix42EditDup);
            Text(postconf.Edit("-X", "inet_protocols").MainCf).Should().Be("myhostname = h.example\n# end\n");

            postconf.SetMainCf(TestFiles.Postfix42EditDup);
            var edit = postconf.Edit("-e", "inet_protocols=ipv4");
            Text(edit.MainCf).Should().Be("inet_protocols = ipv4\nmyhostname = h.example\ninet_protocols = ipv4\n# end\n");
            edit.StderrNormalized.Should().Contain("postconf: warning: DIR/main.cf: multiple entries for \"inet_protocols\"");
        }

        [Test]
        public void Comment_out_prefixes_the_logical_line_P3_12()
        {
            using var postconf = new Postconf(TestFiles.Postfix45Crlf);
            Text(postconf.Edit("-#", "inet_protocols").MainCf).Should().Be("myhostname = h.example\r\n#inet_protocols = all\r\n#  cont\r\n# c\r\n");
        }

        [Test]
        public void Queries_are_fast_because_files_are_dated_back()
        {
            // postconf sleeps and re-reads a main.cf modified within the last seconds; a missed date-back costs >= 1 s per call.
            using var postconf = new Postconf(TestFiles.Postfix03CommentBetween);
            postconf.Edit("-e", "myhostname = after.edit");
            const int Calls = 200;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Calls; i++)
            {
                postconf.SetMainCf(i % 2 == 0 ? TestFiles.Postfix03CommentBetween : TestFiles.Postfix15Dup);
                postconf.GetRaw("mydestination").Should().Be(i % 2 == 0 ? "a.example, b.example" : "second");
            }

            var perCall = clock.Elapsed / Calls;
            TestContext.Out.WriteLine($"postconf: {perCall.TotalMilliseconds:0.0} ms per SetMainCf + GetRaw");
            perCall.Should().BeLessThan(TimeSpan.FromMilliseconds(250));
        }

        private static ProcessResult PlainRun(Postconf postconf, params string[] args)
        {
            var tools = OracleTools.Ensure();
            return ProcessRunner.Run(
                tools.Postconf, new[] { "-c", postconf.ConfigDirectory }.Concat(args).ToArray(), env: tools.Environment, inheritEnvironment: false);
        }

        private static string Text(byte[]? bytes) => Encoding.ASCII.GetString(bytes ?? throw new InvalidOperationException("no main.cf"));
    }
}
