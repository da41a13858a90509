using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using FluentAssertions;
using MailConfigKit.Samples.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests
{
    /// <summary>
    /// <c>dotnet pack src/MailConfigKit -c Release</c>, once per run (it builds both frameworks), and what a consumer of the
    /// package gets: both lib folders with XML docs, the README, MIT, the repository, exactly the two dependencies, and a
    /// symbols package with the pdbs.
    /// </summary>
    [TestFixture]
    [NonParallelizable]
    public class PackageTests
    {
        private TempTree _output = null!;
        private string _nupkg = null!;
        private string _snupkg = null!;

        [OneTimeSetUp]
        public void Pack()
        {
            _output = new TempTree();
            RunResult pack = Run.Program("dotnet", new[] { "pack", Built.LibraryProject, "-c", "Release", "-o", _output.Root, "-nologo" }, timeout: TimeSpan.FromMinutes(10));
            pack.ExitCode.Should().Be(0, pack.Stdout + pack.Stderr);
            _nupkg = Directory.GetFiles(_output.Root, "MailConfigKit.*.nupkg").Single(f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
            _snupkg = Directory.GetFiles(_output.Root, "MailConfigKit.*.snupkg").Single();
        }

        [OneTimeTearDown]
        public void CleanUp() => _output?.Dispose();

        [Test]
        public void Has_both_frameworks_with_xml_docs_and_the_readme()
        {
            using ZipArchive zip = ZipFile.OpenRead(_nupkg);
            zip.Entries.Select(e => e.FullName).Should().Contain(new[]
            {
                "lib/netstandard2.0/MailConfigKit.dll", "lib/netstandard2.0/MailConfigKit.xml",
                "lib/net8.0/MailConfigKit.dll", "lib/net8.0/MailConfigKit.xml", "README.md",
            });
            zip.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal)).Select(e => e.FullName.Split('/')[1]).Distinct()
                .Should().BeEquivalentTo("netstandard2.0", "net8.0");
        }

        [Test]
        public void Nuspec_has_license_readme_repository_and_exactly_its_five_dependencies_per_framework()
        {
            XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            XElement Child(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);
            Child("id").Value.Should().Be("MailConfigKit");
            Child("license").Attribute("type")!.Value.Should().Be("expression");
            Child("license").Value.Should().Be("MIT");
            Child("readme").Value.Should().Be("README.md");
            Child("description").Value.Should().NotBeNullOrWhiteSpace();
            Child("tags").Value.Should().Contain("postfix").And.Contain("exim4");
            XElement repository = Child("repository");
            repository.Attribute("type")!.Value.Should().Be("git");
            repository.Attribute("url")!.Value.Should().StartWith("https://");
            repository.Attribute("commit")!.Value.Should().MatchRegex("^[0-9a-f]{40}$");

            var groups = Child("dependencies").Elements().ToDictionary(g => g.Attribute("targetFramework")!.Value,
                g => g.Elements().Select(d => d.Attribute("id")!.Value).OrderBy(x => x, StringComparer.Ordinal).ToArray());
            groups.Keys.Should().BeEquivalentTo(".NETStandard2.0", "net8.0");
            foreach (var g in groups) g.Value.Should().Equal(new[] { "DnsClient", "K4os.Compression.LZ4", "Microsoft.Extensions.Logging.Abstractions", "Sprache", "ZstdSharp.Port" }, g.Key);
        }

        [Test]
        public void Symbols_package_has_the_pdbs()
        {
            using ZipArchive zip = ZipFile.OpenRead(_snupkg);
            zip.Entries.Select(e => e.FullName).Should().Contain(new[] { "lib/netstandard2.0/MailConfigKit.pdb", "lib/net8.0/MailConfigKit.pdb" });
        }

        [Test]
        public void Package_readme_is_the_repository_readme()
        {
            using ZipArchive zip = ZipFile.OpenRead(_nupkg);
            using var reader = new StreamReader(zip.GetEntry("README.md")!.Open());
            string readme = reader.ReadToEnd();
            readme.Should().StartWith("# MailConfigKit").And.Contain("dotnet add package MailConfigKit");
        }

        private XDocument Nuspec()
        {
            using ZipArchive zip = ZipFile.OpenRead(_nupkg);
            using Stream s = zip.Entries.Single(e => e.FullName == "MailConfigKit.nuspec").Open();
            return XDocument.Load(s);
        }
    }
}
