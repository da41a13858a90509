using System;
using System.Collections.Generic;
using System.Text;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// myhostname's default on a host whose name has no dot, worked out as postconf does (oracle, Postfix 3.7.11): the
    /// host's name, a dot, and the file's <c>mydomain</c> expanded once, while myhostname itself is still undefined
    /// (<c>mydomain = $myhostname</c> gives "vm."; <c>mydomain = a$$$x b</c> gives "vm.a$ b"). That text is a value like
    /// any other: whatever expands <c>$myhostname</c> expands it again, so a <c>$</c> that <c>$$</c> left in it can be
    /// a macro error or a reference, and <c>$$myhostname</c> a cycle.
    /// </summary>
    internal sealed partial class PostfixMacroReferences
    {
        // Postfix's mac_expand gives up past this many nested levels ("unreasonable macro call nesting").
        private const int MaxExpansionLevels = 100;

        // Stands in for a host whose name is not known (no '$', so it changes no reading, only the quoted text).
        private const string UnknownHost = "HOSTNAME";

        private bool _hostNameWorkedOut;
        private string? _hostNameValue;

        /// <summary>
        /// myhostname's default when the file does not set it and the host's name has no dot (or is unknown): the host's
        /// name, a dot and the expanded mydomain; null when that expansion cannot be worked out here.
        /// </summary>
        private string? HostNameDefault()
        {
            if (_hostNameWorkedOut) return _hostNameValue;
            _hostNameWorkedOut = true;
            string host = _doc.HostName ?? UnknownHost;
            int domain = _fileNames.Find("mydomain");
            if (domain < 0)
            {
                // Without mydomain in the file, Postfix takes its fixed fallback "localdomain".
                _hostNameValue = host + ".localdomain";
                return _hostNameValue;
            }
            // The work is bounded by the file's size, whatever the nesting: p1 = $p0$p0, p2 = $p1$p1, ... doubles.
            long budget = Math.Max(1 << 16, 4L * _doc.Text.Length);
            string? expanded = new OnceExpansion(this, budget).Run(domain);
            _hostNameValue = expanded == null ? null : host + "." + expanded;
            return _hostNameValue;
        }

        /// <summary>
        /// Reports a macro error in myhostname's worked-out default at the mydomain line it comes from: fatal when a value
        /// postconf expands refers to $myhostname along the texts taken and the host's name is known to have no dot, else
        /// a warning (postconf scans the default and warns).
        /// </summary>
        public void AddHostNameDiagnostics(List<Diagnostic> list)
        {
            if (!_hostNameNeedsDomain) return;
            int domain = _fileNames.Find("mydomain");
            if (domain < 0) return;
            int id = Id("myhostname", 0, "myhostname".Length);
            Edges(id, out _, out _);
            string? value = _hostNameValue;
            if (value == null) return;
            MacroError? walked = _edgeError[id];
            MacroError? scan = _edgeSkipped[id] ? PostfixMacroSyntax.Walk(value) : walked;
            if (scan == null) return;
            int line = _defs.LastDefinition[domain];
            if (walked != null && IsExpanded(id))
            {
                var descriptor = _doc.HostName != null ? MainCfDescriptors.HostNameMacroFatal : MainCfDescriptors.HostNameMacroIfNoDot;
                MainCfDiagnostics.Add(list, _doc, descriptor, line, 0, walked.Message);
                return;
            }
            MainCfDiagnostics.Add(list, _doc, MainCfDescriptors.HostNameMacroWarning, line, 0, scan.Message);
        }

        /// <summary>
        /// One recursive expansion of a value as mac_expand does it while myhostname's default is worked out (only the
        /// file's names defined, myhostname not among them): references are replaced by their values expanded in turn, <c>$$</c> by <c>$</c>, conditional texts by their expansions when taken. Gives up
        /// (null) on a cycle, past Postfix's nesting limit, on a relational expression or a macro error, or past a budget
        /// of characters; the nesting it recurses through is at most <see cref="MaxExpansionLevels"/> deep.
        /// </summary>
        private sealed class OnceExpansion : IMacroNames, IMacroText
        {
            private readonly PostfixMacroReferences _references;
            private readonly StringBuilder _text = new StringBuilder();
            private readonly List<int> _open = new List<int>();
            private long _budget;
            private bool _failed;

            public OnceExpansion(PostfixMacroReferences references, long budget)
            {
                _references = references;
                _budget = budget;
            }

            public string? Run(int id)
            {
                Expand(id);
                return _failed ? null : _text.ToString();
            }

            private void Expand(int id)
            {
                if (_failed) return;
                if (_open.Count >= MaxExpansionLevels || _open.Contains(id))
                {
                    _failed = true;
                    return;
                }
                string value = _references._defs.EffectiveValue(id);
                if (!Spend(value.Length + 1)) return;
                _open.Add(id);
                MacroError? error = PostfixMacroSyntax.Walk(value, this, true, null, this, out _);
                _open.RemoveAt(_open.Count - 1);
                if (error != null) _failed = true;
            }

            private bool Spend(int cost)
            {
                _budget -= cost;
                if (_budget < 0) _failed = true;
                return !_failed;
            }

            private static bool IsHostName(string value, int start, int length) =>
                length == 10 && string.CompareOrdinal(value, start, "myhostname", 0, 10) == 0;

            // While the default is worked out, only what main.cf sets is defined, and config_directory (oracle: with
            // mydomain = x${smtpd_banner}y${mail_name:u}$config_directory, myhostname is "vm.xyu/etc/postfix"): every
            // built-in default, myhostname's own included, is still undefined and expands to nothing.
            private int DefinedId(string value, int start, int length)
            {
                int id = _references._fileNames.Find(value, start, length);
                return id >= 0 && !IsHostName(value, start, length) ? id : -1;
            }

            private static bool IsConfigDirectory(string value, int start, int length) =>
                length == 16 && string.CompareOrdinal(value, start, "config_directory", 0, 16) == 0;

            public MacroValueState StateOf(string value, int start, int length)
            {
                if (DefinedId(value, start, length) >= 0) return _references.StateOf(value, start, length);
                return IsConfigDirectory(value, start, length) ? MacroValueState.NonEmpty : MacroValueState.Undefined;
            }

            public void Use(string value, int start, int length, int depth)
            {
                if (_failed) return;
                int id = DefinedId(value, start, length);
                // config_directory's text has no '$' and changes no reading of the result: like any default, left out.
                if (id >= 0) Expand(id);
            }

            public void Text(string value, int start, int length)
            {
                if (_failed || !Spend(length)) return;
                _text.Append(value, start, length);
            }

            public void Relational() => _failed = true;
        }
    }
}
