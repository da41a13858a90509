using System.Collections.Generic;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// Text exim reads as one configuration file, split into physical lines, each with the file and line it came from.
    /// A file on disk maps to itself; the text update-exim4.conf generates maps each line back to the local macros file,
    /// the template, a conf.d part or update-exim4.conf.conf.
    /// </summary>
    internal sealed class EximSource
    {
        private readonly List<EximSourceLine> _lines;

        private EximSource(string path, List<EximSourceLine> lines)
        {
            Path = path;
            _lines = lines;
        }

        /// <summary>The path exim knows the file by (its directory anchors relative includes).</summary>
        public string Path { get; }

        public IReadOnlyList<EximSourceLine> Lines => _lines;

        /// <summary>A file's text, each physical line mapped to itself.</summary>
        public static EximSource FromText(string path, string text)
        {
            var lines = new List<EximSourceLine>();
            AddLines(lines, text, path, 1, out _);
            return new EximSource(path, lines);
        }

        /// <summary>Built line by line (the text update-exim4.conf generates).</summary>
        internal static EximSource FromLines(string path, List<EximSourceLine> lines) => new EximSource(path, lines);

        /// <summary>
        /// Splits <paramref name="text"/> into physical lines (each keeps whether a <c>\n</c> ended it), numbering them from
        /// <paramref name="firstLine"/> in <paramref name="file"/>; a last line without a newline says so, so that a following
        /// file's first line can be glued to it as cat does.
        /// </summary>
        internal static void AddLines(List<EximSourceLine> lines, string text, string file, int firstLine, out int count)
        {
            int start = 0, line = firstLine;
            count = 0;
            while (start < text.Length)
            {
                int nl = text.IndexOf('\n', start);
                if (nl < 0)
                {
                    lines.Add(new EximSourceLine(text.Substring(start), false, file, line, start));
                    count++;
                    break;
                }
                lines.Add(new EximSourceLine(text.Substring(start, nl - start), true, file, line, start));
                count++;
                start = nl + 1;
                line++;
            }
        }
    }

    /// <summary>One physical line: its text without the <c>\n</c>, and where it came from.</summary>
    internal sealed class EximSourceLine
    {
        public EximSourceLine(string text, bool hasNewline, string file, int line, int offset)
        {
            Text = text;
            HasNewline = hasNewline;
            File = file;
            Line = line;
            Offset = offset;
        }

        public string Text { get; }

        public bool HasNewline { get; }

        /// <summary>The file the line came from (an exim path such as <c>/etc/exim4/exim4.conf.template</c>).</summary>
        public string File { get; }

        /// <summary>1-based line in <see cref="File"/>.</summary>
        public int Line { get; }

        /// <summary>0-based offset of the line's start in its own file's text (columns count from here).</summary>
        public int Offset { get; }

        /// <summary>Variable of update-exim4.conf.conf this generated line stands for (<c>dc_local_interfaces</c>), if any.</summary>
        public string? Variable { get; set; }
    }
}
