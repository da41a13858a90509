using System.Collections.Generic;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>What <see cref="EximDaemon.Start"/> saw.</summary>
    /// <param name="Started">The daemon logged <c>daemon started</c> and still runs.</param>
    /// <param name="ExitCode">Null while it runs.</param>
    /// <param name="PanicLog">The tree's var/log/exim4/paniclog (empty when there is none).</param>
    /// <param name="MainLog">The tree's var/log/exim4/mainlog.</param>
    /// <param name="Listening">TCP sockets listening in the namespace once started (<see cref="NetNamespace.ListeningTcp"/>).</param>
    /// <param name="Process">The daemon's command line, state, stdout and stderr, for assertion messages.</param>
    public sealed record EximStartResult(
        bool Started, int? ExitCode, string PanicLog, string MainLog, IReadOnlyList<string> Listening, string Process)
    {
        public override string ToString() =>
            $"started: {Started}, exit code: {ExitCode}\nlistening: {string.Join(", ", Listening)}\npaniclog: {PanicLog}\nmainlog: {MainLog}\n{Process}";
    }
}
