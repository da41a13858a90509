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
    /// The real postconf from Debian's postfix package is the oracle: on generated files and on every spec case, what
    /// we read and what we write must mean what postconf says it means.
    /// </summary>
    [NonParallelizable]
    public class PostconfDifferentialTests
    {
        private const int ReadFiles = 1200;
        private const int EditFiles = 600;

        [OneTimeSetUp]
        public void Provision() => OracleTools.RequireOrIgnore();

        /// <summary>Every generated test prints its seed; MCK_POSTCONF_SEED replays a run.</summary>
        private static int Seed() => Seeds.From("MCK_POSTCONF_SEED");

        private static string[] Files(int seed, int count) => MainCfShapes.Documents().Sample(count, new FsCheck.Rnd((ulong)seed), 30); // (numberOfSamples, seed, size)

        /// <summary>
        /// The host name postconf runs under: Postfix's myhostname default depends on it (a name without a dot gets a dot
        /// and $mydomain expanded once). As root, postconf runs in a UTS namespace named "vm", so every CI machine gives
        /// the same answers (seed 53622079 depends on it); otherwise it is this machine's name.
        /// </summary>
        private static string? OracleHost => Environment.UserName == "root" ? "vm" : null;

        private static string HostName() => OracleHost ?? System.IO.File.ReadAllText("/proc/sys/kernel/hostname").Trim();

        private static Postconf Oracle(string text) => new Postconf(text) { HostName = OracleHost };

        /// <summary>postconf prints values with every run of whitespace collapsed to one space (spec P2.2).</summary>
        private static string Collapse(string raw)
        {
            var sb = new StringBuilder(raw.Length);
            bool space = false;
            foreach (char c in raw)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    space = sb.Length > 0;
                    continue;
                }
                if (space) sb.Append(' ');
                space = false;
                sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>What postconf -n should print for our reading of the document.</summary>
        private static Dictionary<string, string> Ours(MainCf doc) =>
            doc.Parameters.Where(p => p.IsEffective).ToDictionary(p => p.Name, p => Collapse(p.Value), StringComparer.Ordinal);

        [Test]
        public void GetValue_agrees_with_postconf_on_generated_files() => ReadAndCompare(Seed(), ReadFiles);

        /// <summary>Seeds that once failed, replayed on every run.</summary>
        [TestCase(53622079, TestName = "Seed53622079: myhostname's default expands mydomain once, and its $$ leaves a bare $")]
        public void GetValue_agrees_with_postconf_on_a_seed_that_once_failed(int seed) => ReadAndCompare(seed, ReadFiles);

        private static void ReadAndCompare(int seed, int files)
        {
            int compared = 0, fatal = 0, nesting = 0;
            foreach (string text in Files(seed, files))
            {
                var doc = MainCf.Parse(text);
                doc.HostName = HostName();
                using var postconf = Oracle(text);
                var result = postconf.Query("-n");
                string context = "seed " + seed + ", file:\n" + Visible(text) + "\npostconf: " + result;
                if (result.ExitCode != 0)
                {
                    fatal++;
                    if (!doc.HasErrors && result.Stderr.Contains("unreasonable macro call nesting", StringComparison.Ordinal))
                    {
                        // Whether postconf expands a cyclic value is not known statically: we warn on every cycle.
                        nesting++;
                        doc.Diagnostics.Should().Contain(d => d.Code == MailConfigKit.Text.DiagnosticCodes.MainCfMacroCycle, context);
                    }
                    else
                    {
                        doc.HasErrors.Should().BeTrue("postconf died on it: " + context);
                    }
                    continue;
                }
                doc.HasErrors.Should().BeFalse(context + "\nours: " + string.Join("; ", doc.Diagnostics));
                var theirs = postconf.ReadExplicit();
                Ours(doc).Should().Equal(theirs, context);
                foreach (var name in theirs.Keys) Collapse(doc.GetValue(name)!).Should().Be(theirs[name]);
                compared += theirs.Count;
            }
            TestContext.Out.WriteLine($"{files} files, {compared} values compared, {fatal} files postconf died on ({nesting} of them on macro nesting)");
            // A guard that the run compared enough values, not an agreement check: with ~70 % of generated files fatal
            // to postconf, the count varies around 1,250 per 1,200 files and once fell to 1,158 (the session-1 "flake").
            compared.Should().BeGreaterThan(files / 2);
        }

        /// <summary>
        /// Chains of 60 to 102 references through every kind of level (a reference, a conditional text taken or not, two
        /// texts nested) ending in text, nothing, an unset name or a default: whether postconf dies on "unreasonable
        /// macro call nesting" (more than 100 levels) is what we say.
        /// </summary>
        [Test]
        public void Nesting_depth_verdicts_agree_with_postconf_on_generated_chains()
        {
            int seed = Seed();
            var random = new Random(seed);
            string[] roots = { "mydestination", "myorigin", "smtpd_banner", "x_unknown", "header_checks" };
            string[] ends = { "end", "", "$mail_name", "$myorigin", "$smtp_sasl_password_maps", "${relayhost:z}", "${relayhost?z}" };
            int dying = 0;
            const int Files = 150;
            for (int n = 0; n < Files; n++)
            {
                bool relayhost = random.Next(2) == 0;
                // Every form but the last continues the chain; the last (a text not taken) ends it, now and then.
                string[] forms = relayhost
                    ? new[] { "$N", "x${N}", "${relayhost?{$N}}", "${relayhost?x}$N", "${relayhost?$N}", "${relayhost:{$N}}" }
                    : new[] { "$N", "x${N}", "${relayhost:{$N}}", "${relayhost:$N}", "${relayhost:{${relayhost:{$N}}}}", "${relayhost?{$N}}" };
                var sb = new StringBuilder(relayhost ? "relayhost = r\n" : string.Empty);
                sb.Append(roots[random.Next(roots.Length)]).Append(" = $p0\n");
                int length = random.Next(60, 103);
                for (int i = 0; i < length; i++) sb.Append('p').Append(i).Append(" = ").Append(forms[random.Next(300) == 0 ? forms.Length - 1 : random.Next(forms.Length - 1)].Replace("N", "p" + (i + 1), StringComparison.Ordinal)).Append('\n');
                int end = random.Next(ends.Length + 1);
                if (end < ends.Length) sb.Append('p').Append(length).Append(" = ").Append(ends[end]).Append('\n');
                string text = sb.ToString();
                var doc = MainCf.Parse(text);
                doc.HostName = HostName();
                using var postconf = Oracle(text);
                var result = postconf.Query("-n");
                string context = "seed " + seed + ", file:\n" + text + "\npostconf: " + result + "\nours: " + string.Join("; ", doc.Diagnostics);
                // A chain that ends in $myorigin under myorigin is a cycle: a warning (see the test above), and postconf dies.
                bool cycle = doc.Diagnostics.Any(d => d.Code == DiagnosticCodes.MainCfMacroCycle && d.Severity == DiagnosticSeverity.Warning);
                if (cycle) result.ExitCode.Should().NotBe(0, context);
                else doc.HasErrors.Should().Be(result.ExitCode != 0, context);
                if (result.ExitCode != 0) dying++;
            }
            TestContext.Out.WriteLine($"{Files} chains, {dying} fatal to postconf");
            dying.Should().BeInRange(Files / 10, Files - Files / 10);
        }

        [TestCaseSource(typeof(TestFiles), nameof(TestFiles.PostfixCases))]
        public void GetValue_agrees_with_postconf_on_every_spec_case(string path)
        {
            var doc = MainCf.Load(path);
            doc.HostName = HostName();
            using var postconf = new Postconf(System.IO.File.ReadAllBytes(path)) { HostName = OracleHost };
            var result = postconf.Query("-n");
            if (result.ExitCode != 0)
            {
                doc.HasErrors.Should().BeTrue("postconf died: " + result);
                return;
            }
            doc.HasErrors.Should().BeFalse(string.Join("; ", doc.Diagnostics));
            var theirs = postconf.ReadExplicit();
            // postconf -n leaves out parameters it does not know and nobody references (spec P1.18): compare the rest.
            var ours = Ours(doc).Where(kv => theirs.ContainsKey(kv.Key) || IsKnown(postconf, kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
            ours.Should().Equal(theirs);
        }

        private static bool IsKnown(Postconf postconf, string name) => postconf.Query("-d", name).Stdout.Length > 0;

        [Test]
        public void Set_Remove_and_CommentOut_mean_what_postconf_edits_mean_and_touch_no_other_line()
        {
            int seed = Seed();
            var random = new Random(seed);
            int edits = 0;
            foreach (string text in Files(seed, EditFiles))
            {
                // postconf 3.7.11 glues appended text onto a last line without newline (spec P3.8); give it one.
                string forPostconf = text.Length > 0 && !text.EndsWith("\n", StringComparison.Ordinal) ? text + "\n" : text;
                using var before = Oracle(forPostconf);
                if (before.Query("-n").ExitCode != 0) continue;

                string name = MainCfShapes.FreeTextNames[random.Next(4)];
                string value = string.Join(" ", Enumerable.Range(0, random.Next(0, 3)).Select(_ => MainCfShapes.Words[random.Next(MainCfShapes.Words.Length)]));
                var doc = MainCf.Parse(text);
                string[] args;
                switch (random.Next(3))
                {
                    case 0: doc.Set(name, value); args = new[] { "-e", name + " = " + value }; break;
                    case 1: doc.Remove(name); args = new[] { "-X", name }; break;
                    default: doc.CommentOut(name); args = new[] { "-#", name }; break;
                }
                var edited = before.Edit(args);
                edited.ExitCode.Should().Be(0, edited.ToString());
                string theirsText = Encoding.UTF8.GetString(edited.MainCf!);
                string context = "seed " + seed + ": " + string.Join(" ", args) + " on:\n" + Visible(text) + "\nours:\n" + Visible(doc.ToString()) + "\npostconf's:\n" + Visible(theirsText);

                using var ours = Oracle(doc.ToString());
                using var theirs = Oracle(theirsText);
                ours.ReadExplicit().Should().Equal(theirs.ReadExplicit(), context);

                var keptByUs = KeptLineMatcher.KeptLines(text, doc.ToString());
                var keptByPostconf = KeptLineMatcher.KeptLines(text, theirsText);
                keptByUs.Should().BeEquivalentTo(keptByUs.Union(keptByPostconf), "we may change only lines postconf changes too: " + context);
                edits++;
            }
            TestContext.Out.WriteLine($"{edits} edits compared with postconf");
            edits.Should().BeGreaterThan(EditFiles / 5);
        }

        [TestCase("all", true)]
        [TestCase("ipv4", true)]
        [TestCase("ipv4, ipv6", true)]
        [TestCase("ipv6,ipv4", true)]
        [TestCase("  ipv4 ,  ipv6  ", true)]
        [TestCase("ipv4,,ipv6", true)]
        [TestCase(", ipv4", true)]
        [TestCase("all ipv6", true)]
        [TestCase("", true)]
        [TestCase("ipv4;ipv6", false)]
        [TestCase("IPv4", false)]
        [TestCase("ALL", false)]
        [TestCase("none", false)]
        [TestCase("inet", false)]
        [TestCase("ipv4 #c", false)]
        public void InetProtocols_verdict_matches_postconf(string value, bool expectedOk)
        {
            using var postconf = new Postconf("inet_protocols = " + value + "\n");
            var result = postconf.Query("-h", "inet_protocols");
            (result.ExitCode == 0).Should().Be(expectedOk, result.ToString());
            var doc = MainCf.Parse("inet_protocols = " + value + "\n");
            InetProtocolsValue.Parse(value.Trim()).Success.Should().Be(result.ExitCode == 0);
            doc.HasErrors.Should().Be(result.ExitCode != 0);
            if (!expectedOk) doc.Diagnostics.Single().Message.Should().Be(result.Stderr.Trim().Replace("postconf: fatal: ", string.Empty));
        }

        [Test]
        public void InetProtocols_verdicts_match_postconf_on_generated_values()
        {
            string[] tokens = { "all", "ipv4", "ipv6", "IPv4", "Ipv6", "ALL", ",", " ", "\t", ";", "x" };
            int seed = Seed();
            var random = new Random(seed);
            for (int n = 0; n < 200; n++)
            {
                string value = string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => tokens[random.Next(tokens.Length)])).Trim();
                using var postconf = new Postconf("inet_protocols = " + value + "\n");
                bool ok = postconf.Query("-h", "inet_protocols").ExitCode == 0;
                InetProtocolsValue.Parse(value).Success.Should().Be(ok, "seed " + seed + ", value \"" + value + "\"");
            }
        }

        [TestCase("ALL")]
        [TestCase("Loopback-Only")]
        public void InetInterfaces_keywords_in_the_wrong_case_are_fatal_for_postconf_and_for_us(string value)
        {
            using var postconf = new Postconf("inet_interfaces = " + value + "\n");
            var result = postconf.Query("-h", "inet_interfaces");
            result.ExitCode.Should().NotBe(0);
            result.Stderr.Should().Contain("host not found: " + value);
            InetInterfacesValue.Parse(value).Success.Should().BeFalse();
        }

        private static string Visible(string s) => s.Replace("\r", "\\r").Replace("\t", "\\t").Replace("\v", "\\v").Replace("\f", "\\f");
    }
}
