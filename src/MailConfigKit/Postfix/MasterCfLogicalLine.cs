using System.Collections.Generic;
using System.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// One master.cf entry as Postfix's <c>readllines()</c> hands it to the parser: the start line and its continuation
    /// lines joined raw (no separator, the LFs dropped, comment and blank lines between them skipped), plus the map from
    /// each character of that joined text back to its offset in the document, so edits land on the right bytes.
    /// </summary>
    internal sealed class MasterCfLogicalLine
    {
        private readonly int[] _segmentLogical;
        private readonly int[] _segmentDoc;
        private readonly int[] _segmentLine;

        private MasterCfLogicalLine(string text, int[] logical, int[] doc, int[] line)
        {
            Text = text;
            _segmentLogical = logical;
            _segmentDoc = doc;
            _segmentLine = line;
        }

        /// <summary>The joined text.</summary>
        public string Text { get; }

        /// <summary>Index of the first physical line (the start line).</summary>
        public int FirstLine => _segmentLine[0];

        /// <summary>Index of the last physical line that belongs to the entry.</summary>
        public int LastLine => _segmentLine[_segmentLine.Length - 1];

        /// <summary>Joins the start line <paramref name="start"/> and its continuation lines.</summary>
        public static MasterCfLogicalLine Build(string text, MainCfLine[] lines, int start)
        {
            var sb = new StringBuilder();
            var logical = new List<int>();
            var doc = new List<int>();
            var owner = new List<int>();
            for (int i = start; i < lines.Length; i++)
            {
                if (i > start && lines[i].Kind == MainCfLineKind.Start) break;
                if (lines[i].Owner != start) continue;
                logical.Add(sb.Length);
                doc.Add(lines[i].Start);
                owner.Add(i);
                sb.Append(text, lines[i].Start, lines[i].Length);
            }
            return new MasterCfLogicalLine(sb.ToString(), logical.ToArray(), doc.ToArray(), owner.ToArray());
        }

        /// <summary>
        /// The document offset of a logical position. At the seam between two physical lines the position is taken as the
        /// end of the earlier line, so an insertion stays on the line of the text before it.
        /// </summary>
        public int ToDocument(int logical)
        {
            int s = SegmentOf(logical);
            return _segmentDoc[s] + logical - _segmentLogical[s];
        }

        /// <summary>The physical line index that holds a logical position (seams count for the earlier line).</summary>
        public int LineOf(int logical) => _segmentLine[SegmentOf(logical)];

        /// <summary>Splits a logical range into one document range per physical line it touches, in order.</summary>
        public List<DocumentRange> ToDocument(int logicalStart, int logicalEnd)
        {
            var result = new List<DocumentRange>();
            // Binary search for the first segment, then only the segments the range covers: an entry of a million
            // lines with many edits must not rescan all of them per edit.
            for (int s = logicalStart >= Text.Length ? _segmentLogical.Length : SegmentAt(logicalStart); s < _segmentLogical.Length; s++)
            {
                int segStart = _segmentLogical[s];
                if (segStart >= logicalEnd) break;
                int segEnd = s + 1 < _segmentLogical.Length ? _segmentLogical[s + 1] : Text.Length;
                int from = System.Math.Max(segStart, logicalStart);
                int to = System.Math.Min(segEnd, logicalEnd);
                if (from < to) result.Add(new DocumentRange(_segmentDoc[s] + from - segStart, _segmentDoc[s] + to - segStart, _segmentLine[s]));
            }
            return result;
        }

        /// <summary>Number of physical lines that contribute to the entry.</summary>
        public int SegmentCount => _segmentLogical.Length;

        /// <summary>The physical line index of a segment.</summary>
        public int SegmentLine(int segment) => _segmentLine[segment];

        /// <summary>The segment of a physical line that belongs to the entry (binary search).</summary>
        public int SegmentOfLine(int line)
        {
            int lo = 0, hi = _segmentLine.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (_segmentLine[mid] <= line) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }

        /// <summary>The logical position where a segment starts.</summary>
        public int SegmentStart(int segment) => _segmentLogical[segment];

        /// <summary>The segment that holds a logical position; at a seam, the earlier segment (binary search).</summary>
        private int SegmentOf(int logical)
        {
            // The last segment whose start is before the position (position 0 and seams belong to the earlier one).
            int lo = 0, hi = _segmentLogical.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (_segmentLogical[mid] < logical) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }

        /// <summary>The segment whose text holds the character at a logical position (a seam belongs to the later one).</summary>
        private int SegmentAt(int logical)
        {
            int lo = 0, hi = _segmentLogical.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (_segmentLogical[mid] <= logical) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }
    }

    /// <summary>A range of document offsets on one physical line.</summary>
    internal readonly struct DocumentRange
    {
        public DocumentRange(int start, int end, int line)
        {
            Start = start;
            End = end;
            Line = line;
        }

        /// <summary>First offset.</summary>
        public int Start { get; }

        /// <summary>Offset just past the range.</summary>
        public int End { get; }

        /// <summary>Index of the physical line.</summary>
        public int Line { get; }
    }
}
