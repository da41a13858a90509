using System;

namespace MailConfigKit.Dns
{
    /// <summary>What an SPF check needs besides its arguments: the values of the <c>%{r}</c> and <c>%{t}</c> macros.</summary>
    internal sealed class SpfOptions
    {
        /// <summary>The defaults: receiver "unknown" (RFC 7208 section 7.3), the current time.</summary>
        public static readonly SpfOptions Default = new SpfOptions("unknown", () => DateTimeOffset.UtcNow);

        public SpfOptions(string receiver, Func<DateTimeOffset> now)
        {
            Receiver = receiver;
            Now = now;
        }

        /// <summary>The <c>%{r}</c> value: the checking host's domain name.</summary>
        public string Receiver { get; }

        /// <summary>The clock for <c>%{t}</c>.</summary>
        public Func<DateTimeOffset> Now { get; }
    }
}
