using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Net;
using System;
using MailConfigKit.Values;

namespace MailConfigKit.Postfix
{
    /// <summary>What <c>inet_interfaces</c> selects.</summary>
    public enum InetInterfacesKind
    {
        /// <summary><c>all</c>: the wildcard addresses.</summary>
        All = 0,

        /// <summary><c>loopback-only</c>: the loopback addresses the live interfaces have.</summary>
        LoopbackOnly = 1,

        /// <summary>An explicit list of host names and addresses (<see cref="InetInterfaceList.Items"/>).</summary>
        List = 2,
    }

    /// <summary>One item of an explicit <c>inet_interfaces</c> list.</summary>
    public sealed class InetInterfaceItem
    {
        internal InetInterfaceItem(string text, IPAddress? address, bool isBracketed)
        {
            Text = text;
            Address = address;
            IsBracketed = isBracketed;
        }

        /// <summary>The item as written (<c>[::1]</c>, <c>::1</c>, <c>127.0.0.1</c>, <c>localhost</c>).</summary>
        public string Text { get; }

        /// <summary>The numeric address, or null for a host name (Postfix resolves it, e.g. through /etc/hosts).</summary>
        public IPAddress? Address { get; }

        /// <summary>Whether the address was written in brackets (<c>[::1]</c>).</summary>
        public bool IsBracketed { get; }

        /// <summary>Whether the item is a host name rather than a numeric address.</summary>
        public bool IsHostName => Address == null;

        /// <summary>Whether the item is the IPv6 loopback address, in any spelling.</summary>
        public bool IsIPv6Loopback => Address != null && Address.AddressFamily == AddressFamily.InterNetworkV6 && IPAddress.IsLoopback(Address);

        /// <inheritdoc />
        public override string ToString() => Text;
    }

    /// <summary>A parsed <c>inet_interfaces</c> value.</summary>
    public sealed class InetInterfaceList
    {
        /// <summary>Creates a value.</summary>
        public InetInterfaceList(InetInterfacesKind kind, IEnumerable<InetInterfaceItem> items)
        {
            Kind = kind;
            Items = (items ?? throw new ArgumentNullException(nameof(items))).ToList();
        }

        /// <summary>What the value selects.</summary>
        public InetInterfacesKind Kind { get; }

        /// <summary>The explicit items (empty unless <see cref="Kind"/> is <see cref="InetInterfacesKind.List"/>).</summary>
        public IReadOnlyList<InetInterfaceItem> Items { get; }

        /// <summary><c>all</c>.</summary>
        public static InetInterfaceList All { get; } = new InetInterfaceList(InetInterfacesKind.All, new InetInterfaceItem[0]);

        /// <summary><c>loopback-only</c>.</summary>
        public static InetInterfaceList LoopbackOnly { get; } = new InetInterfaceList(InetInterfacesKind.LoopbackOnly, new InetInterfaceItem[0]);

        /// <summary>An explicit list from item texts (each parsed like a value item).</summary>
        public static InetInterfaceList FromItems(params string[] items) =>
            new InetInterfaceList(InetInterfacesKind.List, items.Select(InetInterfacesValue.ParseItem));

        /// <inheritdoc />
        public override string ToString() => InetInterfacesValue.Format(this);
    }

    /// <summary>
    /// Parse/format pair for <c>inet_interfaces</c>: the case-sensitive keywords <c>all</c> and <c>loopback-only</c>, or
    /// host names and addresses, bracketed (<c>[::1]</c>) or bare (<c>::1</c>), separated by commas and/or whitespace.
    /// </summary>
    public static class InetInterfacesValue
    {
        /// <summary>Parses a raw value. Keywords in another case (<c>ALL</c>) are host names to Postfix and fail to resolve.</summary>
        public static ValueParseResult<InetInterfaceList> Parse(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            List<ListItem> items = PostfixListGrammar.Split(value);
            if (items.Count == 1 && items[0].Text == "all") return ValueParseResult<InetInterfaceList>.Ok(InetInterfaceList.All);
            if (items.Count == 1 && items[0].Text == "loopback-only") return ValueParseResult<InetInterfaceList>.Ok(InetInterfaceList.LoopbackOnly);
            var parsed = new List<InetInterfaceItem>();
            foreach (ListItem item in items)
            {
                string lower = item.Text.ToLowerInvariant();
                if ((lower == "all" || lower == "loopback-only") && item.Text != lower)
                {
                    return ValueParseResult<InetInterfaceList>.Fail("config variable inet_interfaces: host not found: " + item.Text + " (keywords are lower case)", item.Position);
                }
                parsed.Add(ParseItem(item.Text));
            }
            return ValueParseResult<InetInterfaceList>.Ok(new InetInterfaceList(InetInterfacesKind.List, parsed));
        }

        /// <summary>The value as Postfix reads it: a keyword, or the items joined with ", ".</summary>
        public static string Format(InetInterfaceList list)
        {
            if (list == null) throw new ArgumentNullException(nameof(list));
            switch (list.Kind)
            {
                case InetInterfacesKind.All: return "all";
                case InetInterfacesKind.LoopbackOnly: return "loopback-only";
                default: return string.Join(", ", list.Items.Select(i => i.Text));
            }
        }

        internal static InetInterfaceItem ParseItem(string text)
        {
            bool bracketed = text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']';
            string inner = bracketed ? text.Substring(1, text.Length - 2) : text;
            IPAddress? address = NumericAddress.TryParse(inner);
            return new InetInterfaceItem(text, address, bracketed && address != null);
        }
    }
}
