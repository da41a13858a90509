namespace MailConfigKit.Tests.Netns
{
    /// <summary>A second interface inside a <see cref="NetNamespace"/>, up, with global addresses.</summary>
    /// <param name="Ipv6">An address with prefix, e.g. <c>2001:db8::25/64</c> (added with <c>nodad</c>, so usable at once); null: none.</param>
    /// <param name="Ipv4">An address with prefix, e.g. <c>192.0.2.25/24</c>; null: none.</param>
    public sealed record ExtraInterface(string? Ipv6 = "2001:db8::25/64", string? Ipv4 = "192.0.2.25/24")
    {
        /// <summary>The interface's name inside the namespace.</summary>
        public const string Name = "d0";

        /// <summary>The address of <see cref="Ipv6"/> without its prefix length.</summary>
        public string? Ipv6Address => Ipv6?.Split('/')[0];

        /// <summary>The address of <see cref="Ipv4"/> without its prefix length.</summary>
        public string? Ipv4Address => Ipv4?.Split('/')[0];
    }
}
