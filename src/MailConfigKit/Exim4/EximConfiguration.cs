using System;
using System.Collections.Generic;
using MailConfigKit.IO;
using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// exim's runtime configuration file (a hand-written <c>/etc/exim4/exim4.conf</c>, Debian's template, a <c>conf.d/</c>
    /// part, <c>exim4.conf.localmacros</c>, an included file) as a lossless document: main-section option settings
    /// (<c>name = value</c>, bare and <c>no_</c>/<c>not_</c> booleans, <c>hide</c>), macro definitions (<c>=</c> and
    /// <c>==</c>), <c>.include</c>/<c>.include_if_exists</c>, conditionals, continuation lines and comments; the later
    /// sections are kept verbatim. <see cref="ConfigDocument.ToString"/> gives the text back exactly, parsing never throws,
    /// and <see cref="Diagnostics"/> says what exim would say reading this file alone (exim 4.96, checked against it).
    /// </summary>
    public sealed partial class EximConfiguration : ConfigDocument
    {
        private EximDocumentModel _model;
        private IReadOnlyList<Diagnostic>? _diagnostics;

        private EximConfiguration(string text, string? filePath, DocumentEncoding encoding)
            : base(text, filePath, encoding)
        {
            _model = EximDocumentModel.Build(text);
        }

        /// <summary>Parses the file's text. Never throws on any input; problems are in <see cref="Diagnostics"/>.</summary>
        public static EximConfiguration Parse(string text) => Parse(text, null);

        /// <summary>Parses the file's text, naming the file for diagnostics (and as the folder relative includes start from).</summary>
        public static EximConfiguration Parse(string text, string? filePath)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            return new EximConfiguration(text, filePath, DocumentEncoding.Utf8);
        }

        /// <summary>Loads the file keeping every byte (invalid UTF-8, a byte order mark, CRLF, no final newline).</summary>
        public static EximConfiguration Load(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            return FromBytes(AtomicFile.ReadAllBytes(path), path);
        }

        /// <summary>Parses the bytes of the file exactly as <see cref="Load(string)"/> does with a file's content.</summary>
        public static EximConfiguration FromBytes(byte[] bytes, string? filePath)
        {
            string text = TextCodec.Decode(bytes, out DocumentEncoding encoding);
            return new EximConfiguration(text, filePath, encoding);
        }

        /// <summary>Every logical line, in file order (continuations joined; macros not substituted, conditionals not resolved).</summary>
        public IReadOnlyList<EximStatement> Statements
        {
            get
            {
                var positions = new LinePositions(Text);
                var list = new List<EximStatement>();
                foreach (EximModelStatement st in _model.Statements)
                {
                    EximPhysicalLine first = _model.Lines[st.Lines[0]];
                    positions.Locate(first.Start, out int line, out _);
                    list.Add(new EximStatement(st.Kind, st.Section, st.Name, st.WrittenName, st.Value, st.Negated, st.Hidden, st.Redefinition, line,
                        first.Lead + 1, st.Lines[st.Lines.Count - 1] - st.Lines[0] + 1, st.Joined));
                }
                return list;
            }
        }

        /// <summary>
        /// The raw value of the last main-section setting of option <paramref name="name"/> as written (macros not
        /// substituted, every conditional branch counted): the text after <c>=</c>, <c>true</c> for a bare boolean,
        /// <c>false</c> for <c>no_name</c>/<c>not_name</c>. Null when the file does not set it. What exim really uses is
        /// <see cref="EximEffectiveConfiguration"/>.
        /// </summary>
        public string? GetValue(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            EximModelStatement? st = LastOption(name);
            if (st == null) return null;
            if (st.Negated) return "false";
            return st.Value ?? "true";
        }

        /// <summary>The raw value of the last definition of macro <paramref name="name"/>, or null.</summary>
        public string? GetMacro(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            EximModelStatement? last = null;
            foreach (EximModelStatement st in _model.Statements)
            {
                if (st.Kind == EximStatementKind.MacroDefinition && st.Name == name) last = st;
            }
            return last?.Value;
        }

        /// <summary>Whether the main section sets option <paramref name="name"/> (in any form, in any conditional branch).</summary>
        public bool Contains(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            return LastOption(name) != null;
        }

        /// <summary>
        /// What exim would say reading this file alone (included files are not read; conditionals and macros are
        /// resolved as exim does): the first error exim stops on, and warnings (directives exim silently ignores,
        /// lines whose effect cannot be known statically). Each has a stable code, the file, a 1-based line and column.
        /// </summary>
        public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics ??= ComputeDiagnostics();

        /// <summary>Whether exim would refuse this file.</summary>
        public bool HasErrors
        {
            get
            {
                foreach (Diagnostic d in Diagnostics)
                {
                    if (d.Severity == DiagnosticSeverity.Error) return true;
                }
                return false;
            }
        }

        private IReadOnlyList<Diagnostic> ComputeDiagnostics()
        {
            EximSource source = EximSource.FromText(FilePath ?? string.Empty, Text);
            return EximConfigReader.Read(source, null).Diagnostics;
        }

        private EximModelStatement? LastOption(string name)
        {
            EximModelStatement? last = null;
            foreach (EximModelStatement st in _model.Statements)
            {
                if (st.Kind == EximStatementKind.OptionSetting && st.Name == name) last = st;
            }
            return last;
        }

        internal EximDocumentModel Model => _model;

        private void Replace(string newText, EximDocumentModel model)
        {
            SetText(newText);
            _model = model;
            _diagnostics = null;
        }
    }
}
