using System;
using System.Collections.Generic;
using System.IO;
using MailConfigKit.Postfix;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// What the source kinds share while the log sources of a host are found (<see cref="MailLogs.Discover(MailHost, MainCf)"/>):
    /// the host, main.cf, the sources found so far, the folder listings (each read once) and what could not be read.
    /// </summary>
    internal sealed class LogDiscovery
    {
        // A log folder with more entries than this is a crafted tree: the rest are not looked at.
        private const int MaxEntries = 100000;

        private readonly Dictionary<string, List<string>> _listings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.Ordinal);

        public LogDiscovery(MailHost host, MainCf? mainCf)
        {
            Host = host;
            MainCf = mainCf;
        }

        public MailHost Host { get; }

        public MainCf? MainCf { get; }

        public List<ILogSource> Sources { get; } = new List<ILogSource>();

        public List<string> Notes { get; } = new List<string>();

        public List<HostFileStatus> Unreadable { get; } = new List<HostFileStatus>();

        public void Note(string note)
        {
            if (!Notes.Contains(note)) Notes.Add(note);
        }

        /// <summary>
        /// Adds a file source for the log at <paramref name="relativePath"/> and its rotations; false when nothing is there,
        /// or when another source already reads that file (Postfix's maillog_file may be var/log/mail.log itself).
        /// </summary>
        public bool AddFileLog(string family, string relativePath)
        {
            if (_claimed.Contains(relativePath)) return false;
            List<string> files = LogRotations.Find(this, relativePath);
            if (files.Count == 0) return false;
            _claimed.Add(relativePath);
            Sources.Add(new FileLogSource(Host, family, files));
            return true;
        }

        /// <summary>The names in the folder <paramref name="relativeFolder"/> under the root (read once); empty when it is not there.</summary>
        public List<string> Names(string relativeFolder)
        {
            if (_listings.TryGetValue(relativeFolder, out List<string>? cached)) return cached;
            var names = new List<string>();
            try
            {
                string path = Host.GetPath(relativeFolder);
                if (Directory.Exists(path))
                {
                    foreach (string entry in Directory.EnumerateFileSystemEntries(path))
                    {
                        if (names.Count == MaxEntries)
                        {
                            Note(relativeFolder + " has more than " + MaxEntries + " entries; only the first " + MaxEntries + " were looked at.");
                            break;
                        }
                        names.Add(Path.GetFileName(entry));
                    }
                }
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
                Unreadable.Add(MailHost.Unreadable(relativeFolder, ex));
                Note(ex.Message);
            }
            names.Sort(StringComparer.Ordinal);
            _listings[relativeFolder] = names;
            return names;
        }
    }

    /// <summary>One kind of log source (<c>mail.log</c>, RHEL's <c>maillog</c>, exim's logs, ...): finds its sources on a host.</summary>
    internal interface ILogSourceKind
    {
        /// <summary>Adds the sources of this kind that the host has to <paramref name="discovery"/>.</summary>
        void Discover(LogDiscovery discovery);
    }
}
