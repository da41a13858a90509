using System;
using System.Globalization;

namespace MailConfigKit.Text
{
    /// <summary>
    /// A problem found in a configuration document: a stable <see cref="Code"/>, where it is
    /// (file, 1-based line and column, 0-based offset) and a message that uses the real tool's wording
    /// where the tool has one.
    /// </summary>
    public sealed class Diagnostic
    {
        /// <summary>Creates a diagnostic.</summary>
        /// <param name="code">Stable identifier such as <c>MCF0001</c>; see <see cref="DiagnosticCodes"/>.</param>
        /// <param name="severity">How serious it is.</param>
        /// <param name="message">Human-readable text.</param>
        /// <param name="filePath">The file, or null for text parsed from a string without a name.</param>
        /// <param name="line">1-based line.</param>
        /// <param name="column">1-based column, counted in UTF-16 code units of the decoded text.</param>
        /// <param name="offset">0-based offset into the document text.</param>
        public Diagnostic(string code, DiagnosticSeverity severity, string message, string? filePath, int line, int column, int offset)
        {
            Code = code ?? throw new ArgumentNullException(nameof(code));
            Severity = severity;
            Message = message ?? throw new ArgumentNullException(nameof(message));
            FilePath = filePath;
            Line = line;
            Column = column;
            Offset = offset;
        }

        /// <summary>Stable identifier; never changes meaning between releases.</summary>
        public string Code { get; }

        /// <summary>How serious the problem is.</summary>
        public DiagnosticSeverity Severity { get; }

        /// <summary>Human-readable description (the real tool's own wording where it has one).</summary>
        public string Message { get; }

        /// <summary>The file the document was loaded from or named after; null when parsed from an unnamed string.</summary>
        public string? FilePath { get; }

        /// <summary>1-based line number.</summary>
        public int Line { get; }

        /// <summary>1-based column number.</summary>
        public int Column { get; }

        /// <summary>0-based offset into the document's text.</summary>
        public int Offset { get; }

        /// <summary>Formats as <c>file:line:column: severity CODE: message</c>, the shape compilers use.</summary>
        public override string ToString()
        {
            string where = string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2}", FilePath ?? "<text>", Line, Column);
            return where + ": " + Severity.ToString().ToLowerInvariant() + " " + Code + ": " + Message;
        }
    }
}
