using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Exim4
{
    /// <summary>How a value word is quoted, so that <c>Set</c> can keep the file's style where the new value allows it.</summary>
    internal enum WordQuoting
    {
        /// <summary>Empty word (<c>x=</c>).</summary>
        Empty = 0,

        /// <summary>One single-quoted part (<c>'...'</c>).</summary>
        Single = 1,

        /// <summary>One double-quoted part (<c>"..."</c>).</summary>
        Double = 2,

        /// <summary>Only unquoted characters, no backslashes.</summary>
        Bare = 3,

        /// <summary>Anything else: concatenated parts, backslash escapes.</summary>
        Mixed = 4,
    }

    /// <summary>A problem the scanner saw, turned into a <see cref="Text.Diagnostic"/> only when someone asks.</summary>
    internal readonly struct ScanProblem
    {
        private readonly object?[] _args;

        public ScanProblem(DiagnosticDescriptor descriptor, int offset, params object?[] args)
        {
            Descriptor = descriptor;
            Offset = offset;
            _args = args;
        }

        public DiagnosticDescriptor Descriptor { get; }
        public int Offset { get; }

        /// <summary>Whether sh refuses the file here (an error, not a warning).</summary>
        public bool IsError => Descriptor.Severity == DiagnosticSeverity.Error;

        /// <summary>The message, formatted when asked.</summary>
        public string Message => Descriptor.Format(_args);

        /// <summary>The same problem at another offset (the scanner maps offsets back after skipping a byte order mark).</summary>
        public ScanProblem MovedTo(int offset) => new ScanProblem(Descriptor, offset, _args);
    }

    /// <summary>One <c>NAME=WORD</c> the shell executes (or, when <see cref="Persistent"/> is false, only puts in a command's environment).</summary>
    internal sealed class ShellAssignment
    {
        public string Name = string.Empty;
        public int NameStart;
        public int WordStart;
        public int WordEnd;

        /// <summary>The value sh assigns; null when it is computed at run time.</summary>
        public string? Value;

        /// <summary>Where the first run-time expansion is, or -1.</summary>
        public int ComputedAt = -1;

        public WordQuoting Quoting;

        /// <summary>Whether the assignment outlives its statement (a plain assignment, or one with <c>export</c>).</summary>
        public bool Persistent;

        public ShellStatement Statement = null!;

        /// <summary>Index of this word among the statement's words.</summary>
        public int WordIndex;
    }

    /// <summary>How sh treats a statement.</summary>
    internal enum StatementKind
    {
        /// <summary>Only assignments (optionally through <c>export</c>).</summary>
        Assignments = 0,

        /// <summary>A simple command with a literal name (a typo to sh: "not found").</summary>
        Command = 1,

        /// <summary>Shell code whose effect on variables cannot be known (control flow, builtins, expansions, pipes).</summary>
        ShellCode = 2,

        /// <summary>sh refuses to parse it.</summary>
        SyntaxError = 3,
    }

    /// <summary>A span of words ended by <c>;</c>, a comment or the end of a logical line.</summary>
    internal sealed class ShellStatement
    {
        public StatementKind Kind;
        public int Start;

        /// <summary>End of the last word (exclusive).</summary>
        public int End;

        /// <summary>Offset of the <c>;</c> that ends it, or -1.</summary>
        public int Terminator = -1;

        /// <summary>Start and end of each word.</summary>
        public readonly List<int> WordStarts = new List<int>(2);
        public readonly List<int> WordEnds = new List<int>(2);
        public readonly List<ShellAssignment> Assignments = new List<ShellAssignment>(1);

        /// <summary>Index of the <c>export</c> word, or -1.</summary>
        public int ExportWord = -1;

        /// <summary>The command word's text for messages (Command and ShellCode).</summary>
        public string? CommandName;

        public int CommandOffset = -1;
        public ShellLine Line = null!;
    }

    /// <summary>
    /// A logical line: from the start of a physical line up to and including the newline that sh sees as the end of
    /// the line (newlines inside quotes or after a backslash do not end it). Every character of the text belongs to
    /// exactly one logical line.
    /// </summary>
    internal sealed class ShellLine
    {
        public int Start;

        /// <summary>End including the newline (exclusive).</summary>
        public int End;

        /// <summary>Offset of an unquoted <c>#</c> comment, or -1.</summary>
        public int CommentStart = -1;

        public readonly List<ShellStatement> Statements = new List<ShellStatement>(0);
    }
}
