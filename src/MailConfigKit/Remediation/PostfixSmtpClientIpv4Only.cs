using System;
using System.Collections.Generic;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Postfix's own recommendation for remote servers that refuse mail received over IPv6: keep receiving on both
    /// protocols and deliver over IPv4 only, with <c>-o inet_protocols=ipv4</c> on every master.cf service whose command
    /// is <c>smtp</c> (the smtp client: <c>smtp/unix</c>, <c>relay/unix</c>; never the <c>smtpd</c> listener).
    /// </summary>
    /// <remarks>
    /// The plan edits only master.cf, with the semantics of <c>postconf -P 'smtp/unix/inet_protocols=ipv4'</c> for each
    /// such service (a minimal edit: an existing <c>-o inet_protocols=</c> gets its value replaced, otherwise a new
    /// <c>-o</c> continuation line follows the entry), then stops and starts Postfix because a reload does not apply
    /// <c>inet_protocols</c>. It is empty when there is nothing to gain: no main.cf or master.cf, main.cf's
    /// <c>inet_protocols</c> does not enable both IPv4 and IPv6, or every smtp service already says <c>ipv4</c>.
    /// </remarks>
    public sealed class PostfixSmtpClientIpv4Only : DocumentRemediation<MasterCf>
    {
        /// <summary>The identifier.</summary>
        public const string RemediationId = "postfix.smtp-client-ipv4-only";

        private const string Parameter = SmtpClientServices.Parameter;

        /// <inheritdoc />
        public override string Id => RemediationId;

        /// <inheritdoc />
        public override string Title => "Postfix: deliver over IPv4 only, keep receiving on IPv4 and IPv6 (master.cf smtp -o inet_protocols=ipv4)";

        /// <inheritdoc />
        public override string Rationale =>
            "postconf(5), smtp_address_preference, in the Postfix 3.9 and later documentation: setting it to ipv4 \"is not a "
            + "solution for remote servers that flag email received over IPv6 as more 'spammy'\" (a bad or missing PTR or AAAA "
            + "record, bad network neighbours); instead, \"configure Postfix to receive mail over both IPv4 and IPv6, and to deliver "
            + "mail over only IPv4\": inet_protocols = all in main.cf, and -o inet_protocols=ipv4 on the smtp service in master.cf. "
            + "smtp_address_preference only chooses which address type the SMTP client tries first \"when a destination has IPv6 "
            + "and IPv4 addresses with equal MX preference\"; the other type remains a fallback, so mail still leaves over IPv6 "
            + "whenever the IPv4 attempt fails or the destination (or a more preferred MX) has only IPv6 addresses. The per-service "
            + "override removes IPv6 from the SMTP client alone (smtp/unix and relay/unix, every master.cf service whose command "
            + "is smtp), while smtpd keeps listening on IPv4 and IPv6; inet_protocols = ipv4 in main.cf would also stop receiving "
            + "over IPv6. A change of inet_protocols needs \"postfix stop\" and \"postfix start\"; a reload does not apply it.";

        /// <inheritdoc />
        protected override string RelativePath => HostPaths.PostfixMasterCf;

        /// <inheritdoc />
        protected override FileLockStyle LockStyle => FileLockStyle.PostfixEditFile;

        /// <inheritdoc />
        protected override MasterCf Parse(byte[] bytes) => MasterCf.FromBytes(bytes, HostPaths.PostfixMasterCf);

        /// <inheritdoc />
        /// <exception cref="InvalidOperationException">
        /// An smtp service's entry has a <c>{</c> that is never closed, so a new <c>-o</c> would become part of it (see
        /// <see cref="MasterCf.SetOverride"/>); postconf refuses such a file too.
        /// </exception>
        protected override bool Edit(MailHost host, MasterCf master)
        {
            MainCf? main = host.LoadMainCf();
            // Without main.cf this is not a Postfix host; with an IPv4-only (or IPv6-only, or empty) main.cf the client does
            // not choose between families, so an override gains nothing (or, IPv6-only, would change where mail can go).
            // An unparsable value (a $macro) is left to the override, which is harmless whatever it expands to.
            if (main == null || (main.InetProtocols.HasValue && main.InetProtocols.Value != InetProtocols.All)) return false;
            // The same fact the diagnosis reads, so the check and the fix agree on which services matter.
            foreach (SmtpClientService service in SmtpClientServices.Read(main, master).Services)
            {
                if (service.IsIpv4Only) continue;
                master.SetOverride(service.Name, service.Type, Parameter, "ipv4");
            }
            return true;
        }

        /// <inheritdoc />
        protected override IEnumerable<ServiceAction> ActionsAfterChange() => new[] { ServiceAction.StopPostfix(), ServiceAction.StartPostfix() };
    }
}
