using System.Linq;
using System.Collections.Generic;
using System.Net;

namespace MailConfigKit.Dns
{
    /// <summary>A DNS answer: found (with names or addresses), not found, or unknown (with the reason).</summary>
    public sealed class DnsLookupResult
    {
        /// <summary>Creates a result.</summary>
        public DnsLookupResult(DnsLookupStatus status, IReadOnlyList<string> names, IReadOnlyList<IPAddress> addresses, string? error)
        {
            Status = status;
            Names = names;
            Addresses = addresses;
            Error = error;
        }

        /// <summary>Found, not found or unknown.</summary>
        public DnsLookupStatus Status { get; }

        /// <summary>The names found (PTR look-ups).</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>The addresses found (forward look-ups).</summary>
        public IReadOnlyList<IPAddress> Addresses { get; }

        /// <summary>Why the answer is unknown or not found, as the resolver said it.</summary>
        public string? Error { get; }

        /// <summary><c>status: names and addresses</c>, or the error.</summary>
        public override string ToString() =>
            Status + ": " + (Error ?? string.Join(", ", Names.Concat(Addresses.Select(a => a.ToString()))));
    }
}
