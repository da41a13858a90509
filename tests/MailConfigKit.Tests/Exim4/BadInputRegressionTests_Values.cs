using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>
    /// The typed-value reproducers of issue 11 (exim lists and addresses), and round-trip properties of the list formats
    /// on generated lists. The seed is printed; set MCK_VALUES_SEED to replay a run.
    /// </summary>
    public class BadInputRegressionTests_Values
    {
        private const int Runs = 5_000;

        private static int Seed() => Seeds.From("MCK_VALUES_SEED");

        // The characters that matter to exim's list syntax, white space of both kinds, and a Unicode digit.
        private static readonly string[] Pieces = { ":", ";", "<", " ", "\t", "\\", "a", "b", "1", ".", "::", "[", "]", ",", "\u0661", "\u00a0", "\x01", "!" };

        private static string Text(Random r, int maxPieces)
        {
            var sb = new StringBuilder();
            int n = r.Next(0, maxPieces + 1);
            for (int k = 0; k < n; k++) sb.Append(Pieces[r.Next(Pieces.Length)]);
            return sb.ToString();
        }

        [Test]
        public void Fuzz558516_a_megabyte_list_value_parses_through_every_pattern()
        {
            // Long fuzz run, seed 20261127 index 558516: a 1 MB value made of "<, a : ::0:1" ran past the fuzzer's 2 s CPU
            // bound in the Postfix list patterns, whose splitter (a Sprache grammar over single characters) allocated per
            // character. The splitter is a loop now; every pattern must finish and agree on the items.
            string value = string.Concat(Enumerable.Repeat("<, a : ::0:1", 90_000));
            var patterns = new Dictionary<string, Func<string, bool>>
            {
                ["inet_interfaces"] = v => MailConfigKit.Postfix.InetInterfacesValue.Parse(v).Success,
                ["inet_protocols"] = v => MailConfigKit.Postfix.InetProtocolsValue.Parse(v).Success,
                ["mynetworks"] = v => MailConfigKit.Postfix.MyNetworksValue.Parse(v).Success,
                ["smtp_address_preference"] = v => MailConfigKit.Postfix.SmtpAddressPreferenceValue.Parse(v).Success,
                ["exim interface list"] = v => EximInterfaceListValue.Parse(v).Success,
                ["exim list"] = v => EximListValue.Parse(v).Success,
                ["exim smarthosts"] = v => EximListValue.ParseSmarthosts(v).Count > 0,
            };
            foreach (var p in patterns)
            {
                // The verdict on the whole value is the verdict on one unit of it: the splitter loses or invents nothing.
                bool whole = false;
                Action parse = () => whole = p.Value(value);
                parse.Should().NotThrow(p.Key);
                whole.Should().Be(p.Value("<, a : ::0:1<, a : ::0:1"), p.Key);
            }
        }

        [TestCase("dc_local_interfaces='127.0.0.\u0661'\n")]
        [TestCase("dc_local_interfaces='127.0.0.1.\u0662\u0665'\n")]
        [TestCase("dc_local_interfaces='[::1]:\u0662\u0665'\n")]
        [TestCase("dc_smarthost='smart.example::\u0665\u0668\u0667'\n")]
        public void Defect04_exim_values_with_non_ASCII_digits_throw_nothing(string text)
        {
            var doc = UpdateExim4Conf.Parse(text);
            doc.Invoking(d => d.Diagnostics).Should().NotThrow();
            doc.Invoking(d => d.LocalInterfaces).Should().NotThrow();
            doc.LocalInterfaces.Items.Where(i => i.RawText.Any(c => c > 0x7F)).All(i => !i.IsValid || i.Port == null).Should().BeTrue();
            EximListValue.ParseSmarthosts("smart.example::\u0665\u0668\u0667").Single().Port.Should().BeNull();
        }

        [Test]
        public void Defect04_the_invalid_item_is_a_diagnostic()
        {
            var doc = UpdateExim4Conf.Parse("dc_local_interfaces='127.0.0.\u0661'\n");
            doc.Diagnostics.Should().ContainSingle(d => d.Severity == MailConfigKit.Text.DiagnosticSeverity.Error);
            doc.LocalInterfaces.Items.Single().IsValid.Should().BeFalse();
        }

        [Test]
        public void Defect21_a_first_item_that_looks_like_a_separator_prefix_reads_back()
        {
            string value = EximListValue.Format(new[] { "<;a", "b" });
            EximListValue.Parse(value).Value.Should().Equal("<;a", "b");
            EximListValue.Parse(EximListValue.Format(new[] { "<" })).Value.Should().Equal("<");
            EximListValue.Parse(EximListValue.Format(new[] { "a\\", "b" })).Value.Should().Equal("a\\", "b");
            EximListValue.Parse(EximListValue.Format(new[] { ":x:", "::" })).Value.Should().Equal(":x:", "::");
        }

        [TestCase("")]
        [TestCase(" a")]
        [TestCase("a\t")]
        [TestCase("a\0b")]
        public void Defect21_items_no_list_can_hold_are_refused(string item)
        {
            FluentActions.Invoking(() => EximListValue.Format(new[] { "x", item })).Should().Throw<ArgumentException>();
        }

        [Test]
        public void Defect21_odd_colon_lists_keep_their_items_when_the_IPv6_loopback_goes()
        {
            foreach (string value in new[] { "::1:b : ::c", "a : : ::::1", "::::1 : <;x", "a\\ :::::1: b", "::::1:<::1" })
            {
                EximInterfaceList without = EximInterfaceListValue.Parse(value).Value.WithoutIPv6Loopback();
                string formatted = EximInterfaceListValue.Format(without);
                EximInterfaceListValue.Parse(formatted).Value.Items.Select(i => i.Text).Should().Equal(without.Items.Select(i => i.Text), "'" + value + "' became '" + formatted + "'");
            }
        }

        [Test]
        public void Defect21_Format_then_Parse_gives_back_every_list_it_accepts()
        {
            var r = new Random(Seed());
            int accepted = 0;
            for (int n = 0; n < Runs; n++)
            {
                List<string> items = Enumerable.Range(0, r.Next(0, 5)).Select(_ => Text(r, 6)).ToList();
                string formatted;
                try
                {
                    formatted = EximListValue.Format(items);
                }
                catch (ArgumentException)
                {
                    items.Should().Contain(i => i.Length == 0 || char.IsWhiteSpace(i[0]) || char.IsWhiteSpace(i[i.Length - 1]) || i.Contains('\0'),
                        "only items no list can hold are refused: [" + string.Join("|", items) + "]");
                    continue;
                }
                EximListValue.Parse(formatted).Value.Should().Equal(items, "'" + formatted + "' from [" + string.Join("|", items) + "]");
                accepted++;
            }
            accepted.Should().BeGreaterThan(Runs / 10);
        }

        [Test]
        public void Defect21_lists_split_like_exim_itself()
        {
            // exim's own list code (listcount/listextract under -be) on generated lists without the characters -be expands.
            string[] pieces = { ":", ";", "<", " ", "\t", "a", "1", ",", "::", "\u00a0", "!", "\u0661" };
            string config = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mck-values-" + Guid.NewGuid().ToString("N") + ".conf");
            System.IO.File.WriteAllText(config, string.Empty);
            try
            {
                var r = new Random(Seed());
                var lists = new List<string> { "<;a", "<; a ; b", "a : : b :", "::a:: : b", " <: a", "<", "a :: b", "a\u00a0 : b" };
                for (int n = 0; n < 25; n++) lists.Add(string.Concat(Enumerable.Range(0, r.Next(1, 9)).Select(_ => pieces[r.Next(pieces.Length)])));
                foreach (string list in lists)
                {
                    EximListValue.Parse(list).Value.Should().Equal(EximItems(config, list).Where(i => i.Length > 0), "list '" + list.Replace("\t", "\\t") + "'");
                    var formatted = EximListValue.Format(EximListValue.Parse(list).Value);
                    EximItems(config, formatted).Should().Equal(EximListValue.Parse(list).Value, "formatted '" + formatted + "'");
                }
            }
            finally
            {
                System.IO.File.Delete(config);
            }
        }

        private static List<string> EximItems(string config, string list)
        {
            int count = int.Parse(Expand(config, "${listcount:" + list + "}"), System.Globalization.CultureInfo.InvariantCulture);
            var items = new List<string>();
            for (int n = 1; n <= count; n++) items.Add(Expand(config, "${listextract{" + n + "}{" + list + "}}"));
            return items;
        }

        private static string Expand(string config, string expression)
        {
            var r = MailConfigKit.Tests.Oracle.EximRunner.Run("-C", config, "-be", expression);
            r.ExitCode.Should().Be(0, r.Describe());
            return r.Stdout.TrimEnd('\n');
        }

        [Test]
        public void Defect21_WithoutIPv6Loopback_then_Format_reads_back_the_same_items_for_generated_lists()
        {
            string[] addresses = { "::1", "::::1", "[::1]:25", "127.0.0.1", "::1.25", "0:0:0:0:0:0:0:1", "" };
            var r = new Random(Seed());
            for (int n = 0; n < Runs; n++)
            {
                var sb = new StringBuilder();
                if (r.Next(4) == 0) sb.Append(Text(r, 3));
                int count = r.Next(0, 5);
                for (int k = 0; k < count; k++) sb.Append(r.Next(3) == 0 ? Text(r, 4) : addresses[r.Next(addresses.Length)]).Append(r.Next(2) == 0 ? Text(r, 3) : " : ");
                string value = sb.ToString();
                EximInterfaceList without = EximInterfaceListValue.Parse(value).Value.WithoutIPv6Loopback();
                string formatted = EximInterfaceListValue.Format(without);
                EximInterfaceListValue.Parse(formatted).Value.Items.Select(i => i.Text)
                    .Should().Equal(without.Items.Select(i => i.Text), "'" + value.Replace("\t", "\\t") + "' became '" + formatted.Replace("\t", "\\t") + "'");
            }
        }
    }
}
