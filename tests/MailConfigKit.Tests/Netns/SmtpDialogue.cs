using System;
using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>One command (null for the greeting) and the server's complete reply.</summary>
    public sealed record SmtpExchange(string? Command, int Code, IReadOnlyList<string> Lines);

    /// <summary>The result of a <see cref="SmtpProbe"/> run.</summary>
    public sealed class SmtpDialogue
    {
        internal SmtpDialogue(ProcessResult process, IReadOnlyList<SmtpExchange> exchanges)
        {
            Process = process;
            Exchanges = exchanges;
        }

        public ProcessResult Process { get; }

        /// <summary>False when the connection was refused (exit 3) or did not complete in time (no greeting, timed out).</summary>
        public bool Connected => Process.ExitCode != 3 && !(TimedOut && Exchanges.Count == 0);

        /// <summary>The dialogue did not finish in time: <c>timeout</c> ended it (exit 124) or a reply did not come (exit 4).</summary>
        public bool TimedOut => Process.ExitCode is 124 or 4;

        public IReadOnlyList<SmtpExchange> Exchanges { get; }

        /// <summary>The greeting's code, or null when none came.</summary>
        public int? GreetingCode => Exchanges.FirstOrDefault(e => e.Command is null)?.Code;

        /// <summary>The reply code to the first command starting with <paramref name="verb"/> (e.g. <c>RCPT</c>), or null.</summary>
        public int? CodeFor(string verb) =>
            Exchanges.FirstOrDefault(e => e.Command?.StartsWith(verb, StringComparison.OrdinalIgnoreCase) == true)?.Code;

        /// <summary>The transcript: <c>&lt;-</c> server lines, <c>-&gt;</c> commands.</summary>
        public string Transcript => Process.Stdout;

        public override string ToString() => Process.Describe();
    }
}
