using System;
using System.Collections.Generic;
using System.Net;

namespace MailConfigKit.Diagnostics
{
    /// <summary>
    /// <see cref="IDnsResolver"/> over <c>System.Net.Dns</c> (the system resolver: <c>/etc/resolv.conf</c>, nsswitch).
    /// TODO(issue 5): map exceptions measured in the namespace tests: HostNotFound is NotFound, TryAgain is Unknown.
    /// </summary>
    public sealed class SystemDnsResolver : IDnsResolver
    {
        /// <inheritdoc />
        public DnsLookupResult ReverseLookup(IPAddress address) => throw new NotImplementedException();

        /// <inheritdoc />
        public DnsLookupResult ForwardLookup(string name) => throw new NotImplementedException();
    }
}
