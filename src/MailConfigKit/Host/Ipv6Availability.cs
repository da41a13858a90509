namespace MailConfigKit.Host
{
    /// <summary>Whether an interface has IPv6, as far as the host's evidence shows.</summary>
    public enum Ipv6Availability
    {
        /// <summary>The root has no <c>proc/</c> data to tell (an image without a snapshot): no evidence, no change.</summary>
        Unknown = 0,

        /// <summary>The interface has its IPv6 address.</summary>
        Available = 1,

        /// <summary>The kernel runs without IPv6, IPv6 is disabled on the interface, or the address is missing.</summary>
        Unavailable = 2,
    }
}
