using System;
using System.Collections.Generic;

namespace MailConfigKit.Remediation
{
    /// <summary>A step to run after the files are written: a command, and what proves it worked.</summary>
    public sealed class ServiceAction
    {
        /// <summary>Creates a service action.</summary>
        public ServiceAction(ServiceActionKind kind, string description, IReadOnlyList<string> command, int? verifyListeningPort, bool requiresVerifiedStart)
        {
            Kind = kind;
            Description = description ?? throw new ArgumentNullException(nameof(description));
            Command = command ?? throw new ArgumentNullException(nameof(command));
            VerifyListeningPort = verifyListeningPort;
            RequiresVerifiedStart = requiresVerifiedStart;
        }

        /// <summary>What the action does.</summary>
        public ServiceActionKind Kind { get; }

        /// <summary>A sentence for people.</summary>
        public string Description { get; }

        /// <summary>The command line (program and arguments) on a live Debian host with sysvinit; empty for actions done in-process. <see cref="ServiceControl.CommandFor"/> gives the command for a given host.</summary>
        public IReadOnlyList<string> Command { get; }

        /// <summary>After this action the daemon must be verified (<see cref="ListenVerifier"/>: an SMTP greeting on every configured address; this is the usual port); null when nothing is checked.</summary>
        public int? VerifyListeningPort { get; }

        /// <summary>Whether this action may only run once an earlier action's daemon was seen listening.</summary>
        public bool RequiresVerifiedStart { get; }

        /// <summary>The command as a shell line (arguments are plain words).</summary>
        public string CommandLine => string.Join(" ", Command);

        /// <summary>The description.</summary>
        public override string ToString() => Description;

        /// <summary>
        /// Runs this one action on the live system: its command for this host (then verifies the daemon, when it says so).
        /// The paniclog action needs a verification of the same run, so alone it is skipped. Prefer
        /// <see cref="ServiceActionRunner.Run(System.Collections.Generic.IReadOnlyList{ServiceAction}, Host.MailHost)"/> for a plan's actions: it keeps their order and their conditions.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="host"/> is not the live system.</exception>
        public ServiceActionResult Run(Host.MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (!host.IsLiveSystem) throw new ArgumentException("Service actions run commands on this machine; " + host.Root + " is not the live system (/).", nameof(host));
            return ServiceActionRunner.RunOne(this, host);
        }

        internal static ServiceAction UpdateExim4Conf() => new ServiceAction(ServiceActionKind.RunUpdateExim4Conf,
            "Run update-exim4.conf to rebuild exim's configuration", new[] { "update-exim4.conf" }, null, false);

        internal static ServiceAction RestartExim4() => new ServiceAction(ServiceActionKind.RestartExim4,
            "Restart exim4 and verify that it greets on every address it should listen on", new[] { "service", "exim4", "restart" }, 25, false);

        internal static ServiceAction ClearPaniclog() => new ServiceAction(ServiceActionKind.ClearEximPaniclog,
            "Move /var/log/exim4/paniclog's old content to a dated file next to it, once exim was verified (a non-empty paniclog keeps warning every day)", new string[0], null, true);

        internal static ServiceAction StopPostfix() => new ServiceAction(ServiceActionKind.StopPostfix,
            "Stop Postfix (a reload does not apply inet_protocols)", new[] { "service", "postfix", "stop" }, null, false);

        internal static ServiceAction StartPostfix() => new ServiceAction(ServiceActionKind.StartPostfix,
            "Start Postfix and verify that it greets on every address it should listen on", new[] { "service", "postfix", "start" }, 25, false);
    }
}
