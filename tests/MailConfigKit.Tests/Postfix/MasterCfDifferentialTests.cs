using System.Collections.Generic;
using System.Linq;
using System.Text;
using System;
using FluentAssertions;
using FsCheck.Fluent;
using MailConfigKit.Postfix;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using MailConfigKit.Text;
using NUnit.Framework;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>
    /// The real postconf 3.7.11 is the oracle for master.cf: on Debian's default file and on generated files, our services,
    /// fields, arguments and -o parameters must print as <c>postconf -F</c> and <c>-P</c> print them, our fatal errors
    /// must be postconf's, and our SetOverride/RemoveOverride must mean what <c>postconf -P name=value</c>/<c>-PX</c> mean.
    /// </summary>
    [NonParallelizable]
    public class MasterCfDifferentialTests
    {
        private const int ReadFiles = 800;
        private const int EditFiles = 500;

        [OneTimeSetUp]
        public void Provision() => OracleTools.RequireOrIgnore();

        /// <summary>The run's seed, printed; set MCK_MASTERCF_SEED to replay a run (both tests draw from it).</summary>
        private static int Seed() => Seeds.From("MCK_MASTERCF_SEED");

        private static string[] Sample(int count, int seed) => MasterCfShapes.Documents().Sample(count, new FsCheck.Rnd((ulong)seed), 25);

        private static readonly string DebianDefault = TestFiles.CasePath("Postfix/Cases/master/debian-default-master.cf");

        /// <summary>pcf_print_line() prints words separated by single spaces (PCF_SEPARATORS " \t\r\n").</summary>
        private static string Collapse(string line) => string.Join(" ", line.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));

        private static List<string> Lines(string stdout) => stdout.Split('\n').Where(l => l.Length > 0).ToList();

        /// <summary>
        /// The lines of <c>postconf -F</c> with its folding undone: when "name = " and the command's first word pass 80
        /// columns, postconf starts the value on a new line indented by four spaces (measured: a 60-character command
        /// after "relay/pass/command = "). No value holds a line feed, so an indented line is always such a fold.
        /// </summary>
        private static List<string> FLines(string stdout)
        {
            var lines = new List<string>();
            foreach (string l in Lines(stdout))
            {
                if (l.StartsWith("    ", StringComparison.Ordinal) && lines.Count > 0)
                {
                    string previous = lines[lines.Count - 1];
                    lines[lines.Count - 1] = previous + (previous.EndsWith("= ", StringComparison.Ordinal) ? string.Empty : " ") + l.Substring(4);
                }
                else
                {
                    lines.Add(l);
                }
            }
            return lines;
        }

        /// <summary>What <c>postconf -F</c> prints for our reading (pcf_print_master_field with no folding).</summary>
        private static List<string> OursF(MasterCf doc)
        {
            var lines = new List<string>();
            foreach (var s in doc.Services)
            {
                string prefix = s.Name + "/" + s.Type + "/";
                string[] fields = { s.Name, s.Type, s.Private, s.Unprivileged, s.Chroot, s.Wakeup, s.MaxProc };
                for (int f = 0; f < fields.Length; f++) lines.Add(prefix + MasterCfEntryParser.FieldNames[f] + " = " + fields[f]);
                lines.Add(prefix + "command = " + Command(s.Entry.Arguments.Select(a => a.Text).ToList()));
            }
            return lines;
        }

        private static string Command(List<string> args)
        {
            static bool HasBlank(string s) => s.IndexOfAny(new[] { ' ', '\t', '\r', '\n' }) >= 0;
            var sb = new StringBuilder(args[7]);
            bool inOptions = true;
            for (int f = 8; f < args.Count; f++)
            {
                string arg = args[f];
                string? value = null;
                bool parens = false;
                if (inOptions)
                {
                    // The word that ends the options gets no braces, exactly as in postconf's printer.
                    if (arg.Length == 0 || arg[0] != '-' || arg == "--") inOptions = false;
                    else if ((arg.Length == 1 || arg[1] == 'o') && f + 1 < args.Count)
                    {
                        value = args[f + 1];
                        parens = HasBlank(value);
                    }
                }
                else
                {
                    parens = HasBlank(arg);
                }
                sb.Append(' ').Append(!inOptions && parens ? "{" + arg + "}" : arg);
                if (value != null)
                {
                    sb.Append(' ').Append(parens ? "{" + value + "}" : value);
                    f++;
                }
            }
            return sb.ToString();
        }

        /// <summary>
        /// What <c>postconf -P</c> prints: per entry, the merged name space of its service/type, sorted; an entry is
        /// skipped while neither it nor an earlier entry of its service/type has registered a parameter (postconf
        /// attaches the name space to an entry only if it exists by then).
        /// </summary>
        private static List<string> OursP(MasterCf doc)
        {
            var lines = new List<string>();
            var started = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in doc.Services)
            {
                if (s.Overrides.Count > 0) started.Add(s.Name + "/" + s.Type);
                if (!started.Contains(s.Name + "/" + s.Type)) continue;
                var space = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var other in doc.Services.Where(o => o.Name == s.Name && o.Type == s.Type))
                {
                    foreach (var o in other.Overrides) space[o.Name] = o.Value;
                }
                foreach (var name in space.Keys.OrderBy(k => k, StringComparer.Ordinal)) lines.Add(Collapse(s.Name + "/" + s.Type + "/" + name + " = " + space[name]));
            }
            return lines;
        }

        /// <summary>postconf's warnings about braces and -o values, as our diagnostics word them.</summary>
        private static List<string> OursWarnings(MasterCf doc) =>
            doc.Diagnostics.Where(d => d.Message.StartsWith("master.cf: ", StringComparison.Ordinal)).Select(d => d.Message).OrderBy(m => m, StringComparer.Ordinal).ToList();

        private static List<string> TheirWarnings(PostconfResult r) =>
            Lines(r.Stderr).Where(l => l.StartsWith("postconf: warning: master.cf: ", StringComparison.Ordinal))
                .Select(l => l.Substring("postconf: warning: ".Length)).OrderBy(m => m, StringComparer.Ordinal).ToList();

        /// <summary>Compares one file; returns false when postconf died on it (and checks that we report the same error).</summary>
        private static bool Agree(Postconf postconf, string text)
        {
            var doc = MasterCf.Parse(text);
            postconf.SetMasterCf(text);
            var f = postconf.Query("-F");
            string context = "file:\n" + Visible(text) + "\npostconf: " + f + "\nours: " + string.Join("\n", doc.Diagnostics);
            if (f.ExitCode != 0)
            {
                doc.HasErrors.Should().BeTrue("postconf died: " + context);
                var first = doc.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
                string fatal = Lines(f.Stderr).Single(l => l.StartsWith("postconf: fatal: ", StringComparison.Ordinal)).Substring("postconf: fatal: ".Length);
                if (first.Code == DiagnosticCodes.MasterCfFieldCount) fatal.Should().EndWith("master.cf: line " + first.Line + ": bad field count", context);
                else first.Message.Should().Be(fatal, context);
                return false;
            }
            doc.HasErrors.Should().BeFalse(context);
            OursF(doc).Should().Equal(FLines(f.Stdout), context);
            OursWarnings(doc).Should().Equal(TheirWarnings(f), context);
            var p = postconf.Query("-P");
            p.ExitCode.Should().Be(0, p.ToString());
            OursP(doc).Should().Equal(Lines(p.Stdout).Select(Collapse), context);
            return true;
        }

        [Test]
        public void Debian_default_master_cf_reads_as_postconf_reads_it()
        {
            using var postconf = new Postconf(string.Empty);
            string text = System.IO.File.ReadAllText(DebianDefault);
            Agree(postconf, text).Should().BeTrue();
            var doc = MasterCf.Parse(text);
            doc.Diagnostics.Should().BeEmpty();
            doc.ServicesRunningCommand("smtp").Select(s => s.Name + "/" + s.Type).Should().Equal("smtp/unix", "relay/unix");
            postconf.Query("-P", "relay/unix/syslog_name").Stdout.Should().Be("relay/unix/syslog_name = " + doc.GetOverride("relay", "unix", "syslog_name") + "\n");
        }

        [Test]
        public void Services_fields_and_overrides_agree_with_postconf_on_generated_files()
        {
            using var postconf = new Postconf(string.Empty);
            int compared = 0, fatal = 0;
            foreach (string text in Sample(ReadFiles, Seed()))
            {
                if (Agree(postconf, text)) compared++;
                else fatal++;
            }
            TestContext.Out.WriteLine($"{ReadFiles} files: {compared} compared field by field, {fatal} that postconf died on (same error from us)");
            compared.Should().BeGreaterThan(ReadFiles / 5);
        }

        [Test]
        public void SetOverride_and_RemoveOverride_mean_what_postconf_edits_mean_and_touch_only_the_entry() => EditsAgree(Seed());

        /// <summary>Seeds that once failed, replayed on every run.</summary>
        /// <remarks>
        /// 4: "smtp {-v} ... -osmtpd_tls_security_level=$mua_client_restrictions -o a=5": postconf's own rewrite writes
        /// "{-v}" bare, which makes the later words options, so its result means something else (see PostconfRewriteUnreliable).
        /// 19: the same in a CRLF file, "smtpd {-v}" then "-vo inet_protocols=a=b": postconf's rewrite loses the new -o.
        /// </remarks>
        [TestCase(4)]
        [TestCase(19)]
        public void SetOverride_and_RemoveOverride_mean_what_postconf_edits_mean_on_pinned_seeds(int seed)
        {
            TestContext.Out.WriteLine("pinned seed " + seed);
            EditsAgree(seed);
        }

        private static void EditsAgree(int seed)
        {
            var random = new Random(seed);
            using var before = new Postconf(string.Empty);
            using var check = new Postconf(string.Empty);
            int edits = 0, refused = 0, lossy = 0, odd = 0;
            foreach (string text in Sample(EditFiles, seed))
            {
                // postconf 3.7.11 glues the rewritten entry onto a last line without newline (as -e does, spec P3.8); give it one.
                before.SetMasterCf(text.Length > 0 && !text.EndsWith("\n", StringComparison.Ordinal) ? text + "\n" : text);
                var originalF = before.Query("-F");
                if (originalF.ExitCode != 0) continue;
                var originalP = before.Query("-P"); // before the edit below rewrites the file
                originalP.ExitCode.Should().Be(0, originalP.ToString());
                var doc = MasterCf.Parse(text);
                if (doc.Services.Count == 0) continue;
                var service = doc.Services[random.Next(doc.Services.Count)];
                string name = MasterCfShapes.Names[random.Next(MasterCfShapes.Names.Length)];
                string value = MasterCfShapes.Values[random.Next(MasterCfShapes.Values.Length)];
                string target = service.Name + "/" + service.Type + "/" + name;
                var owned = doc.Services.Where(s => s.Name == service.Name && s.Type == service.Type)
                    .SelectMany(s => Enumerable.Range(s.Line - 1, s.LastLine - s.Line + 1).Where(i => doc.Lines[i].Owner == s.Line - 1)).ToHashSet();
                bool set = random.Next(10) < 7;
                string[] args = set ? new[] { "-P", target + "=" + value } : new[] { "-PX", target };
                try
                {
                    if (set) doc.SetOverride(service.Name, service.Type, name, value);
                    else doc.RemoveOverride(service.Name, service.Type, name);
                }
                catch (InvalidOperationException e)
                {
                    TestContext.Out.WriteLine("refused " + string.Join(" ", args) + ": " + e.Message);
                    refused++; // a new -o would fall inside an unclosed '{', a glued -o word, a VT/FF that joins words
                    doc.ToString().Should().Be(text, "a refused edit leaves the document unchanged");
                    continue;
                }
                var edited = before.Edit(args);
                edited.ExitCode.Should().Be(0, edited.ToString());
                string theirs = Encoding.UTF8.GetString(edited.MasterCf!);
                string context = string.Join(" ", args) + " on:\n" + Visible(text) + "\nours:\n" + Visible(doc.ToString()) + "\npostconf's:\n" + Visible(theirs);

                check.SetMasterCf(doc.ToString());
                var oursF = check.Query("-F");
                var oursP = check.Query("-P");
                check.SetMasterCf(theirs);
                var theirsF = check.Query("-F");
                var theirsP = check.Query("-P");
                oursF.ExitCode.Should().Be(0, context + "\n" + oursF);
                // postconf is the judge of what the edit means: its -P of the original, with the one parameter changed.
                var expectedP = Lines(originalP.Stdout).Select(Collapse)
                    .Where(l => l != target + " =" && !l.StartsWith(target + " = ", StringComparison.Ordinal)).ToList(); // "name =" when empty
                if (args[0] == "-P") expectedP.Add(Collapse(target + " = " + value));
                Lines(oursP.Stdout).Select(Collapse).Distinct().OrderBy(l => l, StringComparer.Ordinal)
                    .Should().Equal(expectedP.Distinct().OrderBy(l => l, StringComparer.Ordinal), context);
                Agree(check, doc.ToString()).Should().BeTrue("we read our own result as postconf does: " + context);
                if (PostconfRewriteUnreliable(doc, service))
                {
                    // A VT or FF in the entry (-PX of relay/unix/a on "smtp\n\f  -o a=1" leaves a in place) or an unclosed
                    // brace: postconf's own rewrite is no model there; its reading of our result (above) and the fields stand.
                    odd++;
                    Fields(oursF).Should().Equal(Fields(originalF), context);
                }
                else
                {
                    Lines(oursP.Stdout).Should().Equal(Lines(theirsP.Stdout), context);
                    if (PostconfRewriteLosesBraces(doc, service)) lossy++;
                    else FLines(oursF.Stdout).Should().Equal(FLines(theirsF.Stdout), context);
                }
                MasterCf.Parse(doc.ToString()).GetOverride(service.Name, service.Type, name).Should().Be(args[0] == "-P" ? value : null, context);

                var kept = KeptLineMatcher.KeptLines(text, doc.ToString());
                var changed = Enumerable.Range(0, KeptLineMatcher.Lines(text).Count).Where(i => !owned.Contains(i) && !kept.Contains(i)).ToList();
                changed.Should().BeEmpty("only the entry's own lines may change: " + context);
                edits++;
            }
            TestContext.Out.WriteLine($"{edits} edits compared with postconf, {refused} refused, {lossy} where postconf's rewrite drops braces (only -P compared), {odd} with VT/FF or an unclosed brace (postconf's reading of the result judged, not its rewrite)");
            edits.Should().BeGreaterThan(EditFiles / 5);
        }

        /// <summary>
        /// Whether an entry of the edited service holds a VT or FF, a '{' that is never closed, or a braced word that starts
        /// with '-': postconf's own rewrite gets those wrong (it moves a VT-led word onto a line of its own, closes an open
        /// brace on a line of its own in column 1, which it then cannot read back, and writes "{-v}" bare, which turns the
        /// words after it into options, so a glued word it ignored before now registers: measured, <c>-P x/unix/a=2</c> on
        /// "x unix - n y - - smtp {-v} -o a=1 -oc=xo" comes back as "smtp -v -o a=2 -oc=xo", whose -P adds c = x).
        /// </summary>
        private static bool PostconfRewriteUnreliable(MasterCf edited, MasterCfService target)
        {
            string[] lines = edited.OriginalText.Split('\n');
            foreach (var s in MasterCf.Parse(edited.OriginalText).Services.Where(s => s.Name == target.Name && s.Type == target.Type))
            {
                if (s.Entry.UnclosedBrace >= 0) return true;
                if (s.Entry.Arguments.Skip(MasterCfEntryParser.FieldCount).Any(a => a.Extracted && a.Text.StartsWith("-", StringComparison.Ordinal))) return true;
                string entryText = string.Join("\n", lines.Skip(s.Line - 1).Take(s.LastLine - s.Line + 1));
                if (entryText.IndexOfAny(new[] { '\v', '\f' }) >= 0) return true;
            }
            return false;
        }

        /// <summary>The -F lines of the seven fields (not the command line, which an edit changes).</summary>
        private static List<string> Fields(PostconfResult f) => FLines(f.Stdout).Where(l => !l.Contains("/command = ", StringComparison.Ordinal)).ToList();

        /// <summary>
        /// postconf -P rewrites the whole entry with its printer, which writes the first non-option argument without its
        /// braces (<c>{a  b}</c> becomes two words <c>a  b</c>): there its own edit changes the command, so only the
        /// parameters can be compared.
        /// </summary>
        private static bool PostconfRewriteLosesBraces(MasterCf edited, MasterCfService target)
        {
            foreach (var s in MasterCf.Parse(edited.OriginalText).Services.Where(s => s.Name == target.Name && s.Type == target.Type))
            {
                var entry = s.Entry;
                // (A braced word that starts with '-' makes postconf's rewrite unreliable altogether: PostconfRewriteUnreliable.)
                if (entry.FirstNonOption >= entry.Arguments.Count) continue;
                var arg = entry.Arguments[entry.FirstNonOption];
                if (arg.Extracted && (arg.Text.Length == 0 || arg.Text.IndexOfAny(new[] { ' ', '\t', '\r' }) >= 0)) return true;
            }
            // postconf's rewrite also re-splits a glued "-oname=value" word at each 'o' of the word (measured: "-oa=postfix/x"
            // comes back as "-o a=p -o stfix/x"), which changes the command line; -P still agrees, so only -F is skipped.
            // Every entry with this service/type counts: postconf rewrites them all.
            string[] lines = edited.OriginalText.Split('\n');
            foreach (var s in MasterCf.Parse(edited.OriginalText).Services.Where(s => s.Name == target.Name && s.Type == target.Type))
            {
                string entryText = string.Join("\n", lines.Skip(s.Line - 1).Take(s.LastLine - s.Line + 1));
                if (System.Text.RegularExpressions.Regex.IsMatch(entryText, @"(^|[ \t])-[A-Za-z]*o[^ \t\r\n{]")) return true;
            }
            return false;
        }

        private static string Visible(string s) => s.Replace("\r", "\\r").Replace("\t", "\\t");
    }
}
