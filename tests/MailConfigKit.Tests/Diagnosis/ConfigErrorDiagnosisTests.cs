using System.Linq;
using FluentAssertions;
using MailConfigKit.Diagnosis;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>Check 5: the documents' error diagnostics become findings with file:line:column evidence, and no plan.</summary>
    public class ConfigErrorDiagnosisTests : DiagnosisTestBase
    {
        [Test]
        public void Bad_inet_protocols_is_a_postfix_config_error()
        {
            using var tree = new HostTree().WithDebianPostfix().Edit("etc/postfix/main.cf", "inet_protocols = all", "inet_protocols = IPv4");
            var report = Examine(tree);
            var f = report.Findings.Single(x => x.Id == FindingIds.PostfixConfigError);
            f.Severity.Should().Be(FindingSeverity.Error);
            f.Evidence.Should().Contain(e => e.Source == "etc/postfix/main.cf" && e.Line == 47 && e.Column.HasValue);
            RemediationCatalog.Default.For(f).Should().BeEmpty();
        }

        [Test]
        public void Master_cf_errors_count_too()
        {
            using var tree = new HostTree().WithDebianPostfix().Write("etc/postfix/master.cf", "smtp inet n - y\n");
            var f = Examine(tree).Findings.Single(x => x.Id == FindingIds.PostfixConfigError);
            f.Evidence.Should().Contain(e => e.Source == "etc/postfix/master.cf" && e.Line == 1);
        }

        [Test]
        public void Exim_file_that_sh_dies_on_is_an_exim_config_error()
        {
            using var tree = new HostTree().WithDebianExim().WithIpv6OnLoopback();
            tree.Write("etc/exim4/update-exim4.conf.conf", tree.Read("etc/exim4/update-exim4.conf.conf") + "dc_other_hostnames='unterminated\n");
            var f = Examine(tree).Findings.Single(x => x.Id == FindingIds.Exim4ConfigError);
            f.Evidence.Should().OnlyContain(e => e.Source == "etc/exim4/update-exim4.conf.conf" && e.Line.HasValue && e.Column.HasValue);
        }

        [Test]
        public void Debian_defaults_have_no_config_error_and_errors_sort_before_notes()
        {
            using var tree = new HostTree().WithDebianPostfix().WithDebianExim().WithIpv6OnLoopback()
                .Write("var/log/exim4/paniclog", "2026-11-20 22:37:03 socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned\n");
            Ids(Examine(tree)).Should().Equal(FindingIds.EximStalePaniclog);
            tree.Edit("etc/postfix/main.cf", "inet_protocols = all", "inet_protocols = bogus");
            Ids(Examine(tree)).Should().Equal(FindingIds.PostfixConfigError, FindingIds.EximStalePaniclog);
        }
    }
}
