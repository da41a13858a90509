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

        /// <summary>The command line (program and arguments) on a live Debian host; empty for actions done in-process.</summary>
        public IReadOnlyList<string> Command { get; }

        /// <summary>After this action, a daemon must be listening on this TCP port (checked in <c>proc/net/tcp*</c>); null when nothing is checked.</summary>
        public int? VerifyListeningPort { get; }

        /// <summary>Whether this action may only run once an earlier action's daemon was seen listening.</summary>
        public bool RequiresVerifiedStart { get; }

        /// <summary>The command as a shell line (arguments are plain words).</summary>
        public string CommandLine => string.Join(" ", Command);

        /// <summary>The description.</summary>
        public override string ToString() => Description;

        /// <summary>
        /// Runs this one action on the live system: its command (then waits for the daemon to listen, when it says so),
        /// or, for <see cref="ServiceActionKind.ClearEximPaniclog"/>, empties the paniclog. Prefer
        /// <see cref="ServiceActionRunner.Run"/> for a plan's actions: it keeps their order and their conditions.
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
            "Restart exim4 and check that it listens on port 25", new[] { "service", "exim4", "restart" }, 25, false);

        internal static ServiceAction ClearPaniclog() => new ServiceAction(ServiceActionKind.ClearEximPaniclog,
            "Empty /var/log/exim4/paniclog once exim verifiably listens (a non-empty paniclog keeps warning every day)", new string[0], null, true);

        internal static ServiceAction StopPostfix() => new ServiceAction(ServiceActionKind.StopPostfix,
            "Stop Postfix (a reload does not apply inet_protocols)", new[] { "service", "postfix", "stop" }, null, false);

        internal static ServiceAction StartPostfix() => new ServiceAction(ServiceActionKind.StartPostfix,
            "Start Postfix and check that it listens on port 25", new[] { "service", "postfix", "start" }, 25, false);
    }
}
