using System.Collections.Generic;

namespace MailConfigKit.Text
{
    /// <summary>
    /// Maps 0-based offsets to 1-based line and column (UTF-16 code units) and back. A line ends after each <c>\n</c>
    /// (a CR stays part of its line, as Postfix and sh read it). <see cref="ConfigDocument.LineMap"/> builds one per
    /// text, lazily, and drops it when an edit changes the text: every diagnostic and position query shares it.
    /// </summary>
    internal sealed class LinePositions
    {
        private readonly string _text;
        private readonly List<int> _starts = new List<int> { 0 };

        public LinePositions(string text)
        {
            _text = text;
            int i = text.IndexOf('\n');
            while (i >= 0)
            {
                _starts.Add(i + 1);
                i = text.IndexOf('\n', i + 1);
            }
        }

        /// <summary>Lines that start in the text, an empty one after a final newline included.</summary>
        public int Count => _starts.Count;

        /// <summary>Offset of the start of a 1-based line.</summary>
        public int StartOf(int line) => _starts[line - 1];

        /// <summary>Offset of the end of a 1-based line: its <c>\n</c>, or the end of the text for the last line.</summary>
        public int EndOf(int line) => line < _starts.Count ? _starts[line] - 1 : _text.Length;

        /// <summary>The 1-based line and column of a 0-based offset.</summary>
        public void Locate(int offset, out int line, out int column)
        {
            int index = _starts.BinarySearch(offset);
            if (index < 0) index = ~index - 1;
            line = index + 1;
            column = offset - _starts[index] + 1;
        }

        /// <summary>The text of a 1-based line without its line ending (LF, and any CRs before it); empty past the last line.</summary>
        public string TextOf(int line)
        {
            if (line < 1 || line > _starts.Count) return string.Empty;
            int start = _starts[line - 1];
            int end = EndOf(line);
            return _text.Substring(start, end - start).TrimEnd('\r');
        }
    }
}
