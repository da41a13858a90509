using System;
using System.Collections.Generic;
using System.IO;
using MailConfigKit.Diagnosis;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.IO;
using MailConfigKit.Text;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Drops the IPv6 loopback from exim's effective <c>local_interfaces</c> where it is defined: <c>dc_local_interfaces</c>
    /// in update-exim4.conf.conf (through <see cref="EximDropIpv6Loopback"/>), the macro definition in a local macros file
    /// (<c>exim4.conf.localmacros</c>, <c>conf.d/main/000_localmacros</c>) or another configuration file, or the
    /// <c>local_interfaces</c> line of a hand-written <c>exim4.conf</c>. Every plan is proven before it is offered: the
    /// configuration exim would load after the change is read again and must no longer name <c>::1</c>.
    /// </summary>
    public sealed class EximLocalInterfacesWhereDefined : IRemediation
    {
        /// <summary>The identifier.</summary>
        public const string RemediationId = "exim4.local-interfaces-where-defined";

        private readonly EximDropIpv6Loopback _debconf = new EximDropIpv6Loopback();

        /// <inheritdoc />
        public string Id => RemediationId;

        /// <inheritdoc />
        public string Title => "exim4: stop listening on ::1 where local_interfaces is defined";

        /// <inheritdoc />
        public string Rationale =>
            "exim binds every address in local_interfaces and abandons the daemon when one bind fails (exim specification, chapter "
            + "\"Starting the daemon and the use of network interfaces\"): with IPv6 off, binding ::1 fails with \"Cannot assign requested "
            + "address\". The value is changed where exim takes it from, found by reading the configuration exim really loads (a hand-written "
            + "/etc/exim4/exim4.conf is used as it is and update-exim4.conf.conf is ignored; otherwise update-exim4.conf builds "
            + "MAIN_LOCAL_INTERFACES from dc_local_interfaces unless a local macros file defines it first). Dropping ::1 is preferred over "
            + "disable_ipv6 = true: the specification says disable_ipv6 stops every IPv6 activity (no AAAA look-ups, IPv6 addresses "
            + "ignored everywhere, for delivery too), a wider change than the one address that cannot be bound. An empty list would "
            + "mean all interfaces, so 127.0.0.1 is kept. update-exim4.conf runs only where it generates the configuration.";

        /// <inheritdoc />
        /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
        /// <exception cref="InvalidOperationException">The value cannot be known statically, or its definition cannot be edited safely (the reason says which).</exception>
        public RemediationPlan Plan(MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            var plan = new PlanBuilder(host, this);
            // No evidence, no change: only a host whose lo is known to lack IPv6 loses ::1.
            if (host.ReadNetwork().LoopbackIpv6 != Ipv6Availability.Unavailable) return plan.Build();
            EximEffectiveConfiguration exim = host.ReadEximConfiguration();
            if (exim.IsGeneratorInputMissing || exim.Layout == EximConfigurationLayout.None) return _debconf.Plan(host);
            if (!exim.IsKnown || !exim.LocalInterfaces.IsKnown || !exim.DisableIpv6.IsKnown)
            {
                throw new InvalidOperationException("exim's effective local_interfaces cannot be known statically: " + (exim.UnknownReason ?? exim.LocalInterfaces.UnknownReason ?? exim.DisableIpv6.UnknownReason));
            }
            EximEffectiveOption li = exim.LocalInterfaces;
            if (exim.DisableIpv6.IsTrue) return plan.Build();
            EximInterfaceList list = EximInterfaceListValue.ParseLocalInterfaces(li.Value!).Value;
            if (!list.ContainsIPv6Loopback) return plan.Build();
            if (li.Macro != null && li.Macro.Variable == "dc_local_interfaces") return _debconf.Plan(host);
            if (li.Macro != null && li.Macro.Variable != null)
            {
                throw new InvalidOperationException("local_interfaces comes from the macro line " + li.Macro.Variable + " in update-exim4.conf.conf (line " + li.Macro.Line + "), which sh also runs; change it by hand.");
            }
            EximInterfaceList rest = list.WithoutIPv6Loopback();
            string value = rest.IsAllInterfaces ? "127.0.0.1" : EximInterfaceListValue.Format(rest);

            string file = li.Macro?.File ?? li.File!;
            string relative = file.TrimStart('/');
            byte[] bytes = host.ReadBytes(relative) ?? throw new InvalidOperationException(file + " is gone.");
            EximConfiguration doc = EximConfiguration.FromBytes(bytes, relative);
            if (li.Macro != null)
            {
                if (!string.Equals(doc.GetMacro(li.Macro.Name), li.Macro.Value, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The macro " + li.Macro.Name + " in " + file + " gets its value from other macros; change it by hand.");
                }
                doc.SetMacro(li.Macro.Name, value);
            }
            else
            {
                if (!string.Equals(doc.GetValue("local_interfaces"), li.Value, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("local_interfaces in " + file + " is built from macros; change it by hand.");
                }
                doc.Set("local_interfaces", value);
            }
            Prove(host, relative, doc.ToBytes());
            if (plan.AddChange(relative, bytes, doc.OriginalText, doc.ToBytes(), doc.ToString(), FileLockStyle.Folder))
            {
                bool generated = exim.Layout == EximConfigurationLayout.Monolithic || exim.Layout == EximConfigurationLayout.Split;
                if (generated) plan.AddActions(ServiceAction.UpdateExim4Conf());
                plan.AddActions(ServiceAction.RestartExim4(), ServiceAction.ClearPaniclog());
            }
            return plan.Build();
        }

        /// <inheritdoc />
        public RemediationPlan Plan(MailHost host, Finding finding) => Plan(host);

        // Reads the configuration exim would load with the new bytes in place: it must be known and no longer bind ::1.
        private static void Prove(MailHost host, string relative, byte[] newBytes)
        {
            var files = new Overlay(new HostEximFiles(host), "/" + relative, newBytes);
            EximEffectiveConfiguration after = EximEffectiveConfiguration.Read(files);
            if (!after.IsKnown || after.LocalInterfaces.Value == null ||
                (!after.DisableIpv6.IsTrue && EximInterfaceListValue.ParseLocalInterfaces(after.LocalInterfaces.Value).Value.ContainsIPv6Loopback))
            {
                throw new InvalidOperationException("After editing " + relative + ", exim would still bind ::1 or refuse its configuration (" + after + "); change it by hand.");
            }
        }

        /// <summary><c>id: title</c>.</summary>
        public override string ToString() => Id + ": " + Title;

        /// <summary>The host's files with one file's bytes replaced.</summary>
        private sealed class Overlay : IEximFileSource
        {
            private readonly IEximFileSource _inner;
            private readonly string _path;
            private readonly byte[] _bytes;

            public Overlay(IEximFileSource inner, string path, byte[] bytes)
            {
                _inner = inner;
                _path = path;
                _bytes = bytes;
            }

            public byte[]? ReadFile(string path) => path == _path ? _bytes : _inner.ReadFile(path);

            public bool Exists(string path) => path == _path || _inner.Exists(path);

            public IReadOnlyList<string>? ListDirectory(string path) => _inner.ListDirectory(path);

            public bool IsFile(string path) => path == _path || _inner.IsFile(path);
        }
    }
}
