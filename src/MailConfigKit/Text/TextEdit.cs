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
            int check = 0;
            foreach (var e in edits)
            {
                if (e.Offset < check || e.Offset + e.Length > text.Length) throw new InvalidOperationException("Internal error: overlapping text edits.");
                check = e.Offset + e.Length;
            }
#if NET8_0_OR_GREATER
            // One copy straight into the new string: a StringBuilder would copy a large file twice.
            return string.Create(size, (text, edits), static (span, state) =>
            {
                int pos = 0, written = 0;
                foreach (var e in state.edits)
                {
                    state.text.AsSpan(pos, e.Offset - pos).CopyTo(span.Slice(written));
                    written += e.Offset - pos;
                    e.NewText.AsSpan().CopyTo(span.Slice(written));
                    written += e.NewText.Length;
                    pos = e.Offset + e.Length;
                }
                state.text.AsSpan(pos).CopyTo(span.Slice(written));
            });
#else
            var sb = new StringBuilder(size);
            int pos = 0;
            foreach (var e in edits)
            {
                sb.Append(text, pos, e.Offset - pos).Append(e.NewText);
                pos = e.Offset + e.Length;
            }
            sb.Append(text, pos, text.Length - pos);
            return sb.ToString();
#endif
        }
    }
}
