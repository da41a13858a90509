using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace MailConfigKit.Exim4
{
    /// <summary>How a <c>dc_local_interfaces</c> list separates its items.</summary>
    public enum EximListStyle
    {
        /// <summary>exim's default <c>:</c> list; IPv6 colons must be doubled (<c>127.0.0.1 : ::::1</c>).</summary>
        Colon = 0,

        /// <summary>A <c>;</c> list without prefix, which update-exim4.conf turns into <c>&lt;; ...</c> (Debian's default).</summary>
        Semicolon = 1,

        /// <summary>A list that picks its separator itself with a <c>&lt;X</c> prefix (<c>&lt;; 127.0.0.1 ; ::1</c>).</summary>
        Prefixed = 2,
    }

    /// <summary>
    /// <c>dc_local_interfaces</c> as exim reads it after update-exim4.conf: the addresses (with ports) the daemon binds.
    /// An empty list means all interfaces (exim's default <c>&lt;; ::0 ; 0.0.0.0</c>). Editing keeps the other items'
    /// spelling and the list's style.
    /// </summary>
    public sealed class EximInterfaceList
    {
        internal EximInterfaceList(EximListStyle style, char separator, string prefix, string joiner, IReadOnlyList<EximInterface> items)
        {
            Style = style;
            Separator = separator;
            Prefix = prefix;
            Joiner = joiner;
            Items = items;
        }

        /// <summary>How the list separates items.</summary>
        public EximListStyle Style { get; }

        /// <summary>The separator character.</summary>
        public char Separator { get; }

        /// <summary>The separator-choosing prefix as written (<c>&lt;; </c>), empty for none.</summary>
        public string Prefix { get; }

        /// <summary>The text written between items (<c> ; </c>).</summary>
        public string Joiner { get; }

        /// <summary>The items, in order.</summary>
        public IReadOnlyList<EximInterface> Items { get; }

        /// <summary>Whether the list is empty, which makes exim listen on all interfaces (IPv6 and IPv4 wildcards).</summary>
        public bool IsAllInterfaces => Items.Count == 0;

        /// <summary>Whether any item is the IPv6 loopback, in any spelling.</summary>
        public bool ContainsIPv6Loopback => Items.Any(i => i.IsIPv6Loopback);

        /// <summary>Whether any item names <paramref name="address"/>.</summary>
        public bool Contains(IPAddress address) => Items.Any(i => i.Is(address));

        /// <summary>Whether every item is one exim accepts.</summary>
        public bool IsValid => Items.All(i => i.IsValid);

        /// <summary>
        /// The list without the items that name <paramref name="address"/> (any spelling, any port), other items and
        /// the style unchanged. Removing the last item gives an empty list, which means all interfaces.
        /// </summary>
        public EximInterfaceList Without(IPAddress address)
        {
            if (address == null) throw new ArgumentNullException(nameof(address));
            return new EximInterfaceList(Style, Separator, Prefix, Joiner, Items.Where(i => !i.Is(address)).ToList());
        }

        /// <summary>The list without IPv6 loopback items (every spelling), the fix for exim dying on hosts without IPv6.</summary>
        public EximInterfaceList WithoutIPv6Loopback() =>
            new EximInterfaceList(Style, Separator, Prefix, Joiner, Items.Where(i => !i.IsIPv6Loopback).ToList());

        /// <summary>An empty list (all interfaces).</summary>
        public static EximInterfaceList AllInterfaces { get; } = new EximInterfaceList(EximListStyle.Semicolon, ';', string.Empty, " ; ", new EximInterface[0]);

        /// <summary>The value to write into <c>dc_local_interfaces</c>.</summary>
        public override string ToString() => EximInterfaceListValue.Format(this);
    }
}
