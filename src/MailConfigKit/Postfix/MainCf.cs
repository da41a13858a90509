using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using MailConfigKit.IO;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// A Postfix <c>main.cf</c> as a lossless document. Every byte of the file belongs to exactly one physical line,
    /// <see cref="ConfigDocument.ToString"/> gives the text back exactly, values are read the way Postfix reads them, and edits touch
    /// only the bytes they must. Parsing never throws; problems are reported in <see cref="Diagnostics"/>.
    /// </summary>
    /// <remarks>See <c>docs/roundtrip.md</c> for which construct owns which line.</remarks>
    public sealed partial class MainCf : ConfigDocument
    {
        private MainCfLine[] _lines;
        private IReadOnlyList<Diagnostic>? _diagnostics;
        private MainCfDefinitions? _definitions;

        private MainCf(string text, string? filePath, DocumentEncoding encoding)
            : base(text, filePath, encoding)
        {
            _lines = MainCfScanner.Scan(text);
        }

        private string? _hostName;

        /// <summary>
        /// The name of the host the file is for, as gethostname() gives it; null (the default) when unknown. When the file
        /// does not set <c>myhostname</c>, Postfix's default for it is that name, and when the name has no dot, a dot and
        /// the file's <c>mydomain</c> expanded once are appended; whatever expands <c>$myhostname</c> expands that text
        /// again. <see cref="Diagnostics"/> works it out the same way: a macro error in it is an error for a name known to
        /// have no dot, and a warning while the name is unknown. Not part of the text.
        /// </summary>
        public string? HostName
        {
            get => _hostName;
            set
            {
                _hostName = value;
                _diagnostics = null;
            }
        }

        /// <summary>Number of physical lines (a last line without final newline counts).</summary>
        public int LineCount => _lines.Length;

        /// <summary>Parses main.cf text. Never throws on any input; problems are in <see cref="Diagnostics"/>.</summary>
        public static MainCf Parse(string text) => Parse(text, null);

        /// <summary>Parses main.cf text, naming the file for diagnostics. Never throws on any input.</summary>
        public static MainCf Parse(string text, string? filePath)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            return new MainCf(text, filePath, DocumentEncoding.Utf8);
        }

        /// <summary>
        /// Loads a main.cf keeping every byte: invalid UTF-8, a byte order mark, CRLF and a missing final newline all
        /// survive <see cref="ConfigDocument.Save(string)"/> unchanged.
        /// </summary>
        public static MainCf Load(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            byte[] bytes = AtomicFile.ReadAllBytes(path);
            return FromBytes(bytes, path);
        }

        /// <summary>Parses the bytes of a main.cf exactly as <see cref="Load(string)"/> does with a file's content.</summary>
        public static MainCf FromBytes(byte[] bytes, string? filePath)
        {
            string text = TextCodec.Decode(bytes, out DocumentEncoding encoding);
            return new MainCf(text, filePath, encoding);
        }

        /// <summary>
        /// The value Postfix uses for <paramref name="name"/>: the last definition, continuation lines joined raw
        /// (comment and blank lines between them skipped), trimmed at both ends, <c>$</c> references unexpanded.
        /// <c>postconf -h</c> prints the same value with whitespace runs collapsed. Null when the file does not set it.
        /// </summary>
        public string? GetValue(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            int line = FindDefinition(name, requireEquals: true);
            return line < 0 ? null : ExtractValue(line);
        }

        /// <summary>Whether the file sets <paramref name="name"/> (an empty value counts: it overrides the default).</summary>
        public bool Contains(string name) => GetValue(name) != null;

        /// <summary>Every definition in file order, overridden ones included.</summary>
        public IReadOnlyList<MainCfParameter> Parameters
        {
            get
            {
                MainCfDefinitions d = Definitions;
                var result = new List<MainCfParameter>(d.Count);
                for (int i = 0; i < _lines.Length; i++)
                {
                    int id = d.IdOfLine[i];
                    if (id < 0) continue;
                    result.Add(new MainCfParameter(d.Names[id], d.ValueAt(i), i + 1, d.LastDefinition[id] == i));
                }
                return result;
            }
        }

        /// <summary>
        /// What Postfix would say about this file: lines it dies on, lines it ignores, duplicates, malformed macros and
        /// values the typed settings know to be fatal. Each has a stable code, the file, and a 1-based line and column.
        /// </summary>
        public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics ??= MainCfDiagnostics.Compute(this);

        /// <summary>Whether any diagnostic is an error (Postfix would refuse the file or die at run time).</summary>
        public bool HasErrors
        {
            get
            {
                foreach (var d in Diagnostics)
                {
                    if (d.Severity == DiagnosticSeverity.Error) return true;
                }
                return false;
            }
        }

        internal MainCfLine[] Lines => _lines;

        /// <summary>The definitions of the current text, worked out on first use (names numbered, values read once).</summary>
        internal MainCfDefinitions Definitions => _definitions ??= new MainCfDefinitions(this);

        internal bool IsDefinition(int line) => _lines[line].Kind == MainCfLineKind.Start && _lines[line].NameLength > 0 && _lines[line].EqualsOffset >= 0;

        internal string NameAt(int line) => Text.Substring(_lines[line].Start, _lines[line].NameLength);

        /// <summary>The last start line whose name is <paramref name="name"/>; with <paramref name="requireEquals"/> only well-formed ones.</summary>
        internal int FindDefinition(string name, bool requireEquals)
        {
            for (int i = _lines.Length - 1; i >= 0; i--)
            {
                ref MainCfLine l = ref _lines[i];
                if (l.Kind != MainCfLineKind.Start || l.NameLength != name.Length || l.NameLength == 0) continue;
                if (requireEquals && l.EqualsOffset < 0) continue;
                if (string.CompareOrdinal(Text, l.Start, name, 0, name.Length) == 0) return i;
            }
            return -1;
        }

        /// <summary>The raw logical value of the definition that starts at <paramref name="startLine"/>.</summary>
        internal string ExtractValue(int startLine)
        {
            int eq = _lines[startLine].EqualsOffset;
            StringBuilder? sb = null;
            string? single = null;
            int singleStart = 0, singleLength = 0;
            for (int i = startLine; i < _lines.Length; i++)
            {
                ref MainCfLine l = ref _lines[i];
                if (i > startLine && l.Kind == MainCfLineKind.Start) break;
                if (l.Owner != startLine) continue;
                int lineEnd = l.Start + l.Length;
                if (eq >= lineEnd) continue; // the '=' comes on a later continuation line
                int from = eq >= l.Start ? eq + 1 : l.Start;
                if (single == null && sb == null)
                {
                    single = Text;
                    singleStart = from;
                    singleLength = lineEnd - from;
                }
                else
                {
                    if (sb == null)
                    {
                        sb = new StringBuilder();
                        sb.Append(Text, singleStart, singleLength);
                    }
                    sb.Append(Text, from, lineEnd - from);
                }
            }
            if (sb != null) return Trim(sb.ToString(), 0, sb.Length);
            return single == null ? string.Empty : Trim(Text, singleStart, singleLength);
        }

        private static string Trim(string s, int start, int length)
        {
            int end = start + length;
            while (start < end && MainCfScanner.IsSpace(s[start])) start++;
            while (end > start && MainCfScanner.IsSpace(s[end - 1])) end--;
            return s.Substring(start, end - start);
        }

        /// <summary>Replaces the text after an edit and rescans it.</summary>
        private void Replace(string newText)
        {
            SetText(newText);
            _lines = MainCfScanner.Scan(newText);
            _diagnostics = null;
            _definitions = null;
        }
    }
}
