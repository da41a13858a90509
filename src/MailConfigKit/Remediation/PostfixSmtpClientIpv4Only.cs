using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Postfix's own recommendation for remote servers that refuse mail received over IPv6: keep receiving on both
    /// protocols and deliver over IPv4 only, with <c>-o inet_protocols=ipv4</c> on every master.cf service whose command
    /// is <c>smtp</c> (the smtp client: <c>smtp/unix</c>, <c>relay/unix</c>).
    /// TODO(issue 6): implement Plan over MasterCf.
    /// </summary>
    public sealed class PostfixSmtpClientIpv4Only : IRemediation
    {
        /// <summary>The identifier.</summary>
        public const string RemediationId = "postfix.smtp-client-ipv4-only";

        /// <inheritdoc />
        public string Id => RemediationId;

        /// <inheritdoc />
        public string Title => "Postfix: deliver over IPv4 only, keep receiving on IPv4 and IPv6 (master.cf smtp -o inet_protocols=ipv4)";

        /// <inheritdoc />
        public string Rationale => "TODO";

        /// <inheritdoc />
        public RemediationPlan Plan(MailHost host) => RemediationPlan.Empty(host);
    }
}
