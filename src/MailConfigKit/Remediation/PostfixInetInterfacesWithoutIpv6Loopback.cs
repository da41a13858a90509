using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Lets Postfix start on a host whose <c>lo</c> has no IPv6 while <c>inet_interfaces</c> names <c>::1</c> (literally, or
    /// through <c>localhost</c> in <c>etc/hosts</c>): a list of loopback names becomes <c>loopback-only</c>, otherwise the
    /// IPv6 loopback items go and loopback names become <c>127.0.0.1</c>.
    /// </summary>
    public sealed class PostfixInetInterfacesWithoutIpv6Loopback : DocumentRemediation<MainCf>
    {
        /// <summary>The identifier.</summary>
        public const string RemediationId = "postfix.inet-interfaces-without-ipv6-loopback";

        /// <inheritdoc />
        public override string Id => RemediationId;

        /// <inheritdoc />
        public override string Title => "Postfix: do not listen on ::1, which this host does not have";

        /// <inheritdoc />
        public override string Rationale =>
            "Postfix resolves every inet_interfaces item at start-up and refuses to start when one names an address no interface has "
            + "(\"fatal: parameter inet_interfaces: no local interface found for ::1\"; postconf(5), inet_interfaces). With IPv6 off "
            + "on lo, localhost (mapped to ::1 by Debian's /etc/hosts), [::1] and ::1 do exactly that. postconf(5) documents "
            + "\"loopback-only\", which takes the loopback addresses the host really has, so it keeps the intent and still works when "
            + "IPv6 comes back. A change to inet_interfaces needs \"postfix stop\" and \"postfix start\".";

        /// <inheritdoc />
        protected override string RelativePath => HostPaths.PostfixMainCf;

        /// <inheritdoc />
        protected override FileLockStyle LockStyle => FileLockStyle.PostfixEditFile;

        /// <inheritdoc />
        protected override MainCf Parse(byte[] bytes) => MainCf.FromBytes(bytes, HostPaths.PostfixMainCf);

        /// <inheritdoc />
        protected override bool Edit(MailHost host, MainCf main)
        {
            HostNetworkState network = host.ReadNetwork();
            if (network.LoopbackIpv6 != Ipv6Availability.Unavailable) return false;
            HostsFile? hosts = host.LoadHosts();
            List<Ipv6LoopbackItems.Item> offending = Ipv6LoopbackItems.Find(main, hosts, !network.KernelWithoutIpv6);
            if (offending.Count == 0) return false;
            InetInterfaceList list = main.InetInterfaces!;
            if (list.Items.All(i => Ipv6LoopbackItems.IsLoopbackOnly(i, hosts)))
            {
                main.InetInterfaces = InetInterfaceList.LoopbackOnly;
                return true;
            }
            var items = new List<string>();
            foreach (InetInterfaceItem item in list.Items)
            {
                bool isOffending = offending.Any(o => o.Value.Text == item.Text);
                string text = !isOffending ? item.Text : item.IsHostName ? "127.0.0.1" : string.Empty;
                if (text.Length > 0 && !items.Contains(text)) items.Add(text);
            }
            main.InetInterfaces = InetInterfaceList.FromItems(items.ToArray());
            return true;
        }

        /// <inheritdoc />
        protected override IEnumerable<ServiceAction> ActionsAfterChange() => new[] { ServiceAction.StopPostfix(), ServiceAction.StartPostfix() };
    }
}
