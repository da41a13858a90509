using System;
using MailConfigKit.Values;

namespace MailConfigKit.Postfix
{
    /// <summary>The address families Postfix uses (<c>inet_protocols</c>).</summary>
    [Flags]
    public enum InetProtocols
    {
        /// <summary>An empty value: all network protocols are disabled and no inet service listens.</summary>
        None = 0,

        /// <summary>IPv4 (<c>ipv4</c>).</summary>
        IPv4 = 1,

        /// <summary>IPv6 (<c>ipv6</c>).</summary>
        IPv6 = 2,

        /// <summary>Both (<c>all</c>), the compiled-in default.</summary>
        All = IPv4 | IPv6,
    }

    /// <summary>
    /// Parse/format pair for <c>inet_protocols</c>, matching Postfix 3.7: items <c>all</c>, <c>ipv4</c>, <c>ipv6</c>,
    /// lower case only, separated by commas and/or whitespace, empty items ignored.
    /// </summary>
    public static class InetProtocolsValue
    {
        /// <summary>Parses a raw value. A value with <c>$</c> is expanded by Postfix first and is refused here.</summary>
        public static ValueParseResult<InetProtocols> Parse(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            var result = InetProtocols.None;
            foreach (ListItem item in PostfixListGrammar.Split(value))
            {
                switch (item.Text)
                {
                    case "all": result |= InetProtocols.All; break;
                    case "ipv4": result |= InetProtocols.IPv4; break;
                    case "ipv6": result |= InetProtocols.IPv6; break;
                    default:
                        return ValueParseResult<InetProtocols>.Fail("unknown inet_protocols value \"" + item.Text + "\" in \"" + value + "\"", item.Position);
                }
            }
            return ValueParseResult<InetProtocols>.Ok(result);
        }

        /// <summary>The canonical spelling: <c>all</c>, <c>ipv4</c>, <c>ipv6</c>, or empty for <see cref="InetProtocols.None"/>.</summary>
        public static string Format(InetProtocols protocols)
        {
            switch (protocols)
            {
                case InetProtocols.All: return "all";
                case InetProtocols.IPv4: return "ipv4";
                case InetProtocols.IPv6: return "ipv6";
                case InetProtocols.None: return string.Empty;
                default: throw new ArgumentOutOfRangeException(nameof(protocols), protocols, "Not a combination of IPv4 and IPv6.");
            }
        }
    }
}
