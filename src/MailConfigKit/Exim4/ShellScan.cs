using System.Collections.Generic;

namespace MailConfigKit.Exim4
{
    /// <summary>The result of scanning a file: its logical lines, the assignments in order, and the problems seen.</summary>
    internal sealed class ShellScan
    {
        public readonly List<ShellLine> Lines = new List<ShellLine>();
        public readonly List<ShellAssignment> Assignments = new List<ShellAssignment>();
        public readonly List<ScanProblem> Problems = new List<ScanProblem>();

        /// <summary>The first statement whose effect on variables cannot be known, or null.</summary>
        public ShellStatement? FirstShellCode;

        /// <summary>
        /// The compound commands opened (if, case, while, until, for, {) and not yet closed, innermost last: where each
        /// opened, and the word that closes it.
        /// </summary>
        public readonly List<KeyValuePair<int, string>> Open = new List<KeyValuePair<int, string>>();

        /// <summary>Whether a function definition was seen (its braces are on text the scanner skips).</summary>
        public bool SawFunction;

        /// <summary>The effective (last persistent) assignment of a name, or null.</summary>
        public ShellAssignment? FindLast(string name)
        {
            for (int i = Assignments.Count - 1; i >= 0; i--)
            {
                ShellAssignment a = Assignments[i];
                if (a.Persistent && a.Name == name) return a;
            }
            return null;
        }
    }
}
