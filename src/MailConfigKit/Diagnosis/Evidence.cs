namespace MailConfigKit.Diagnosis
{
    /// <summary>One fact a finding rests on: a file and line, a log line, the network state or a DNS answer.</summary>
    public sealed class Evidence
    {
        /// <summary>Creates evidence.</summary>
        public Evidence(EvidenceKind kind, string source, int? line, int? column, string text)
        {
            Kind = kind;
            Source = source;
            Line = line;
            Column = column;
            Text = text;
        }

        /// <summary>What kind of evidence.</summary>
        public EvidenceKind Kind { get; }

        /// <summary>The file (relative to the host root), or <c>dns</c> for a DNS answer.</summary>
        public string Source { get; }

        /// <summary>The 1-based line, when the evidence is a line of a file.</summary>
        public int? Line { get; }

        /// <summary>The 1-based column, when known.</summary>
        public int? Column { get; }

        /// <summary>The line's text, or a sentence stating the fact.</summary>
        public string Text { get; }

        /// <summary><c>source:line:column: text</c> (the parts that are known).</summary>
        public override string ToString() =>
            Source + (Line.HasValue ? ":" + Line.Value + (Column.HasValue ? ":" + Column.Value : string.Empty) : string.Empty) + ": " + Text;
    }
}
