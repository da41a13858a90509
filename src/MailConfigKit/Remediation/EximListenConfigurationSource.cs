using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using MailConfigKit.Exim4;
using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// exim's listeners as Debian's <c>update-exim4.conf.conf</c> states them: <c>dc_local_interfaces</c> (which
    /// update-exim4.conf turns into <c>local_interfaces</c>) x <c>daemon_smtp_ports</c>, with the startup bound
    /// <c>daemon_startup_retries</c> x <c>daemon_startup_sleep</c>. The ports and retry settings are exim main options this
    /// file does not hold, so they are given (exim's defaults: port 25, 9 retries, 30 s apart); a reading of exim's effective
    /// configuration replaces this class through <see cref="IListenConfigurationSource"/>.
    /// </summary>
    public sealed class EximListenConfigurationSource : IListenConfigurationSource
    {
        /// <summary>Debian's pid file of the exim daemon, relative to the host root.</summary>
        public const string DefaultPidFile = "run/exim4/exim.pid";

        // What exim itself needs beyond the retries: reading its configuration, forking, binding.
        private static readonly TimeSpan StartupMargin = TimeSpan.FromSeconds(20);

        private readonly int[] _ports;

        /// <summary>exim's defaults: <c>daemon_smtp_ports = smtp</c> (25), <c>daemon_startup_retries = 9</c>, <c>daemon_startup_sleep = 30s</c>.</summary>
        public EximListenConfigurationSource()
            : this(new[] { 25 }, 9, TimeSpan.FromSeconds(30))
        {
        }

        /// <summary>With the daemon options the effective configuration sets.</summary>
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
            if (host.Probe("etc/exim4/exim4.conf").State != HostFileState.Missing)
                problems.Add("etc/exim4/exim4.conf exists and exim uses it as is instead of update-exim4.conf.conf; its local_interfaces are not read here");
            if (conf != null)
            {
                if (conf.IsComputed("dc_local_interfaces")) problems.Add("dc_local_interfaces is computed by the shell; its value is not known");
                else AddEndpoints(host, conf.LocalInterfaces, endpoints, problems);
            }
            TimeSpan bound = TimeSpan.FromTicks(StartupSleep.Ticks * StartupRetries) + StartupMargin;
            string reason = "daemon_startup_retries " + StartupRetries + " x daemon_startup_sleep " + StartupSleep.TotalSeconds.ToString(CultureInfo.InvariantCulture)
                + " s + " + StartupMargin.TotalSeconds + " s";
            return new ListenConfiguration(MailDaemon.Exim4, endpoints, bound, reason, PidFile, HostPaths.Exim4Paniclog, problems);
        }

        private void AddEndpoints(MailHost host, EximInterfaceList list, List<ListenEndpoint> endpoints, List<string> problems)
        {
            string ports = string.Join(" : ", _ports);
            if (list.IsAllInterfaces)
            {
                // Every interface: the wildcard sockets answer on the loopback addresses, which is what local senders use.
                foreach (int port in _ports)
                {
                    Add(endpoints, new ListenEndpoint(IPAddress.Loopback, port, "dc_local_interfaces empty (all interfaces) x daemon_smtp_ports " + ports));
                    if (host.ReadNetwork().LoopbackIpv6 == Ipv6Availability.Available)
                        Add(endpoints, new ListenEndpoint(IPAddress.IPv6Loopback, port, "dc_local_interfaces empty (all interfaces) x daemon_smtp_ports " + ports));
                }
                return;
            }
            foreach (EximInterface item in list.Items)
            {
                if (!item.IsValid || item.Address == null)
                {
                    problems.Add("dc_local_interfaces item " + item.Text + ": " + (item.Error ?? "not an address"));
                    continue;
                }
                if (item.Port is int port) Add(endpoints, new ListenEndpoint(item.Address, port, "dc_local_interfaces " + item.Text));
                else foreach (int p in _ports) Add(endpoints, new ListenEndpoint(item.Address, p, "dc_local_interfaces " + item.Text + " x daemon_smtp_ports " + ports));
            }
        }

        private static void Add(List<ListenEndpoint> endpoints, ListenEndpoint endpoint)
        {
            if (!endpoints.Contains(endpoint)) endpoints.Add(endpoint);
        }

        /// <summary>What this source reads, and the options it assumes.</summary>
        public override string ToString() =>
            "exim4 listeners from dc_local_interfaces x daemon_smtp_ports " + string.Join(" : ", _ports) + ", daemon_startup_retries " + StartupRetries
            + ", daemon_startup_sleep " + StartupSleep.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
    }
}
