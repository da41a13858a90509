using System.Collections.Generic;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>One <c>postfix start</c> or <c>stop</c>.</summary>
    /// <param name="ExitCode">postfix's exit code.</param>
    /// <param name="Output">What it wrote on the terminal (stdout and stderr together), argv[0] shown as <c>postfix</c>.</param>
    /// <param name="Listening">TCP sockets listening in the namespace afterwards.</param>
    /// <param name="Process">The raw run.</param>
    public sealed record PostfixResult(int ExitCode, string Output, IReadOnlyList<string> Listening, ProcessResult Process)
    {
        public override string ToString() => $"exit code {ExitCode}\nlistening: {string.Join(", ", Listening)}\noutput: {Output}\n{Process.CommandLine}";
    }
}
