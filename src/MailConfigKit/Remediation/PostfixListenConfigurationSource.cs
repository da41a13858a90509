using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Postfix's listeners: <c>inet_interfaces</c> (filtered by <c>inet_protocols</c>) x each <c>inet</c> service of
    /// master.cf (<c>smtp</c>, <c>2525</c>, <c>127.0.0.1:2525</c>, ...; a service that names its own address keeps it).
    /// <c>all</c> and <c>loopback-only</c> are probed on the loopback addresses (the wildcard sockets answer there too);
    /// <c>::1</c> only when lo has IPv6, as Postfix itself only binds loopback addresses the interfaces have.
    /// </summary>
    public sealed class PostfixListenConfigurationSource : IListenConfigurationSource
    {
        // postfix start returns once master has opened its services (master -w); the margin covers a slow machine.
        private static readonly TimeSpan StartupBound = TimeSpan.FromSeconds(20);

        private static readonly Dictionary<string, int> WellKnownPorts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            { "smtp", 25 }, { "submission", 587 }, { "smtps", 465 }, { "submissions", 465 }, { "lmtp", 24 },
        };

        /// <inheritdoc />
        public MailDaemon Daemon => MailDaemon.Postfix;

        /// <inheritdoc />
        /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
        public ListenConfiguration Read(MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            var problems = new List<string>();
            var endpoints = new List<ListenEndpoint>();
            MainCf? main = null;
            MasterCf? master = null;
            try
            {
                main = host.LoadMainCf();
                master = host.LoadMasterCf();
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
            {
                problems.Add("cannot read the Postfix configuration: " + ex.Message);
            }
            string pidFile = PidFile(host, main);
            if (main == null || master == null)
            {
                if (problems.Count == 0) problems.Add((main == null ? HostPaths.PostfixMainCf : HostPaths.PostfixMasterCf) + " does not exist");
                return new ListenConfiguration(MailDaemon.Postfix, endpoints, StartupBound, "postfix start waits for master's services", pidFile, null, problems);
            }
            InetProtocols? protocols = main.InetProtocols;
            InetInterfaceList? interfaces = main.InetInterfaces;
            if (protocols == null) problems.Add("inet_protocols is invalid or computed: " + main.GetValue("inet_protocols"));
            if (interfaces == null) problems.Add("inet_interfaces is invalid or computed: " + main.GetValue("inet_interfaces"));
            if (protocols != null && interfaces != null)
            {
                List<IPAddress> addresses = Addresses(host, interfaces, protocols.Value, problems);
                string interfacesText = "inet_interfaces = " + (main.GetValue("inet_interfaces") ?? "all (default)");
                foreach (MasterCfService service in master.Services.Where(s => s.Type == "inet"))
                {
                    if (!TryParseServiceName(service.Name, out string? hostPart, out int port))
                    {
                        problems.Add("master.cf service " + service.Name + "/inet: port not known");
                        continue;
                    }
                    string source = "master.cf " + service.Name + "/inet (line " + service.Line + ")";
                    if (hostPart != null)
                    {
                        if (IPAddress.TryParse(hostPart.Trim('[', ']'), out IPAddress? own)) Add(endpoints, new ListenEndpoint(own, port, source));
                        else if (hostPart == "localhost") Add(endpoints, new ListenEndpoint(IPAddress.Loopback, port, source));
                        else problems.Add(source + ": host " + hostPart + " is not an address");
                        continue;
                    }
                    foreach (IPAddress a in addresses) Add(endpoints, new ListenEndpoint(a, port, interfacesText + " x " + source));
                }
            }
            return new ListenConfiguration(MailDaemon.Postfix, endpoints, StartupBound, "postfix start waits for master's services", pidFile, null, problems);
        }

        private static List<IPAddress> Addresses(MailHost host, InetInterfaceList interfaces, InetProtocols protocols, List<string> problems)
        {
            var result = new List<IPAddress>();
            bool v4 = (protocols & InetProtocols.IPv4) != 0, v6 = (protocols & InetProtocols.IPv6) != 0;
            bool loIpv6 = host.ReadNetwork().LoopbackIpv6 == Ipv6Availability.Available;
            if (interfaces.Kind != InetInterfacesKind.List)
            {
                if (v4) result.Add(IPAddress.Loopback);
                if (v6 && loIpv6) result.Add(IPAddress.IPv6Loopback);
                return result;
            }
            HostsFile? hosts = null;
            foreach (InetInterfaceItem item in interfaces.Items)
            {
                var found = new List<IPAddress>();
                if (item.Address != null) found.Add(item.Address);
                else
                {
                    try
                    {
                        hosts = hosts ?? host.LoadHosts();
                    }
                    catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
                    {
                        problems.Add("cannot read " + HostPaths.Hosts + ": " + ex.Message);
                    }
                    if (hosts != null) found.AddRange(hosts.Lookup(item.Text).Select(e => e.Address));
                    if (found.Count == 0 && item.Text == "localhost") found.Add(IPAddress.Loopback);
                    if (found.Count == 0) problems.Add("inet_interfaces name " + item.Text + " has no address in " + HostPaths.Hosts);
                }
                foreach (IPAddress a in found)
                {
                    bool isV6 = a.AddressFamily == AddressFamily.InterNetworkV6;
                    if ((isV6 ? v6 : v4) && !result.Contains(a)) result.Add(a);
                }
            }
            return result;
        }

        /// <summary>master.cf's inet service name: <c>port</c>, <c>name</c>, <c>host:port</c>, <c>[v6]:port</c>.</summary>
        internal static bool TryParseServiceName(string name, out string? host, out int port)
        {
            host = null;
            port = 0;
            int colon = name.LastIndexOf(':');
            string portText = name;
            if (colon >= 0 && (name.StartsWith("[", StringComparison.Ordinal) ? name.IndexOf("]:", StringComparison.Ordinal) == colon - 1 : name.IndexOf(':') == colon))
            {
                host = name.Substring(0, colon);
                portText = name.Substring(colon + 1);
            }
            if (WellKnownPorts.TryGetValue(portText, out port)) return true;
            return int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port >= 1 && port <= 65535;
        }

        private static string PidFile(MailHost host, MainCf? main)
        {
            string queue = main?.GetValue("queue_directory") ?? "/var/spool/postfix";
            // A tree whose main.cf names a queue inside the tree (an instance run from it) keeps that path.
            string root = host.Root.TrimEnd('/');
            if (root.Length > 0 && queue.StartsWith(root + "/", StringComparison.Ordinal)) queue = queue.Substring(root.Length);
            return queue.Trim('/') + "/pid/master.pid";
        }

        private static void Add(List<ListenEndpoint> endpoints, ListenEndpoint endpoint)
        {
            if (!endpoints.Contains(endpoint)) endpoints.Add(endpoint);
        }

        /// <summary>What this source reads.</summary>
        public override string ToString() => "Postfix listeners from inet_interfaces x master.cf inet services";
    }
}
