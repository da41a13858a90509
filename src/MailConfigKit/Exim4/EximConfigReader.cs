using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>What an include resolver found at an exim path.</summary>
    internal enum EximIncludeStatus
    {
        Found,
        Missing,
        Unknowable,
    }

    /// <summary>The answer of an include resolver: the file's text, or that it is missing, or why it cannot be known.</summary>
    internal sealed class EximIncludeResult
    {
        private EximIncludeResult(EximIncludeStatus status, EximSource? source, string? reason)
        {
            Status = status;
            Source = source;
            Reason = reason;
        }

        public EximIncludeStatus Status { get; }

        public EximSource? Source { get; }

        public string? Reason { get; }

        public static EximIncludeResult Found(EximSource source) => new EximIncludeResult(EximIncludeStatus.Found, source, null);

        public static EximIncludeResult Missing() => new EximIncludeResult(EximIncludeStatus.Missing, null, null);

        public static EximIncludeResult Unknowable(string reason) => new EximIncludeResult(EximIncludeStatus.Unknowable, null, reason);
    }

    /// <summary>A macro as exim holds it while reading: its current value and where that value was (re)defined.</summary>
    internal sealed class EximMacroState
    {
        public EximMacroState(string name, string value, EximSourceLine origin, int column)
        {
            Name = name;
            Value = value;
            Origin = origin;
            Column = column;
        }

        public string Name { get; }

        public string Value { get; set; }

        public EximSourceLine Origin { get; set; }

        public int Column { get; set; }
    }

    /// <summary>A macro substituted into a line: the value it had then, and where that value was defined.</summary>
    internal sealed class EximMacroUse
    {
        public EximMacroUse(string name, string value, EximSourceLine origin, int column)
        {
            Name = name;
            Value = value;
            Origin = origin;
            Column = column;
        }

        public string Name { get; }

        public string Value { get; }

        public EximSourceLine Origin { get; }

        public int Column { get; }
    }

    /// <summary>One logical line exim acted on: continuation lines joined, macros substituted.</summary>
    internal sealed class EximLogicalLine
    {
        public EximLogicalLine(string text, EximSourceLine origin, int column, List<EximMacroUse> uses, string? uncertainty)
        {
            Text = text;
            Origin = origin;
            Column = column;
            Uses = uses;
            Uncertainty = uncertainty;
        }

        public string Text { get; }

        public EximSourceLine Origin { get; }

        /// <summary>1-based column of the first non-blank character on the first physical line.</summary>
        public int Column { get; }

        public List<EximMacroUse> Uses { get; }

        /// <summary>Why what exim reads here is not known statically; null when it is.</summary>
        public string? Uncertainty { get; }
    }

    /// <summary>A main-section option setting as exim reads it.</summary>
    internal sealed class EximOptionRecord
    {
        public EximOptionRecord(string name, string writtenName, bool hidden, bool negated, string? value, EximLogicalLine line)
        {
            Name = name;
            WrittenName = writtenName;
            Hidden = hidden;
            Negated = negated;
            Value = value;
            Line = line;
        }

        /// <summary>The option's name without <c>no_</c>/<c>not_</c> and with an alias resolved.</summary>
        public string Name { get; }

        public string WrittenName { get; }

        public bool Hidden { get; }

        public bool Negated { get; }

        /// <summary>The value exim stores (strings: after <c>=</c>, dequoted; booleans: "true" or "false").</summary>
        public string? Value { get; }

        public EximLogicalLine Line { get; }
    }

    /// <summary>Everything one read of a configuration produced.</summary>
    internal sealed class EximReadResult
    {
        public List<EximLogicalLine> MainLines { get; } = new List<EximLogicalLine>();

        public Dictionary<string, EximOptionRecord> Options { get; } = new Dictionary<string, EximOptionRecord>(StringComparer.Ordinal);

        public List<EximMacroState> Macros { get; } = new List<EximMacroState>();

        public List<Diagnostic> Diagnostics { get; } = new List<Diagnostic>();

        /// <summary>Why the configuration as a whole cannot be known statically; null when it can.</summary>
        public string? Unknowable { get; set; }

        /// <summary>Whether exim stops on an error in this configuration.</summary>
        public bool HasErrors { get; set; }

        /// <summary>Every file read, in order.</summary>
        public List<string> Files { get; } = new List<string>();
    }

    /// <summary>
    /// Reads an exim runtime configuration the way exim 4.96 does (its spec, chapter "The Exim runtime configuration
    /// file", checked against the real binary): physical lines first have their macros substituted, then comments,
    /// conditionals (<c>.ifdef</c> is true when any macro was substituted in the rest of the line, names matching as
    /// substrings) and includes are handled, then continuation lines are joined. Iterative (an explicit include stack),
    /// bounded in work, and it stops at the first error as exim does.
    /// </summary>
    internal sealed class EximConfigReader
    {
        private const int MaxConditionalDepth = 10;
        private const int MaxIncludeDepth = 16;
        private const int MaxMacroNameLength = 63;
        private const long MaxWork = 64L * 1024 * 1024;
        private const int MaxLogicalLine = 4 * 1024 * 1024;

        private static readonly string[] ConditionalNames = { "ifdef", "ifndef", "elifdef", "elifndef", "else", "endif" };

        // The known main options whose values MailConfigKit reads; every other option is kept by name only.
        private static readonly HashSet<string> StringOptions = new HashSet<string>(StringComparer.Ordinal) { "local_interfaces", "daemon_smtp_ports" };
        private static readonly HashSet<string> BooleanOptions = new HashSet<string>(StringComparer.Ordinal) { "disable_ipv6" };

        private readonly Func<string, EximIncludeResult>? _include;
        private readonly string _configDirectory;
        private readonly EximReadResult _result = new EximReadResult();
        private readonly List<int> _conditions = new List<int>();
        private readonly HashSet<string> _setOptions = new HashSet<string>(StringComparer.Ordinal);
        private readonly bool _mainOnly;
        private int _state;
        private long _work;
        private bool _inMain = true;
        private bool _stop;
        private EximSourceLine? _firstLine;

        private EximConfigReader(Func<string, EximIncludeResult>? include, string configDirectory, bool mainOnly)
        {
            _include = include;
            _configDirectory = configDirectory;
            _mainOnly = mainOnly;
        }

        /// <summary>
        /// Reads <paramref name="root"/>. Includes go through <paramref name="include"/> (given an absolute exim path); with
        /// no resolver an include makes the rest unknowable. Relative include paths are taken relative to the directory of
        /// <paramref name="root"/>'s path, as exim does with its main configuration file.
        /// </summary>
        public static EximReadResult Read(EximSource root, Func<string, EximIncludeResult>? include) => Read(root, include, false);

        /// <summary>As <see cref="Read(EximSource, Func{string, EximIncludeResult})"/>; with <paramref name="mainOnly"/> reading stops at the first <c>begin</c>.</summary>
        public static EximReadResult Read(EximSource root, Func<string, EximIncludeResult>? include, bool mainOnly)
        {
            string dir = root.Path;
            int slash = dir.LastIndexOf('/');
            dir = slash > 0 ? dir.Substring(0, slash) : "/";
            var reader = new EximConfigReader(include, dir, mainOnly);
            reader.Run(root);
            return reader._result;
        }

        private sealed class Frame
        {
            public Frame(EximSource source)
            {
                Source = source;
            }

            public EximSource Source { get; }

            public int Next { get; set; }
        }

        private void Run(EximSource root)
        {
            // exim checks for a byte order mark on the first line of its configuration file; update-exim4.conf's output
            // starts with its own header, so a mark in a local macros file is just text there.
            _firstLine = root.Lines.Count > 0 && root.Path != DebianExim4Generator.Output ? root.Lines[0] : null;
            var stack = new List<Frame> { new Frame(root) };
            _result.Files.Add(root.Path);
            var buffer = new StringBuilder();
            EximSourceLine? logicalOrigin = null;
            int logicalColumn = 0;
            var uses = new List<EximMacroUse>();
            string? uncertainty = null;

            while (stack.Count > 0 && !_stop)
            {
                Frame frame = stack[stack.Count - 1];
                if (frame.Next >= frame.Source.Lines.Count)
                {
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }
                EximSourceLine physical = frame.Source.Lines[frame.Next++];
                string raw = physical.Text;
                bool hasNewline = physical.HasNewline;
                // exim reads with fgets and measures with strlen: a NUL ends the line's text there, newline included.
                int nul = raw.IndexOf('\0');
                if (nul >= 0)
                {
                    raw = raw.Substring(0, nul);
                    hasNewline = false;
                }
                if (!Charge(raw.Length)) break;

                int lead = SkipSpace(raw, 0);
                bool logicalStart = buffer.Length == 0;
                string text = raw.Substring(lead) + (hasNewline ? "\n" : string.Empty);
                var lineUses = new List<EximMacroUse>();
                string expanded = Expand(text, logicalStart, physical, out bool found, out bool builtin, lineUses);
                if (_stop) break;
                int ss = SkipSpace(expanded, 0);
                if (ss < expanded.Length && expanded[ss] == '#') continue;

                if (ss < expanded.Length && expanded[ss] == '.')
                {
                    int handled = Conditional(expanded, ss, found, builtin, physical, lead);
                    if (handled != 0)
                    {
                        if (buffer.Length > 0) uncertainty ??= "a directive inside a continued line (exim's handling there is irregular)";
                        continue;
                    }
                    if (_stop) break;
                }
                if (_state != 0) continue;

                if (IsInclude(expanded, ss, out bool ifExists, out int pathStart))
                {
                    if (buffer.Length > 0) uncertainty ??= "an .include inside a continued line";
                    EximSource? included = Include(expanded, pathStart, ifExists, physical, lead, stack.Count);
                    if (_stop) break;
                    if (included != null)
                    {
                        stack.Add(new Frame(included));
                        _result.Files.Add(included.Path);
                    }
                    continue;
                }

                if (logicalStart)
                {
                    logicalOrigin = physical;
                    logicalColumn = lead + 1;
                }
                uses.AddRange(lineUses);
                buffer.Append(expanded, ss, expanded.Length - ss);
                int len = buffer.Length;
                while (len > 0 && IsSpace(buffer[len - 1])) len--;
                buffer.Length = len;
                if (len > MaxLogicalLine)
                {
                    Unknowable(physical, lead, "a logical line longer than " + MaxLogicalLine.ToString(CultureInfo.InvariantCulture) + " characters");
                    break;
                }
                if (len == 0) continue;
                if (buffer[len - 1] == '\\')
                {
                    buffer.Length = len - 1;
                    continue;
                }
                Logical(new EximLogicalLine(buffer.ToString(), logicalOrigin!, logicalColumn, uses, uncertainty));
                buffer.Clear();
                uses = new List<EximMacroUse>();
                uncertainty = null;
            }

            if (_stop) return;
            if (buffer.Length > 0 && logicalOrigin != null)
            {
                Logical(new EximLogicalLine(buffer.ToString(), logicalOrigin, logicalColumn, uses, uncertainty));
            }
            if (!_stop && _conditions.Count > 0)
            {
                EximSourceLine? last = LastLine(root);
                Report(EximConfigurationDescriptors.MissingEndif, last, 1);
            }
        }

        private static EximSourceLine? LastLine(EximSource root) => root.Lines.Count == 0 ? null : root.Lines[root.Lines.Count - 1];

        // Returns 1 when the line was a conditional (handled or ignored), 0 when it is no conditional at all.
        private int Conditional(string line, int ss, bool found, bool builtin, EximSourceLine physical, int lead)
        {
            for (int i = 0; i < ConditionalNames.Length; i++)
            {
                string name = ConditionalNames[i];
                if (string.CompareOrdinal(line, ss + 1, name, 0, name.Length) != 0) continue;
                int after = ss + 1 + name.Length;
                char n = after < line.Length ? line[after] : '\0';
                // exim 4.96 accepts a blank, a newline, the end, or (a typo in its source for '\t') the letter t; anything
                // else (a tab, a CR of a CRLF line) makes it skip the line without acting on it.
                if (n != ' ' && n != 't' && n != '\n' && n != '\0')
                {
                    Report(EximConfigurationDescriptors.IgnoredDirective, physical, lead + 1, name, Describe(n));
                    return 1;
                }
                bool negate = i == 1 || i == 3;
                bool truth = negate ? !found : found;
                switch (i)
                {
                    case 0:
                    case 1:
                        if (_conditions.Count >= MaxConditionalDepth)
                        {
                            Report(EximConfigurationDescriptors.ConditionalTooDeep, physical, lead + 1, name);
                            return 1;
                        }
                        _conditions.Add(_state);
                        _state = _state == 0 ? (truth ? 0 : 1) : 2;
                        break;
                    case 2:
                    case 3:
                    case 4:
                        if (_conditions.Count == 0)
                        {
                            Report(EximConfigurationDescriptors.UnmatchedConditional, physical, lead + 1, name);
                            return 1;
                        }
                        if (i == 4) _state = _state == 1 ? 0 : 2;
                        else _state = _state == 1 ? (truth ? 0 : 1) : 2;
                        break;
                    default:
                        if (_conditions.Count == 0)
                        {
                            Report(EximConfigurationDescriptors.UnmatchedConditional, physical, lead + 1, "endif");
                            return 1;
                        }
                        _state = _conditions[_conditions.Count - 1];
                        _conditions.RemoveAt(_conditions.Count - 1);
                        break;
                }
                return 1;
            }
            return 0;
        }

        private static string Describe(char c) => c == '\t' ? "a tab" : c == '\r' ? "a carriage return (CRLF line end)" : "'" + c + "'";

        private static bool IsInclude(string line, int ss, out bool ifExists, out int pathStart)
        {
            ifExists = false;
            pathStart = 0;
            if (string.CompareOrdinal(line, ss, ".include", 0, 8) != 0) return false;
            if (ss + 8 < line.Length && IsSpace(line[ss + 8]))
            {
                pathStart = ss + 9;
                return true;
            }
            if (string.CompareOrdinal(line, ss + 8, "_if_exists", 0, 10) == 0 && ss + 18 < line.Length && IsSpace(line[ss + 18]))
            {
                ifExists = true;
                pathStart = ss + 19;
                return true;
            }
            return false;
        }

        private EximSource? Include(string line, int pathStart, bool ifExists, EximSourceLine physical, int lead, int depth)
        {
            int start = SkipSpace(line, Math.Min(pathStart, line.Length));
            int end = line.Length;
            while (end > start && IsSpace(line[end - 1])) end--;
            if (end - start >= 2 && line[start] == '"' && line[end - 1] == '"')
            {
                start++;
                end--;
            }
            string path = line.Substring(start, end - start);
            if (!path.StartsWith("/", StringComparison.Ordinal))
            {
                if (ifExists)
                {
                    Report(EximConfigurationDescriptors.IncludeNotAbsolute, physical, lead + 1, path);
                    return null;
                }
                path = _configDirectory.TrimEnd('/') + "/" + path;
            }
            if (_include == null)
            {
                // A document read alone: the include is noted and reading goes on.
                Report(EximConfigurationDescriptors.IncludeNotRead, physical, lead + 1, path);
                return null;
            }
            if (depth > MaxIncludeDepth)
            {
                Unknowable(physical, lead, "includes nested more than " + MaxIncludeDepth.ToString(CultureInfo.InvariantCulture) + " deep");
                return null;
            }
            EximIncludeResult found = _include(path);
            switch (found.Status)
            {
                case EximIncludeStatus.Found:
                    return found.Source;
                case EximIncludeStatus.Missing:
                    if (!ifExists) Report(EximConfigurationDescriptors.IncludeNotOpened, physical, lead + 1, path);
                    return null;
                default:
                    Unknowable(physical, lead, "the included file " + path + " (" + found.Reason + ")");
                    return null;
            }
        }

        // Substitutes macros in one physical line (from its first non-blank character) as exim does: each macro in the
        // order of definition replaces every occurrence of its name, searched as a plain substring from the first
        // candidate character on; a replacement is not rescanned for the same macro, but later macros see it.
        private string Expand(string text, bool logicalStart, EximSourceLine physical, out bool found, out bool builtin, List<EximMacroUse> uses)
        {
            found = false;
            builtin = false;
            int s = 0;
            if (logicalStart && text.Length > 0 && IsUpper(text[0]))
            {
                int k = 0;
                while (k < text.Length && (IsAlnum(text[k]) || text[k] == '_')) k++;
                k = SkipSpace(text, k);
                if (k < text.Length && text[k] == '=') s = k;
            }
            s = SkipToCandidate(text, s);
            if (s >= text.Length) return text;
            // A line whose first candidate is "_X" is also matched against exim's built-in macros, before the user's.
            builtin = text[s] == '_';
            string current = text;
            if (builtin && !SubstituteAll(Builtins, ref current, s, physical, ref found, uses)) return current;
            SubstituteAll(_result.Macros, ref current, s, physical, ref found, uses);
            return current;
        }

        private bool SubstituteAll(List<EximMacroState> macros, ref string current, int s, EximSourceLine physical, ref bool found, List<EximMacroUse> uses)
        {
            foreach (EximMacroState m in macros)
            {
                int p = current.IndexOf(m.Name, s, StringComparison.Ordinal);
                if (p < 0) continue;
                var sb = new StringBuilder(current.Length + m.Value.Length);
                int copied = 0;
                while (p >= 0)
                {
                    sb.Append(current, copied, p - copied).Append(m.Value);
                    copied = p + m.Name.Length;
                    found = true;
                    uses.Add(new EximMacroUse(m.Name, m.Value, m.Origin, m.Column));
                    if (!Charge(m.Value.Length + 16)) return false;
                    p = current.IndexOf(m.Name, copied, StringComparison.Ordinal);
                }
                sb.Append(current, copied, current.Length - copied);
                current = sb.ToString();
                if (current.Length > MaxLogicalLine)
                {
                    Unknowable(physical, 0, "macro substitution that grows a line past " + MaxLogicalLine.ToString(CultureInfo.InvariantCulture) + " characters");
                    return false;
                }
                if (!Charge(current.Length)) return false;
            }
            return true;
        }

        private static readonly List<EximMacroState> Builtins = ParseBuiltins();

        private static List<EximMacroState> ParseBuiltins()
        {
            var list = new List<EximMacroState>();
            var origin = new EximSourceLine(string.Empty, true, "exim (built-in macros)", 0, 0);
            foreach (string line in EximBuiltinMacros.Text.Split('\n'))
            {
                int eq = line.IndexOf('=');
                if (eq > 0) list.Add(new EximMacroState(line.Substring(0, eq), line.Substring(eq + 1), origin, 1));
            }
            return list;
        }

        private static int SkipToCandidate(string text, int s)
        {
            while (s < text.Length && !IsUpper(text[s]) && !(text[s] == '_' && s + 1 < text.Length && IsUpper(text[s + 1]))) s++;
            return s;
        }

        private void Logical(EximLogicalLine line)
        {
            string s = line.Text;
            if (ReferenceEquals(line.Origin, _firstLine) && (s.StartsWith("\uFEFF", StringComparison.Ordinal) || s.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal)))
            {
                Report(EximConfigurationDescriptors.ByteOrderMark, line.Origin, line.Column);
                return;
            }
            if (s.Length > 0 && IsUpper(s[0]))
            {
                MacroDefinition(line);
                return;
            }
            if (!_inMain) return;
            if (IsBegin(s))
            {
                _inMain = false;
                if (_mainOnly) _stop = true;
                return;
            }
            _result.MainLines.Add(line);
            MainOption(line);
        }

        internal static bool IsBegin(string s) =>
            s.Length > 5 && string.Compare(s, 0, "begin", 0, 5, StringComparison.OrdinalIgnoreCase) == 0 && IsSpace(s[5]);

        private void MacroDefinition(EximLogicalLine line)
        {
            string s = line.Text;
            int k = 0;
            while (k < s.Length && (IsAlnum(s[k]) || s[k] == '_')) k++;
            string name = s.Substring(0, k);
            if (name.Length > MaxMacroNameLength)
            {
                Report(EximConfigurationDescriptors.MacroNameTooLong, line.Origin, line.Column, MaxMacroNameLength);
                return;
            }
            k = SkipSpace(s, k);
            if (k >= s.Length || s[k] != '=')
            {
                // In the later sections such a line belongs to the section's own reader, which this reader does not model.
                if (_inMain) Report(EximConfigurationDescriptors.MalformedMacro, line.Origin, line.Column);
                return;
            }
            bool redefine = k + 1 < s.Length && s[k + 1] == '=';
            k = SkipSpace(s, k + (redefine ? 2 : 1));
            string value = s.Substring(k);
            EximMacroState? existing = _result.Macros.Find(m => m.Name == name);
            if (existing != null)
            {
                if (!redefine)
                {
                    Report(EximConfigurationDescriptors.MacroAlreadyDefined, line.Origin, line.Column, name);
                    return;
                }
                existing.Value = value;
                existing.Origin = line.Origin;
                existing.Column = line.Column;
                return;
            }
            if (redefine)
            {
                Report(EximConfigurationDescriptors.MacroRedefinedUndefined, line.Origin, line.Column, name);
                return;
            }
            foreach (EximMacroState m in _result.Macros)
            {
                if (name.IndexOf(m.Name, StringComparison.Ordinal) >= 0)
                {
                    Report(EximConfigurationDescriptors.MacroSubstring, line.Origin, line.Column, name, m.Name);
                    return;
                }
            }
            _result.Macros.Add(new EximMacroState(name, value, line.Origin, line.Column));
        }

        private void MainOption(EximLogicalLine line)
        {
            string s = line.Text;
            bool hidden = false;
            int k = 0;
            if (s.Length > 4 && string.CompareOrdinal(s, 0, "hide", 0, 4) == 0 && IsSpace(s[4]))
            {
                hidden = true;
                k = SkipSpace(s, 5);
            }
            foreach (string list in new[] { "domainlist", "hostlist", "addresslist", "localpartlist" })
            {
                if (string.CompareOrdinal(s, k, list, 0, list.Length) == 0) return;
            }
            int nameStart = k;
            while (k < s.Length && (IsAlnum(s[k]) || s[k] == '_')) k++;
            if (k == nameStart)
            {
                Report(EximConfigurationDescriptors.OptionExpected, line.Origin, line.Column, s);
                return;
            }
            string written = s.Substring(nameStart, k - nameStart);
            string name = written;
            bool negated = false;
            if (!StringOptions.Contains(name) && !BooleanOptions.Contains(name) && name != "daemon_smtp_port")
            {
                if (name.StartsWith("no_", StringComparison.Ordinal)) { name = name.Substring(3); negated = true; }
                else if (name.StartsWith("not_", StringComparison.Ordinal)) { name = name.Substring(4); negated = true; }
            }
            string setKey = name;
            if (name == "daemon_smtp_port") name = "daemon_smtp_ports";
            if (!_setOptions.Add(setKey))
            {
                Report(EximConfigurationDescriptors.OptionSetTwice, line.Origin, line.Column, setKey);
                return;
            }
            int rest = SkipSpace(s, k);
            string? value;
            if (BooleanOptions.Contains(name))
            {
                if (!Boolean(s, rest, written, negated, line, out value)) return;
            }
            else if (StringOptions.Contains(name))
            {
                if (rest >= s.Length)
                {
                    Report(EximConfigurationDescriptors.DataMissing, line.Origin, line.Column, written);
                    return;
                }
                if (s[rest] != '=')
                {
                    Report(EximConfigurationDescriptors.EqualsMissing, line.Origin, line.Column, written);
                    return;
                }
                value = StringValue(s, SkipSpace(s, rest + 1), line, out string? problem);
                if (problem != null)
                {
                    _result.Unknowable ??= problem;
                }
            }
            else
            {
                value = rest < s.Length && s[rest] == '=' ? s.Substring(SkipSpace(s, rest + 1)) : negated ? "false" : rest >= s.Length ? "true" : null;
            }
            _result.Options[name] = new EximOptionRecord(name, written, hidden, negated, value, line);
        }

        private bool Boolean(string s, int rest, string written, bool negated, EximLogicalLine line, out string? value)
        {
            value = negated ? "false" : "true";
            if (rest >= s.Length) return true;
            if (negated || s[rest] != '=')
            {
                Report(EximConfigurationDescriptors.ExtraAfterBoolean, line.Origin, line.Column, written);
                return false;
            }
            int w = SkipSpace(s, rest + 1);
            int e = w;
            while (e < s.Length && (IsAlnum(s[e]) || s[e] == '_')) e++;
            string word = s.Substring(w, e - w);
            if (SkipSpace(s, e) < s.Length)
            {
                Report(EximConfigurationDescriptors.ExtraAfterBooleanWord, line.Origin, line.Column, word, written);
                return false;
            }
            if (word.Length == 0) return true;
            string lower = word.ToLowerInvariant();
            if (lower == "true" || lower == "yes") value = "true";
            else if (lower == "false" || lower == "no") value = "false";
            else
            {
                Report(EximConfigurationDescriptors.NotABooleanValue, line.Origin, line.Column, word, written);
                return false;
            }
            return true;
        }

        // A string value: the rest of the line, or a double-quoted string with exim's escapes.
        private static string StringValue(string s, int start, EximLogicalLine line, out string? problem)
        {
            problem = null;
            if (start >= s.Length || s[start] != '"') return s.Substring(start);
            var sb = new StringBuilder();
            int i = start + 1;
            while (i < s.Length && s[i] != '"')
            {
                char c = s[i];
                if (c == '\\' && i + 1 < s.Length)
                {
                    i++;
                    c = s[i];
                    switch (c)
                    {
                        case 'n': sb.Append('\n'); i++; continue;
                        case 't': sb.Append('\t'); i++; continue;
                        case 'r': sb.Append('\r'); i++; continue;
                        case 'b': sb.Append('\b'); i++; continue;
                        case 'f': sb.Append('\f'); i++; continue;
                        case 'v': sb.Append('\v'); i++; continue;
                        case 'x':
                        {
                            int v = 0, d = 0;
                            i++;
                            while (d < 2 && i < s.Length && Uri.IsHexDigit(s[i])) { v = v * 16 + Convert.ToInt32(s[i].ToString(), 16); i++; d++; }
                            sb.Append((char)v);
                            continue;
                        }
                        default:
                            if (c >= '0' && c <= '7')
                            {
                                int v = 0, d = 0;
                                while (d < 3 && i < s.Length && s[i] >= '0' && s[i] <= '7') { v = v * 8 + (s[i] - '0'); i++; d++; }
                                sb.Append((char)v);
                                continue;
                            }
                            sb.Append(c);
                            i++;
                            continue;
                    }
                }
                sb.Append(c);
                i++;
            }
            if (i >= s.Length || SkipSpace(s, i + 1) < s.Length)
            {
                problem = "a quoted value at " + line.Origin.File + " line " + line.Origin.Line.ToString(CultureInfo.InvariantCulture) + " that this reader does not model exactly";
            }
            return sb.ToString();
        }

        private bool Charge(long amount)
        {
            _work += amount;
            if (_work <= MaxWork) return true;
            if (!_stop)
            {
                _result.Unknowable ??= "the configuration needs more than " + MaxWork.ToString(CultureInfo.InvariantCulture) + " characters of macro substitution";
                _stop = true;
            }
            return false;
        }

        private void Unknowable(EximSourceLine at, int lead, string what)
        {
            // Past the main section the options this reader reports are settled: what follows cannot change them.
            if (_inMain) _result.Unknowable ??= what + " at " + at.File + " line " + at.Line.ToString(CultureInfo.InvariantCulture);
            Report(EximConfigurationDescriptors.NotStatic, at, lead + 1, what);
            _stop = true;
        }

        // One diagnostic from the table, at a column of a physical line (of whichever file it came from).
        private void Report(DiagnosticDescriptor descriptor, EximSourceLine? at, int column, params object?[] args)
        {
            _result.Diagnostics.Add(new Diagnostic(descriptor.Code, descriptor.Severity, descriptor.Format(args),
                at == null ? null : FileOf(at), at?.Line ?? 1, column, (at?.Offset ?? 0) + column - 1));
            if (descriptor.Severity != DiagnosticSeverity.Error) return;
            _result.HasErrors = true;
            // exim dies at the first error: nothing after it is read.
            _stop = true;
        }

        private static string? FileOf(EximSourceLine line) => line.File.Length == 0 ? null : line.File;

        internal static bool IsSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');

        internal static bool IsUpper(char c) => c >= 'A' && c <= 'Z';

        internal static bool IsAlnum(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        internal static int SkipSpace(string s, int i)
        {
            while (i < s.Length && IsSpace(s[i])) i++;
            return i;
        }
    }
}
