using System;
using System.Collections.Generic;
using MailConfigKit.IO;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// A Postfix <c>master.cf</c> as a lossless document. Lines are classified exactly as for main.cf (Postfix reads
    /// both with <c>readllines()</c>): an entry is a line that starts with a non-blank character plus the whitespace-led
    /// lines after it; comment and blank lines between them stay on their own and belong to no entry. The entry's words
    /// are read the way postconf 3.7 reads them. <see cref="ConfigDocument.ToString"/> gives the text back exactly; parsing never throws.
    /// </summary>
    /// <remarks>See <c>docs/roundtrip.md</c> for which construct owns which line and where edits put their bytes.</remarks>
    public sealed partial class MasterCf : ConfigDocument
    {
        private MainCfLine[] _lines;
        private List<MasterCfEntry>? _entries;
        private IReadOnlyList<MasterCfService>? _services;
        private IReadOnlyList<Diagnostic>? _diagnostics;

        private MasterCf(string text, string? filePath, DocumentEncoding encoding)
            : base(text, filePath, encoding)
        {
            _lines = MainCfScanner.Scan(text);
        }

        /// <summary>Number of physical lines (a last line without final newline counts).</summary>
        public int LineCount => _lines.Length;

        /// <summary>Parses master.cf text. Never throws on any input; problems are in <see cref="Diagnostics"/>.</summary>
        public static MasterCf Parse(string text) => Parse(text, null);

        /// <summary>Parses master.cf text, naming the file for diagnostics. Never throws on any input.</summary>
        public static MasterCf Parse(string text, string? filePath)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            return new MasterCf(text, filePath, DocumentEncoding.Utf8);
        }

        /// <summary>
        /// Loads a master.cf keeping every byte: invalid UTF-8, a byte order mark, CRLF and a missing final newline all
        /// survive <see cref="ConfigDocument.Save(string)"/> unchanged.
        /// </summary>
        public static MasterCf Load(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            return FromBytes(AtomicFile.ReadAllBytes(path), path);
        }

        /// <summary>Parses the bytes of a master.cf exactly as <see cref="Load(string)"/> does with a file's content.</summary>
        public static MasterCf FromBytes(byte[] bytes, string? filePath)
        {
            string text = TextCodec.Decode(bytes, out DocumentEncoding encoding);
            return new MasterCf(text, filePath, encoding);
        }

        /// <summary>
        /// The service entries in file order (what <c>postconf -M</c> lists). An entry with fewer than eight fields is
        /// not a service; it is reported in <see cref="Diagnostics"/> instead.
        /// </summary>
        public IReadOnlyList<MasterCfService> Services => _services ??= BuildServices();

        /// <summary>The first entry with this service name and type, or null.</summary>
        public MasterCfService? FindService(string service, string type)
        {
            if (service == null) throw new ArgumentNullException(nameof(service));
            if (type == null) throw new ArgumentNullException(nameof(type));
            foreach (var s in Services)
            {
                if (s.Name == service && s.Type == type) return s;
            }
            return null;
        }

        /// <summary>
        /// What <c>postconf -P service/type/name</c> reads: the value of the last <c>-o name=value</c> among the entries
        /// with this service name and type (postconf merges duplicate entries into one name space), trimmed, inner
        /// whitespace raw. Null when no such parameter or service.
        /// </summary>
        public string? GetOverride(string service, string type, string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            string? value = null;
            foreach (var s in Named(service, type))
            {
                value = s.GetOverride(name) ?? value;
            }
            return value;
        }

        /// <summary>
        /// The services whose command (eighth field) is <paramref name="command"/>, in file order: <c>smtp</c> finds the
        /// SMTP client entries, which in Debian's default file are both <c>smtp/unix</c> and <c>relay/unix</c>.
        /// </summary>
        public IEnumerable<MasterCfService> ServicesRunningCommand(string command)
        {
            if (command == null) throw new ArgumentNullException(nameof(command));
            var result = new List<MasterCfService>();
            foreach (var s in Services)
            {
                if (s.Command == command) result.Add(s);
            }
            return result;
        }

        /// <summary>
        /// What postconf would say about this file: entries it dies on, braces and <c>-o</c> values it warns about or
        /// ignores, orphan lines, duplicate services. Each has a stable code, the file, and a 1-based line and column.
        /// </summary>
        public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics ??= MasterCfDiagnostics.Compute(this);

        /// <summary>Whether any diagnostic is an error (postconf, and so <c>postfix start</c>, would refuse the file).</summary>
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

        /// <summary>Every entry (a start line and its continuations), services and malformed ones alike.</summary>
        internal List<MasterCfEntry> Entries
        {
            get
            {
                return _entries ??= BuildEntries(Text, _lines);
            }
        }

        /// <summary>Parses every entry of a scanned text (one pass: each line is read by one entry only).</summary>
        private static List<MasterCfEntry> BuildEntries(string text, MainCfLine[] lines)
        {
            var entries = new List<MasterCfEntry>();
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Kind != MainCfLineKind.Start) continue;
                MasterCfEntry entry = MasterCfEntryParser.Parse(MasterCfLogicalLine.Build(text, lines, i));
                entry.Index = entries.Count;
                entries.Add(entry);
            }
            return entries;
        }

        private List<MasterCfService> Named(string service, string type)
        {
            if (service == null) throw new ArgumentNullException(nameof(service));
            if (type == null) throw new ArgumentNullException(nameof(type));
            var result = new List<MasterCfService>();
            foreach (var s in Services)
            {
                if (s.Name == service && s.Type == type) result.Add(s);
            }
            return result;
        }

        private IReadOnlyList<MasterCfService> BuildServices()
        {
            // IsEffective is judged per name space (service/type), across duplicate entries as postconf merges them: the
            // last override of a name in its service/type is effective, so a walk from the end marks each key the first time
            // it meets it. Keys are (service, type, name) without building a string: an entry of glued -o words has an
            // override every ten bytes, and a concatenated key twice per override was most of the cost of such files.
            var entries = new List<MasterCfEntry>();
            foreach (var e in Entries)
            {
                if (e.HasFields) entries.Add(e);
            }
            var seen = new HashSet<(string Service, string Type, string Name)>();
            var effective = new bool[entries.Count][];
            for (int i = entries.Count - 1; i >= 0; i--)
            {
                MasterCfEntry e = entries[i];
                effective[i] = new bool[e.Overrides.Count];
                if (e.Overrides.Count == 0) continue;
                string service = e.Word(0), type = e.Word(1);
                for (int o = e.Overrides.Count - 1; o >= 0; o--) effective[i][o] = seen.Add((service, type, e.Overrides[o].Name));
            }
            var services = new List<MasterCfService>(entries.Count);
            for (int i = 0; i < entries.Count; i++)
            {
                MasterCfEntry e = entries[i];
                var overrides = new List<MasterCfOverride>(e.Overrides.Count);
                for (int o = 0; o < e.Overrides.Count; o++)
                {
                    MasterCfOverrideSource src = e.Overrides[o];
                    int line = e.Logical.LineOf(e.Arguments[src.OptionIndex].Start) + 1;
                    overrides.Add(new MasterCfOverride(src.Name, src.Value, line, effective[i][o], src.Braced));
                }
                services.Add(new MasterCfService(e, i, overrides));
            }
            return services;
        }

        /// <summary>Takes the text of an edit that was checked already, with its scan and entries.</summary>
        private void Replace(string newText, MainCfLine[] lines, List<MasterCfEntry> entries)
        {
            SetText(newText);
            _lines = lines;
            _entries = entries;
            _services = null;
            _diagnostics = null;
        }
    }
}
