using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MailConfigKit.Fuzz
{
    /// <summary>
    /// Makes input <c>index</c> of run <c>seed</c>: a fixture mutated (char flips, inserts of shell/postfix
    /// metacharacters, line splices across fixtures, duplicated lines, deep nesting, continuation runs, odd
    /// characters) or a file from a small grammar, plus edits to apply to it. Deterministic in (seed, index).
    /// </summary>
    public static class Generator
    {
        /// <summary>Upper bound for nesting depth and run lengths (the issue's pathological inputs go to 30k-40k).</summary>
        public static int MaxDepth { get; set; } = 40_000;

        /// <summary>Size past which an input is not grown further (duplications are capped to it).</summary>
        public const int MaxInputChars = 1 << 20;

        /// <summary>Where value canaries touch their file (fixed, so a seed replays the same values; world-writable for the dash sandbox).</summary>
        public const string CanaryDirectory = "/tmp/mck-fuzz-canary";

        private static readonly string[] Odd =
        {
            "\u000b", "\u000c", "\r", "\r\n", "\0", "\ud800", "\udc00", "\u0085", "\u009b", "\u0080", "\u0661", "\u06f3", "\u0967",
            "\ufeff", "\u2028", "\u00a0", "\u001b[2J", "\u001b]0;x\u0007", "\t", " ", "\u00e9", "\ud83d\ude00",
        };

        private static readonly string[] Meta =
        {
            "$", "$(", "${", "{", "}", "(", ")", "\"", "'", "`", "\\", "\\\n", "\n", "=", "#", ";", "&", "|", ">", "<",
            "<<", "<<EOF\n", "<<-'X'\n", "\nEOF\n", "\nX\n", ":", "::", "<;", "<,", ";;", ",", "[", "]", "[::1]", "::1", "127.0.0.1",
            "-o", " -o ", "-oa=b", "-vo", " { ", " } ", "{ a = b }", "$a", "${a}", "${a:", "${a?", "${a:b}", "$(a)", "$((1+1))",
            "${#a}", "${a%b}", "${a=b}", "${x]4~}", "${export x=y}", "export ", "readonly ", "unset ", "if false; then\n", "\nfi\n",
            "local ", "set -u\n", "$'", "\\\r\n", "*", "?", "~", "!", "%", "@",
            // Special parameters, whose character goes with the '$' ("$${" is the process id and a "{"; CI seed 43052995).
            "$$", "$${", "$#", "$1{", "$?", "$\\\n$", "${$'",
        };

        private static readonly string[] MainNames =
        {
            "inet_interfaces", "inet_protocols", "mynetworks", "smtp_address_preference", "smtp_bind_address", "smtp_bind_address6",
            "myhostname", "mydomain", "myorigin", "mydestination", "relayhost", "smtpd_banner", "alias_maps", "p0", "p1", "a", "x",
        };

        private static readonly string[] EximNames =
        {
            "dc_eximconfig_configtype", "dc_other_hostnames", "dc_local_interfaces", "dc_readhost", "dc_relay_domains",
            "dc_minimaldns", "dc_relay_nets", "dc_smarthost", "CFILEMODE", "dc_use_split_config", "dc_hide_mailname",
            "dc_mailname_in_oh", "dc_localdelivery", "x", "a",
        };

        private static readonly string[] OverrideNames = { "syslog_name", "smtpd_tls_security_level", "a", "b", "content_filter", "smtpd_client_restrictions" };

        public static FuzzCase Make(ulong runSeed, long index)
        {
            var r = new Rng(Rng.CaseSeed(runSeed, index));
            int t = r.Below(100);
            FuzzTarget target = t < 30 ? FuzzTarget.MainCf : t < 55 ? FuzzTarget.MasterCf : t < 88 ? FuzzTarget.Exim : FuzzTarget.Values;
            var c = new FuzzCase { Target = target, Origin = "seed=" + runSeed.ToString(CultureInfo.InvariantCulture) + " index=" + index.ToString(CultureInfo.InvariantCulture) };
            if (target == FuzzTarget.Values)
            {
                MakeValues(r, c);
                return c;
            }
            string text = r.Chance(25) ? Grammar(r, target) : r.Pick(Seeds.For(target));
            int mutations = r.Chance(15) ? 0 : r.Between(1, 4);
            // Stop mutating once the input is past the size bound (one more pathological insert may still follow a big one).
            for (int i = 0; i < mutations && text.Length < MaxInputChars; i++) text = Mutate(r, text, target);
            c.Text = text;
            if (r.Chance(10) && !HasLoneSurrogate(text))
            {
                byte[] b = Encoding.UTF8.GetBytes(text);
                // A few raw bytes: invalid UTF-8 makes a byte-mode document.
                int flips = r.Between(0, 3);
                for (int i = 0; i < flips && b.Length > 0; i++) b[r.Below(b.Length)] = (byte)r.Pick(new[] { 0x80, 0xff, 0xc3, 0xe9, 0x00, 0x0b, 0x0c, 0x0d, r.Below(256) });
                c.Bytes = b;
                c.Text = string.Empty;
            }
            int ops = r.Between(0, 3);
            for (int i = 0; i < ops; i++) c.Ops.Add(MakeOp(r, target, text, index));
            return c;
        }

        public static bool HasLoneSurrogate(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                if (char.IsSurrogate(s[i])) return true;
            }
            return false;
        }

        // ---- mutations -------------------------------------------------------------------------------------------

        private static string Mutate(Rng r, string text, FuzzTarget target)
        {
            int pos = text.Length == 0 ? 0 : r.Below(text.Length + 1);
            switch (r.Below(12))
            {
                case 0: // flip one char
                    if (text.Length == 0) return r.Pick(Meta);
                    pos = Math.Min(pos, text.Length - 1);
                    return text.Substring(0, pos) + (r.Chance(50) ? r.Pick(Odd) : ((char)r.Between(0, 127)).ToString()) + text.Substring(pos + 1);
                case 1:
                case 2: // insert a metacharacter sequence
                    return text.Insert(pos, r.Pick(Meta));
                case 3: // insert an odd character
                    return text.Insert(pos, r.Pick(Odd));
                case 4: // delete a range
                    if (text.Length == 0) return text;
                    pos = Math.Min(pos, text.Length - 1);
                    return text.Remove(pos, Math.Min(text.Length - pos, r.Between(1, 20)));
                case 5: // duplicate a line
                {
                    var lines = SplitLines(text);
                    if (lines.Count == 0) return text;
                    int i = r.Below(lines.Count);
                    int times = r.Chance(90) ? 1 : r.Depth(MaxDepth / 10);
                    // Bounded so that a duplicated pathological line (a 40k nesting) cannot multiply into a 100 MB
                    // input: those took seconds each, starved the run, and say nothing a 1 MB one does not.
                    times = Math.Max(1, Math.Min(times, MaxInputChars / Math.Max(1, lines[i].Length)));
                    lines.InsertRange(i, Enumerable.Repeat(lines[i], times));
                    return string.Concat(lines);
                }
                case 6: // splice lines from another fixture (any kind)
                {
                    var lines = SplitLines(text);
                    var pool = Seeds.For(target);
                    if (pool.Count == 0 || !r.Chance(70)) pool = Seeds.Any;
                    var other = SplitLines(r.Pick(pool));
                    if (other.Count == 0) return text;
                    int from = r.Below(other.Count);
                    int n = Math.Min(other.Count - from, r.Between(1, 5));
                    int at = r.Below(lines.Count + 1);
                    int cut = r.Chance(30) ? Math.Min(lines.Count - at, r.Between(1, 3)) : 0;
                    lines.RemoveRange(at, cut);
                    lines.InsertRange(at, other.GetRange(from, n));
                    return string.Concat(lines);
                }
                case 7: // deep nesting
                    return text.Insert(pos, Nesting(r, target));
                case 8: // continuation run
                    return text.Insert(LineStart(text, pos), ContinuationRun(r, target));
                case 9: // a chain of references
                    return text.Insert(LineStart(text, pos), Chain(r, target));
                case 10: // swap line endings
                    return r.Chance(50) ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text.Replace("\r\n", "\n", StringComparison.Ordinal);
                default: // an assignment/entry from the grammar
                    return text.Insert(LineStart(text, pos), Grammar(r, target, lines: 1));
            }
        }

        private static int LineStart(string text, int pos)
        {
            if (pos <= 0) return 0;
            int nl = text.LastIndexOf('\n', Math.Min(pos, text.Length) - 1);
            return nl + 1;
        }

        public static List<string> SplitLines(string text)
        {
            var lines = new List<string>();
            int start = 0;
            while (start < text.Length)
            {
                int nl = text.IndexOf('\n', start);
                int end = nl < 0 ? text.Length : nl + 1;
                lines.Add(text.Substring(start, end - start));
                start = end;
            }
            return lines;
        }

        private static string Nesting(Rng r, FuzzTarget target)
        {
            string[][] pairs =
            {
                new[] { "$(", ")" }, new[] { "${", "}" }, new[] { "{", "}" }, new[] { "\"", "\"" }, new[] { "$(\"", "\")" },
                new[] { "${a:", "}" }, new[] { "${a?", "}" }, new[] { "$(a ", ")" }, new[] { "`", "`" }, new[] { "${a:-", "}" },
                new[] { "{ ", " }" }, new[] { "(", ")" }, new[] { "$((", "))" },
            };
            string[] pair = r.Pick(pairs);
            int depth = r.Depth(MaxDepth);
            var sb = new StringBuilder();
            if (r.Chance(60)) sb.Append(target == FuzzTarget.MasterCf ? " -o a=" : target == FuzzTarget.Exim ? "\nx=" : "\nx = ");
            for (int i = 0; i < depth; i++) sb.Append(pair[0]);
            sb.Append(r.Chance(50) ? "v" : string.Empty);
            int close = r.Chance(75) ? depth : r.Below(depth + 1);
            for (int i = 0; i < close; i++) sb.Append(pair[1]);
            if (r.Chance(60)) sb.Append('\n');
            return sb.ToString();
        }

        private static string ContinuationRun(Rng r, FuzzTarget target)
        {
            int n = r.Depth(MaxDepth);
            var sb = new StringBuilder();
            switch (target)
            {
                case FuzzTarget.MasterCf:
                    sb.Append("smtp unix - - y - - smtp\n");
                    for (int i = 0; i < n; i++) sb.Append(r.Chance(10) ? r.Pick(new[] { "\u000b", "\u000c", "\t", " " }) : "  ").Append(r.Chance(20) ? "-oa" + i.ToString(CultureInfo.InvariantCulture) + "=1\n" : "-o a" + i.ToString(CultureInfo.InvariantCulture) + "=1\n");
                    break;
                case FuzzTarget.MainCf:
                    sb.Append("x = a\n");
                    for (int i = 0; i < n; i++) sb.Append(r.Chance(90) ? " b" : "\u000c b").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    break;
                default:
                    sb.Append("x='a");
                    for (int i = 0; i < n; i++) sb.Append(r.Chance(80) ? "\\\n" : "\n");
                    sb.Append("'\n");
                    break;
            }
            return sb.ToString();
        }

        private static string Chain(Rng r, FuzzTarget target)
        {
            int n = r.Depth(MaxDepth);
            var sb = new StringBuilder();
            bool cycle = r.Chance(20);
            for (int i = 0; i < n; i++)
            {
                string next = "p" + ((i + 1 == n && cycle) ? 0 : i + 1).ToString(CultureInfo.InvariantCulture);
                string me = "p" + i.ToString(CultureInfo.InvariantCulture);
                if (target == FuzzTarget.Exim) sb.Append(me).Append("=\"$").Append(next).Append("\"\n");
                else if (target == FuzzTarget.MasterCf) sb.Append(" -o ").Append(me).Append("=$").Append(next).Append('\n');
                else sb.Append(me).Append(" = ").Append(r.Chance(50) ? "$" + next : "${" + next + "}").Append(r.Chance(10) ? "+1" : string.Empty).Append('\n');
            }
            return sb.ToString();
        }

        // ---- grammar ---------------------------------------------------------------------------------------------

        public static string Grammar(Rng r, FuzzTarget target, int lines = -1)
        {
            int n = lines > 0 ? lines : r.Between(1, 12);
            var sb = new StringBuilder();
            for (int i = 0; i < n; i++)
            {
                if (r.Chance(10)) { sb.Append(r.Chance(50) ? "# " + Word(r) + "\n" : "\n"); continue; }
                switch (target)
                {
                    case FuzzTarget.MainCf:
                        sb.Append(r.Chance(80) ? r.Pick(MainNames) : Word(r)).Append(r.Pick(new[] { " = ", "=", " =", "= ", "\t=\t" })).Append(PostfixValue(r));
                        if (r.Chance(20)) sb.Append("\n ").Append(PostfixValue(r));
                        sb.Append('\n');
                        break;
                    case FuzzTarget.MasterCf:
                        sb.Append(r.Pick(new[] { "smtp", "relay", "submission", "127.0.0.1:smtp", "[::1]:25", "x" })).Append(' ')
                          .Append(r.Pick(new[] { "inet", "unix", "unix-dgram", "fifo", "pass" }));
                        for (int f = 0; f < 5; f++) sb.Append(' ').Append(r.Pick(new[] { "-", "n", "y", "0", "100", "60?" }));
                        sb.Append(' ').Append(r.Pick(new[] { "smtpd", "smtp", "pipe", "local", "{smtp d}", "{x" }));
                        int args = r.Between(0, 4);
                        for (int a = 0; a < args; a++)
                        {
                            sb.Append(r.Chance(30) ? "\n" + r.Pick(new[] { "  ", "\t", " " }) : " ");
                            switch (r.Below(5))
                            {
                                case 0: sb.Append("-o ").Append(r.Pick(OverrideNames)).Append('=').Append(Word(r)); break;
                                case 1: sb.Append("-o { ").Append(r.Pick(OverrideNames)).Append(" = ").Append(PostfixValue(r)).Append(" }"); break;
                                case 2: sb.Append("-o").Append(r.Pick(OverrideNames)).Append('=').Append(Word(r)); break;
                                case 3: sb.Append(r.Pick(new[] { "-v", "-vo", "-o", "flags=DRhu", "argv=/bin/x ${recipient}", "{ a b }" })); break;
                                default: sb.Append(Word(r)); break;
                            }
                        }
                        sb.Append('\n');
                        break;
                    default:
                        if (r.Chance(10)) sb.Append("export ");
                        sb.Append(r.Chance(80) ? r.Pick(EximNames) : Word(r)).Append('=').Append(ShellWord(r));
                        if (r.Chance(15)) sb.Append("; ").Append(r.Pick(EximNames)).Append('=').Append(ShellWord(r));
                        if (r.Chance(10)) sb.Append(" # ").Append(Word(r));
                        sb.Append('\n');
                        break;
                }
            }
            return sb.ToString();
        }

        private static string Word(Rng r)
        {
            int len = r.Between(1, 8);
            var sb = new StringBuilder();
            for (int i = 0; i < len; i++) sb.Append("abcxyz019_.-:/"[r.Below(14)]);
            return sb.ToString();
        }

        private static string PostfixValue(Rng r)
        {
            var parts = new List<string>();
            int n = r.Between(0, 4);
            for (int i = 0; i < n; i++)
            {
                parts.Add(r.Below(8) switch
                {
                    0 => "$" + r.Pick(MainNames),
                    1 => "${" + r.Pick(MainNames) + r.Pick(new[] { "", "?x", ":y", "?{a b}", ":{c}" }) + "}",
                    2 => r.Pick(new[] { "127.0.0.1", "[::1]", "::1", "10.0.0.0/8", "[fe80::]/64", "!192.168.0.1", "all", "loopback-only", "ipv4", "ipv6", "any", "127.0.0.\u0661" }),
                    3 => "$(" + r.Pick(MainNames) + ")",
                    4 => "{ " + Word(r) + " }",
                    _ => Word(r),
                });
            }
            return string.Join(r.Pick(new[] { " ", ", ", ",", "\t" }), parts);
        }

        private static string ShellWord(Rng r)
        {
            string v = string.Join(r.Pick(new[] { ";", ":", " ; ", "::" }), Enumerable.Range(0, r.Between(0, 3)).Select(_ => r.Pick(new[] { "127.0.0.1", "::1", "[::1]:25", "<; 1.2.3.4", Word(r), "$x", "${dc_readhost}", "$(echo a)" })));
            return r.Below(6) switch
            {
                0 => "'" + v.Replace("'", "'\\''", StringComparison.Ordinal) + "'",
                1 => "\"" + v.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
                2 => v.Replace(" ", "\\ ", StringComparison.Ordinal),
                3 => "'" + v + "'\"" + Word(r) + "\"",
                4 => "\"" + v + "\\\n" + Word(r) + "\"",
                _ => "'" + v + "'",
            };
        }

        // ---- edits -----------------------------------------------------------------------------------------------

        private static FuzzOp MakeOp(Rng r, FuzzTarget target, string text, long index)
        {
            switch (target)
            {
                case FuzzTarget.MainCf:
                {
                    string name = r.Chance(60) ? ExistingName(r, text, '=') ?? r.Pick(MainNames) : r.Chance(90) ? r.Pick(MainNames) : EditValue(r, index);
                    int k = r.Below(10);
                    if (k == 0) return new FuzzOp("remove", name);
                    if (k == 1) return new FuzzOp("commentout", name);
                    return new FuzzOp("set", name, EditValue(r, index));
                }
                case FuzzTarget.MasterCf:
                {
                    string service = "smtp", type = "unix";
                    var entry = ExistingEntry(r, text);
                    if (entry != null && r.Chance(85)) { service = entry.Value.Item1; type = entry.Value.Item2; }
                    string name = r.Chance(90) ? r.Pick(OverrideNames) : EditValue(r, index);
                    if (r.Chance(20)) return new FuzzOp("removeoverride", service, type, name);
                    return new FuzzOp("setoverride", service, type, name, EditValue(r, index));
                }
                default:
                {
                    string name = r.Chance(50) ? ExistingName(r, text, '=') ?? r.Pick(EximNames) : r.Chance(95) ? r.Pick(EximNames) : EditValue(r, index);
                    if (r.Chance(10)) return new FuzzOp("remove", name);
                    return new FuzzOp("set", name, EditValue(r, index));
                }
            }
        }

        /// <summary>A value to write: mostly plain, sometimes metacharacters, canaries (for exim) and odd characters.</summary>
        public static string EditValue(Rng r, long index)
        {
            string canary = CanaryDirectory + "/c" + index.ToString(CultureInfo.InvariantCulture);
            var sb = new StringBuilder();
            int n = r.Between(0, 4);
            for (int i = 0; i < n; i++)
            {
                switch (r.Below(10))
                {
                    case 0: sb.Append("$(/usr/bin/touch ").Append(canary).Append(')'); break;
                    case 1: sb.Append("`/usr/bin/touch ").Append(canary).Append('`'); break;
                    case 2: sb.Append("${x:=$(/usr/bin/touch ").Append(canary).Append(")}"); break;
                    case 3: sb.Append(r.Pick(Meta)); break;
                    case 4: sb.Append(r.Pick(Odd)); break;
                    case 5: sb.Append(r.Pick(new[] { "127.0.0.1", "::1", "[::1]", "127.0.0.1 ; ::1", "<; ::1 ; 127.0.0.1", "a b", " lead", "trail ", "{x}", "{ a = b }", "'", "'\\''" })); break;
                    default: sb.Append(Word(r)); break;
                }
            }
            return sb.ToString();
        }

        private static string? ExistingName(Rng r, string text, char sep)
        {
            var names = new List<string>();
            foreach (string line in SplitLines(text))
            {
                int eq = line.IndexOf(sep, StringComparison.Ordinal);
                if (eq <= 0) continue;
                string n = line.Substring(0, eq).Trim();
                if (n.StartsWith("export ", StringComparison.Ordinal)) n = n.Substring(7).Trim();
                if (n.Length > 0 && n.Length < 64 && n.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')) names.Add(n);
            }
            return names.Count == 0 ? null : r.Pick(names);
        }

        private static (string, string)? ExistingEntry(Rng r, string text)
        {
            var entries = new List<(string, string)>();
            foreach (string line in SplitLines(text))
            {
                if (line.Length == 0 || char.IsWhiteSpace(line[0]) || line[0] == '#') continue;
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length >= 2 && f[1].All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-')) entries.Add((f[0], f[1]));
            }
            return entries.Count == 0 ? null : r.Pick(entries);
        }

        private static void MakeValues(Rng r, FuzzCase c)
        {
            int n = r.Between(1, 3);
            for (int i = 0; i < n; i++)
            {
                if (r.Chance(30))
                {
                    var items = Enumerable.Range(0, r.Between(0, 4)).Select(_ => ListItem(r)).ToArray();
                    c.Ops.Add(new FuzzOp("eximlist", items));
                    continue;
                }
                string v = r.Chance(50) ? PostfixValue(r) : ShellWordUnquoted(r);
                int m = r.Between(0, 2);
                for (int k = 0; k < m; k++) v = Mutate(r, v, FuzzTarget.Values);
                c.Ops.Add(new FuzzOp("parse", v));
            }
        }

        private static string ListItem(Rng r)
        {
            string s = r.Below(5) switch
            {
                0 => "<" + r.Pick(new[] { ";", ",", ":", " ", "" }) + Word(r),
                1 => r.Pick(new[] { "::1", "127.0.0.1", "[::1]:25", "a:b", "fe80::1" }),
                2 => Word(r) + r.Pick(Meta) + Word(r),
                _ => Word(r),
            };
            return s.Trim();
        }

        private static string ShellWordUnquoted(Rng r) =>
            string.Join(r.Pick(new[] { ";", ":", " ; ", " : ", "::", ", " }), Enumerable.Range(0, r.Between(0, 4)).Select(_ => r.Pick(new[] { "127.0.0.1", "::1", "[::1]", "[::1]:25", "<; 1.2.3.4", "<, a", "127.0.0.1.25", "::0:1", "[127.0.0.1]:26", Word(r) })));
    }
}
