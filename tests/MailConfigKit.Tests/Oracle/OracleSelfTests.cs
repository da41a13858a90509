using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using FluentAssertions;
using NUnit.Framework;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>Provisioning and <see cref="ProcessRunner"/>: the ground every other oracle helper stands on.</summary>
    public class OracleSelfTests
    {
        private OracleToolPaths _tools = null!;

        [SetUp]
        public void SetUp() => _tools = OracleTools.RequireOrIgnore();

        [Test]
        public void Ensure_returns_one_provisioned_tree_with_every_tool()
        {
            OracleTools.Ensure().Should().BeSameAs(_tools);
            foreach (var path in new[]
            {
                _tools.Postconf, _tools.Postfix, _tools.SmtpSink, _tools.Exim4, _tools.UpdateExim4Conf, _tools.Dnsmasq,
                _tools.Swaks, _tools.Sh, Path.Combine(_tools.EximConfigDirectory, "exim4.conf.template"),
                Path.Combine(_tools.PostfixDaemonDirectory, "master"),
            })
            {
                File.Exists(path).Should().BeTrue(path);
            }
        }

        [Test]
        public void Provisioned_versions_are_the_measured_upstream_releases()
        {
            // The spec was measured on postfix 3.7.11 and exim 4.96; a Debian point release may bump the Debian
            // revision, but another upstream release would mean re-measuring.
            _tools.PackageVersions["postfix"].Should().StartWith("3.7.");
            _tools.PackageVersions["exim4-daemon-light"].Should().StartWith("4.96-");
            _tools.PackageVersions["exim4-config"].Should().StartWith("4.96-");
            Run(_tools.Postconf, "-d", "-h", "mail_version").Stdout.Should().StartWith("3.7.");
        }

        [Test]
        public void Binaries_load_with_the_provided_library_path()
        {
            Run(_tools.Dnsmasq, "--version").Stdout.Should().StartWith("Dnsmasq version 2.");
            Run("/usr/bin/perl", _tools.Swaks, "--version").Stdout.Should().StartWith("swaks version");
        }

        [Test]
        public void Sh_is_dash()
        {
            var target = new FileInfo(_tools.Sh).ResolveLinkTarget(returnFinalTarget: true);
            (target?.Name ?? Path.GetFileName(_tools.Sh)).Should().Be("dash");
        }

        [Test]
        public void Arguments_are_passed_one_by_one_without_a_shell()
        {
            var result = Run(_tools.Sh, "-c", "printf '[%s]' \"$@\"", "sh", "a b", string.Empty, "c'd\"e", "$HOME", "*");
            result.Stdout.Should().Be("[a b][][c'd\"e][$HOME][*]");
        }

        [Test]
        public void Stdout_is_byte_exact()
        {
            var result = Run(_tools.Sh, "-c", "printf '\\377\\000\\r\\n\\303'");
            result.StdoutBytes.Should().Equal(0xFF, 0x00, 0x0D, 0x0A, 0xC3);
        }

        [Test]
        public void Stdin_bytes_reach_the_child_even_when_large()
        {
            var input = Enumerable.Range(0, 3 << 20).Select(i => (byte)(i * 7)).ToArray();
            var result = ProcessRunner.Run("/bin/cat", Array.Empty<string>(), stdin: input);
            result.ExitCode.Should().Be(0);
            result.StdoutBytes.Should().Equal(input);
        }

        [Test]
        public void Exit_code_and_stderr_are_reported()
        {
            var result = ProcessRunner.Run(_tools.Sh, new[] { "-c", "echo out; echo err >&2; exit 3" });
            result.ExitCode.Should().Be(3);
            result.Stdout.Should().Be("out\n");
            result.Stderr.Should().Be("err\n");
        }

        [Test]
        public void Environment_can_be_set_removed_or_replaced()
        {
            Environment.SetEnvironmentVariable("MCK_ORACLE_PROBE", "inherited");
            var env = new Dictionary<string, string?> { ["MCK_A"] = "x y", ["HOME"] = null };
            var script = new[] { "-c", "printf '%s|%s|%s' \"${MCK_A-unset}\" \"${HOME-unset}\" \"${MCK_ORACLE_PROBE-unset}\"" };
            ProcessRunner.Run(_tools.Sh, script, env: env).Stdout.Should().Be("x y|unset|inherited");
            ProcessRunner.Run(_tools.Sh, script, env: env, inheritEnvironment: false).Stdout.Should().Be("x y|unset|unset");
        }

        [Test]
        public void Timeout_kills_the_whole_process_tree()
        {
            var pidFile = Path.Combine(Path.GetTempPath(), "mck-timeout-" + Guid.NewGuid().ToString("N"));
            try
            {
                var clock = Stopwatch.StartNew();
                var run = () => ProcessRunner.Run(
                    _tools.Sh, new[] { "-c", "sleep 60 & echo $! > \"$1\"; wait", "sh", pidFile }, timeout: TimeSpan.FromSeconds(1));
                run.Should().Throw<TimeoutException>();
                // The 60 s sleep was not waited for (a generous bound: it proves the kill, it does not time it).
                clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(55));

                var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                SpinWait.SpinUntil(() => !IsAlive(grandchild), TimeSpan.FromSeconds(5));
                IsAlive(grandchild).Should().BeFalse("the background sleep belongs to the killed tree");
            }
            finally
            {
                File.Delete(pidFile);
            }
        }

        // A zombie (dead, not yet reaped) counts as gone.
        private static bool IsAlive(int pid)
        {
            var stat = $"/proc/{pid}/stat";
            return File.Exists(stat) && File.ReadAllText(stat).Split(") ").Last()[0] != 'Z';
        }

        private ProcessResult Run(string file, params string[] args)
        {
            var result = ProcessRunner.Run(file, args, env: _tools.Environment);
            result.ExitCode.Should().Be(0, result.Describe());
            return result;
        }
    }
}
