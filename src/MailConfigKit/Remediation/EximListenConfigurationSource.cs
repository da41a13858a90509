using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Values;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// exim's listeners as exim will really open them: the effective configuration's <c>local_interfaces</c> x
    /// <c>daemon_smtp_ports</c> (a hand-written <c>/etc/exim4/exim4.conf</c>, or what update-exim4.conf generates, local
    /// macros included; IPv6 addresses dropped under <c>disable_ipv6</c>), with the startup bound
    /// <c>daemon_startup_retries</c> x <c>daemon_startup_sleep</c> from the same configuration. Where the effective
    /// configuration cannot be read (a partial copy of a host without the template), <c>dc_local_interfaces</c> from
    /// update-exim4.conf.conf stands in, with exim's defaults for the daemon options.
    /// </summary>
    public sealed class EximListenConfigurationSource : IListenConfigurationSource
    {
        /// <summary>Debian's pid file of the exim daemon, relative to the host root.</summary>
        public const string DefaultPidFile = "run/exim4/exim.pid";

        // What exim itself needs beyond the retries: reading its configuration, forking, binding.
        private static readonly TimeSpan StartupMargin = TimeSpan.FromSeconds(20);

        private readonly int[] _ports;

        // Given daemon options win over the configuration's (a test harness runs exim on another port).
        private readonly bool _given;

        /// <summary>
        /// The daemon options come from exim's effective configuration (its defaults where it sets none:
        /// <c>daemon_smtp_ports = smtp</c> (25), <c>daemon_startup_retries = 9</c>, <c>daemon_startup_sleep = 30s</c>).
        /// </summary>
        public EximListenConfigurationSource()
            : this(new[] { 25 }, 9, TimeSpan.FromSeconds(30))
        {
            _given = false;
        }

        /// <summary>With the daemon options given here, whatever the configuration sets.</summary>
        /// <exception cref="ArgumentException">No port, a port outside 1-65535, negative retries or sleep.</exception>
        public EximListenConfigurationSource(int[] daemonSmtpPorts, int daemonStartupRetries, TimeSpan daemonStartupSleep)
        {
            if (daemonSmtpPorts == null || daemonSmtpPorts.Length == 0 || daemonSmtpPorts.Any(p => p < 1 || p > 65535))
                throw new ArgumentException("daemon_smtp_ports needs at least one port, each 1-65535.", nameof(daemonSmtpPorts));
            if (daemonStartupRetries < 0) throw new ArgumentException("daemon_startup_retries cannot be negative.", nameof(daemonStartupRetries));
            if (daemonStartupSleep < TimeSpan.Zero) throw new ArgumentException("daemon_startup_sleep cannot be negative.", nameof(daemonStartupSleep));
            _ports = daemonSmtpPorts.Distinct().ToArray();
            StartupRetries = daemonStartupRetries;
            StartupSleep = daemonStartupSleep;
            PidFile = DefaultPidFile;
            _given = true;
        }

        /// <summary><c>daemon_smtp_ports</c>.</summary>
        public IReadOnlyList<int> DaemonSmtpPorts => _ports;

        /// <summary><c>daemon_startup_retries</c>.</summary>
        public int StartupRetries { get; }

        /// <summary><c>daemon_startup_sleep</c>.</summary>
        public TimeSpan StartupSleep { get; }

        /// <summary>The pid file, relative to the host root (<see cref="DefaultPidFile"/> unless the daemon's <c>pid_file_path</c> says otherwise).</summary>
        public string PidFile { get; set; }

        /// <inheritdoc />
        public MailDaemon Daemon => MailDaemon.Exim4;

        /// <inheritdoc />
        /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
        public ListenConfiguration Read(MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            EximEffectiveConfiguration exim = host.ReadEximConfiguration();
            if (exim.IsKnown) return FromEffective(host, exim);
            if (exim.Layout == EximConfigurationLayout.HandWritten)
            {
                var problems = new List<string> { "etc/exim4/exim4.conf (exim uses it as is): " + exim.UnknownReason };
                return Result(new List<ListenEndpoint>(), StartupRetries, StartupSleep, problems);
            }
            return FromDebconf(host);
        }

        private ListenConfiguration FromEffective(MailHost host, EximEffectiveConfiguration exim)
        {
            var problems = new List<string>();
            var endpoints = new List<ListenEndpoint>();
            int[] ports = _ports;
            int retries = StartupRetries;
            TimeSpan sleep = StartupSleep;
            if (!_given)
            {
                ports = Ports(exim.DaemonSmtpPorts, problems) ?? _ports;
                retries = Retries(exim.DaemonStartupRetries, problems) ?? retries;
                sleep = Sleep(exim.DaemonStartupSleep, problems) ?? sleep;
            }
            EximEffectiveOption li = exim.LocalInterfaces;
            if (!li.IsKnown)
            {
                problems.Add("local_interfaces" + Where(li) + ": " + (li.UnknownReason ?? "not known"));
                return Result(endpoints, retries, sleep, problems);
            }
            bool noIpv6 = exim.DisableIpv6.IsTrue;
            ValueParseResult<EximInterfaceList> list = EximInterfaceListValue.ParseLocalInterfaces(li.Value!);
            if (!list.Success)
            {
                problems.Add("local_interfaces" + Where(li) + ": " + list.Error);
                return Result(endpoints, retries, sleep, problems);
            }
            string origin = "local_interfaces" + Where(li) + (noIpv6 ? " with disable_ipv6" : string.Empty);
            AddEndpoints(host, list.Value, ports, origin, noIpv6, endpoints, problems);
            return Result(endpoints, retries, sleep, problems);
        }

        private ListenConfiguration FromDebconf(MailHost host)
        {
            var problems = new List<string>();
            var endpoints = new List<ListenEndpoint>();
            UpdateExim4Conf? conf = null;
            try
            {
                conf = host.LoadExim4Conf();
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
            {
                problems.Add("cannot read " + HostPaths.Exim4UpdateConf + ": " + ex.Message);
            }
            if (conf == null && problems.Count == 0) problems.Add(HostPaths.Exim4UpdateConf + " does not exist: not a Debian exim4 configuration (on RHEL exim reads /etc/exim/exim.conf), so where exim listens is not known");
            if (conf != null)
            {
                if (conf.IsComputed("dc_local_interfaces")) problems.Add("dc_local_interfaces is computed by the shell; its value is not known");
                else AddEndpoints(host, conf.LocalInterfaces, _ports, "dc_local_interfaces", false, endpoints, problems);
            }
            return Result(endpoints, StartupRetries, StartupSleep, problems);
        }

        private ListenConfiguration Result(List<ListenEndpoint> endpoints, int retries, TimeSpan sleep, List<string> problems)
        {
            TimeSpan bound = TimeSpan.FromTicks(sleep.Ticks * retries) + StartupMargin;
            string reason = "daemon_startup_retries " + retries + " x daemon_startup_sleep " + sleep.TotalSeconds.ToString(CultureInfo.InvariantCulture)
                + " s + " + StartupMargin.TotalSeconds + " s";
            return new ListenConfiguration(MailDaemon.Exim4, endpoints, bound, reason, PidFile, HostPaths.Exim4Paniclog, problems);
        }

        private static string Where(EximEffectiveOption option) =>
            option.File != null ? " (" + option.File + ":" + option.Line.ToString(CultureInfo.InvariantCulture) + ")" : option.IsDefault ? " (exim's default)" : string.Empty;

        // daemon_smtp_ports is an exim list of port numbers or service names; exim looks names up in /etc/services.
        private static int[]? Ports(EximEffectiveOption option, List<string> problems)
        {
            if (!option.IsKnown)
            {
                problems.Add("daemon_smtp_ports" + Where(option) + ": " + (option.UnknownReason ?? "not known"));
                return null;
            }
            var ports = new List<int>();
            foreach (string item in EximPortList.Split(option.Value!))
            {
                int? port = EximPortList.Port(item);
                if (port == null)
                {
                    problems.Add("daemon_smtp_ports" + Where(option) + ": \"" + item + "\" is not a port this reader knows");
                    return null;
                }
                if (!ports.Contains(port.Value)) ports.Add(port.Value);
            }
            if (ports.Count == 0)
            {
                problems.Add("daemon_smtp_ports" + Where(option) + " names no port");
                return null;
            }
            return ports.ToArray();
        }

        private static int? Retries(EximEffectiveOption option, List<string> problems)
        {
            if (option.IsKnown && int.TryParse(option.Value!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
            problems.Add("daemon_startup_retries" + Where(option) + ": " + (option.UnknownReason ?? "not a number: " + option.Value));
            return null;
        }

        private static TimeSpan? Sleep(EximEffectiveOption option, List<string> problems)
        {
            TimeSpan? t = option.IsKnown ? EximPortList.Time(option.Value!) : null;
            if (t == null) problems.Add("daemon_startup_sleep" + Where(option) + ": " + (option.UnknownReason ?? "not an exim time: " + option.Value));
            return t;
        }

        private static void AddEndpoints(MailHost host, EximInterfaceList list, int[] ports, string origin, bool noIpv6, List<ListenEndpoint> endpoints, List<string> problems)
        {
            string portList = string.Join(" : ", ports);
            if (list.IsAllInterfaces)
            {
                // Every interface: the wildcard sockets answer on the loopback addresses, which is what local senders use.
                foreach (int port in ports)
                {
                    Add(endpoints, new ListenEndpoint(IPAddress.Loopback, port, origin + " empty (all interfaces) x daemon_smtp_ports " + portList));
                    if (!noIpv6 && host.ReadNetwork().LoopbackIpv6 == Ipv6Availability.Available)
                        Add(endpoints, new ListenEndpoint(IPAddress.IPv6Loopback, port, origin + " empty (all interfaces) x daemon_smtp_ports " + portList));
                }
                return;
            }
            foreach (EximInterface item in list.Items)
            {
                if (!item.IsValid || item.Address == null)
                {
                    problems.Add(origin + " item " + item.Text + ": " + (item.Error ?? "not an address"));
                    continue;
                }
                // disable_ipv6: exim skips every IPv6 item, so nothing will answer there.
                if (noIpv6 && item.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) continue;
                if (item.Port is int port) Add(endpoints, new ListenEndpoint(item.Address, port, origin + " " + item.Text));
                else foreach (int p in ports) Add(endpoints, new ListenEndpoint(item.Address, p, origin + " " + item.Text + " x daemon_smtp_ports " + portList));
            }
        }

        private static void Add(List<ListenEndpoint> endpoints, ListenEndpoint endpoint)
        {
            if (!endpoints.Contains(endpoint)) endpoints.Add(endpoint);
        }

        /// <summary>What this source reads, and the options it assumes.</summary>
        public override string ToString() => !_given
            ? "exim4 listeners from exim's effective local_interfaces x daemon_smtp_ports, daemon_startup_retries and daemon_startup_sleep"
            : "exim4 listeners from local_interfaces x daemon_smtp_ports " + string.Join(" : ", _ports) + ", daemon_startup_retries " + StartupRetries
            + ", daemon_startup_sleep " + StartupSleep.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
    }
}
