using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    public sealed partial class EximConfiguration
    {
        private static readonly Regex OptionName = new Regex("^[a-z0-9_]+$", RegexOptions.CultureInvariant);
        private static readonly Regex MacroName = new Regex("^[A-Z][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant);
        // exim 4.96's boolean main options: the names `exim -bP` prints bare or with no_ (EximBooleanOptionsOracleTests
        // compares this list with it). Their values are true/false/yes/no in any case, as exim's readconf accepts.
        internal static readonly HashSet<string> Booleans = new HashSet<string>(StringComparer.Ordinal)
        {
            "accept_8bitmime", "allow_domain_literals", "allow_mx_to_ip", "allow_utf8_domains", "bounce_return_body",
            "bounce_return_message", "check_rfc2047_length", "commandline_checks_require_admin", "debug_store",
            "deliver_drop_privilege", "delivery_date_remove", "disable_ipv6", "dkim_verify_minimal",
            "dns_csa_use_reverse", "drop_cr", "envelope_to_remove", "extract_addresses_remove_arguments",
            "gnutls_allow_auto_pkcs11", "gnutls_compat_mode", "ignore_fromline_local", "local_from_check",
            "local_sender_retain", "log_timezone", "message_body_newlines", "message_logs", "move_frozen_messages",
            "mua_wrapper", "prdr_enable", "preserve_message_logs", "print_topbitchars", "prod_requires_admin",
            "queue_fast_ramp", "queue_list_requires_admin", "queue_only", "queue_only_load_latch",
            "queue_only_override", "queue_run_in_order", "recipients_max_reject", "return_path_remove",
            "smtp_accept_keepalive", "smtp_check_spool_space", "smtp_enforce_sync", "smtp_etrn_serialize",
            "smtp_return_error_details", "split_spool_directory", "spool_wireformat", "strict_acl_vars",
            "strip_excess_angle_brackets", "strip_trailing_dot", "syslog_duplication", "syslog_pid",
            "syslog_timestamp", "tcp_nodelay", "tls_remember_esmtp", "write_rejectlog",
        };

        /// <summary>
        /// Sets main option <paramref name="name"/> to <paramref name="value"/>: every main-section setting of it (in every
        /// conditional branch; exim refuses an option set twice, so only one is ever read) gets the new value, keeping the
        /// name, <c>hide</c>, the spacing around <c>=</c> and the line end; continuation lines of the old value go, comment
        /// lines between them stay. A bare or <c>no_</c> boolean becomes <c>name = value</c>. An option not set is inserted
        /// as <c>name = value</c> at the end of the main section (before the first <c>begin</c>), outside any conditional.
        /// </summary>
        /// <exception cref="ArgumentException">The name is not an option name, or the value would not read back as itself
        /// (a line break or control character, blanks at either end that exim strips, a final backslash that continues the
        /// line, a leading double quote that starts a quoted string, a macro name of this file that exim would substitute,
        /// a boolean that is not true/false/yes/no); the document is unchanged.</exception>
        /// <exception cref="InvalidOperationException">The setting is tangled with a directive inside its continuation, or
        /// the end of the main section is inside an open conditional; the document is unchanged.</exception>
        public void Set(string name, string value)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (value == null) throw new ArgumentNullException(nameof(value));
            if (!OptionName.IsMatch(name) || name == "hide" || name == "begin" || name.StartsWith("no_", StringComparison.Ordinal) || name.StartsWith("not_", StringComparison.Ordinal) || IsListKeyword(name))
            {
                throw new ArgumentException("\"" + name + "\" is not an exim option name (lower-case letters, digits and '_'; no no_/not_ prefix).", nameof(name));
            }
            CheckValue(name, value, isMacro: false);
            if (Booleans.Contains(name))
            {
                string lower = value.ToLowerInvariant();
                if (lower != "true" && lower != "false" && lower != "yes" && lower != "no")
                {
                    throw new ArgumentException("exim accepts only true, false, yes or no for the boolean option " + name + ".", nameof(value));
                }
            }
            string stored = TextCodec.ForDocument(value, Encoding);
            var edits = new List<TextEdit>();
            int found = 0;
            foreach (EximModelStatement st in _model.Statements)
            {
                if (st.Kind != EximStatementKind.OptionSetting || st.Name != name || st.Section != null) continue;
                found++;
                Refuse(st, name);
                EximPhysicalLine first = _model.Lines[st.TextLines[0]];
                if (st.Value == null || st.Negated || st.EqualsAt < 0)
                {
                    edits.Add(new TextEdit(st.NameStart, first.ContentEnd - st.NameStart, name + " = " + stored));
                }
                else if (st.ValueStart >= 0)
                {
                    edits.Add(new TextEdit(st.ValueStart, first.ContentEnd - st.ValueStart, stored));
                }
                else
                {
                    edits.Add(new TextEdit(st.EqualsAt + 1, first.ContentEnd - st.EqualsAt - 1, " " + stored));
                }
                DropContinuations(st, edits);
            }
            if (found == 0)
            {
                edits.Add(Insertion(name + " = " + stored, "set " + name));
            }
            Apply(edits, name, stored, EximStatementKind.OptionSetting, found == 0 ? 1 : 0);
        }

        /// <summary>
        /// Deletes every main-section setting of option <paramref name="name"/> (all its forms, its continuation lines;
        /// comment lines between them stay), so exim uses its default.
        /// </summary>
        /// <returns>True when something was removed.</returns>
        /// <exception cref="InvalidOperationException">A setting is tangled with a directive inside its continuation; the document is unchanged.</exception>
        public bool Remove(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            var edits = new List<TextEdit>();
            foreach (EximModelStatement st in _model.Statements)
            {
                if (st.Kind != EximStatementKind.OptionSetting || st.Name != name || st.Section != null) continue;
                Refuse(st, name);
                DeleteTextLines(st, edits);
            }
            if (edits.Count == 0) return false;
            string removed = TextEdit.Apply(Text, edits);
            Replace(removed, EximDocumentModel.Build(removed));
            return true;
        }

        /// <summary>
        /// Sets macro <paramref name="name"/> to <paramref name="value"/>: every definition of it in the main section (<c>=</c>
        /// and <c>==</c>, in every conditional branch) gets the new value, keeping the rest of its line. A macro not defined
        /// is inserted as <c>NAME = value</c> at the end of the main section, outside any conditional (macros apply to the
        /// lines after their definition: in a local macros file that is everything update-exim4.conf puts after it).
        /// </summary>
        /// <exception cref="ArgumentException">The name is not a macro name (an upper-case letter, then letters, digits and
        /// '_', at most 63), a new name contains an existing macro's name or is contained in one (exim matches names as
        /// substrings), or the value would not read back as itself; the document is unchanged.</exception>
        /// <exception cref="InvalidOperationException">A definition is tangled with a directive inside its continuation, or
        /// the end of the main section is inside an open conditional; the document is unchanged.</exception>
        public void SetMacro(string name, string value)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            if (value == null) throw new ArgumentNullException(nameof(value));
            if (!MacroName.IsMatch(name))
            {
                throw new ArgumentException("\"" + name + "\" is not an exim macro name (an upper-case letter, then letters, digits or '_', at most 63 characters).", nameof(name));
            }
            CheckValue(name, value, isMacro: true);
            string stored = TextCodec.ForDocument(value, Encoding);
            var edits = new List<TextEdit>();
            int found = 0;
            foreach (EximModelStatement st in _model.Statements)
            {
                if (st.Kind != EximStatementKind.MacroDefinition || st.Name != name || st.Section != null) continue;
                found++;
                Refuse(st, name);
                EximPhysicalLine first = _model.Lines[st.TextLines[0]];
                int eqEnd = st.EqualsAt + (st.Redefinition ? 2 : 1);
                // A value starting with '=' glued to the '=' would read as "==": keep a blank between them.
                string lead = stored.StartsWith("=", StringComparison.Ordinal) ? " " : string.Empty;
                if (st.ValueStart >= 0 && (lead.Length == 0 || st.ValueStart > eqEnd))
                {
                    edits.Add(new TextEdit(st.ValueStart, first.ContentEnd - st.ValueStart, stored));
                }
                else
                {
                    edits.Add(new TextEdit(eqEnd, first.ContentEnd - eqEnd, " " + stored));
                }
                DropContinuations(st, edits);
            }
            if (found == 0)
            {
                foreach (EximModelStatement st in _model.Statements)
                {
                    if (st.Kind != EximStatementKind.MacroDefinition) continue;
                    if (name.IndexOf(st.Name, StringComparison.Ordinal) >= 0 || st.Name.IndexOf(name, StringComparison.Ordinal) >= 0)
                    {
                        throw new ArgumentException("exim matches macro names as substrings: \"" + name + "\" and the existing macro \"" + st.Name + "\" contain one another.", nameof(name));
                    }
                }
                edits.Add(Insertion(name + " = " + stored, "define " + name));
            }
            Apply(edits, name, stored, EximStatementKind.MacroDefinition, found == 0 ? 1 : 0);
        }

        /// <summary>Deletes every main-section definition of macro <paramref name="name"/>; lines that use it then keep its name as text.</summary>
        /// <returns>True when something was removed.</returns>
        /// <exception cref="InvalidOperationException">A definition is tangled with a directive inside its continuation; the document is unchanged.</exception>
        public bool RemoveMacro(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            var edits = new List<TextEdit>();
            foreach (EximModelStatement st in _model.Statements)
            {
                if (st.Kind != EximStatementKind.MacroDefinition || st.Name != name || st.Section != null) continue;
                Refuse(st, name);
                DeleteTextLines(st, edits);
            }
            if (edits.Count == 0) return false;
            string newText = TextEdit.Apply(Text, edits);
            Replace(newText, EximDocumentModel.Build(newText));
            return true;
        }

        private static bool IsListKeyword(string name) =>
            name.StartsWith("domainlist", StringComparison.Ordinal) || name.StartsWith("hostlist", StringComparison.Ordinal) ||
            name.StartsWith("addresslist", StringComparison.Ordinal) || name.StartsWith("localpartlist", StringComparison.Ordinal);

        private void CheckValue(string name, string value, bool isMacro)
        {
            foreach (char c in value)
            {
                if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || char.IsSurrogate(c) && !IsPaired(value))
                {
                    throw new ArgumentException("The value for " + name + " holds a line break or a control character: exim would read it as more than one line, or not as written.", nameof(value));
                }
            }
            if (value.Length > 0 && (EximConfigReader.IsSpace(value[0]) || EximConfigReader.IsSpace(value[value.Length - 1])))
            {
                throw new ArgumentException("The value for " + name + " starts or ends with a blank, which exim strips: it would not read back as written.", nameof(value));
            }
            if (value.EndsWith("\\", StringComparison.Ordinal))
            {
                throw new ArgumentException("The value for " + name + " ends with a backslash, which makes exim join the next line to it.", nameof(value));
            }
            if (!isMacro && value.StartsWith("\"", StringComparison.Ordinal))
            {
                throw new ArgumentException("The value for " + name + " starts with a double quote: exim would read a quoted string and interpret its backslashes.", nameof(value));
            }
            foreach (EximModelStatement st in _model.Statements)
            {
                if (st.Kind == EximStatementKind.MacroDefinition && value.IndexOf(st.Name, StringComparison.Ordinal) >= 0)
                {
                    throw new ArgumentException("The value for " + name + " contains \"" + st.Name + "\", a macro this file defines: exim would substitute it.", nameof(value));
                }
            }
        }

        private static bool IsPaired(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]))
                {
                    if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                    i++;
                }
                else if (char.IsLowSurrogate(value[i])) return false;
            }
            return true;
        }

        private void Refuse(EximModelStatement st, string name)
        {
            if (!st.Entangled) return;
            EximPhysicalLine first = _model.Lines[st.Lines[0]];
            var positions = new LinePositions(Text);
            positions.Locate(first.Start, out int line, out _);
            throw new InvalidOperationException("Cannot edit " + name + ": line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                " continues across a directive (.ifdef, .include), where exim's reading is irregular; the file is left unchanged.");
        }

        // The text lines after the first of a statement go (comment lines between them stay).
        private void DropContinuations(EximModelStatement st, List<TextEdit> edits)
        {
            for (int k = 1; k < st.TextLines.Count; k++)
            {
                EximPhysicalLine line = _model.Lines[st.TextLines[k]];
                edits.Add(new TextEdit(line.Start, line.End - line.Start, string.Empty));
            }
            // Blank lines swallowed by a double backslash would now end the statement early: nothing else to do, they stay.
        }

        private void DeleteTextLines(EximModelStatement st, List<TextEdit> edits)
        {
            foreach (int index in st.TextLines)
            {
                EximPhysicalLine line = _model.Lines[index];
                edits.Add(new TextEdit(line.Start, line.End - line.Start, string.Empty));
            }
        }

        // A new line at the end of the main section: in front of the first "begin", or at the end of the file.
        private TextEdit Insertion(string line, string what)
        {
            string newline = NewlineStyle.Detect(Text);
            if (_model.FirstBeginLine >= 0)
            {
                EximPhysicalLine begin = _model.Lines[_model.FirstBeginLine];
                if (begin.Depth != 0) throw new InvalidOperationException("Cannot " + what + ": the main section ends inside a conditional (.ifdef ... begin), so a new line there would not always be read; the file is left unchanged.");
                return new TextEdit(begin.Start, 0, line + newline);
            }
            if (_model.EndDepth != 0) throw new InvalidOperationException("Cannot " + what + ": the file ends inside a conditional (.endif missing), so a new line there would not always be read; the file is left unchanged.");
            // A bare LF ends an unterminated last line even in a CRLF file: exim keeps the CR, and ".endif\r" is no .endif to
            // it (found by the generated-edit differential, seed 26189672).
            string lead = Text.Length > 0 && Text[Text.Length - 1] != '\n' ? "\n" : string.Empty;
            // A last line ending in a backslash would join the new line to it: a blank line ends it first.
            if (_model.OpenAtEnd) lead += newline;
            return new TextEdit(Text.Length, 0, lead + line + newline);
        }

        // Applies the edits and proves them: the new text must have the same statements, in the same kinds and names, with
        // the edited ones (and an inserted one) holding exactly the new value.
        private void Apply(List<TextEdit> edits, string name, string stored, EximStatementKind kind, int added)
        {
            string newText = TextEdit.Apply(Text, edits);
            EximDocumentModel model = EximDocumentModel.Build(newText);
            if (model.Statements.Count != _model.Statements.Count + added || model.EndDepth != _model.EndDepth) throw Unprovable(name);
            int j = 0;
            for (int i = 0; i < model.Statements.Count; i++)
            {
                EximModelStatement now = model.Statements[i];
                bool target = now.Kind == kind && now.Name == name && now.Section == null;
                if (target)
                {
                    if (!string.Equals(now.Value, stored, StringComparison.Ordinal) || now.Negated || now.Entangled) throw Unprovable(name);
                    if (j < _model.Statements.Count && _model.Statements[j].Kind == kind && _model.Statements[j].Name == name) j++;
                    continue;
                }
                if (j >= _model.Statements.Count) throw Unprovable(name);
                EximModelStatement was = _model.Statements[j++];
                if (was.Kind != now.Kind || was.Name != now.Name || !string.Equals(was.Joined, now.Joined, StringComparison.Ordinal) || was.Section != now.Section) throw Unprovable(name);
            }
            if (!string.Equals(newText, Text, StringComparison.Ordinal)) Replace(newText, model);
        }

        private static InvalidOperationException Unprovable(string name) =>
            new InvalidOperationException("Cannot set " + name + ": the file is broken around where the value would go, so exim would not read the edit back as written; the file is left unchanged.");
    }
}
