using System;
using System.Collections.Generic;
using MailConfigKit.IO;
using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Debian's <c>/etc/exim4/update-exim4.conf.conf</c> as a lossless document. The file is not key-value text:
    /// <c>update-exim4.conf</c> sources it with <c>/bin/sh</c> (dash, <c>set -e -C -f</c>) as root, so values are read
    /// with exact shell word rules, and writes quote so that sourcing gives the value back and runs nothing.
    /// Every byte belongs to exactly one logical line; <see cref="ConfigDocument.ToString"/> gives the text back exactly; parsing
    /// never throws and problems are in <see cref="Diagnostics"/>.
    /// </summary>
    public sealed partial class UpdateExim4Conf : ConfigDocument
    {
        private ShellScan _scan;
        private IReadOnlyList<Diagnostic>? _diagnostics;

        private UpdateExim4Conf(string text, string? filePath, DocumentEncoding encoding)
            : base(text, filePath, encoding)
        {
            _scan = ShellScanner.Scan(text);
        }

        /// <summary>Parses the file's text. Never throws on any input; problems are in <see cref="Diagnostics"/>.</summary>
        public static UpdateExim4Conf Parse(string text) => Parse(text, null);

        /// <summary>Parses the file's text, naming the file for diagnostics. Never throws on any input.</summary>
        public static UpdateExim4Conf Parse(string text, string? filePath)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            return new UpdateExim4Conf(text, filePath, DocumentEncoding.Utf8);
        }

        /// <summary>Loads the file keeping every byte: invalid UTF-8, a byte order mark, CRLF and a missing final newline survive <see cref="ConfigDocument.Save(string)"/>.</summary>
        public static UpdateExim4Conf Load(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            return FromBytes(AtomicFile.ReadAllBytes(path), path);
        }

        /// <summary>Parses the bytes of the file exactly as <see cref="Load(string)"/> does with a file's content.</summary>
        public static UpdateExim4Conf FromBytes(byte[] bytes, string? filePath)
        {
            string text = TextCodec.Decode(bytes, out DocumentEncoding encoding);
            return new UpdateExim4Conf(text, filePath, encoding);
        }

        /// <summary>
        /// Exactly what <c>sh -c 'set -e -f; . FILE'</c> (dash) leaves in the variable: quotes removed, escapes resolved,
        /// the last assignment wins. Null when the file does not set it, when the value is computed at run time
        /// (<c>$VAR</c>, <c>${...}</c>, <c>$(...)</c>, backquotes, a <c>~</c> prefix), or when the file runs shell code
        /// (control flow, builtins, pipes) whose effect on variables cannot be known; <see cref="Diagnostics"/> says which.
        /// </summary>
        public string? GetValue(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (_scan.FirstShellCode != null) return null;
            return _scan.FindLast(name)?.Value;
        }

        /// <summary>Whether the file assigns <paramref name="name"/> (an empty value counts).</summary>
        public bool Contains(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            return _scan.FindLast(name) != null;
        }

        /// <summary>Whether the effective value of <paramref name="name"/> is computed at run time, so <see cref="GetValue"/> returns null.</summary>
        public bool IsComputed(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            ShellAssignment? a = _scan.FindLast(name);
            return _scan.FirstShellCode != null || (a != null && a.Value == null);
        }

        /// <summary>Every assignment sh executes, in file order, overridden ones included.</summary>
        public IReadOnlyList<Exim4Assignment> Assignments
        {
            get
            {
                var last = new Dictionary<string, ShellAssignment>(StringComparer.Ordinal);
                foreach (ShellAssignment a in _scan.Assignments)
                {
                    if (a.Persistent) last[a.Name] = a;
                }
                var result = new List<Exim4Assignment>();
                foreach (ShellAssignment a in _scan.Assignments)
                {
                    if (!a.Persistent) continue;
                    LineMap.Locate(a.NameStart, out int line, out int column);
                    result.Add(new Exim4Assignment(a.Name, a.Value, Text.Substring(a.WordStart, a.WordEnd - a.WordStart), line, column,
                        ReferenceEquals(last[a.Name], a), a.Statement.ExportWord >= 0));
                }
                return result;
            }
        }

        /// <summary>
        /// The lines update-exim4.conf copies into exim's configuration as macros: every line that starts with an
        /// upper-case letter, except <c>CFILEMODE=</c>. They are kept verbatim (sh still runs them too).
        /// </summary>
        public IReadOnlyList<Exim4Macro> Macros => Exim4Macro.Find(Text, LineMap);

        /// <summary>
        /// What sh and update-exim4.conf would say about this file: lines they die on, values computed at run time,
        /// quotes Debian's postinst would break, and local interfaces exim rejects. Each has a stable code, the file,
        /// and a 1-based line and column.
        /// </summary>
        public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics ??= Exim4Diagnostics.Compute(this);

        /// <summary>Whether any diagnostic is an error (update-exim4.conf aborts, or exim refuses to start).</summary>
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

        internal ShellScan Scan => _scan;

        /// <summary>Replaces the text after an edit and rescans it.</summary>
        private void Replace(string newText) => Replace(newText, ShellScanner.Scan(newText));

        private void Replace(string newText, ShellScan scan)
        {
            SetText(newText);
            _scan = scan;
            _diagnostics = null;
        }
    }
}
