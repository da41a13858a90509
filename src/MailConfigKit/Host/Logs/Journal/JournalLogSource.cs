using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using MailConfigKit.IO;

namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>
    /// The systemd journal of a host root, read natively: every <c>*.journal</c> and <c>*.journal~</c> file in
    /// <c>var/log/journal/</c>, <c>run/log/journal/</c> and their subfolders (one per machine id: <c>system.journal</c>,
    /// archived <c>system@....journal</c>, <c>user-1000.journal</c>), interleaved in time order as <c>journalctl</c>
    /// shows them. Streaming: each file is read through a few windows, never whole.
    /// </summary>
    public sealed class JournalLogSource : ILogSource
    {
        private static readonly string[] Roots = { "var/log/journal", "run/log/journal" };

        private readonly string _root;
        private readonly List<string> _notes = new List<string>();
        private readonly List<JournalFile> _readFiles = new List<JournalFile>();

        /// <summary>The journal of the host whose root is <paramref name="hostRoot"/> (<c>/</c>, or an image's root folder).</summary>
        public JournalLogSource(string hostRoot)
        {
            _root = hostRoot ?? throw new ArgumentNullException(nameof(hostRoot));
        }

        /// <summary><c>systemd journal (var/log/journal, run/log/journal)</c> under the root.</summary>
        public string Description => "systemd journal (var/log/journal, run/log/journal) under " + _root;

        /// <summary>What could not be read in the last <see cref="Read"/> or <see cref="ReadEntries"/> (files, damaged parts, unread compression).</summary>
        public IReadOnlyList<string> Notes
        {
            get
            {
                var all = new List<string>(_notes);
                foreach (JournalFile f in _readFiles) all.AddRange(f.Notes);
                return all;
            }
        }

        /// <summary>The journal files found, relative to the host root, in the order they are opened.</summary>
        public IReadOnlyList<string> FindFiles()
        {
            var found = new List<string>();
            var notes = new List<string>();
            Discover(found, notes);
            return found;
        }

        /// <summary>
        /// The records of every entry that has a <c>MESSAGE</c>, in journalctl's order: time from
        /// <c>__REALTIME_TIMESTAMP</c>, host from <c>_HOSTNAME</c>, identifier from <c>SYSLOG_IDENTIFIER</c> (else
        /// <c>_COMM</c>), process id from <c>SYSLOG_PID</c> (else <c>_PID</c>), origin the file and the entry's cursor.
        /// </summary>
        public IEnumerable<LogRecord> Read()
        {
            foreach (JournalEntry e in ReadEntries())
            {
                // One pass over the fields, the first of each name as GetString takes it; the cursor is made when asked for.
                JournalField? messageField = null, identifierField = null, commField = null, syslogPidField = null, pidField = null, hostField = null;
                IReadOnlyList<JournalField> fields = e.Fields;
                for (int k = 0; k < fields.Count; k++)
                {
                    JournalField f = fields[k];
                    switch (f.Name)
                    {
                        case "MESSAGE": messageField ??= f; break;
                        case "SYSLOG_IDENTIFIER": identifierField ??= f; break;
                        case "_COMM": commField ??= f; break;
                        case "SYSLOG_PID": syslogPidField ??= f; break;
                        case "_PID": pidField ??= f; break;
                        case "_HOSTNAME": hostField ??= f; break;
                    }
                }
                string? message = messageField?.Text;
                if (message == null) continue;
                string? identifier = identifierField?.Text ?? commField?.Text;
                int? pid = ParsePid(syslogPidField?.Text) ?? ParsePid(pidField?.Text);
                yield return new LogRecord(e.Realtime, hostField?.Text, identifier, pid, message, LogOrigin.JournalEntry(e));
            }
        }

        /// <summary>
        /// Every readable entry of every journal file, interleaved as journalctl does; <see cref="JournalEntry.FilePath"/>
        /// is relative to the host root.
        /// </summary>
        public IEnumerable<JournalEntry> ReadEntries()
        {
            _notes.Clear();
            _readFiles.Clear();
            var relative = new List<string>();
            Discover(relative, _notes);
            var files = new List<JournalFile>();
            var cache = new JournalCache();
            try
            {
                foreach (string rel in relative)
                {
                    JournalFile? f = TryOpen(rel, cache);
                    if (f == null) continue;
                    files.Add(f);
                    _readFiles.Add(f);
                }
                var counts = new JournalMerge.Counts();
                foreach (JournalEntry e in JournalMerge.Merge(files, counts)) yield return e;
                if (counts.PassedOver > 0)
                {
                    _notes.Add(counts.PassedOver + " entries were passed over: files of different sequence sources interleave, and (as journalctl does) entries that sort behind one already shown are skipped");
                }
            }
            finally
            {
                foreach (JournalFile f in files) f.Dispose();
            }
        }

        /// <summary>The description.</summary>
        public override string ToString() => Description;

        private JournalFile? TryOpen(string relativePath, JournalCache cache)
        {
            try
            {
                // The file's path is resolved inside the root (a link in an image points into the image), and the last
                // component must not turn into a link between resolving and opening.
                string full = RootedPath.Resolve(_root, relativePath);
                return JournalFile.OpenAs(full, relativePath, cache);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is HostPathException || e is UnreadableFileException)
            {
                _notes.Add(relativePath + ": cannot be read (" + e.Message + ")");
                return null;
            }
        }

        private void Discover(List<string> found, List<string> notes)
        {
            foreach (string top in Roots)
            {
                string dir;
                try
                {
                    dir = RootedPath.Resolve(_root, top);
                }
                catch (HostPathException e)
                {
                    notes.Add(top + ": " + e.Message);
                    continue;
                }
                if (!Directory.Exists(dir)) continue;
                AddFiles(dir, top, found, notes);
                string[] subdirs;
                try
                {
                    subdirs = Directory.GetDirectories(dir);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    notes.Add(top + ": cannot be listed (" + e.Message + ")");
                    continue;
                }
                Array.Sort(subdirs, StringComparer.Ordinal);
                foreach (string sub in subdirs)
                {
                    // Listed where the host would see it: a link to a folder is followed inside the root, not out of it.
                    string relative = top + "/" + Path.GetFileName(sub);
                    string resolved;
                    try
                    {
                        resolved = RootedPath.Resolve(_root, relative);
                    }
                    catch (HostPathException e)
                    {
                        notes.Add(relative + ": " + e.Message);
                        continue;
                    }
                    if (Directory.Exists(resolved)) AddFiles(resolved, relative, found, notes);
                }
            }
        }

        private static void AddFiles(string dir, string relativeDir, List<string> found, List<string> notes)
        {
            string[] files;
            try
            {
                files = Directory.GetFiles(dir);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                notes.Add(relativeDir + ": cannot be listed (" + e.Message + ")");
                return;
            }
            var names = files.Select(Path.GetFileName).Where(n => n != null && (n.EndsWith(".journal", StringComparison.Ordinal) || n.EndsWith(".journal~", StringComparison.Ordinal))).ToList();
            names.Sort(StringComparer.Ordinal);
            foreach (string? n in names) found.Add(relativeDir + "/" + n);
        }

        private static int? ParsePid(string? s) =>
            s != null && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : (int?)null;
    }
}
