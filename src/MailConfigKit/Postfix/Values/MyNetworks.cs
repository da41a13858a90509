using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Net;
using System;
using MailConfigKit.Values;

namespace MailConfigKit.Postfix
{
    /// <summary>What a <c>mynetworks</c> item is.</summary>
    public enum NetworkPatternKind
    {
        /// <summary>A numeric network or address (<c>127.0.0.0/8</c>, <c>[::1]/128</c>).</summary>
        Network = 0,

        /// <summary>A host or domain name pattern.</summary>
        HostName = 1,

        /// <summary>A lookup table (<c>type:name</c>, such as <c>cidr:/etc/postfix/network_table</c>).</summary>
        Table = 2,

        /// <summary>A file whose lines are patterns (<c>/path</c>).</summary>
        File = 3,
    }

    /// <summary>One item of <c>mynetworks</c>.</summary>
    public sealed class NetworkPattern
    {
        internal NetworkPattern(string text, NetworkPatternKind kind, bool negated, IPAddress? address, int? prefixLength)
        {
            Text = text;
            Kind = kind;
            IsNegated = negated;
            Address = address;
            PrefixLength = prefixLength;
        }

        /// <summary>The item as written.</summary>
        public string Text { get; }

        /// <summary>What the item is.</summary>
        public NetworkPatternKind Kind { get; }

        /// <summary>Whether the item starts with <c>!</c> (an exclusion).</summary>
        public bool IsNegated { get; }

        /// <summary>The network address for <see cref="NetworkPatternKind.Network"/> items.</summary>
        public IPAddress? Address { get; }

        /// <summary>The mask length, or null for a single address without <c>/len</c>.</summary>
        public int? PrefixLength { get; }

        /// <inheritdoc />
        public override string ToString() => Text;
    }

    /// <summary>
    /// Parse/format pair for <c>mynetworks</c>. IPv6 networks must be bracketed (<c>[::1]/128</c>): an unbracketed one
    /// contains <c>:</c>, so smtpd takes it for a lookup table and dies on every connection.
    /// </summary>
    public static class MyNetworksValue
    {
        /// <summary>Parses a raw value; fails on the first item smtpd would die or fail lookups on.</summary>
        public static ValueParseResult<IReadOnlyList<NetworkPattern>> Parse(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            var result = new List<NetworkPattern>();
            foreach (ListItem item in PostfixListGrammar.Split(value))
            {
                string? error = ParseItem(item.Text, out NetworkPattern? pattern);
                if (error != null) return ValueParseResult<IReadOnlyList<NetworkPattern>>.Fail(error, item.Position);
                result.Add(pattern!);
            }
            return ValueParseResult<IReadOnlyList<NetworkPattern>>.Ok(result);
        }

        /// <summary>The items joined with single spaces.</summary>
        public static string Format(IEnumerable<NetworkPattern> patterns) =>
            string.Join(" ", (patterns ?? throw new ArgumentNullException(nameof(patterns))).Select(p => p.Text));

        /// <summary>
        /// Parses one item. A result object rather than an <c>out</c> parameter, so PowerShell and other late-bound callers
        /// can use it; the error position is 0, the start of the item.
        /// </summary>
        public static ValueParseResult<NetworkPattern> ParseItem(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            string? error = ParseItem(text, out NetworkPattern? pattern);
            return error == null ? ValueParseResult<NetworkPattern>.Ok(pattern!) : ValueParseResult<NetworkPattern>.Fail(error, 0);
        }

        // Returns the error text or null; internal because PowerShell cannot call out parameters (DESIGN.md).
        internal static string? ParseItem(string text, out NetworkPattern? pattern)
        {
            pattern = null;
            bool negated = text.StartsWith("!", StringComparison.Ordinal);
            string body = negated ? text.Substring(1) : text;
            if (body.StartsWith("/", StringComparison.Ordinal))
            {
                pattern = new NetworkPattern(text, NetworkPatternKind.File, negated, null, null);
                return null;
            }
            string addressPart = body;
            int? prefix = null;
            int slash = body.LastIndexOf('/');
            if (slash > 0)
            {
                addressPart = body.Substring(0, slash);
                if (!int.TryParse(body.Substring(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int len)) len = -1;
                prefix = len;
            }
            bool bracketed = addressPart.Length > 2 && addressPart[0] == '[' && addressPart[addressPart.Length - 1] == ']';
            IPAddress? address = NumericAddress.TryParse(bracketed ? addressPart.Substring(1, addressPart.Length - 2) : addressPart);
            if (address != null && address.AddressFamily == AddressFamily.InterNetworkV6 && !bracketed)
            {
                return "open dictionary: expecting \"type:name\" form instead of \"" + body + "\" (write IPv6 networks in brackets: [" + addressPart + "]" + (prefix.HasValue ? "/" + prefix : "") + ")";
            }
            if (address == null && body.IndexOf(':') > 0 && !bracketed)
            {
                pattern = new NetworkPattern(text, NetworkPatternKind.Table, negated, null, null);
                return null;
            }
            if (address == null)
            {
                pattern = new NetworkPattern(text, NetworkPatternKind.HostName, negated, null, null);
                return null;
            }
            int max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            if (prefix.HasValue && (prefix.Value < 0 || prefix.Value > max)) return "bad mask length in \"" + body + "\"";
            pattern = new NetworkPattern(text, NetworkPatternKind.Network, negated, address, prefix);
            return null;
        }
    }
}
