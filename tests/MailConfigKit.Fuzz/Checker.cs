using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System;
using MailConfigKit.Diagnosis;
using MailConfigKit.Exim4;
using MailConfigKit.Postfix;
using MailConfigKit.Text;
using MailConfigKit.Values;

namespace MailConfigKit.Fuzz
{
    /// <summary>One thing a case did wrong.</summary>
    public sealed class Finding
    {
        public Finding(string kind, string message)
        {
            Kind = kind;
            Message = message;
        }

        /// <summary>exception, roundtrip, readback, locality, refused-changed, reparse, dash, canary, hang, crash.</summary>
        public string Kind { get; }

        public string Message { get; }

        public override string ToString() => Kind + ": " + Message;
    }

    /// <summary>An exim edit to prove with dash: source the file before and after, compare.</summary>
    public sealed class DashJob
    {
        public byte[] Before { get; set; } = Array.Empty<byte>();

        public byte[] After { get; set; } = Array.Empty<byte>();

        public bool ByteMode { get; set; }

        /// <summary>The edited name; <see cref="Expected"/> null means removed (unset).</summary>
        public string Name { get; set; } = string.Empty;

        public string? Expected { get; set; }

        /// <summary>Other variables that must read the same before and after.</summary>
        public List<string> Others { get; } = new List<string>();

        /// <summary>What the library says the others hold after the edit (null: unset or unknowable, not compared).</summary>
        public Dictionary<string, string?> LibraryValues { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

        public string Describe { get; set; } = string.Empty;
    }

    /// <summary>
    /// The properties every input must have: no exception from parsing, diagnostics, getters; exact round trip; an edit
    /// reads back, touches only its definition, and a refused edit (ArgumentException / InvalidOperationException)
    /// leaves the document unchanged. Exim edits are queued for dash (<see cref="DashJob"/>).
    /// </summary>
    public static class Checker
    {
        public static List<Finding> Run(FuzzCase c, List<DashJob>? dashJobs)
        {
            var findings = new List<Finding>();
            try
            {
                switch (c.Target)
                {
                    case FuzzTarget.MainCf: RunMainCf(c, findings); break;
                    case FuzzTarget.MasterCf: RunMasterCf(c, findings); break;
                    case FuzzTarget.Exim: RunExim(c, findings, dashJobs); break;
                    default: RunValues(c, findings); break;
                }
            }
            catch (Exception e)
            {
                findings.Add(new Finding("exception", Describe(e)));
            }
            return findings;
        }

        public static string Describe(Exception e)
        {
            string where = e.StackTrace == null ? string.Empty : string.Join(" <- ", e.StackTrace.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(4));
            string msg = e.Message.Length > 300 ? e.Message.Substring(0, 300) + "..." : e.Message;
            return e.GetType().FullName + ": " + msg.Replace("\n", " ", StringComparison.Ordinal) + " at " + where;
        }

        /// <summary>The only exceptions an edit may throw to refuse (exact types: ArgumentOutOfRangeException is a bug).</summary>
        private static bool IsRefusal(Exception e) => e.GetType() == typeof(ArgumentException) || e.GetType() == typeof(InvalidOperationException);

        private enum EditOutcome
        {
            Applied,
            Refused,
            Failed,
        }

        /// <summary>
        /// Runs one edit: a refusal must leave the document as it was (else a "refused-changed" finding); any other
        /// exception is a finding and ends the case.
        /// </summary>
        private static EditOutcome TryEdit(ConfigDocument doc, FuzzOp op, Action edit, List<Finding> findings)
        {
            string before = doc.ToString();
            try
            {
                edit();
                return EditOutcome.Applied;
            }
            catch (Exception e) when (IsRefusal(e))
            {
                if (!string.Equals(doc.ToString(), before, StringComparison.Ordinal)) findings.Add(new Finding("refused-changed", op + " threw " + e.GetType().Name + " but changed the document"));
                return EditOutcome.Refused;
            }
            catch (Exception e)
            {
                findings.Add(new Finding("exception", op + ": " + Describe(e)));
                return EditOutcome.Failed;
            }
        }

        /// <summary>Parses the edited text afresh; it must round-trip like any input.</summary>
        private static T Reparse<T>(string after, Func<string, T> parse, List<Finding> findings)
            where T : ConfigDocument
        {
            T re = parse(after);
            if (re.ToString() != after) findings.Add(new Finding("roundtrip", "edited text does not round-trip"));
            return re;
        }

        /// <summary>The edited name reads the same from the reparsed text as from the edited document.</summary>
        private static void CheckReparsed(FuzzOp op, string? reparsed, string? got, List<Finding> findings)
        {
            if (!string.Equals(reparsed, got, StringComparison.Ordinal)) findings.Add(new Finding("reparse", op + ": reparsing the edited text gives " + Q(reparsed) + ", the document said " + Q(got)));
        }

        /// <summary>
        /// Every other name reads as before the edit (the first change is reported). With <paramref name="knownOnly"/>,
        /// a name that read as null ("unset or unknowable") may change: an edit may make a later value knowable.
        /// </summary>
        private static void CheckOthersKept(FuzzOp op, string name, Dictionary<string, string?> values, Func<string, string?> now, bool knownOnly, List<Finding> findings)
        {
            foreach (var kv in values)
            {
                if (kv.Key == name || (knownOnly && kv.Value == null)) continue;
                string? v = now(kv.Key);
                if (string.Equals(v, kv.Value, StringComparison.Ordinal)) continue;
                findings.Add(new Finding("locality", op + " changed " + kv.Key + " from " + Q(kv.Value) + " to " + Q(v)));
                return;
            }
        }

        /// <summary>Format(Parse(v)), when v parses, parses back and formats to the same text.</summary>
        private static void CheckFormatRoundTrip<T>(string what, string v, Func<string, ValueParseResult<T>> parse, Func<T, string> format, List<Finding> findings)
        {
            var p = parse(v);
            if (!p.Success) return;
            string f = format(p.Value);
            var p2 = parse(f);
            if (!p2.Success || format(p2.Value) != f) findings.Add(new Finding("readback", what + ".Format(Parse(" + Q(v) + ")) = " + Q(f) + " does not parse back the same"));
        }

        private static string Trim(string v)
        {
            int s = 0, e = v.Length;
            while (s < e && (v[s] == ' ' || (v[s] >= '\t' && v[s] <= '\r'))) s++;
            while (e > s && (v[e - 1] == ' ' || (v[e - 1] >= '\t' && v[e - 1] <= '\r'))) e--;
            return v.Substring(s, e - s);
        }

        /// <summary>
        /// At most 200 items (the first and last 100): per-name getters are allowed to cost O(file), so calling them for
        /// every name of a 40,000-line input would make the fuzzer, not the library, quadratic.
        /// </summary>
        private static IEnumerable<T> Capped<T>(IReadOnlyList<T> items) =>
            items.Count <= 200 ? items : items.Take(100).Concat(items.Skip(items.Count - 100));

        private static void Step(List<Finding> findings, string what, Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                findings.Add(new Finding("exception", what + ": " + Describe(e)));
            }
        }

        private static void CheckRoundTrip(FuzzCase c, ConfigDocument doc, List<Finding> findings)
        {
            if (c.Bytes != null)
            {
                byte[] back = doc.ToBytes();
                if (!back.AsSpan().SequenceEqual(c.Bytes)) findings.Add(new Finding("roundtrip", "ToBytes() differs from the bytes read (" + back.Length + " vs " + c.Bytes.Length + " bytes, first difference at " + FirstDiff(back, c.Bytes) + ")"));
            }
            else if (!string.Equals(doc.ToString(), c.Text, StringComparison.Ordinal))
            {
                findings.Add(new Finding("roundtrip", "ToString() differs from the text parsed, first difference at " + FirstDiff(doc.ToString(), c.Text)));
            }
        }

        private static int FirstDiff(string a, string b)
        {
            int n = Math.Min(a.Length, b.Length);
            for (int i = 0; i < n; i++) if (a[i] != b[i]) return i;
            return n;
        }

        private static int FirstDiff(byte[] a, byte[] b)
        {
            int n = Math.Min(a.Length, b.Length);
            for (int i = 0; i < n; i++) if (a[i] != b[i]) return i;
            return n;
        }

        /// <summary>Whether everything before <paramref name="lo"/> and from <paramref name="hi"/> on is the same in both texts.</summary>
        private static bool KeptOutside(string before, string after, int lo, int hi)
        {
            lo = Math.Clamp(lo, 0, before.Length);
            hi = Math.Clamp(hi, lo, before.Length);
            int tail = before.Length - hi;
            if (after.Length < lo + tail) return false;
            return string.CompareOrdinal(before, 0, after, 0, lo) == 0 && string.CompareOrdinal(before, hi, after, after.Length - tail, tail) == 0;
        }

        private static int[] LineOffsets(string text)
        {
            var offsets = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++) if (text[i] == '\n') offsets.Add(i + 1);
            offsets.Add(text.Length);
            return offsets.ToArray();
        }

        /// <summary>Offset of the start of 1-based <paramref name="line"/> (text length past the end).</summary>
        private static int LineStart(int[] offsets, int line) => line - 1 < offsets.Length ? offsets[Math.Max(0, line - 1)] : offsets[offsets.Length - 1];

        private static bool CanEncode(string text) => !Generator.HasLoneSurrogate(text);

        // Diagnostics about the file's structure (not about values): an edit must never add one.
        private static readonly HashSet<string> StructuralCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "MCF0001", "MCF0002", "MCF0003", "MSC0001", "MSC0002", "MSC0003", "MSC0004", "MSC0005", "MSC0006", "MSC0007", "MSC0010", "MSC0011",
        };

        private static Dictionary<string, int> Structural(IEnumerable<MailConfigKit.Text.Diagnostic> ds) =>
            ds.Where(d => StructuralCodes.Contains(d.Code)).GroupBy(d => d.Code).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        private static void CheckStructure(string op, Dictionary<string, int> before, Dictionary<string, int> after, List<Finding> findings)
        {
            foreach (var kv in after)
            {
                before.TryGetValue(kv.Key, out int was);
                if (kv.Value > was) { findings.Add(new Finding("structure", op + " added a " + kv.Key + " diagnostic (" + was + " -> " + kv.Value + "): the edit broke the file's structure")); return; }
            }
        }

        private static void CheckBytes(ConfigDocument doc, bool originalEncodable, List<Finding> findings, string what)
        {
            if (!originalEncodable) return;
            Step(findings, what + " then ToBytes() (what Save writes)", () => doc.ToBytes());
        }

        // ---- main.cf ---------------------------------------------------------------------------------------------

        private static MainCf ParseMain(FuzzCase c) => c.Bytes != null ? MainCf.FromBytes(c.Bytes, null) : MainCf.Parse(c.Text);

        private static Dictionary<string, string?> MainSnapshot(MainCf doc, List<Finding> findings)
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (MainCfParameter p in Capped(doc.Parameters))
            {
                _ = p.Line;
                _ = p.IsEffective;
                _ = p.ToString();
                if (!values.ContainsKey(p.Name)) values[p.Name] = doc.GetValue(p.Name);
            }
            return values;
        }

        private static void TouchMain(MainCf doc, List<Finding> findings, string when)
        {
            Step(findings, when + " Diagnostics", () => { foreach (var d in doc.Diagnostics) { _ = d.Message; _ = d.Line; } _ = doc.HasErrors; });
            Step(findings, when + " InetProtocols", () => _ = doc.InetProtocols);
            Step(findings, when + " InetInterfaces", () => _ = doc.InetInterfaces);
            Step(findings, when + " SmtpAddressPreference", () => _ = doc.SmtpAddressPreference);
            Step(findings, when + " MyNetworks", () => _ = doc.MyNetworks);
            Step(findings, when + " SmtpBindAddress", () => _ = doc.SmtpBindAddress);
            Step(findings, when + " SmtpBindAddress6", () => _ = doc.SmtpBindAddress6);
        }

        private static void RunMainCf(FuzzCase c, List<Finding> findings)
        {
            MainCf doc = ParseMain(c);
            CheckRoundTrip(c, doc, findings);
            bool encodable = CanEncode(c.Text);
            Dictionary<string, string?> values = new Dictionary<string, string?>();
            Step(findings, "Parameters/GetValue", () => values = MainSnapshot(doc, findings));
            TouchMain(doc, findings, "parsed:");
            foreach (FuzzOp op in c.Ops)
            {
                string before = doc.ToString();
                var beforeParams = doc.Parameters;
                var structureBefore = new Dictionary<string, int>();
                Step(findings, "Diagnostics", () => structureBefore = Structural(doc.Diagnostics));
                string name = op.Args[0];
                EditOutcome outcome = TryEdit(doc, op, () =>
                {
                    switch (op.Kind)
                    {
                        case "set": doc.Set(name, op.Args[1]); break;
                        case "remove": doc.Remove(name); break;
                        default: doc.CommentOut(name); break;
                    }
                }, findings);
                if (outcome == EditOutcome.Refused) continue;
                if (outcome == EditOutcome.Failed) return;
                string after = doc.ToString();
                string? got = null;
                Step(findings, op + " then GetValue", () => got = doc.GetValue(name));
                if (op.Kind == "set")
                {
                    string expected = Codec.ForDocument(Trim(op.Args[1]), doc.Encoding);
                    if (!string.Equals(got, expected, StringComparison.Ordinal)) findings.Add(new Finding("readback", op + " then GetValue gives " + (got == null ? "null" : FuzzCase.Quote(got))));
                }
                else if (got != null)
                {
                    findings.Add(new Finding("readback", op + " then GetValue gives " + FuzzCase.Quote(got) + ", expected null"));
                }
                // Locality: only the definitions of the name change (a start line, parsed or malformed as postconf
                // matches on the key alone, up to the next parameter's start line), or the text grows at its end.
                if (!string.Equals(before, after, StringComparison.Ordinal))
                {
                    int[] lines = LineOffsets(before);
                    var starts = beforeParams.Where(p => p.Name == name).Select(p => p.Line).Concat(MalformedStartLines(before, name)).Distinct().OrderBy(l => l).ToList();
                    bool ok = after.StartsWith(before, StringComparison.Ordinal) || (before.Length > 0 && before[before.Length - 1] == '\r' && after.StartsWith(before.Substring(0, before.Length - 1), StringComparison.Ordinal));
                    int lo = before.Length, hi = before.Length;
                    if (!ok && starts.Count > 0)
                    {
                        lo = LineStart(lines, op.Kind == "set" ? starts[starts.Count - 1] : starts[0]);
                        hi = NextParameterStart(beforeParams, lines, starts[starts.Count - 1], before.Length);
                        ok = KeptOutside(before, after, lo, hi);
                    }
                    if (!ok) findings.Add(new Finding("locality", op + " changed bytes outside the definition(s) of " + name + " (chars " + lo + ".." + hi + " of " + before.Length + ")"));
                }
                MainCf re = Reparse(after, MainCf.Parse, findings);
                Step(findings, op + " then Diagnostics", () => CheckStructure(op.ToString(), structureBefore, Structural(re.Diagnostics), findings));
                CheckOthersKept(op, name, values, re.GetValue, knownOnly: false, findings);
                if (op.Kind == "set") CheckReparsed(op, re.GetValue(name), got, findings);
                CheckBytes(doc, encodable, findings, op.ToString());
                TouchMain(doc, findings, "after " + op.Kind + ":");
                values = MainSnapshot(doc, findings);
            }
        }

        private static int NextParameterStart(IReadOnlyList<MainCfParameter> ps, int[] lines, int afterLine, int end)
        {
            var next = ps.Where(p => p.Line > afterLine).Select(p => p.Line).DefaultIfEmpty(-1).Min();
            return next < 0 ? end : LineStart(lines, next);
        }

        /// <summary>1-based lines that start (unindented) with the name followed by an ASCII blank, '=' or the line end.</summary>
        private static IEnumerable<int> MalformedStartLines(string text, string name)
        {
            var lines = Generator.SplitLines(text);
            for (int i = 0; i < lines.Count; i++)
            {
                string l = lines[i];
                if (!l.StartsWith(name, StringComparison.Ordinal)) continue;
                char c = l.Length == name.Length ? '\n' : l[name.Length];
                if (c == '=' || c == ' ' || (c >= '\t' && c <= '\r')) yield return i + 1;
            }
        }

        private static string Q(string? s) => s == null ? "null" : FuzzCase.Quote(s.Length > 120 ? s.Substring(0, 120) + "..." : s);

        // ---- master.cf -------------------------------------------------------------------------------------------

        private static string Signature(MasterCfService s, string? skipOverride) =>
            string.Join("|", new[] { s.Name, s.Type, s.Private, s.Unprivileged, s.Chroot, s.Wakeup, s.MaxProc, s.Command })
            + "|" + string.Join(" ", s.Overrides.Where(o => o.Name != skipOverride).Select(o => o.Name + "=" + o.Value));

        private static void TouchMaster(MasterCf doc, List<Finding> findings, string when)
        {
            Step(findings, when + " Diagnostics", () => { foreach (var d in doc.Diagnostics) { _ = d.Message; } _ = doc.HasErrors; });
            Step(findings, when + " Services", () =>
            {
                foreach (MasterCfService s in Capped(doc.Services))
                {
                    _ = s.ToString();
                    _ = s.Arguments.Count;
                    foreach (MasterCfOverride o in Capped(s.Overrides)) { _ = s.GetOverride(o.Name); _ = doc.GetOverride(s.Name, s.Type, o.Name); _ = o.ToString(); }
                    _ = doc.FindService(s.Name, s.Type);
                }
                _ = doc.ServicesRunningCommand("smtpd").Count();
            });
        }

        private static void RunMasterCf(FuzzCase c, List<Finding> findings)
        {
            MasterCf doc = c.Bytes != null ? MasterCf.FromBytes(c.Bytes, null) : MasterCf.Parse(c.Text);
            CheckRoundTrip(c, doc, findings);
            bool encodable = CanEncode(c.Text);
            TouchMaster(doc, findings, "parsed:");
            foreach (FuzzOp op in c.Ops)
            {
                string before = doc.ToString();
                IReadOnlyList<MasterCfService> services = Array.Empty<MasterCfService>();
                Step(findings, "Services", () => services = doc.Services);
                string svc = op.Args[0], type = op.Args[1], name = op.Args[2];
                var structureBefore = new Dictionary<string, int>();
                Step(findings, "Diagnostics", () => structureBefore = Structural(doc.Diagnostics));
                EditOutcome outcome = TryEdit(doc, op, () =>
                {
                    if (op.Kind == "setoverride") doc.SetOverride(svc, type, name, op.Args[3]);
                    else doc.RemoveOverride(svc, type, name);
                }, findings);
                if (outcome == EditOutcome.Refused) continue;
                if (outcome == EditOutcome.Failed) return;
                string after = doc.ToString();
                bool changed = !string.Equals(before, after, StringComparison.Ordinal);
                MasterCf re = Reparse(after, MasterCf.Parse, findings);
                Step(findings, op + " then Diagnostics", () => CheckStructure(op.ToString(), structureBefore, Structural(re.Diagnostics), findings));
                var targets = re.Services.Where(s => s.Name == svc && s.Type == type).ToList();
                string expected = op.Kind == "setoverride" ? Codec.ForDocument(Trim(op.Args[3]), doc.Encoding) : string.Empty;
                foreach (MasterCfService s in targets)
                {
                    string? got = s.GetOverride(name);
                    if (op.Kind == "setoverride" && !string.Equals(got, expected, StringComparison.Ordinal)) { findings.Add(new Finding("readback", op + " then GetOverride on the entry at line " + s.Line + " gives " + Q(got))); break; }
                    if (op.Kind == "removeoverride" && got != null) { findings.Add(new Finding("readback", op + " then GetOverride on the entry at line " + s.Line + " gives " + Q(got) + ", expected null")); break; }
                }
                if (op.Kind == "setoverride" && targets.Count == 0) findings.Add(new Finding("readback", op + " succeeded but the edited text has no " + svc + "/" + type + " entry"));
                // Locality: bytes outside the edited entries are kept; other entries parse the same; this entry's other overrides too.
                var before1 = services.Where(s => s.Name == svc && s.Type == type).ToList();
                if (changed && before1.Count > 0)
                {
                    int[] lines = LineOffsets(before);
                    int lo = LineStart(lines, before1.Min(s => s.Line)), hi = LineStart(lines, before1.Max(s => s.LastLine) + 1);
                    if (!KeptOutside(before, after, lo, hi)) findings.Add(new Finding("locality", op + " changed bytes outside the entries' lines (chars " + lo + ".." + hi + " of " + before.Length + ")"));
                }
                var sigBefore = services.Where(s => !(s.Name == svc && s.Type == type)).Select(s => Signature(s, null)).ToList();
                var sigAfter = re.Services.Where(s => !(s.Name == svc && s.Type == type)).Select(s => Signature(s, null)).ToList();
                if (!sigBefore.SequenceEqual(sigAfter)) findings.Add(new Finding("locality", op + " changed another entry (" + sigBefore.Count + " -> " + sigAfter.Count + " other entries)"));
                var mineBefore = before1.Select(s => Signature(s, name)).ToList();
                var mineAfter = targets.Select(s => Signature(s, name)).ToList();
                if (!mineBefore.SequenceEqual(mineAfter)) findings.Add(new Finding("locality", op + " changed the entry's other fields or -o parameters: " + FuzzCase.Quote(string.Join(" / ", mineBefore)) + " => " + FuzzCase.Quote(string.Join(" / ", mineAfter))));
                CheckBytes(doc, encodable, findings, op.ToString());
                TouchMaster(doc, findings, "after " + op.Kind + ":");
            }
        }

        // ---- update-exim4.conf.conf ------------------------------------------------------------------------------

        private static readonly string[] EximNames =
        {
            "dc_eximconfig_configtype", "dc_other_hostnames", "dc_local_interfaces", "dc_readhost", "dc_relay_domains", "dc_minimaldns",
            "dc_relay_nets", "dc_smarthost", "CFILEMODE", "dc_use_split_config", "dc_hide_mailname", "dc_mailname_in_oh", "dc_localdelivery",
        };

        private static void TouchExim(UpdateExim4Conf doc, List<Finding> findings, string when)
        {
            Step(findings, when + " Diagnostics", () => { foreach (var d in doc.Diagnostics) { _ = d.Message; } _ = doc.HasErrors; });
            Step(findings, when + " Assignments", () => { foreach (var a in Capped(doc.Assignments)) { _ = a.ToString(); _ = doc.IsComputed(a.Name); _ = doc.Contains(a.Name); } });
            Step(findings, when + " Macros", () => _ = doc.Macros.Count);
            Step(findings, when + " LocalInterfaces", () => { var l = doc.LocalInterfaces; _ = EximInterfaceListValue.Format(l.WithoutIPv6Loopback()); });
            Step(findings, when + " ConfigType", () => _ = doc.ConfigType);
            Step(findings, when + " MinimalDns", () => _ = doc.MinimalDns);
            Step(findings, when + " UseSplitConfig", () => _ = doc.UseSplitConfig);
            Step(findings, when + " HideMailname", () => _ = doc.HideMailname);
            Step(findings, when + " MailnameInOtherHostnames", () => _ = doc.MailnameInOtherHostnames);
            Step(findings, when + " OtherHostnames", () => _ = doc.OtherHostnames.Count);
            Step(findings, when + " RelayDomains", () => _ = doc.RelayDomains.Count);
            Step(findings, when + " RelayNets", () => _ = doc.RelayNets.Count);
            Step(findings, when + " Smarthost", () => _ = doc.Smarthost.Count);
            Step(findings, when + " ReadHost", () => _ = doc.ReadHost);
            Step(findings, when + " LocalDelivery", () => _ = doc.LocalDelivery);
            Step(findings, when + " CFileMode", () => _ = doc.CFileMode);
        }

        private static Dictionary<string, string?> EximSnapshot(UpdateExim4Conf doc)
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (string n in Capped(doc.Assignments.Select(a => a.Name).Distinct().ToList()).Concat(EximNames).Distinct()) values[n] = doc.GetValue(n);
            return values;
        }

        private static void RunExim(FuzzCase c, List<Finding> findings, List<DashJob>? dashJobs)
        {
            UpdateExim4Conf doc = c.Bytes != null ? UpdateExim4Conf.FromBytes(c.Bytes, null) : UpdateExim4Conf.Parse(c.Text);
            CheckRoundTrip(c, doc, findings);
            bool encodable = CanEncode(c.Text);
            var values = new Dictionary<string, string?>();
            Step(findings, "GetValue", () => values = EximSnapshot(doc));
            TouchExim(doc, findings, "parsed:");
            foreach (FuzzOp op in c.Ops)
            {
                string before = doc.ToString();
                byte[]? beforeBytes = null;
                if (encodable && CanEncode(before)) beforeBytes = doc.ToBytes();
                var assignments = doc.Assignments;
                string name = op.Args[0];
                EditOutcome outcome = TryEdit(doc, op, () =>
                {
                    if (op.Kind == "set") doc.Set(name, op.Args[1]);
                    else doc.Remove(name);
                }, findings);
                if (outcome == EditOutcome.Refused) continue;
                if (outcome == EditOutcome.Failed) return;
                string after = doc.ToString();
                string? expected = op.Kind == "set" ? Codec.ForDocument(op.Args[1], doc.Encoding) : null;
                if (op.Kind == "set" && op.Args[1].Any(ch => ch >= '\u0080' && ch <= '\u009f')) findings.Add(new Finding("accepted", op + " succeeded: a value with a C1 control character (U+0080-U+009F) must be refused like the other control characters"));
                string? got = null;
                Step(findings, op + " then GetValue", () => got = doc.GetValue(name));
                if (!string.Equals(got, expected, StringComparison.Ordinal)) findings.Add(new Finding("readback", op + " succeeded, then GetValue gives " + Q(got) + ", expected " + Q(expected)));
                UpdateExim4Conf re = Reparse(after, UpdateExim4Conf.Parse, findings);
                CheckReparsed(op, re.GetValue(name), got, findings);
                CheckOthersKept(op, name, values, re.GetValue, knownOnly: true, findings);
                // Bytes: a set rewrites inside the last assignment of the name (from its column on) or appends at the end.
                var last = assignments.LastOrDefault(a => a.Name == name);
                if (op.Kind == "set" && !string.Equals(before, after, StringComparison.Ordinal))
                {
                    if (last == null)
                    {
                        // An append keeps every old byte: the new line goes at the end, or, when the file ends in a backslash
                        // without a newline (defect 11: appending would join the two), in front of that last line. Either way the
                        // old text survives as one prefix and one suffix around a single insertion.
                        if (!IsSingleInsertion(before, after)) findings.Add(new Finding("locality", op + " appended but changed the old text"));
                    }
                    else
                    {
                        int[] lines = LineOffsets(before);
                        int lo = LineStart(lines, last.Line) + Math.Max(0, last.Column - 1);
                        var next = assignments.Where(a => a.Line > last.Line || (a.Line == last.Line && a.Column > last.Column)).OrderBy(a => a.Line).ThenBy(a => a.Column).FirstOrDefault();
                        int hi = next == null ? before.Length : LineStart(lines, next.Line) + Math.Max(0, next.Column - 1);
                        if (!KeptOutside(before, after, lo, hi)) findings.Add(new Finding("locality", op + " changed bytes outside the assignment at line " + last.Line + " (chars " + lo + ".." + hi + " of " + before.Length + ")"));
                    }
                }
                CheckBytes(doc, encodable, findings, op.ToString());
                TouchExim(doc, findings, "after " + op.Kind + ":");
                if (dashJobs != null && beforeBytes != null && encodable && CanEncode(after))
                {
                    var job = new DashJob { Before = beforeBytes, After = doc.ToBytes(), ByteMode = doc.Encoding != DocumentEncoding.Utf8, Name = name, Expected = expected, Describe = op.ToString() };
                    // A variable computed from others ($x, `cmd`) may change legitimately when the edited one does.
                    var computed = new HashSet<string>(assignments.Where(a => a.RawValue.IndexOf('$') >= 0 || a.RawValue.IndexOf('`') >= 0).Select(a => a.Name), StringComparer.Ordinal);
                    job.Others.AddRange(values.Keys.Where(k => k != name && IsShellName(k) && !computed.Contains(k)).Take(40));
                    foreach (string o in job.Others) job.LibraryValues[o] = re.GetValue(o);
                    if (IsShellName(name)) dashJobs.Add(job);
                }
                values = EximSnapshot(doc);
            }
        }

        private static bool IsShellName(string n) => n.Length > 0 && !char.IsAsciiDigit(n[0]) && n.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_');

        // ---- typed values ----------------------------------------------------------------------------------------

        private static void RunValues(FuzzCase c, List<Finding> findings)
        {
            foreach (FuzzOp op in c.Ops)
            {
                if (op.Kind == "eximlist")
                {
                    string formatted = string.Empty;
                    Step(findings, "EximListValue.Format", () => formatted = EximListValue.Format(op.Args));
                    var parsed = EximListValue.Parse(formatted);
                    var want = op.Args.Where(a => a.Length > 0).ToList();
                    if (!parsed.Success || !parsed.Value.SequenceEqual(want)) findings.Add(new Finding("readback", "EximListValue.Format(" + string.Join(", ", op.Args.Select(a => FuzzCase.Quote(a))) + ") = " + FuzzCase.Quote(formatted) + " parses back as " + (parsed.Success ? string.Join(", ", parsed.Value.Select(a => FuzzCase.Quote(a))) : parsed.Error)));
                    continue;
                }
                string v = op.Args[0];
                Step(findings, "InetInterfacesValue", () => CheckFormatRoundTrip("InetInterfacesValue", v, InetInterfacesValue.Parse, InetInterfacesValue.Format, findings));
                Step(findings, "InetProtocolsValue", () => { var p = InetProtocolsValue.Parse(v); if (p.Success) _ = InetProtocolsValue.Format(p.Value); });
                Step(findings, "SmtpAddressPreferenceValue", () => { var p = SmtpAddressPreferenceValue.Parse(v); if (p.Success) _ = SmtpAddressPreferenceValue.Format(p.Value); });
                Step(findings, "MyNetworksValue", () =>
                {
                    CheckFormatRoundTrip("MyNetworksValue", v, MyNetworksValue.Parse, MyNetworksValue.Format, findings);
                    _ = MyNetworksValue.ParseItem(v);
                });
                Step(findings, "EximInterfaceListValue", () =>
                {
                    var p = EximInterfaceListValue.Parse(v);
                    if (!p.Success) return;
                    foreach (var list in new[] { p.Value, p.Value.WithoutIPv6Loopback() })
                    {
                        string f = EximInterfaceListValue.Format(list);
                        var p2 = EximInterfaceListValue.Parse(f);
                        var a = list.Items.Select(i => i.Text).Where(t => t.Length > 0).ToList();
                        var b = p2.Success ? p2.Value.Items.Select(i => i.Text).Where(t => t.Length > 0).ToList() : new List<string>();
                        if (!a.SequenceEqual(b)) { findings.Add(new Finding("readback", "EximInterfaceListValue.Format of " + Q(v) + (ReferenceEquals(list, p.Value) ? string.Empty : " WithoutIPv6Loopback()") + " = " + Q(f) + " parses back as [" + string.Join(", ", b.Select(x => FuzzCase.Quote(x))) + "], expected [" + string.Join(", ", a.Select(x => FuzzCase.Quote(x))) + "]")); break; }
                    }
                });
                Step(findings, "EximListValue", () => _ = EximListValue.Parse(v).Value.Count);
                Step(findings, "EximListValue.ParseSmarthosts", () => _ = EximListValue.ParseSmarthosts(v).Count);
            }
        }

        /// <summary>Whether <paramref name="after"/> is <paramref name="before"/> with one run of characters inserted somewhere.</summary>
        private static bool IsSingleInsertion(string before, string after)
        {
            if (after.Length < before.Length) return false;
            int head = 0;
            while (head < before.Length && before[head] == after[head]) head++;
            int tail = 0;
            while (tail < before.Length - head && before[before.Length - 1 - tail] == after[after.Length - 1 - tail]) tail++;
            return head + tail == before.Length;
        }
    }
}
