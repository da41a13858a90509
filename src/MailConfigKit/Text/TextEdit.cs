using System;
using System.Collections.Generic;
using System.Text;

namespace MailConfigKit.Text
{
    /// <summary>One replacement in a text: <see cref="Length"/> characters at <see cref="Offset"/> become <see cref="NewText"/>.</summary>
    public sealed class TextEdit
    {
        /// <summary>Creates an edit.</summary>
        public TextEdit(int offset, int length, string newText)
        {
            if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset));
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length));
            Offset = offset;
            Length = length;
            NewText = newText ?? throw new ArgumentNullException(nameof(newText));
        }

        /// <summary>0-based offset of the replaced range.</summary>
        public int Offset { get; }

        /// <summary>Length of the replaced range (0 for an insertion).</summary>
        public int Length { get; }

        /// <summary>The replacement (empty for a deletion).</summary>
        public string NewText { get; }

        /// <inheritdoc />
        public override string ToString() => "[" + Offset + ".." + (Offset + Length) + ") -> \"" + NewText + "\"";

        /// <summary>Applies non-overlapping edits, given in any order, to a text in one pass.</summary>
        internal static string Apply(string text, List<TextEdit> edits)
        {
            if (edits.Count == 0) return text;
            edits.Sort((a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Length.CompareTo(b.Length));
            int size = text.Length;
            foreach (var e in edits) size += e.NewText.Length - e.Length;
            var sb = new StringBuilder(size);
            int pos = 0;
            foreach (var e in edits)
            {
                if (e.Offset < pos) throw new InvalidOperationException("Internal error: overlapping text edits.");
                sb.Append(text, pos, e.Offset - pos).Append(e.NewText);
                pos = e.Offset + e.Length;
            }
            sb.Append(text, pos, text.Length - pos);
            return sb.ToString();
        }
    }
}
