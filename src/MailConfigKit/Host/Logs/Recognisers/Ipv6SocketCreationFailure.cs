using System;
using System.Collections.Generic;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// exim on a kernel without IPv6 (booted with <c>ipv6.disable=1</c>): told to listen on an IPv6 address, it cannot
    /// even create the socket and dies with <c>IPv6 socket creation failed: Address family not supported by protocol</c>
    /// (exim's daemon.c, <c>LOG_PANIC_DIE</c>: the paniclog and the mainlog). Only that errno text says "no IPv6 in the
    /// kernel"; other reasons are not this failure.
    /// </summary>
    public sealed class Ipv6SocketCreationFailure : LogRecogniser
    {
        private const string Text = "IPv6 socket creation failed: Address family not supported by protocol";
        private static readonly string[] Words = { "ipv6 socket creation failed" };

        /// <inheritdoc />
        public override string Name => "ipv6-socket-creation-failure";

        /// <inheritdoc />
        public override IReadOnlyList<string> Keywords => Words;

        /// <inheritdoc />
        public override bool Matches(string message) => message != null && message.IndexOf(Text, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
