using System.IO;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>The provisioning sample as an image build runs it: a root folder, requested settings, an exit code.</summary>
    [TestFixture]
    public class ProvisioningTests
    {
        [Test]
        public void Applies_requested_settings_to_an_image_tree_and_succeeds()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            RunResult r = Run.Dotnet(Built.ProvisioningDll, tree.Root, "--set", "myhostname=mail.example.org", "--set", "smtpd_tls_security_level=encrypt");
            r.ExitCode.Should().Be(0, r.ToString());
            string main = File.ReadAllText(tree.PathOf("etc/postfix/main.cf"));
            main.Should().Contain("\nmyhostname = mail.example.org\n").And.Contain("\nsmtpd_tls_security_level=encrypt\n");
            main.Should().NotContain("myhostname = debian.example.org");
            r.Stdout.Should().Contain("info provisioning: ");
        }

        [Test]
        public void A_second_run_writes_nothing()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            Run.Dotnet(Built.ProvisioningDll, tree.Root, "--set", "myhostname=mail.example.org").ExitCode.Should().Be(0);
            var mtime = File.GetLastWriteTimeUtc(tree.PathOf("etc/postfix/main.cf"));
            RunResult r = Run.Dotnet(Built.ProvisioningDll, tree.Root, "--set", "myhostname=mail.example.org");
            r.ExitCode.Should().Be(0, r.ToString());
            File.GetLastWriteTimeUtc(tree.PathOf("etc/postfix/main.cf")).Should().Be(mtime);
        }

        [Test]
        public void A_missing_root_fails_the_build()
        {
            RunResult r = Run.Dotnet(Built.ProvisioningDll, "/nonexistent/mck-image");
            r.ExitCode.Should().NotBe(0);
            r.Stderr.Should().Contain("fail provisioning: ").And.Contain("/nonexistent/mck-image");
        }

        [Test]
        public void A_setting_main_cf_would_refuse_fails_the_build_and_writes_nothing()
        {
            using var tree = TempTree.CopyOf(Built.DemoTree);
            byte[] before = File.ReadAllBytes(tree.PathOf("etc/postfix/main.cf"));
            RunResult r = Run.Dotnet(Built.ProvisioningDll, tree.Root, "--set", "bad name=x");
            r.ExitCode.Should().NotBe(0, r.ToString());
            r.Stderr.Should().Contain("fail provisioning: ");
            File.ReadAllBytes(tree.PathOf("etc/postfix/main.cf")).Should().Equal(before);
        }

        [Test]
        public void Missing_arguments_exit_2()
        {
            Run.Dotnet(Built.ProvisioningDll).ExitCode.Should().Be(2);
        }
    }
}
