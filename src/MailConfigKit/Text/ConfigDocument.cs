using System;
using System.Collections.Generic;
using MailConfigKit.IO;

namespace MailConfigKit.Text
{
    /// <summary>
    /// What every lossless configuration document shares (<see cref="Postfix.MainCf"/>, <see cref="Postfix.MasterCf"/>,
    /// <see cref="Exim4.UpdateExim4Conf"/>): the exact text, the byte mapping it was loaded with, and atomic saving.
    /// Only this library derives from it; the documents' own Parse, Load and FromBytes return their own type.
    /// </summary>
    public abstract class ConfigDocument
    {
        private LinePositions? _lineMap;

        private protected ConfigDocument(string text, string? filePath, DocumentEncoding encoding)
        {
            Text = text;
            OriginalText = text;
            FilePath = filePath;
            Encoding = encoding;
        }

        /// <summary>The path the document was loaded from or named after, used in diagnostics; null for an unnamed string.</summary>
        public string? FilePath { get; }

        /// <summary>How the file's bytes map to text; <see cref="Save(string)"/> writes with the same mapping.</summary>
        public DocumentEncoding Encoding { get; }

        /// <summary>The text as it was parsed or loaded, before any edit.</summary>
        public string OriginalText { get; }

        /// <summary>Whether any edit changed the text since it was parsed or loaded.</summary>
        public bool IsModified => !ReferenceEquals(Text, OriginalText) && !string.Equals(Text, OriginalText, StringComparison.Ordinal);

        /// <summary>The current text, edits included.</summary>
        internal string Text { get; private set; }

        /// <summary>The exact text, edits included: <c>Parse(t).ToString() == t</c>.</summary>
        public sealed override string ToString() => Text;

        /// <summary>The bytes <see cref="Save(string)"/> writes: the text in the file's own encoding, byte for byte.</summary>
        public byte[] ToBytes() => TextCodec.Encode(Text, Encoding);

        /// <summary>
        /// Writes the document atomically and durably (temporary file in the same folder, fsync, rename, fsync of the
        /// folder), keeping the file's mode and owner and writing through a symbolic link to its target. When the file
        /// already holds exactly these bytes nothing is written.
        /// </summary>
        /// <returns>True when the file was written, false when it already held these bytes.</returns>
        /// <exception cref="AtomicWriteException">The write failed; the original file is intact.</exception>
        public bool Save(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            return AtomicFile.WriteIfChanged(path, ToBytes());
        }

        /// <summary>Saves to <see cref="FilePath"/>, the file the document was loaded from.</summary>
        /// <exception cref="InvalidOperationException">The document has no file path.</exception>
        public bool Save() => Save(FilePath ?? throw new InvalidOperationException("This document was parsed from a string; call Save(path)."));

        /// <summary>
        /// The changes from <see cref="OriginalText"/> to the current text, as non-overlapping whole-line edits in order
        /// (offsets into the original text), like Roslyn's <c>SourceText.GetTextChanges</c>: applying them to the original
        /// gives the current text. Empty when nothing changed. Lines keep their terminators, so a changed line ending shows.
        /// </summary>
        public IReadOnlyList<TextEdit> GetChanges()
        {
            var changes = new List<TextEdit>();
            if (!IsModified) return changes;
            List<string> a = UnifiedDiff.SplitLines(OriginalText);
            List<string> b = UnifiedDiff.SplitLines(Text);
            var offsets = new int[a.Count + 1];
            for (int i = 0; i < a.Count; i++) offsets[i + 1] = offsets[i] + a[i].Length;
            List<DiffOp> ops = LineDiff.Compute(a, b);
            int k = 0;
            while (k < ops.Count)
            {
                if (ops[k].Kind == DiffKind.Equal)
                {
                    k++;
                    continue;
                }
                // A run of deletions and insertions is one edit: the deleted lines' span becomes the inserted lines.
                int start = ops[k].Kind == DiffKind.Delete ? ops[k].OldIndex : ops[k].OldIndex;
                int end = start;
                var inserted = new System.Text.StringBuilder();
                while (k < ops.Count && ops[k].Kind != DiffKind.Equal)
                {
                    if (ops[k].Kind == DiffKind.Delete) end = ops[k].OldIndex + 1;
                    else inserted.Append(b[ops[k].NewIndex]);
                    k++;
                }
                changes.Add(new TextEdit(offsets[start], offsets[Math.Max(end, start)] - offsets[start], inserted.ToString()));
            }
            return changes;
        }

        /// <summary>
        /// The offset &lt;-&gt; 1-based line/column map of the current text, built on first use and shared by every
        /// diagnostic and position query until an edit changes the text.
        /// </summary>
        internal LinePositions LineMap => _lineMap ??= new LinePositions(Text);

        /// <summary>Replaces the text after an edit; the document rescans it, and the line map is built again when asked.</summary>
        private protected void SetText(string newText)
        {
            Text = newText;
            _lineMap = null;
        }
    }
}
