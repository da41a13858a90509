using System;
using System.Diagnostics;
using System.IO;
using FluentAssertions;
using NUnit.Framework;
using MailConfigKit.Tests.Support;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>The <see cref="UpdateExim4Conf"/> and <see cref="EximRunner"/> helpers reproduce the recorded facts of spec E5/E6.</summary>
    public class UpdateExim4ConfSelfTests
    {
        [SetUp]
        public void SetUp() => OracleTools.RequireRootOrIgnore();

        [TestCase("Exim20Default", "<; 127.0.0.1 ; ::1")]
        [TestCase("Exim21V4Only", "127.0.0.1")]
        public void Generated_local_interfaces(string fixture, string expected)
        {
            using var tree = new UpdateExim4ConfTool(Fixture(fixture));
            var clock = Stopwatch.StartNew();
            var result = tree.RunToFile();
            TestContext.Out.WriteLine($"update-exim4.conf -o: {clock.Elapsed.TotalMilliseconds:0} ms");
            result.ExitCode.Should().Be(0, result.ToString());
            result.ConfigText.Should().Contain($"\n.ifndef MAIN_LOCAL_INTERFACES\nMAIN_LOCAL_INTERFACES={expected}\n.endif\n");
            UpdateExim4ConfTool.EximLocalInterfaces(result.OutputPath).Should().Be(expected);
        }

        [Test]
        public void Empty_value_emits_no_macro_and_exim_uses_its_default()
        {
            using var tree = new UpdateExim4ConfTool(TestFiles.Exim22Empty);
            var result = tree.RunToFile();
            result.ExitCode.Should().Be(0, result.ToString());
            result.ConfigText.Should().NotContain("MAIN_LOCAL_INTERFACES=");
            UpdateExim4ConfTool.EximLocalInterfaces(result.OutputPath).Should().Be("<; ::0 ; 0.0.0.0");
        }

        [Test]
        public void Default_output_is_checked_with_exim_bV_and_reads_the_trees_mailname()
        {
            using var tree = new UpdateExim4ConfTool(TestFiles.Exim20Default);
            var clock = Stopwatch.StartNew();
            var result = tree.RunDefault();
            TestContext.Out.WriteLine($"update-exim4.conf (default output, with -bV): {clock.Elapsed.TotalMilliseconds:0} ms");
            result.ExitCode.Should().Be(0, result.ToString());
            result.OutputPath.Should().Be(tree.DefaultOutputPath);
            result.ConfigText.Should().Contain("\nETC_MAILNAME=debian.example.org\n").And.Contain("\nMAIN_LOCAL_DOMAINS=@:localhost:debian\n");
            Directory.GetFiles(Path.Combine(tree.TreeRoot, "var/lib/exim4")).Should().Equal(tree.DefaultOutputPath);
        }

        [Test]
        public void Bad_template_fails_the_bV_check()
        {
            // Proves the -bV check really runs exim: an unknown option must make the script refuse to install (E6).
            using var tree = new UpdateExim4ConfTool(TestFiles.Exim20Default);
            var template = Path.Combine(tree.ConfDirectory, "exim4.conf.template");
            File.WriteAllText(template, "bogus_main_option = 1\n" + File.ReadAllText(template));
            var result = tree.RunDefault();
            result.ExitCode.Should().Be(1);
            result.Stderr.Should().Contain("main option \"bogus_main_option\" unknown").And.Contain("Invalid new configfile");
            result.ConfigText.Should().BeNull();
        }

        [Test]
        public void Unquoted_semicolon_aborts_the_script()
        {
            using var tree = new UpdateExim4ConfTool(TestFiles.Exim30UnquotedSemicolon);
            var result = tree.RunToFile();
            result.ExitCode.Should().Be(127);
            result.Stderr.Should().Contain($"{tree.ConfPath}: ::1: not found");
            result.ConfigText.Should().BeNull();
        }

        [Test]
        public void Rewrite_refuses_a_script_that_changed()
        {
            var act = () => UpdateExim4ConfTool.RewriteScript("UPEX4C_confdir=\"/etc/exim4\"\n", "/tmp/x", "/x/exim4");
            act.Should().Throw<InvalidOperationException>().WithMessage("*update-exim4.conf changed*");
        }

        private static byte[] Fixture(string name) => (byte[])typeof(TestFiles).GetField(name)!.GetValue(null)!;
    }
}
