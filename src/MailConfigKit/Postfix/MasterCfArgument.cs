namespace MailConfigKit.Postfix
{
    /// <summary>
    /// One word of an entry after postconf's normalisation (<c>pcf_normalize_daemon_args</c>): <c>-vo</c> split into
    /// <c>-v</c> and <c>-o</c>, <c>-oname=value</c> into <c>-o</c> and <c>name=value</c>, <c>{ text }</c> unwrapped and
    /// <c>-o { name = value }</c> turned into <c>name=value</c>. Positions are offsets in the entry's logical line.
    /// </summary>
    internal sealed class MasterCfArgument
    {
        public MasterCfArgument(string text, int start, int end, int origin)
        {
            Text = text;
            Start = start;
            End = end;
            Origin = origin;
        }

        /// <summary>The normalised text.</summary>
        public string Text { get; set; }

        /// <summary>Where the source text of this word starts (for a split-off <c>-o</c>, at its <c>o</c>).</summary>
        public int Start { get; set; }

        /// <summary>Where the source text ends (just past a closing brace).</summary>
        public int End { get; set; }

        /// <summary>
        /// Logical position of <c>Text[0]</c> while <see cref="Text"/> is still a copy of the source (Text[i] is at
        /// Origin + i); a split-off option gets a made-up <c>-</c>, so its Origin is one before <see cref="Start"/>.
        /// </summary>
        public int Origin { get; set; }

        /// <summary>True once the text was taken out of <c>{ }</c>: it is then no longer a copy of the source.</summary>
        public bool Extracted { get; set; }

        /// <summary>For an extracted <c>-o</c> value that split as name=value: where the value starts in the source.</summary>
        public int ValueStart { get; set; } = -1;

        /// <summary>For an extracted <c>-o</c> value that split as name=value: where the value ends in the source.</summary>
        public int ValueEnd { get; set; } = -1;

        /// <summary>First character of the text, or NUL for an empty word (C's view of a string).</summary>
        public char At(int i) => i < Text.Length ? Text[i] : '\0';

        /// <inheritdoc />
        public override string ToString() => Text;
    }
}
