using System.Collections.Generic;

namespace MailConfigKit.Text
{
    /// <summary>Maps 0-based offsets to 1-based line and column (UTF-16 code units), built once per query batch.</summary>
    internal sealed class LinePositions
    {
        private readonly List<int> _starts = new List<int> { 0 };

        public LinePositions(string text)
        {
            int i = text.IndexOf('\n');
            while (i >= 0)
            {
                _starts.Add(i + 1);
                i = text.IndexOf('\n', i + 1);
            }
        }

        /// <summary>Offset of the start of a 1-based line.</summary>
        public int StartOf(int line) => _starts[line - 1];

        public void Locate(int offset, out int line, out int column)
        {
            int index = _starts.BinarySearch(offset);
            if (index < 0) index = ~index - 1;
            line = index + 1;
            column = offset - _starts[index] + 1;
        }
    }
}
