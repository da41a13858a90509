using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>
    /// The boolean options EximConfiguration.Set checks are exim's own: the list equals the options <c>exim4 -bP</c>
    /// prints bare or with <c>no_</c>, and a value Set accepts is one real exim reads (<c>-bP</c> shows it) while a value
    /// Set refuses is one exim rejects at start-up.
    /// </summary>
    public class EximBooleanOptionsOracleTests
    {
        private static string WriteConfig(string dir, string body)
        {
            string path = Path.Combine(dir, "exim.conf");
            File.WriteAllText(path, body);
            return path;
        }

        [Test]
        public void The_boolean_list_is_exims()
        {
            string dir = Directory.CreateTempSubdirectory("pwsh-eximbool-").FullName;
            try
            {
                var result = EximRunner.Run("-C", WriteConfig(dir, "primary_hostname = a.example\n"), "-bP");
                result.ExitCode.Should().Be(0, result.Describe());
                var bare = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Where(l => !l.Contains('=', StringComparison.Ordinal))
                    .Select(l => l.StartsWith("no_", StringComparison.Ordinal) ? l[3..] : l)
                    .ToList();
                bare.Should().HaveCountGreaterThan(40, "exim 4.96 has over forty boolean main options");
                EximConfiguration.Booleans.Should().BeEquivalentTo(bare);
            }
            finally { Directory.Delete(dir, true); }
        }

        [TestCase("true", true)]
        [TestCase("FALSE", true)]
        [TestCase("Yes", true)]
        [TestCase("no", true)]
        [TestCase("1", false)]
        [TestCase("on", false)]
        [TestCase("off", false)]
        public void Set_accepts_exactly_what_exim_reads(string value, bool eximReads)
        {
            string dir = Directory.CreateTempSubdirectory("pwsh-eximbool-").FullName;
            try
            {
                string text = "primary_hostname = a.example\nsplit_spool_directory = " + value + "\n";
                var result = EximRunner.Run("-C", WriteConfig(dir, text), "-bP", "split_spool_directory");
                (result.ExitCode == 0).Should().Be(eximReads, result.Describe());
                var doc = EximConfiguration.Parse("primary_hostname = a.example\nsplit_spool_directory = false\n");
                Action set = () => doc.Set("split_spool_directory", value);
                if (eximReads) set.Should().NotThrow();
                else set.Should().Throw<ArgumentException>().WithMessage("*split_spool_directory*");
            }
            finally { Directory.Delete(dir, true); }
        }
    }
}
