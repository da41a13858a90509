using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>Which service manager runs a host's daemons.</summary>
    public enum ServiceManager
    {
        /// <summary>systemd (<c>/run/systemd/system</c> exists): <c>systemctl</c>.</summary>
        Systemd = 0,

        /// <summary>sysvinit-style scripts: <c>service NAME ACTION</c>, or <c>/etc/init.d/NAME ACTION</c> without <c>service</c>.</summary>
        SysVinit = 1,

        /// <summary>Nothing to run commands with: an image or a tree (never restarted from here), or a container without an init system.</summary>
        None = 2,
    }

    /// <summary>The distribution family, which decides unit names and whether Debian's exim4 tools exist.</summary>
    public enum DistributionFamily
    {
        /// <summary>Not recognised from <c>etc/os-release</c>; Debian's names are assumed, and the report says so.</summary>
        Unknown = 0,

        /// <summary>Debian, Ubuntu and their derivatives: <c>exim4</c>, <c>update-exim4.conf</c>.</summary>
        Debian = 1,

        /// <summary>Fedora, RHEL, CentOS, Rocky, Alma: exim is <c>exim</c>, configured in <c>/etc/exim/exim.conf</c>, without <c>update-exim4.conf</c>.</summary>
        RedHat = 2,
    }

    /// <summary>
    /// How a host's services are controlled: the service manager and the distribution's names, detected from the host root.
    /// Maps each <see cref="ServiceAction"/> to the command for this host (argument lists, never a shell line); a root that
    /// is not the live system is never restarted from here (<see cref="ServiceManager.None"/>: the report says what to run).
    /// </summary>
    public sealed class ServiceControl
    {
        private readonly Dictionary<ServiceActionKind, string[]> _overrides;

        // An image that ships systemd is told to use systemctl once it boots, though nothing runs from here.
        private readonly bool _suggestSystemctl;

        // A sysvinit host without the service(8) wrapper: its init scripts are run directly.
        private readonly bool _noServiceCommand;

        private ServiceControl(ServiceManager manager, DistributionFamily distribution, string reason, Dictionary<ServiceActionKind, string[]> overrides, bool suggestSystemctl = false, bool noServiceCommand = false)
        {
            _suggestSystemctl = suggestSystemctl;
            _noServiceCommand = noServiceCommand;
            Manager = manager;
            Distribution = distribution;
            Reason = reason;
            _overrides = overrides;
        }

        /// <summary>The service manager.</summary>
        public ServiceManager Manager { get; }

        /// <summary>The distribution family.</summary>
        public DistributionFamily Distribution { get; }

        /// <summary>Why these were chosen (what was found on the host).</summary>
        public string Reason { get; }

        /// <summary>Whether commands are run at all (false for <see cref="ServiceManager.None"/>).</summary>
        public bool CanRun => Manager != ServiceManager.None;

        /// <summary>A control with the given manager and distribution (for callers who know better than detection).</summary>
        public static ServiceControl For(ServiceManager manager, DistributionFamily distribution) =>
            new ServiceControl(manager, distribution, "given by the caller", new Dictionary<ServiceActionKind, string[]>());

        /// <summary>
        /// Detects the service manager and distribution of <paramref name="host"/>. A root other than <c>/</c> is an image or
        /// a tree: <see cref="ServiceManager.None"/> whatever it contains. On the live system: systemd when
        /// <c>/run/systemd/system</c> exists (what <c>sd_booted()</c> checks), sysvinit when an init script or <c>service</c>
        /// exists, otherwise none (a container without an init system).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
        public static ServiceControl Detect(MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            DistributionFamily family = DetectDistribution(host, out string distributionText);
            var none = new Dictionary<ServiceActionKind, string[]>();
            if (!host.IsLiveSystem)
            {
                bool systemd = Exists(host, "lib/systemd/systemd") || Exists(host, "usr/lib/systemd/systemd");
                return new ServiceControl(ServiceManager.None, family, host.Root + " is an image or a tree, never restarted from here; run the commands inside it once it runs ("
                    + distributionText + (systemd ? ", ships systemd" : string.Empty) + ")", none, systemd);
            }
            if (Exists(host, "run/systemd/system"))
                return new ServiceControl(ServiceManager.Systemd, family, "systemd runs this host (/run/systemd/system exists; " + distributionText + ")", none);
            if (Exists(host, "etc/init.d/exim4") || Exists(host, "etc/init.d/exim") || Exists(host, "etc/init.d/postfix") || Exists(host, "usr/sbin/service"))
            {
                bool noService = !Exists(host, "usr/sbin/service") && !Exists(host, "sbin/service");
                return new ServiceControl(ServiceManager.SysVinit, family, "no systemd; init scripts in /etc/init.d" + (noService ? ", no service command" : string.Empty) + " (" + distributionText + ")", none, false, noService);
            }
            return new ServiceControl(ServiceManager.None, family, "no systemd and no init scripts: a container without an init system? Restart the daemons the way it runs them (" + distributionText + ")", none);
        }

        /// <summary>A copy that runs <paramref name="command"/> for <paramref name="kind"/> (runit, s6, a wrapper script), whatever the manager.</summary>
        /// <exception cref="ArgumentException">The command is empty.</exception>
        public ServiceControl WithCommand(ServiceActionKind kind, params string[] command)
        {
            if (command == null || command.Length == 0 || command.Any(string.IsNullOrEmpty)) throw new ArgumentException("A command needs a program and no empty argument.", nameof(command));
            var overrides = new Dictionary<ServiceActionKind, string[]>(_overrides) { [kind] = command.ToArray() };
            ServiceManager manager = Manager == ServiceManager.None ? ServiceManager.SysVinit : Manager;
            return new ServiceControl(manager, Distribution, Reason + "; " + kind + " by the caller's command", overrides, _suggestSystemctl, _noServiceCommand);
        }

        /// <summary>
        /// The command that carries out <paramref name="action"/> here; empty for an action done in-process (the paniclog), and
        /// null when this distribution has no such step (RHEL's exim has no <c>update-exim4.conf</c>: see <see cref="NoteFor"/>).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
        public IReadOnlyList<string>? CommandFor(ServiceAction action)
        {
            if (action == null) throw new ArgumentNullException(nameof(action));
            if (_overrides.TryGetValue(action.Kind, out string[]? given)) return given;
            // An action a caller built with its own command runs that command; only the built-in Debian defaults are translated.
            if (!IsBuiltInDefault(action)) return action.Command;
            string exim = Distribution == DistributionFamily.RedHat ? "exim" : "exim4";
            switch (action.Kind)
            {
                case ServiceActionKind.RunUpdateExim4Conf: return Distribution == DistributionFamily.RedHat ? null : new[] { "update-exim4.conf" };
                case ServiceActionKind.RestartExim4: return Service(exim, "restart");
                case ServiceActionKind.StopPostfix: return Service("postfix", "stop");
                case ServiceActionKind.StartPostfix: return Service("postfix", "start");
                case ServiceActionKind.ClearEximPaniclog: return new string[0];
                default: return action.Command;
            }
        }

        /// <summary>What a person should know about <paramref name="action"/> on this host (a step that does not exist here); null when nothing.</summary>
        public string? NoteFor(ServiceAction action)
        {
            if (action == null) throw new ArgumentNullException(nameof(action));
            if (action.Kind == ServiceActionKind.RunUpdateExim4Conf && Distribution == DistributionFamily.RedHat && !_overrides.ContainsKey(action.Kind))
                return "RHEL/Fedora's exim reads /etc/exim/exim.conf directly and has no update-exim4.conf; Debian's update-exim4.conf.conf does not apply there, so change local_interfaces in /etc/exim/exim.conf instead";
            if (Distribution == DistributionFamily.Unknown && action.Command.Count > 0) return "distribution not recognised from etc/os-release; Debian's names are assumed";
            return null;
        }

        /// <summary>The command as a line for people (arguments are plain words), or what to do instead.</summary>
        public string Describe(ServiceAction action)
        {
            IReadOnlyList<string>? command = CommandFor(action);
            if (command == null) return NoteFor(action) ?? "nothing to run";
            return command.Count == 0 ? action.Description : string.Join(" ", command);
        }

        private static bool IsBuiltInDefault(ServiceAction action)
        {
            string[] builtIn;
            switch (action.Kind)
            {
                case ServiceActionKind.RunUpdateExim4Conf: builtIn = new[] { "update-exim4.conf" }; break;
                case ServiceActionKind.RestartExim4: builtIn = new[] { "service", "exim4", "restart" }; break;
                case ServiceActionKind.StopPostfix: builtIn = new[] { "service", "postfix", "stop" }; break;
                case ServiceActionKind.StartPostfix: builtIn = new[] { "service", "postfix", "start" }; break;
                default: return true;
            }
            return action.Command.SequenceEqual(builtIn);
        }

        private string[] Service(string name, string verb)
        {
            if (Manager == ServiceManager.Systemd || (Manager == ServiceManager.None && _suggestSystemctl)) return new[] { "systemctl", verb, name };
            if (Manager == ServiceManager.SysVinit && _noServiceCommand) return new[] { "/etc/init.d/" + name, verb };
            return new[] { "service", name, verb };
        }

        private static DistributionFamily DetectDistribution(MailHost host, out string text)
        {
            string? osRelease = null;
            foreach (string path in new[] { "etc/os-release", "usr/lib/os-release" })
            {
                try
                {
                    osRelease = host.ReadText(path, 64 * 1024);
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
                {
                    osRelease = null;
                }
                if (osRelease != null) break;
            }
            if (osRelease == null)
            {
                text = "no os-release";
                return Exists(host, "etc/exim/exim.conf") && !Exists(host, "etc/exim4") ? DistributionFamily.RedHat : DistributionFamily.Unknown;
            }
            string id = Field(osRelease, "ID"), like = Field(osRelease, "ID_LIKE");
            text = "os-release ID=" + Values.LogText.Escape(id) + (like.Length > 0 ? " ID_LIKE=" + Values.LogText.Escape(like) : string.Empty);
            string all = " " + id + " " + like + " ";
            if (new[] { " debian ", " ubuntu " }.Any(all.Contains)) return DistributionFamily.Debian;
            if (new[] { " rhel ", " fedora ", " centos " }.Any(all.Contains)) return DistributionFamily.RedHat;
            return DistributionFamily.Unknown;
        }

        private static string Field(string osRelease, string name)
        {
            foreach (string line in osRelease.Split('\n'))
            {
                if (line.StartsWith(name + "=", StringComparison.Ordinal)) return line.Substring(name.Length + 1).Trim().Trim('"', '\'').ToLowerInvariant();
            }
            return string.Empty;
        }

        private static bool Exists(MailHost host, string relative)
        {
            try
            {
                string path = host.GetPath(relative);
                return File.Exists(path) || Directory.Exists(path);
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException)
            {
                return false;
            }
        }

        /// <summary>The manager, the distribution and why.</summary>
        public override string ToString() => Manager + " on " + Distribution + " (" + Reason + ")";
    }
}
