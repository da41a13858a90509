using System.Collections.Generic;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// <c>inet_protocols = ipv4</c> in <c>main.cf</c>: Postfix neither listens nor delivers over IPv6. The fix
    /// administrators reach for; it also lets Postfix start when <c>inet_interfaces</c> names an IPv6 address the host lacks.
    /// </summary>
    public sealed class PostfixInetProtocolsIpv4 : DocumentRemediation<MainCf>
    {
        /// <summary>The identifier.</summary>
        public const string RemediationId = "postfix.inet-protocols-ipv4";

        /// <inheritdoc />
        public override string Id => RemediationId;

        /// <inheritdoc />
        public override string Title => "Postfix: use IPv4 only (inet_protocols = ipv4)";

        /// <inheritdoc />
        public override string Rationale =>
            "postconf(5), inet_protocols: \"The Internet protocols Postfix will attempt to use when making or accepting connections\"; "
            + "with ipv4, Postfix neither listens on nor delivers over IPv6 (Postfix IPv6 Support, IPV6_README). Changing it needs "
            + "\"postfix stop\" and \"postfix start\": a reload does not apply it (postconf(5)). It turns IPv6 off for the whole server; "
            + "where only delivery is the problem, overriding inet_protocols on the smtp client in master.cf is narrower.";

        /// <inheritdoc />
        protected override string RelativePath => HostPaths.PostfixMainCf;

        /// <inheritdoc />
        protected override FileLockStyle LockStyle => FileLockStyle.PostfixEditFile;

        /// <inheritdoc />
        protected override MainCf Parse(byte[] bytes) => MainCf.FromBytes(bytes, HostPaths.PostfixMainCf);

        /// <inheritdoc />
        protected override bool Edit(MailHost host, MainCf main)
        {
            if (main.InetProtocols == InetProtocols.IPv4) return false;
            main.Set("inet_protocols", "ipv4");
            return true;
        }

        /// <inheritdoc />
        protected override IEnumerable<ServiceAction> ActionsAfterChange() => new[] { ServiceAction.StopPostfix(), ServiceAction.StartPostfix() };
    }
}
