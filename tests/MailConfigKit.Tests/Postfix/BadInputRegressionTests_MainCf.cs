using System.Linq;
using System.Text;
using System;
using FluentAssertions;
using MailConfigKit.Postfix;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Text;
using NUnit.Framework;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>The main.cf reproducers of issue 11, one test each, named after the defect number.</summary>
    public class BadInputRegressionTests_MainCf
    {
        private const int Deep = 100_000;

        private static string Chain(int n, bool closed)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.Append('p').Append(i).Append(" = $p").Append(i + 1 < n || !closed ? i + 1 : 0).Append('\n');
            return sb.ToString();
        }

        [Test]
        public void Defect03_a_reference_chain_100k_long_gives_diagnostics_without_overflowing_the_stack()
        {
            MainCf.Parse(Chain(Deep, closed: false)).Diagnostics.Should().BeEmpty();
            var closed = MainCf.Parse(Chain(Deep, closed: true)).Diagnostics;
            closed.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.MainCfMacroCycle);
            closed.Single().Message.Should().Contain("more)"); // the path is shown shortened
        }

        [Test]
        public void Defect03_a_cycle_is_reported_once_with_its_path()
        {
            var d = MainCf.Parse("a = $b\nb = ${c}\nc = x $(a) y\n").Diagnostics.Should().ContainSingle().Which;
            (d.Code, d.Line).Should().Be((DiagnosticCodes.MainCfMacroCycle, 1));
            d.Message.Should().Contain("$a -> $b -> $c -> $a");
        }

        [Test]
        public void Defect09_a_value_nested_100k_deep_is_checked_without_recursion()
        {
            string nested = string.Concat(Enumerable.Repeat("${a:", Deep)) + "x" + new string('}', Deep);
            var doc = MainCf.Parse("mydestination = " + nested + "\n");
            // postconf dies on it: Postfix expands at most 100 nested levels (checked against postconf at 101 levels in
            // Conditional_texts_nested_deeper_than_100_levels_are_fatal_as_postconf_says).
            var deep = doc.Diagnostics.Should().ContainSingle().Which;
            (deep.Code, deep.Severity).Should().Be((DiagnosticCodes.MainCfMacroCycle, DiagnosticSeverity.Error));
            deep.Message.Should().Contain("goes " + Deep + " levels deep");
            doc.GetValue("mydestination").Should().HaveLength(nested.Length);
            MainCf.Parse("x_unknown = " + nested + "\n").Diagnostics.Should().BeEmpty(); // nothing expands it

            // Truncated at the innermost level: postconf's warning quotes that level's text.
            var bad = MainCf.Parse("mydestination = " + string.Concat(Enumerable.Repeat("${a:", Deep)) + "cost$" + new string('}', Deep) + "\n");
            var d = bad.Diagnostics.Should().ContainSingle(x => x.Code == DiagnosticCodes.MainCfMacroSyntax).Which;
            d.Severity.Should().Be(DiagnosticSeverity.Error);
            d.Message.Should().StartWith("empty macro name: \"cost$\"");
        }

        [Test]
        public void Defect09_100k_parameters_that_each_refer_to_themselves_complete()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < Deep; i++) sb.Append('p').Append(i).Append(" = $p").Append(i).Append('\n');
            var diagnostics = MainCf.Parse(sb.ToString()).Diagnostics;
            diagnostics.Should().HaveCount(Deep).And.OnlyContain(d => d.Code == DiagnosticCodes.MainCfMacroCycle);
        }

        [TestCase("inet_interfaces = 127.0.0.\u0661\n")]
        [TestCase("mynetworks = 127.0.0.\u0661/8\n")]
        [TestCase("mynetworks = [::1]/\u0661\u0662\n")]
        [TestCase("smtp_bind_address = 127.0.0.\u0661\n")]
        [TestCase("inet_interfaces = \u0661\u0662\u0667.0.0.1, 127.0.0.1\n")]
        public void Defect04_non_ASCII_digits_are_not_digits_and_throw_nothing(string text)
        {
            var doc = MainCf.Parse(text);
            doc.Invoking(d => d.Diagnostics).Should().NotThrow();
            doc.Invoking(d => d.InetInterfaces).Should().NotThrow();
            doc.Invoking(d => d.MyNetworks).Should().NotThrow();
            doc.Invoking(d => d.SmtpBindAddress).Should().NotThrow();
            if (text.StartsWith("inet_interfaces", StringComparison.Ordinal))
            {
                doc.InetInterfaces!.Items.Where(i => i.Text.Any(c => c > 0x7F)).Should().NotBeEmpty().And.OnlyContain(i => i.IsHostName);
            }
            if (text.StartsWith("smtp_bind", StringComparison.Ordinal))
            {
                doc.SmtpBindAddress.Should().BeNull();
                doc.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.MainCfBindAddress);
            }
        }

        [Test]
        public void Defect04_numeric_addresses_take_ASCII_digits_only()
        {
            InetInterfacesValue.Parse("127.0.0.\u0661").Value!.Items.Single().IsHostName.Should().BeTrue();
            InetInterfacesValue.Parse("127.0.0.1").Value!.Items.Single().Address!.ToString().Should().Be("127.0.0.1");
            MyNetworksValue.ParseItem("10.0.0.\u0660/8").Value!.Kind.Should().Be(NetworkPatternKind.HostName);
        }

        [TestCase("\u0130PV4")]
        [TestCase("ipv4\u00A0")]
        public void Defect04_keywords_fold_ASCII_case_only(string value)
        {
            SmtpAddressPreferenceValue.Parse(value).Success.Should().BeFalse();
            SmtpAddressPreferenceValue.Parse("IPv4").Success.Should().BeTrue();
        }

        [Test]
        public void Defect17_a_lone_surrogate_is_refused_and_the_document_is_unchanged()
        {
            const string text = "a = 1\n";
            var doc = MainCf.Parse(text);
            doc.Invoking(d => d.Set("a", "x\ud800")).Should().Throw<ArgumentException>().WithMessage("*lone surrogate*");
            doc.Invoking(d => d.Set("b", "\udc00x")).Should().Throw<ArgumentException>().WithMessage("*lone surrogate*");
            doc.ToString().Should().Be(text);
            doc.IsModified.Should().BeFalse();
            doc.Set("a", "x\ud83d\ude00"); // a pair is a character
            Encoding.UTF8.GetString(doc.ToBytes()).Should().Be("a = x\U0001F600\n");

            var master = MasterCf.Parse("smtp unix - - y - - smtp\n");
            master.Invoking(m => m.SetOverride("smtp", "unix", "a", "x\ud800")).Should().Throw<ArgumentException>().WithMessage("*lone surrogate*");
            master.ToString().Should().Be("smtp unix - - y - - smtp\n");
        }

        [TestCase("smtpd_expansion_filter = a$%b\n", false)]
        [TestCase("foo = cost$\n", false)]
        [TestCase("foo = a$%b\nmydestination = $foo\n", true)]
        [TestCase("foo = a$%b\nsmtpd_expansion_filter = $foo\n", false)]
        [TestCase("mydestination = $smtpd_expansion_filter\nsmtpd_expansion_filter = a$%b\n", true)]
        [TestCase("mydestination = ${relayhost:cost$}\n", true)]
        [TestCase("relayhost = r\nmydestination = ${relayhost:cost$}\n", false)]
        [TestCase("relayhost = r\nmydestination = ${relayhost?cost$}\n", true)]
        [TestCase("relayhost = r\nmydestination = ${relayhost:$foo}\nfoo = cost$\n", false)]
        [TestCase("mydestination = ${relayhost:$foo}\nfoo = cost$\n", true)]
        [TestCase("mydestination = ${{a} == {x} ? {cost$} : {b}}\n", false)]
        [TestCase("mydestination = ${{$foo} == {x} ? {a} : {b}}\nfoo = cost$\n", true)]
        [TestCase("x = ${myhostname == x ? {a} : {b}}\n", false)]
        [TestCase("mydestination = ${myhostname == x ? {a} : {b}}\n", true)]
        // The walk keeps the state of the last name tested: names of the same length, one after the other and nested,
        // must each be looked up (r1 empty, r2 set, r3 unset).
        [TestCase("r1 =\nr2 = x\nmydestination = ${r1:a}${r2:cost$}\n", false)]
        [TestCase("r1 =\nr2 = x\nmydestination = ${r2:a}${r1:cost$}\n", true)]
        [TestCase("r1 =\nr2 = x\nmydestination = ${r1:${r2:${r1:cost$}}}\n", false)]
        [TestCase("r1 =\nr2 = x\nmydestination = ${r1:${r3:${r2?${r1:cost$}}}}\n", true)]
        [TestCase("r1 =\nr2 = x\nmydestination = ${r2?${r1:${r2?${r3?cost$}}}}\n", false)]
        public void MCF0006_is_an_error_exactly_where_postconf_dies(string text, bool postconfDies)
        {
            var doc = MainCf.Parse(text);
            doc.HasErrors.Should().Be(postconfDies, string.Join("; ", doc.Diagnostics));
            if (postconfDies) doc.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.MainCfMacroSyntax && d.Severity == DiagnosticSeverity.Error);

            OracleTools.RequireOrIgnore();
            using var postconf = new Postconf(text);
            var result = postconf.Query("-n");
            (result.ExitCode != 0).Should().Be(postconfDies, result.ToString());
            if (postconfDies) result.Stderr.Should().Contain("macro processing error");
        }

        [TestCase("myhostname = $myorigin\n")]
        [TestCase("myhostname = $smtp_helo_name\n")]
        [TestCase("foo = $bar\nbar = $foo\nmydestination = $foo\n")]
        public void Cycles_through_Postfix_defaults_are_found_and_postconf_dies_on_them(string text)
        {
            MainCf.Parse(text).Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.MainCfMacroCycle);
            OracleTools.RequireOrIgnore();
            using var postconf = new Postconf(text);
            postconf.Query("-n").Stderr.Should().Contain("unreasonable macro call nesting");
        }

        // myhostname's default on a host named "vm" (no dot) is "vm." and mydomain expanded once with myhostname still
        // undefined; whatever expands $myhostname expands that text again. The verdicts are postconf's, run under that
        // name in a UTS namespace: error (postconf dies), cycle (it dies on nesting), warning (it warns) or none.
        [TestCase("mydomain = $myhostname\n", "none")]
        [TestCase("mydomain = $myhostname\nmydestination = $myhostname\n", "none")]
        [TestCase("mydomain = ${myhostname?$$}\nmydestination = $myhostname\n", "none")]
        [TestCase("mydomain = $myorigin\nmyorigin = $$mydomain\nmydestination = $myhostname\n", "none")]
        [TestCase("mydomain = $$myhostname\n", "none")]
        [TestCase("mydomain = $smtpd_banner\nmail_name = $$\nmyorigin = $myhostname\n", "none")]
        [TestCase("mydomain = ${mail_name:$$}${config_directory:$$}\nmyorigin = $myhostname\n", "error")]
        [TestCase("mydomain = ${config_directory?$$}\nmyorigin = $myhostname\n", "error")]
        [TestCase("mydomain = $$ b\n", "warning")]
        [TestCase("mydomain = $${x\n", "warning")]
        [TestCase("mydomain = $$\nfoo = $myhostname\n", "warning")]
        [TestCase("mydomain = $${x\nmyorigin = $myhostname\n", "error")]
        [TestCase("mydomain = ${x:$$}\nmyorigin = $myhostname\n", "error")]
        [TestCase("mydomain = ${myhostname:$$}\nmydestination = $myhostname\n", "error")]
        [TestCase("mydomain = x$${relayhost?$$}\nrelayhost = r\nmydestination = $myhostname\n", "error")]
        [TestCase("mydomain = a$$$x  b$(myhostname)\n", "error")]
        [TestCase("mydomain = $$myhostname\nmydestination = $myhostname\n", "cycle")]
        [TestCase("mydomain = $$myorigin\nmydestination = $myhostname\n", "cycle")]
        [TestCase("mydomain = $a\na = $$b$$myhostname\nmyorigin = $myhostname\n", "cycle")]
        [TestCase("mydomain = $$a\na = $myhostname\nmydestination = $myhostname\n", "cycle")]
        public void Host_dependent_myhostname_default_is_worked_out_as_postconf_does(string text, string verdict)
        {
            var doc = MainCf.Parse(text).With(d => d.HostName = "vm");
            var macro = doc.Diagnostics.Where(d => d.Code == DiagnosticCodes.MainCfMacroSyntax || d.Code == DiagnosticCodes.MainCfMacroCycle).ToList();
            string ours = doc.HasErrors ? "error" : macro.Any(d => d.Code == DiagnosticCodes.MainCfMacroCycle) ? "cycle" : macro.Count > 0 ? "warning" : "none";
            ours.Should().Be(verdict, string.Join("; ", doc.Diagnostics));
            // With the name unknown, the same file gets at most warnings; with a dot in it, mydomain plays no part.
            MainCf.Parse(text).HasErrors.Should().BeFalse();
            MainCf.Parse(text).With(d => d.HostName = "mail.example.com").Diagnostics
                .Should().NotContain(d => d.Message.Contains("myhostname is not set", StringComparison.Ordinal));

            OracleTools.RequireRootOrIgnore();
            using var postconf = new Postconf(text) { HostName = "vm" };
            var result = postconf.Query("-n");
            string theirs = result.ExitCode != 0
                ? (result.Stderr.Contains("unreasonable macro call nesting", StringComparison.Ordinal) ? "cycle" : "error")
                : result.Stderr.Contains("macro", StringComparison.Ordinal) ? "warning" : "none";
            theirs.Should().Be(verdict, result.ToString());
        }

        // mac_expand parses each referenced value and each conditional text one level deeper and dies at a token more
        // than 100 levels down; postconf expands the built-in parameters the file sets from level 0.
        [TestCase("mydestination", 99, "end", false)]
        [TestCase("mydestination", 100, "end", true)]
        [TestCase("mydestination", 100, "", false)]
        [TestCase("mydestination", 100, null, false)]
        [TestCase("mydestination", 100, "$mail_name", true)]
        [TestCase("mydestination", 100, "$smtp_sasl_password_maps", true)]
        [TestCase("mydestination", 99, "$smtp_sasl_password_maps", false)]
        [TestCase("mydestination", 150, "end", true)]
        [TestCase("header_checks", 150, "end", true)]
        [TestCase("luser_relay", 150, "end", false)]
        [TestCase("x_unknown", 150, "end", false)]
        public void A_chain_of_references_deeper_than_100_levels_is_fatal_as_postconf_says(string root, int length, string? end, bool dies)
        {
            var sb = new StringBuilder(root + " = $p0\n");
            for (int i = 0; i < length; i++) sb.Append('p').Append(i).Append(" = $p").Append(i + 1).Append('\n');
            if (end != null) sb.Append('p').Append(length).Append(" = ").Append(end).Append('\n');
            AgreesOnNesting(sb.ToString(), dies);
        }

        [TestCase("mydestination", 100, false)]
        [TestCase("mydestination", 101, true)]
        [TestCase("x_unknown", 101, false)]
        public void Conditional_texts_nested_deeper_than_100_levels_are_fatal_as_postconf_says(string root, int depth, bool dies)
        {
            string text = root + " = " + string.Concat(Enumerable.Repeat("${relayhost:", depth)) + "v" + new string('}', depth) + "\n";
            AgreesOnNesting(text, dies);
        }

        private static void AgreesOnNesting(string text, bool dies)
        {
            var doc = MainCf.Parse(text);
            doc.HasErrors.Should().Be(dies, string.Join("; ", doc.Diagnostics));
            if (dies) doc.Diagnostics.Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error).Which.Message.Should().StartWith("unreasonable macro call nesting");
            OracleTools.RequireOrIgnore();
            using var postconf = new Postconf(text);
            var result = postconf.Query("-n");
            (result.ExitCode != 0).Should().Be(dies, result.ToString());
            if (dies) result.Stderr.Should().Contain("unreasonable macro call nesting");
        }

        [Test]
        public void Seed53622079_a_dollar_that_mydomain_leaves_in_myhostname_is_fatal_where_myhostname_is_expanded()
        {
            // The generated file of PostconfDifferentialTests seed 53622079: postconf dies with 'empty macro name:
            // "vm.xESMTP$literal??fallbackcost$  #notcomment-"'. $$$literal leaves "$" and spaces in myhostname's default,
            // and mydomain's own $(myhostname) expands it.
            const string text = "mydomain=\txESMTP${myhostname?yes}$(myhostname)$$literal$(myhostname)\r\f${relayhost:fallback}$myhostname${myhostname?yes}cost$$$literal  $(myhostname)#notcomment${myhostname?yes}-\r";
            var doc = MainCf.Parse(text).With(d => d.HostName = "vm");
            doc.Diagnostics.Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error)
                .Which.Message.Should().StartWith("empty macro name: \"vm.xESMTP$literal").And.Contain("myhostname is not set");
            OracleTools.RequireRootOrIgnore();
            using var postconf = new Postconf(text) { HostName = "vm" };
            postconf.Query("-n").Stderr.Should().Contain("empty macro name: \"vm.xESMTP$literal").And.Contain("fatal: macro processing error");
        }

        [Test]
        public void Tested_names_are_not_expanded_so_they_make_no_cycle()
        {
            MainCf.Parse("relayhost = ${relayhost:x}\nmydomain = ${mydomain?y}\n").Diagnostics.Should().BeEmpty();
        }
    }

    internal static class DocumentTestExtensions
    {
        public static T With<T>(this T value, Action<T> change)
        {
            change(value);
            return value;
        }
    }
}
