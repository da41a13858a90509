using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace MailConfigKit.Host
{
    /// <summary>
    /// A read-only view of <c>/etc/hosts</c>: which addresses a name maps to, with the line that says so. Postfix
    /// resolves <c>inet_interfaces = localhost</c> through it, which is how <c>::1</c> gets in on Debian.
    /// </summary>
    public sealed class HostsFile
    {
        private readonly List<HostsEntry> _entries;

        private HostsFile(string path, List<HostsEntry> entries)
        {
            Path = path;
            _entries = entries;
        }

        /// <summary>The file's path (relative to the host root).</summary>
        public string Path { get; }

        /// <summary>Every address line, in file order.</summary>
        public IReadOnlyList<HostsEntry> Entries => _entries;

        /// <summary>Parses hosts-file text; never throws (lines that are not <c>address name…</c> are ignored, as glibc does).</summary>
        public static HostsFile Parse(string text, string path)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var entries = new List<HostsEntry>();
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int hash = line.IndexOf('#');
                if (hash >= 0) line = line.Substring(0, hash);
                string[] fields = line.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || !IPAddress.TryParse(fields[0], out IPAddress? address) || fields[0].IndexOf('%') >= 0) continue;
                entries.Add(new HostsEntry(address, fields.Skip(1).ToList(), i + 1, lines[i].TrimEnd('\r')));
            }
            return new HostsFile(path, entries);
        }

        /// <summary>The entries that name <paramref name="name"/> (case-insensitive, as the resolver compares host names).</summary>
        public IReadOnlyList<HostsEntry> Lookup(string name) =>
            _entries.Where(e => e.Names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))).ToList();

        /// <summary><c>path (n entries)</c>.</summary>
        public override string ToString() => Path + " (" + _entries.Count + " entries)";
    }

    /// <summary>One address line of a hosts file.</summary>
    public sealed class HostsEntry
    {
        internal HostsEntry(IPAddress address, IReadOnlyList<string> names, int line, string text)
        {
            Address = address;
            Names = names;
            Line = line;
            Text = text;
        }

        /// <summary>The address.</summary>
        public IPAddress Address { get; }

        /// <summary>The canonical name and the aliases.</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>The 1-based line number.</summary>
        public int Line { get; }

        /// <summary>The line as written.</summary>
        public string Text { get; }

        /// <summary><c>line: text</c>.</summary>
        public override string ToString() => Line + ": " + Text;
    }
}
