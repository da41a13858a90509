using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using MailConfigKit.Text;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>
    /// exim's runtime configuration as a document: exact round trips on Debian's shipped template and conf.d parts and on
    /// generated files, minimal edits (only the setting's own lines change), refusals that leave the document unchanged,
    /// and, for every edit, the real exim: <c>-bV</c> accepts the edited file and <c>-bP</c> prints what the edit set.
    /// </summary>
    public class EximConfigurationDocumentTests
    {
        private const string SeedVariable = "MCK_EXIMDOC_SEED";

        private static IEnumerable<string> ShippedFiles()
        {
            var tools = OracleTools.RequireOrIgnore();
            return Directory.GetFiles(tools.EximConfigDirectory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("passwd.client", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal);
        }

        [Test]
        public void Shipped_files_round_trip_and_read_without_errors()
        {
            int count = 0;
            foreach (string path in ShippedFiles())
            {
                byte[] bytes = File.ReadAllBytes(path);
                EximConfiguration doc = EximConfiguration.FromBytes(bytes, path);
                doc.ToBytes().Should().Equal(bytes, path);
                // Parts of the later sections have no "begin" of their own: read alone, their lines would be main options.
                bool main = !path.Contains("/conf.d/", StringComparison.Ordinal) || path.Contains("/conf.d/main/", StringComparison.Ordinal);
                if (main) doc.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty(path);
                count++;
            }
            count.Should().BeGreaterThan(20);
            var template = EximConfiguration.Load(ShippedFiles().Single(f => f.EndsWith("exim4.conf.template", StringComparison.Ordinal)));
            template.GetValue("local_interfaces").Should().Be("MAIN_LOCAL_INTERFACES");
            template.GetMacro("CONFDIR").Should().Be("/etc/exim4");
            template.Statements.Should().Contain(s => s.Kind == EximStatementKind.SectionStart && s.Name == "acl");
            EximStatement li = template.Statements.Single(s => s.Kind == EximStatementKind.OptionSetting && s.Name == "local_interfaces");
            EvidenceLine(template, li.Line).Should().Be("local_interfaces = MAIN_LOCAL_INTERFACES");
        }

        [Test]
        public void Editing_the_template_changes_only_the_setting_and_exim_reads_the_new_values()
        {
            using var tool = new UpdateExim4ConfTool("dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1 ; ::1'\n");
            string path = Path.Combine(tool.ConfDirectory, "exim4.conf.template");
            string before = File.ReadAllText(path);
            var doc = EximConfiguration.Parse(before, path);
            doc.Set("local_interfaces", "127.0.0.1");
            doc.Set("disable_ipv6", "true");
            doc.Set("daemon_smtp_ports", "25 : 587");
            var changes = doc.GetChanges();
            changes.Should().HaveCount(2, "one replaced line and one block inserted in front of 'begin acl'");
            Lines(before).Except(Lines(doc.ToString())).Should().Equal("local_interfaces = MAIN_LOCAL_INTERFACES");
            Lines(doc.ToString()).Except(Lines(before)).Should().Equal("local_interfaces = 127.0.0.1", "disable_ipv6 = true", "daemon_smtp_ports = 25 : 587");
            File.WriteAllText(path, doc.ToString());
            var run = tool.RunDefault();
            run.ExitCode.Should().Be(0, "update-exim4.conf checks the result with exim -bV: " + run);
            var bp = EximRunner.Run("-C", tool.DefaultOutputPath, "-bP", "local_interfaces", "disable_ipv6", "daemon_smtp_ports");
            bp.Stdout.Should().Be("local_interfaces = 127.0.0.1\ndisable_ipv6\ndaemon_smtp_ports = 25 : 587\n");
            EximEffectiveConfiguration ours = MailHost.Open(tool.TreeRoot).ReadEximConfiguration();
            ours.LocalInterfaces.Value.Should().Be("127.0.0.1");
            ours.LocalInterfaces.Macro.Should().BeNull();
            ours.LocalInterfaces.File.Should().Be("/etc/exim4/exim4.conf.template");
            ours.DisableIpv6.IsTrue.Should().BeTrue();
        }

        /// <summary>
        /// Every main-section file Debian ships (the template and conf.d/main/*), each edit on its own: the edited file
        /// round-trips its untouched lines, update-exim4.conf (monolithic for the template, split for the parts)
        /// generates from it and its <c>exim4 -bV</c> check accepts the result, and <c>exim4 -bP</c> prints what the
        /// effective view reads. An edit the document refuses leaves it unchanged.
        /// </summary>
        [Test]
        public void Each_shipped_main_file_edited_is_accepted_by_exim_and_read_back()
        {
            var tools = OracleTools.RequireRootOrIgnore();
            var files = new[] { "exim4.conf.template" }.Concat(Directory.GetFiles(Path.Combine(tools.EximConfigDirectory, "conf.d/main")).Select(f => "conf.d/main/" + Path.GetFileName(f)).OrderBy(f => f, StringComparer.Ordinal)).ToList();
            files.Should().HaveCountGreaterThan(3);
            var edits = new (string Name, Action<EximConfiguration> Apply, bool OnlyWhereSet)[]
            {
                ("local_interfaces", d => d.Set("local_interfaces", "127.0.0.1"), true),
                ("local_interfaces", d => d.Remove("local_interfaces"), true),
                ("disable_ipv6", d => d.Set("disable_ipv6", "true"), false),
                ("daemon_smtp_ports", d => d.Set("daemon_smtp_ports", "25 : 587"), false),
                ("MAIN_LOCAL_INTERFACES", d => d.SetMacro("MAIN_LOCAL_INTERFACES", "127.0.0.1 : ::::1"), false),
            };
            int accepted = 0, refused = 0;
            foreach (string file in files)
            {
                string original = File.ReadAllText(Path.Combine(tools.EximConfigDirectory, file));
                foreach (var (name, apply, onlyWhereSet) in edits)
                {
                    var doc = EximConfiguration.Parse(original, "/etc/exim4/" + file);
                    if (onlyWhereSet && doc.GetValue(name) == null) continue;
                    string context = file + ": " + name;
                    try
                    {
                        apply(doc);
                    }
                    catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
                    {
                        doc.ToString().Should().Be(original, context + ": a refused edit changes nothing");
                        refused++;
                        continue;
                    }
                    string edited = doc.ToString();
                    // Only lines that carry the edited name come and go.
                    Lines(original).Except(Lines(edited)).Where(l => !l.Contains(name, StringComparison.Ordinal)).Should().BeEmpty(context);
                    Lines(edited).Except(Lines(original)).Where(l => !l.Contains(name, StringComparison.Ordinal) && l.Length > 0).Should().BeEmpty(context);
                    edited.Should().NotBe(original, context);
                    EximConfiguration.Parse(edited).ToString().Should().Be(edited);
                    bool split = file.StartsWith("conf.d/", StringComparison.Ordinal);
                    // With dc_local_interfaces set, update-exim4.conf defines MAIN_LOCAL_INTERFACES in its macro block (under
                    // .ifndef) ahead of the template's body: a second definition there is exim's "already defined". The
                    // macro edit is tested where debconf leaves the macro to the file.
                    string interfaces = name == "MAIN_LOCAL_INTERFACES" ? string.Empty : "dc_local_interfaces='127.0.0.1 ; ::1'\n";
                    using var tool = new UpdateExim4ConfTool("dc_eximconfig_configtype='local'\n" + interfaces + (split ? "dc_use_split_config='true'\n" : string.Empty));
                    File.WriteAllText(Path.Combine(tool.ConfDirectory, file), edited);
                    var run = tool.RunDefault();
                    run.ExitCode.Should().Be(0, context + ": update-exim4.conf's exim -bV check accepts it: " + run.Stderr + "\n" + string.Join("\n", Lines(edited).Except(Lines(original))));
                    var bp = EximRunner.Run("-C", tool.DefaultOutputPath, "-bP", "local_interfaces", "disable_ipv6", "daemon_smtp_ports");
                    bp.ExitCode.Should().Be(0, context);
                    EximEffectiveConfiguration ours = MailHost.Open(tool.TreeRoot).ReadEximConfiguration();
                    string.Join("\n", ours.LocalInterfaces.ToBpLine(), ours.DisableIpv6.ToBpLine(), ours.DaemonSmtpPorts.ToBpLine()).Should().Be(bp.Stdout.TrimEnd('\n'), context);
                    accepted++;
                }
            }
            TestContext.Out.WriteLine(accepted + " edited shipped files accepted by exim -bV and read back by exim -bP, " + refused + " edits refused with the file unchanged");
            accepted.Should().BeGreaterThan(files.Count * 2);
        }

        [TestCase("a\nb")]
        [TestCase("a\rb")]
        [TestCase("127.0.0.1 \\")]
        [TestCase(" 127.0.0.1")]
        [TestCase("127.0.0.1 ")]
        [TestCase("\"127.0.0.1\"")]
        [TestCase("LI : 127.0.0.1")]
        [TestCase("x\u0085y")]
        public void Values_that_would_not_read_back_are_refused(string value)
        {
            const string Text = "LI = ::1\nlocal_interfaces = LI\n# keep\nbegin acl\n";
            var doc = EximConfiguration.Parse(Text);
            Action set = () => doc.Set("local_interfaces", value);
            set.Should().Throw<ArgumentException>();
            doc.ToString().Should().Be(Text);
            // A macro value may start with a quote (exim keeps it as text) and name another macro; the rest is refused.
            bool macroAccepts = value.StartsWith("\"", StringComparison.Ordinal) || value.Contains("LI", StringComparison.Ordinal);
            Action macro = () => doc.SetMacro("LI", value.Replace("LI", "L"));
            if (macroAccepts) macro.Should().NotThrow();
            else
            {
                macro.Should().Throw<ArgumentException>();
                doc.ToString().Should().Be(Text);
            }
        }

        [Test]
        public void Refusals_name_the_reason()
        {
            var doc = EximConfiguration.Parse("LIST = a\n.ifdef LIST\nbegin acl\n.endif\n");
            FluentActions.Invoking(() => doc.Set("disable_ipv6", "maybe")).Should().Throw<ArgumentException>().WithMessage("*true, false, yes or no*");
            FluentActions.Invoking(() => doc.Set("Local", "x")).Should().Throw<ArgumentException>();
            FluentActions.Invoking(() => doc.Set("no_disable_ipv6", "x")).Should().Throw<ArgumentException>();
            FluentActions.Invoking(() => doc.SetMacro("LI", "x")).Should().Throw<ArgumentException>().WithMessage("*substrings*");
            FluentActions.Invoking(() => doc.SetMacro("lower", "x")).Should().Throw<ArgumentException>();
            FluentActions.Invoking(() => doc.Set("disable_ipv6", "true")).Should().Throw<InvalidOperationException>().WithMessage("*conditional*");
            var tangled = EximConfiguration.Parse("local_interfaces = 1.1.1.1 \\\n.ifdef X\n : ::::1\n.endif\n");
            FluentActions.Invoking(() => tangled.Set("local_interfaces", "127.0.0.1")).Should().Throw<InvalidOperationException>();
            FluentActions.Invoking(() => tangled.Remove("local_interfaces")).Should().Throw<InvalidOperationException>();
            tangled.IsModified.Should().BeFalse();
        }

        [Test]
        public void Set_keeps_hide_spacing_crlf_and_comment_lines_of_a_continuation()
        {
            var doc = EximConfiguration.Parse("hide local_interfaces   =  127.0.0.1 \\\r\n# between\r\n   : ::::1\r\nno_disable_ipv6\r\n");
            doc.Set("local_interfaces", "127.0.0.1");
            doc.Set("disable_ipv6", "true");
            doc.ToString().Should().Be("hide local_interfaces   =  127.0.0.1\r\n# between\r\ndisable_ipv6 = true\r\n");
            doc.Remove("disable_ipv6").Should().BeTrue();
            doc.ToString().Should().Be("hide local_interfaces   =  127.0.0.1\r\n# between\r\n");
            doc.Set("daemon_smtp_ports", "2525");
            doc.ToString().Should().EndWith("# between\r\ndaemon_smtp_ports = 2525\r\n");
            var open = EximConfiguration.Parse("local_interfaces = 127.0.0.1 \\");
            open.SetMacro("MAIN_X", "1");
            open.ToString().Should().Be("local_interfaces = 127.0.0.1 \\\n\nMAIN_X = 1\n");
            open.GetValue("local_interfaces").Should().Be("127.0.0.1");
            var glued = EximConfiguration.Parse("X=a\n");
            glued.SetMacro("X", "=b");
            glued.ToString().Should().Be("X= =b\n");
            glued.GetMacro("X").Should().Be("=b");
        }

        [Test]
        public void Diagnostics_say_what_exim_says()
        {
            Codes("A = 1\nA = 2\n").Should().Equal(DiagnosticCodes.EximMacroRedefinition);
            Codes(".ifdef X\n").Should().Equal(DiagnosticCodes.EximMissingEndif);
            Codes(".endif\n").Should().Equal(DiagnosticCodes.EximUnmatchedConditional);
            Codes("disable_ipv6 = maybe\n").Should().Equal(DiagnosticCodes.EximOptionValue);
            Codes("local_interfaces = 1\nlocal_interfaces = 2\n").Should().Equal(DiagnosticCodes.EximOptionSetTwice);
            Codes(".ifdef\tX\ndisable_ipv6\n").Should().Equal(DiagnosticCodes.EximIgnoredDirective);
            Codes("\uFEFFdisable_ipv6\n").Should().Equal(DiagnosticCodes.EximByteOrderMark);
            Codes(".include_if_exists relative\n").Should().Equal(DiagnosticCodes.EximInclude);
            Codes(string.Concat(Enumerable.Repeat(".ifdef X\n", 11)) + string.Concat(Enumerable.Repeat(".endif\n", 11))).Should().Equal(DiagnosticCodes.EximConditionalTooDeep);
            Diagnostic d = EximConfiguration.Parse("# c\n  disable_ipv6 = on\n", "/etc/exim4/exim4.conf").Diagnostics.Single();
            (d.FilePath, d.Line, d.Column).Should().Be(("/etc/exim4/exim4.conf", 2, 3));
        }

        [Test]
        public void Bad_input_never_throws_and_stays_linear()
        {
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            string alphabet = "ABX_ =\\\n\r\t#.ifdefndlsecu\"$ \u00e9\0";
            for (int i = 0; i < 2000; i++)
            {
                var sb = new StringBuilder();
                int n = random.Next(0, 200);
                for (int k = 0; k < n; k++) sb.Append(alphabet[random.Next(alphabet.Length)]);
                string text = sb.ToString();
                var doc = EximConfiguration.Parse(text);
                doc.ToString().Should().Be(text);
                _ = doc.Diagnostics;
                _ = doc.Statements;
                foreach (string v in new[] { "127.0.0.1", "x" })
                {
                    try
                    {
                        doc.Set("local_interfaces", v);
                        doc.GetValue("local_interfaces").Should().Be(v, "seed " + seed + " case " + i + ": " + text);
                    }
                    catch (InvalidOperationException)
                    {
                    }
                    catch (ArgumentException)
                    {
                    }
                }
            }
            // Depth and size: 200 000 nested conditionals, a 100 000-line continuation, a macro doubling 40 times.
            string deep = string.Concat(Enumerable.Repeat(".ifdef X\n", 200_000));
            EximConfiguration.Parse(deep).Diagnostics.Should().Contain(x => x.Code == DiagnosticCodes.EximConditionalTooDeep);
            string cont = "local_interfaces = 1 \\\n" + string.Concat(Enumerable.Repeat(" : 2 \\\n", 100_000)) + "\n";
            EximConfiguration.Parse(cont).GetValue("local_interfaces")!.Length.Should().BeGreaterThan(100_000);
            var doubling = new StringBuilder("M00 = xx\n");
            for (int k = 1; k < 40; k++) doubling.Append(FormattableString.Invariant($"M{k:00} = M{k - 1:00}M{k - 1:00}\n"));
            EximConfiguration.Parse(doubling.ToString()).Diagnostics.Should().Contain(x => x.Code == DiagnosticCodes.EximNotStatic);
        }

        [Test]
        public void Seed26189672_an_edit_after_an_unterminated_endif_in_a_crlf_file_keeps_it_an_endif()
        {
            // CI run, MCK_EXIMDOC_SEED=26189672 case 74: the appended line's CRLF turned the last line ".endif" into
            // ".endif\r", which exim does not take for .endif ("Unexpected end of configuration file: .endif missing").
            const string text = "\r\n# disable_ipv6 =\r\nno_disable_ipv6\r\n.ifdef MAIN_LOCAL_INTERFACES\r\ndisable_ipv6 = false\r\n.endif";
            string dir = Directory.CreateTempSubdirectory("mck-exim-doc-").FullName;
            try
            {
                string path = Path.Combine(dir, "exim4.conf");
                File.WriteAllText(path, text);
                EximRunner.Run("-C", path, "-bV").ExitCode.Should().Be(0, "exim reads the file before the edit");
                var doc = EximConfiguration.Parse(text, path);
                doc.SetMacro("MAIN_LOCAL_INTERFACES", "<; 127.0.0.1 ; ::1");
                doc.ToString().Should().StartWith(text + "\n");
                File.WriteAllText(path, doc.ToString());
                ProcessResult bv = EximRunner.Run("-C", path, "-bV");
                bv.ExitCode.Should().Be(0, bv.Stderr);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Test]
        public void Generated_files_edited_at_random_stay_what_exim_reads()
        {
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            int count = int.Parse(Environment.GetEnvironmentVariable("MCK_EXIMDOC_COUNT") ?? "150", System.Globalization.CultureInfo.InvariantCulture);
            string dir = Directory.CreateTempSubdirectory("mck-exim-doc-").FullName;
            try
            {
                string path = Path.Combine(dir, "exim4.conf");
                int edited = 0;
                for (int i = 0; i < count; i++)
                {
                    var includes = new List<(string, string)>();
                    EximEffectiveDifferentialTests.Layout layout = LayoutGenerator.Next(random);
                    string? text = layout.Files.FirstOrDefault(f => f.Path.EndsWith("exim4.conf", StringComparison.Ordinal) || f.Path.Contains("localmacros", StringComparison.Ordinal)).Text;
                    if (text == null) continue;
                    foreach (var (p, t) in layout.Files.Where(f => f.Path.StartsWith("etc/exim4/inc", StringComparison.Ordinal))) File.WriteAllText(Path.Combine(dir, Path.GetFileName(p)), t);
                    var doc = EximConfiguration.Parse(text, path);
                    doc.ToString().Should().Be(text);
                    File.WriteAllText(path, text);
                    bool accepted = EximRunner.Run("-C", path, "-bV").ExitCode == 0;
                    doc.HasErrors.Should().Be(!accepted && doc.HasErrors, "seed " + seed + " case " + i);
                    // A file read alone cannot know what its includes set (an option set there too would be set twice).
                    if (!accepted || text.Contains(".include", StringComparison.Ordinal)) continue;
                    string what = Edit(doc, random);
                    if (what.Length == 0) continue;
                    edited++;
                    File.WriteAllText(path, doc.ToString());
                    string context = "seed " + seed + " case " + i + ": " + what + "\n--- before\n" + text + "--- after\n" + doc;
                    ProcessResult bv = EximRunner.Run("-C", path, "-bV");
                    bv.ExitCode.Should().Be(0, context + "\n" + bv.Stderr);
                    ProcessResult bp = EximRunner.Run("-C", path, "-bP", "local_interfaces", "disable_ipv6", "daemon_smtp_ports");
                    EximEffectiveConfiguration ours = EximEffectiveConfiguration.ReadFile(new HostEximFiles(MailHost.Open("/")), path);
                    ours.IsKnown.Should().BeTrue(context + "\n" + ours);
                    string.Join("\n", ours.LocalInterfaces.ToBpLine(), ours.DisableIpv6.ToBpLine(), ours.DaemonSmtpPorts.ToBpLine()).Should().Be(bp.Stdout.TrimEnd('\n'), context);
                }
                TestContext.Out.WriteLine(edited + " edited files accepted by exim -bV and read back by exim -bP");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        // One random edit that succeeds or is refused with the document unchanged; returns what it did ("" when refused).
        private static string Edit(EximConfiguration doc, Random random)
        {
            string before = doc.ToString();
            string[] values = { "127.0.0.1", "<; 127.0.0.1 ; ::1", "0.0.0.0", "25 : 587" };
            string what;
            try
            {
                switch (random.Next(5))
                {
                    case 0:
                        what = "Set local_interfaces";
                        doc.Set("local_interfaces", values[random.Next(3)]);
                        break;
                    case 1:
                        what = "Set disable_ipv6";
                        doc.Set("disable_ipv6", random.Next(2) == 0 ? "true" : "false");
                        break;
                    case 2:
                        what = "Remove local_interfaces";
                        doc.Remove("local_interfaces");
                        break;
                    case 3:
                        what = "SetMacro MAIN_LOCAL_INTERFACES";
                        doc.SetMacro("MAIN_LOCAL_INTERFACES", values[random.Next(3)]);
                        break;
                    default:
                        what = "Set daemon_smtp_ports";
                        doc.Set("daemon_smtp_ports", values[3]);
                        break;
                }
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                doc.ToString().Should().Be(before, "a refused edit leaves the document unchanged");
                return string.Empty;
            }
            return what;
        }

        private static List<string> Codes(string text) => EximConfiguration.Parse(text).Diagnostics.Select(d => d.Code).ToList();

        private static List<string> Lines(string text) => text.Split('\n').ToList();

        private static string EvidenceLine(EximConfiguration doc, int line) => doc.ToString().Split('\n')[line - 1];
    }
}
