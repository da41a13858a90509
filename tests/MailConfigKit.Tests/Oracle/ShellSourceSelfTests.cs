using System;
using System.Diagnostics;
using System.Text;
using FluentAssertions;
using NUnit.Framework;
using MailConfigKit.Tests.Support;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>The <see cref="ShellSource"/> helper reproduces the recorded dash facts of spec E5.</summary>
    public class ShellSourceSelfTests
    {
        private const string Li = "dc_local_interfaces";
        private const string Rn = "dc_relay_nets";

        [TestCase("Q05", "a'b")]
        [TestCase("Q06", "")]
        [TestCase("Q09", "line1\nline2")]
        [TestCase("Q10", "from-cmd")]
        [TestCase("Q21", "*")]
        [TestCase("Q22", "a\r")]
        [TestCase("Q27", "no-final-newline")]
        public void Recorded_values(string fixture, string expected)
        {
            var bytes = (byte[])typeof(TestFiles).GetField(fixture)!.GetValue(null)!;
            var result = ShellSource.Source(bytes, Li);
            result.ExitCode.Should().Be(0, result.ToString());
            result.Completed.Should().BeTrue();
            result.Values[Li].Should().Be(expected);
        }

        [Test]
        public void Unset_is_null_and_names_are_case_sensitive_q24()
        {
            var result = ShellSource.Source(TestFiles.Q24, Li, "DC_LOCAL_INTERFACES");
            result.Values[Li].Should().BeNull();
            result.Values["DC_LOCAL_INTERFACES"].Should().Be("upper");
        }

        [Test]
        public void Backslash_newline_joins_lines_q25()
        {
            var result = ShellSource.Source(TestFiles.Q25, Li, Rn);
            result.Values[Li].Should().Be("a");
            result.Values[Rn].Should().Be("b");
        }

        [Test]
        public void Space_before_equals_aborts_with_127_q15()
        {
            var result = ShellSource.Source(TestFiles.Q15, Li);
            result.ExitCode.Should().Be(127);
            result.Completed.Should().BeFalse();
            result.Values.Should().BeEmpty();
            result.Stderr.Should().Be("sh: 1: ./update-exim4.conf.conf: dc_local_interfaces: not found\n");
        }

        [Test]
        public void Unterminated_quote_aborts_with_2_q17()
        {
            var result = ShellSource.Source(TestFiles.Q17, Li);
            result.ExitCode.Should().Be(2);
            result.Completed.Should().BeFalse();
            result.Stderr.Should().Contain("Syntax error: Unterminated quoted string");
        }

        [Test]
        public void Framing_survives_any_content_and_the_files_own_output()
        {
            // The file prints NULs and our framing letters, defines a printf function, and stores control bytes and UTF-8.
            var file = "printf 'S\\000U\\000'; printf() { echo hijacked; }\n" +
                       "a=$(command printf 'x\\001\\002\\t\\r\\033 y')\nb='é ; \"q\"'\nc=\n";
            var result = ShellSource.Source(Encoding.UTF8.GetBytes(file), "a", "b", "c", "d");
            result.ExitCode.Should().Be(0, result.ToString());
            result.Values["a"].Should().Be("x\u0001\u0002\t\r\u001b y");
            result.Values["b"].Should().Be("é ; \"q\"");
            result.Values["c"].Should().Be(string.Empty);
            result.Values["d"].Should().BeNull();
            result.FileStdout.Should().Equal((byte)'S', 0, (byte)'U', 0);
        }

        [Test]
        public void Exit_in_the_file_is_not_mistaken_for_values()
        {
            var result = ShellSource.Source("x=1\nexit 0\n", "x");
            result.ExitCode.Should().Be(0);
            result.Completed.Should().BeFalse();
        }

        [TestCase("1abc")]
        [TestCase("a-b")]
        [TestCase("a b")]
        [TestCase("")]
        [TestCase("x}")]
        public void Bad_variable_names_are_rejected(string name)
        {
            var act = () => ShellSource.Source("x=1\n", name);
            act.Should().Throw<ArgumentException>();
        }

        [Test]
        public void Many_files_each_source_their_own_value()
        {
            const int Files = 200;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Files; i++)
            {
                ShellSource.Source($"{Li}='v{i}'\n", Li).Values[Li].Should().Be($"v{i}");
            }

            var perFile = clock.Elapsed / Files;
            TestContext.Out.WriteLine($"sh: {perFile.TotalMilliseconds:0.0} ms per sourced file");
        }
    }
}
