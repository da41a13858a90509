using System;
using System.Globalization;

namespace MailConfigKit.Text
{
    /// <summary>
    /// One kind of document diagnostic, like Roslyn's <c>DiagnosticDescriptor</c>: its stable code, its severity and the
    /// message format, in one place. Each document format keeps a table of them next to the document
    /// (<c>MainCfDescriptors</c>, <c>MasterCfDescriptors</c>, <c>UpdateExim4ConfDescriptors</c>); a code may have more
    /// than one descriptor when the real tool says different things (or is more or less severe) in different cases.
    /// </summary>
    internal sealed class DiagnosticDescriptor
    {
        /// <summary>Creates a descriptor.</summary>
        /// <param name="code">The stable code (a <see cref="DiagnosticCodes"/> constant).</param>
        /// <param name="severity">How serious every diagnostic of this kind is.</param>
        /// <param name="messageFormat">A composite format (<c>{0}</c>, <c>{1}</c>...; literal braces doubled).</param>
        public DiagnosticDescriptor(string code, DiagnosticSeverity severity, string messageFormat)
        {
            Code = code ?? throw new ArgumentNullException(nameof(code));
            Severity = severity;
            MessageFormat = messageFormat ?? throw new ArgumentNullException(nameof(messageFormat));
        }

        /// <summary>The stable code.</summary>
        public string Code { get; }

        /// <summary>The severity.</summary>
        public DiagnosticSeverity Severity { get; }

        /// <summary>The message as a composite format string.</summary>
        public string MessageFormat { get; }

        /// <summary>The message with <paramref name="args"/> filled in (invariant culture).</summary>
        public string Format(params object?[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);

        /// <summary>A diagnostic at a 0-based offset of <paramref name="document"/>, located with the document's line map.</summary>
        public Diagnostic Create(ConfigDocument document, int offset, params object?[] args) =>
            CreateWithMessage(document, offset, Format(args));

        /// <summary>A diagnostic whose message was formatted earlier (a scanner keeps it until someone asks).</summary>
        public Diagnostic CreateWithMessage(ConfigDocument document, int offset, string message)
        {
            document.LineMap.Locate(offset, out int line, out int column);
            return new Diagnostic(Code, Severity, message, document.FilePath, line, column, offset);
        }

        /// <inheritdoc />
        public override string ToString() => Code + " " + Severity + ": " + MessageFormat;
    }
}
