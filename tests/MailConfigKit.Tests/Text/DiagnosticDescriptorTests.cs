using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Postfix;
using MailConfigKit.Text;
using MailConfigKit.Tests.Support;
using MailConfigKit.Values;
using NUnit.Framework;

namespace MailConfigKit.Tests.Text
{
    /// <summary>
    /// The descriptor tables cover every code, a diagnostic's line and column come from the document's line map after
    /// an edit as well, and a failed value parse cannot be read as a value.
    /// </summary>
    public class DiagnosticDescriptorTests
    {
        private static IEnumerable<DiagnosticDescriptor> Table(Type table) =>
            table.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

        private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
            Table(typeof(MainCfDescriptors)).Concat(Table(typeof(MasterCfDescriptors))).Concat(Table(typeof(UpdateExim4ConfDescriptors))).Concat(Table(typeof(EximConfigurationDescriptors)));

        [Test]
        public void Every_code_has_a_descriptor_and_every_descriptor_a_code()
        {
            var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
            var described = AllDescriptors().Select(d => d.Code).Distinct().ToList();
            described.Should().BeEquivalentTo(codes);
        }

        [Test]
        public void Docs_list_every_code_once_with_the_severities_its_descriptors_use()
        {
            string doc = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot(), "docs", "diagnostic-codes.md"));
            var rows = Regex.Matches(doc, @"^\| `([A-Z]{3}\d{4})` \| ([A-Za-z ]+) \| `(\w+)` \|", RegexOptions.Multiline)
                .Select(m => (Code: m.Groups[1].Value, Severities: m.Groups[2].Value.Split(new[] { " or " }, StringSplitOptions.None), Name: m.Groups[3].Value))
                .ToList();
            var fields = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static).ToList();
            rows.Select(r => r.Code).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(fields.Select(f => (string)f.GetValue(null)!));
            var descriptors = AllDescriptors().ToList();
            foreach (var row in rows)
            {
                fields.Single(f => (string)f.GetValue(null)! == row.Code).Name.Should().Be(row.Name, row.Code);
                row.Severities.Should().BeEquivalentTo(descriptors.Where(d => d.Code == row.Code).Select(d => d.Severity.ToString()).Distinct(), row.Code);
            }
        }

        [TestCase(typeof(MainCfDescriptors), "MCF")]
        [TestCase(typeof(MasterCfDescriptors), "MSC")]
        [TestCase(typeof(UpdateExim4ConfDescriptors), "UEC")]
        [TestCase(typeof(EximConfigurationDescriptors), "EXC")]
        public void A_table_holds_only_its_format_s_codes_and_formats_that_format(Type table, string prefix)
        {
            foreach (DiagnosticDescriptor d in Table(table))
            {
                d.Code.Should().StartWith(prefix);
                // A malformed composite format would throw only when that diagnostic is first reported.
                d.Invoking(x => x.Format("a", "b", "c")).Should().NotThrow(d.ToString());
            }
        }

        [Test]
        public void Diagnostics_after_an_edit_are_located_in_the_edited_text()
        {
            var doc = MainCf.Parse("a = 1\nno equals here\n");
            doc.Diagnostics.Single().Line.Should().Be(2);
            doc.Remove("a");
            Diagnostic main = doc.Diagnostics.Single();
            main.Line.Should().Be(1);
            // postconf points after the name: "no" is the name, the missing = is at its end.
            main.Column.Should().Be(3);
            main.Offset.Should().Be(2);
            var exim = UpdateExim4Conf.Parse("dc_readhost='x'\ndc_relay_nets = x\n");
            exim.Diagnostics.Single(d => d.Code == DiagnosticCodes.Exim4CommandNotFound).Line.Should().Be(2);
            exim.Remove("dc_readhost");
            Diagnostic moved = exim.Diagnostics.Single(d => d.Code == DiagnosticCodes.Exim4CommandNotFound);
            moved.Line.Should().Be(1);
            moved.Column.Should().Be(1);
            moved.Offset.Should().Be(0);
        }

        [Test]
        public void A_failed_parse_throws_when_its_value_is_read()
        {
            ValueParseResult<InetProtocols> r = InetProtocolsValue.Parse("ipv5");
            r.Success.Should().BeFalse();
            r.Invoking(x => x.Value).Should().Throw<InvalidOperationException>().WithMessage("*" + r.Error + "*");
            r.ToString().Should().StartWith("Error at");
        }
    }
}
