using System;
using System.Collections.Generic;
using System.IO;
using MailConfigKit.Exim4;
using MailConfigKit.Text;

namespace MailConfigKit.Host
{
    /// <summary>
    /// The kernel command line an image's GRUB configuration asks for: <c>grub-mkconfig</c> sources
    /// <c>etc/default/grub</c> and then each <c>etc/default/grub.d/*.cfg</c> (in name order) with sh, and gives normal boot
    /// entries <c>$GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT</c>. The files are read with Exim4's dash-exact shell
    /// scanner; a value built from earlier variables (<c>"$GRUB_CMDLINE_LINUX ipv6.disable=1"</c>) is expanded when they are
    /// known. Shell code whose effect cannot be known (control flow, command substitution) makes the value unknown: then
    /// nothing is concluded from GRUB, and a note says why. Dash is the oracle (tests source the same files).
    /// </summary>
    internal sealed class GrubDefaults
    {
        public const string DefaultsFile = "etc/default/grub";
        public const string DropInFolder = "etc/default/grub.d";

        public static readonly string[] CommandLineVariables = { "GRUB_CMDLINE_LINUX", "GRUB_CMDLINE_LINUX_DEFAULT" };

        private readonly Dictionary<string, string?> _variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        private readonly Dictionary<string, NetworkProvenance> _assignedAt = new Dictionary<string, NetworkProvenance>(StringComparer.Ordinal);

        private GrubDefaults()
        {
        }

        /// <summary>Whether the image has a GRUB defaults file at all.</summary>
        public bool Present { get; private set; }

        /// <summary>Files read, in order.</summary>
        public List<string> Files { get; } = new List<string>();

        /// <summary>Why a value could not be known.</summary>
        public List<string> Notes { get; } = new List<string>();

        /// <summary>The value sh leaves in <paramref name="name"/>: null when unknowable, empty when unset.</summary>
        public string? Value(string name) => _variables.TryGetValue(name, out string? v) ? v : string.Empty;

        /// <summary>Where <paramref name="name"/> was last assigned, or null when never.</summary>
        public NetworkProvenance? AssignedAt(string name) => _assignedAt.TryGetValue(name, out NetworkProvenance? p) ? p : null;

        public static GrubDefaults Read(MailHost host, List<HostFileStatus> problems)
        {
            var result = new GrubDefaults();
            var files = new List<string>();
            if (host.Probe(DefaultsFile).State != HostFileState.Missing) files.Add(DefaultsFile);
            try
            {
                string dir = host.GetPath(DropInFolder);
                if (Directory.Exists(dir))
                {
                    var names = new List<string>();
                    foreach (string f in Directory.EnumerateFileSystemEntries(dir, "*.cfg")) names.Add(Path.GetFileName(f));
                    // sh expands the glob in the C locale's byte order for ASCII names.
                    names.Sort(StringComparer.Ordinal);
                    foreach (string name in names) files.Add(DropInFolder + "/" + name);
                }
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
                problems.Add(MailHost.Unreadable(DropInFolder, ex));
            }
            result.Present = files.Count > 0;
            foreach (string file in files)
            {
                string? text;
                try
                {
                    text = host.ReadText(file);
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex))
                {
                    problems.Add(MailHost.Unreadable(file, ex));
                    result.MarkUnknown(file + " could not be read");
                    continue;
                }
                // grub-mkconfig tests "-e" before sourcing a drop-in: a dangling link is skipped.
                if (text == null) continue;
                result.Files.Add(file);
                result.Source(file, text);
            }
            return result;
        }

        private void Source(string file, string text)
        {
            ShellScan scan = ShellScanner.Scan(text);
            var positions = new LinePositions(text);
            int stopAt = scan.FirstShellCode?.Start ?? int.MaxValue;
            foreach (ShellAssignment a in scan.Assignments)
            {
                if (a.NameStart >= stopAt) break;
                if (!a.Persistent) continue;
                string? value = a.Value ?? ShellValueExpander.Expand(text.Substring(a.WordStart, a.WordEnd - a.WordStart), _variables);
                _variables[a.Name] = value;
                positions.Locate(a.NameStart, out int line, out _);
                int lineStart = positions.StartOf(line);
                int lineEnd = text.IndexOf('\n', lineStart);
                string lineText = (lineEnd < 0 ? text.Substring(lineStart) : text.Substring(lineStart, lineEnd - lineStart)).TrimEnd('\r');
                _assignedAt[a.Name] = new NetworkProvenance(NetworkStateOrigin.ConfiguredIntent, file, line, lineText);
                if (value == null && Array.IndexOf(CommandLineVariables, a.Name) >= 0)
                    Notes.Add(file + ":" + line + ": " + a.Name + " is computed at run time (a command substitution or an expansion sh cannot be followed through here); GRUB's kernel command line is unknown");
            }
            if (scan.FirstShellCode != null)
            {
                positions.Locate(scan.FirstShellCode.Start, out int line, out _);
                MarkUnknown(file + ":" + line + " runs shell code whose effect on the variables cannot be known");
            }
            if (scan.Problems.Exists(p => p.IsError)) MarkUnknown(file + " has a line sh refuses");
        }

        private void MarkUnknown(string why)
        {
            foreach (string name in CommandLineVariables) _variables[name] = null;
            Notes.Add(why + "; GRUB's kernel command line is unknown");
        }
    }
}
