using System;
using System.Net;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// Sender Policy Framework: whether a host may send mail for a domain, by RFC 7208 <c>check_host()</c> (all
    /// mechanisms and modifiers, macros, the 10-term and 2-void-lookup limits, <c>exp=</c>), with the DNS of an
    /// <see cref="IDnsResolver"/>.
    /// </summary>
    public static class Spf
    {
        /// <summary>
        /// Evaluates the SPF policy of <paramref name="domain"/> for mail from <paramref name="ip"/>. Never throws on
        /// anything DNS says: failures are <see cref="SpfResult.TempError"/> or <see cref="SpfResult.PermError"/>.
        /// </summary>
        /// <param name="ip">The sending host's address; an IPv4-mapped IPv6 address counts as its IPv4 address.</param>
        /// <param name="domain">The domain to check: the MAIL FROM domain, or the HELO name for the HELO identity.</param>
        /// <param name="sender">The MAIL FROM address (for the macros); empty for a HELO check, which makes it <c>postmaster@</c><paramref name="domain"/>, and a missing local part is <c>postmaster</c>.</param>
        /// <param name="helo">The HELO/EHLO name (the <c>%{h}</c> macro).</param>
        /// <param name="dns">The resolver to ask.</param>
        /// <exception cref="ArgumentNullException"><paramref name="ip"/>, <paramref name="domain"/> or <paramref name="dns"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="ip"/> is neither IPv4 nor IPv6.</exception>
        public static SpfCheckResult CheckHost(IPAddress ip, string domain, string sender, string helo, IDnsResolver dns)
            => CheckHost(ip, domain, sender, helo, dns, SpfOptions.Default);

        /// <summary><see cref="CheckHost(IPAddress, string, string, string, IDnsResolver)"/> with a receiver name and clock (tests).</summary>
        internal static SpfCheckResult CheckHost(IPAddress ip, string domain, string? sender, string? helo, IDnsResolver dns, SpfOptions options)
        {
            if (ip == null) throw new ArgumentNullException(nameof(ip));
            if (domain == null) throw new ArgumentNullException(nameof(domain));
            if (dns == null) throw new ArgumentNullException(nameof(dns));
            if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork && ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                throw new ArgumentException("An SPF check needs an IPv4 or IPv6 address, not " + ip.AddressFamily + ".", nameof(ip));
            }
            return SpfEvaluator.Run(dns, ip, domain, sender, helo, options);
        }
    }
}
