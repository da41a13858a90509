using System.Collections.Generic;
using MailConfigKit.Exim4;
using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Drops the IPv6 loopback (<c>::1</c> in every spelling) from <c>dc_local_interfaces</c> when the host's <c>lo</c>
    /// has no IPv6, keeping the other items and the list's style. When nothing would remain, <c>127.0.0.1</c> stays,
    /// because an empty value means every interface.
    /// </summary>
    public sealed class EximDropIpv6Loopback : DocumentRemediation<UpdateExim4Conf>
    {
        /// <summary>The identifier.</summary>
        public const string RemediationId = "exim4.drop-ipv6-loopback";

        /// <inheritdoc />
        public override string Id => RemediationId;

        /// <inheritdoc />
        public override string Title => "exim4: stop listening on ::1, which this host does not have";

        /// <inheritdoc />
        public override string Rationale =>
            "exim binds every address in local_interfaces and abandons the daemon when one bind fails (exim specification, "
            + "chapter 13, \"Starting the daemon and the use of network interfaces\"; daemon_startup_retries/daemon_startup_sleep): "
            + "with IPv6 off, binding ::1 fails with \"Cannot assign requested address\" and exim dies after its retries (daemon_startup_retries x daemon_startup_sleep, by default 9 x 30 s: about 4.5 minutes). "
            + "Debian's update-exim4.conf(8) builds MAIN_LOCAL_INTERFACES from dc_local_interfaces in update-exim4.conf.conf, so the "
            + "fix belongs there, followed by update-exim4.conf and a restart. An empty value would mean all interfaces, so 127.0.0.1 is kept.";

        /// <inheritdoc />
        protected override string RelativePath => HostPaths.Exim4UpdateConf;

        /// <inheritdoc />
        protected override FileLockStyle LockStyle => FileLockStyle.Folder;

        /// <inheritdoc />
        protected override UpdateExim4Conf Parse(byte[] bytes) => UpdateExim4Conf.FromBytes(bytes, HostPaths.Exim4UpdateConf);

        /// <inheritdoc />
        protected override bool Edit(MailHost host, UpdateExim4Conf conf)
        {
            // No evidence, no change: only a host whose lo is known to lack IPv6 loses ::1.
            if (host.ReadNetwork().LoopbackIpv6 != Ipv6Availability.Unavailable || conf.IsComputed("dc_local_interfaces")) return false;
            // exim ignores update-exim4.conf.conf when a hand-written exim4.conf exists: editing it would change nothing.
            if (host.ReadEximConfiguration().Layout == EximConfigurationLayout.HandWritten) return false;
            EximInterfaceList list = conf.LocalInterfaces;
            if (!list.ContainsIPv6Loopback) return false;
            EximInterfaceList rest = list.WithoutIPv6Loopback();
            if (rest.IsAllInterfaces) conf.Set("dc_local_interfaces", "127.0.0.1");
            else conf.LocalInterfaces = rest;
            return true;
        }

        /// <inheritdoc />
        protected override IEnumerable<ServiceAction> ActionsAfterChange() =>
            new[] { ServiceAction.UpdateExim4Conf(), ServiceAction.RestartExim4(), ServiceAction.ClearPaniclog() };
    }
}
