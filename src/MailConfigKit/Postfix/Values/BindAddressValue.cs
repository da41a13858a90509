using System.Net;
using System.Net.Sockets;
using MailConfigKit.Values;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// The value pattern of <c>smtp_bind_address</c> and <c>smtp_bind_address6</c>: empty (no bind address, Postfix's
    /// default) or a numeric address of the parameter's family.
    /// </summary>
    internal static class BindAddressValue
    {
        /// <summary>Parses a bind address; the empty value parses as null. Never throws.</summary>
        public static ValueParseResult<IPAddress?> Parse(string value, AddressFamily family)
        {
            if (value.Length == 0) return ValueParseResult<IPAddress?>.Ok(null);
            IPAddress? a = NumericAddress.TryParse(value);
            if (a != null && a.AddressFamily == family) return ValueParseResult<IPAddress?>.Ok(a);
            return ValueParseResult<IPAddress?>.Fail("\"" + value + "\" is not a numeric " + (family == AddressFamily.InterNetwork ? "IPv4" : "IPv6") + " address", 0);
        }
    }
}
