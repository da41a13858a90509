using System;
using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    public sealed partial class MainCf
    {
        /// <summary>
        /// Sets a parameter with the semantics of <c>postconf -e 'name = value'</c> and a minimal edit: only the value of
        /// the effective (last) definition is replaced, keeping the name, the spacing around <c>=</c> and the line
        /// ending; its continuation lines go, comment and blank lines between them stay. A parameter that is not set is
        /// appended at the end (after a newline if the file lacks a final one, with the file's CRLF or LF).
        /// The value is trimmed like postconf does.
        /// </summary>
        /// <exception cref="ArgumentException">The name is not a parameter name, or the value contains CR, LF, NUL or a lone surrogate; the document is unchanged.</exception>
        public void Set(string name, string value)
        {
            MainCfNames.Validate(name, nameof(name));
            string v = TextCodec.ForDocument(MainCfNames.ValidateValue(name, value, nameof(value)), Encoding);
            int target = FindDefinition(name, requireEquals: false);
            if (target < 0)
            {
                Append(name, v);
                return;
            }

            var edits = new List<TextEdit>();
            ref MainCfLine start = ref _lines[target];
            int contentEnd = start.Start + start.Length;
            if (start.EqualsOffset >= start.Start && start.EqualsOffset < contentEnd)
            {
                int valueStart = start.EqualsOffset + 1;
                while (valueStart < contentEnd && MainCfScanner.IsSpace(Text[valueStart])) valueStart++;
                int valueEnd = contentEnd;
                while (valueEnd > valueStart && MainCfScanner.IsSpace(Text[valueEnd - 1])) valueEnd--;
                string replacement = v;
                // "name =" with nothing after it: keep the file's "name = value" look rather than writing "name =value".
                bool bareEquals = valueStart == start.EqualsOffset + 1 && valueStart == valueEnd;
                if (bareEquals && v.Length > 0 && start.EqualsOffset > start.Start && MainCfScanner.IsSpace(Text[start.EqualsOffset - 1])) replacement = " " + v;
                if (!(valueEnd - valueStart == replacement.Length && string.CompareOrdinal(Text, valueStart, replacement, 0, replacement.Length) == 0))
                {
                    edits.Add(new TextEdit(valueStart, valueEnd - valueStart, replacement));
                }
            }
            else
            {
                // No '=' on the start line (malformed, or '=' on a continuation): rewrite the line, as postconf -e does.
                int end = contentEnd;
                if (end > start.Start && Text[end - 1] == '\r') end--;
                edits.Add(new TextEdit(start.Start, end - start.Start, FormatLine(name, v)));
            }
            foreach (int c in ContinuationsOf(target)) edits.Add(new TextEdit(_lines[c].Start, _lines[c].FullEnd - _lines[c].Start, string.Empty));
            Apply(edits);
        }

        /// <summary>
        /// Removes every definition of a parameter and its continuation lines, with the semantics of <c>postconf -X</c>.
        /// Comment and blank lines, also those between continuation lines, stay.
        /// </summary>
        /// <returns>True when something was removed.</returns>
        /// <exception cref="ArgumentException">The name is not a parameter name.</exception>
        public bool Remove(string name)
        {
            MainCfNames.Validate(name, nameof(name));
            var edits = new List<TextEdit>();
            foreach (int s in StartLinesNamed(name))
            {
                edits.Add(new TextEdit(_lines[s].Start, _lines[s].FullEnd - _lines[s].Start, string.Empty));
                foreach (int c in ContinuationsOf(s)) edits.Add(new TextEdit(_lines[c].Start, _lines[c].FullEnd - _lines[c].Start, string.Empty));
            }
            return Apply(edits);
        }

        /// <summary>
        /// Comments out every definition of a parameter, with the semantics of <c>postconf -#</c>: a <c>#</c> goes in
        /// front of the start line and of each continuation line; their bytes (a CR included) are kept.
        /// </summary>
        /// <returns>True when something was commented out.</returns>
        /// <exception cref="ArgumentException">The name is not a parameter name.</exception>
        public bool CommentOut(string name)
        {
            MainCfNames.Validate(name, nameof(name));
            var edits = new List<TextEdit>();
            foreach (int s in StartLinesNamed(name))
            {
                edits.Add(new TextEdit(_lines[s].Start, 0, "#"));
                foreach (int c in ContinuationsOf(s)) edits.Add(new TextEdit(_lines[c].Start, 0, "#"));
            }
            return Apply(edits);
        }

        private void Append(string name, string value)
        {
            string nl = NewlineStyle.Detect(Text);
            string prefix = Text.Length > 0 && Text[Text.Length - 1] != '\n' ? nl : string.Empty;
            Apply(new List<TextEdit> { new TextEdit(Text.Length, 0, prefix + FormatLine(name, value) + nl) });
        }

        private static string FormatLine(string name, string value) => value.Length == 0 ? name + " =" : name + " = " + value;

        private bool Apply(List<TextEdit> edits)
        {
            if (edits.Count == 0) return false;
            Replace(TextEdit.Apply(Text, edits));
            return true;
        }

        /// <summary>Start lines whose key is <paramref name="name"/>, malformed ones included (postconf matches on the key only).</summary>
        private List<int> StartLinesNamed(string name)
        {
            var result = new List<int>();
            for (int i = 0; i < _lines.Length; i++)
            {
                ref MainCfLine l = ref _lines[i];
                if (l.Kind == MainCfLineKind.Start && l.NameLength == name.Length && string.CompareOrdinal(Text, l.Start, name, 0, name.Length) == 0) result.Add(i);
            }
            return result;
        }

        private IEnumerable<int> ContinuationsOf(int startLine)
        {
            for (int i = startLine + 1; i < _lines.Length && _lines[i].Kind != MainCfLineKind.Start; i++)
            {
                if (_lines[i].Owner == startLine) yield return i;
            }
        }
    }
}
