using System;
using System.Collections.Generic;
using System.Linq;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// Which master.cf services deliver with Postfix's SMTP client (every entry whose command is <c>smtp</c>:
    /// <c>smtp/unix</c>, <c>relay/unix</c>, ...) and over which protocols each one delivers: its own
    /// <c>-o inet_protocols=</c> when it has one, otherwise main.cf's <c>inet_protocols</c> (default <c>all</c>).
    /// </summary>
    /// <remarks>
    /// One fact, computed in one place: the diagnosis asks it whether any client delivers over IPv6, and the
    /// <c>postfix.smtp-client-ipv4-only</c> remediation asks it which clients to override, so the two can never disagree
    /// about which services matter (they once looked at <c>smtp/unix</c> and at every smtp service respectively).
    /// </remarks>
    public sealed class SmtpClientServices
    {
        /// <summary>The parameter that chooses the protocols.</summary>
        public const string Parameter = "inet_protocols";

        private SmtpClientServices(MainCf main, InetProtocols? mainProtocols, IReadOnlyList<SmtpClientService> services)
        {
            Main = main;
            MainProtocols = mainProtocols;
            Services = services;
        }

        /// <summary>The main.cf the services inherit from.</summary>
        public MainCf Main { get; }

        /// <summary>main.cf's <c>inet_protocols</c> (its default <c>all</c> when unset); null when it cannot be known statically.</summary>
        public InetProtocols? MainProtocols { get; }

        /// <summary>Each SMTP client service name and type once, in master.cf order.</summary>
        public IReadOnlyList<SmtpClientService> Services { get; }

        /// <summary>Whether any SMTP client service delivers over IPv6.</summary>
        public bool AnyDeliversOverIpv6 => Services.Any(s => s.DeliversOverIpv6);

        /// <summary>
        /// Reads the fact from <paramref name="main"/> and <paramref name="master"/>. Without a master.cf, Postfix's
        /// built-in <c>smtp/unix</c> is the only client and it inherits main.cf's value.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
        public static SmtpClientServices Read(MainCf main, MasterCf? master)
        {
            if (main == null) throw new ArgumentNullException(nameof(main));
            InetProtocols? mainProtocols = main.InetProtocols;
            var services = new List<SmtpClientService>();
            if (master == null)
            {
                services.Add(new SmtpClientService("smtp", "unix", null, null, mainProtocols));
                return new SmtpClientServices(main, mainProtocols, services);
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (MasterCfService s in master.ServicesRunningCommand("smtp"))
            {
                // GetOverride merges every entry of a name and type (as postconf -P does), so each is visited once.
                if (!seen.Add(s.Name + "/" + s.Type)) continue;
                string? value = master.GetOverride(s.Name, s.Type, Parameter);
                int? line = value == null ? (int?)null
                    : master.Services.Where(x => x.Name == s.Name && x.Type == s.Type)
                        .SelectMany(x => x.Overrides).LastOrDefault(o => o.Name == Parameter)?.Line;
                InetProtocols? effective = mainProtocols;
                if (value != null) effective = MainCfSettings.InetProtocols.Interpret(value);
                services.Add(new SmtpClientService(s.Name, s.Type, value, line, effective));
            }
            return new SmtpClientServices(main, mainProtocols, services);
        }

        /// <summary>The services, e.g. <c>smtp/unix (all), relay/unix (ipv4, -o)</c>.</summary>
        public override string ToString() =>
            Services.Count == 0 ? "no SMTP client services" : string.Join(", ", Services.Select(s => s.ToString()));
    }

    /// <summary>One master.cf service that delivers with the SMTP client, and the protocols it delivers over.</summary>
    public sealed class SmtpClientService
    {
        internal SmtpClientService(string name, string type, string? overrideValue, int? overrideLine, InetProtocols? effective)
        {
            Name = name;
            Type = type;
            OverrideValue = overrideValue;
            OverrideLine = overrideLine;
            EffectiveProtocols = effective;
        }

        /// <summary>The service name (<c>smtp</c>, <c>relay</c>, ...).</summary>
        public string Name { get; }

        /// <summary>The service type (<c>unix</c>).</summary>
        public string Type { get; }

        /// <summary>The service's own <c>-o inet_protocols=</c> value, or null when it inherits main.cf's.</summary>
        public string? OverrideValue { get; }

        /// <summary>The 1-based master.cf line of that override, when there is one.</summary>
        public int? OverrideLine { get; }

        /// <summary>The protocols it delivers over; null when a <c>$</c> macro or bad value makes it unknown.</summary>
        public InetProtocols? EffectiveProtocols { get; }

        /// <summary>Whether it is known to deliver over IPv6.</summary>
        public bool DeliversOverIpv6 => EffectiveProtocols.HasValue && (EffectiveProtocols.Value & InetProtocols.IPv6) != 0;

        /// <summary>Whether it is known to deliver over IPv4 only (nothing for an IPv4-only remediation to do).</summary>
        public bool IsIpv4Only => EffectiveProtocols == InetProtocols.IPv4;

        /// <summary><c>name/type (protocols[, -o])</c>.</summary>
        public override string ToString() =>
            Name + "/" + Type + " (" + (EffectiveProtocols.HasValue ? InetProtocolsValue.Format(EffectiveProtocols.Value) : "unknown")
            + (OverrideValue != null ? ", -o" : string.Empty) + ")";
    }
}
