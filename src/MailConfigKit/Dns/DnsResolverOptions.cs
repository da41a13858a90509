using System;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// The bounds of <see cref="DnsClientResolver"/>: how long one try waits, how often a silent server is tried again, and
    /// how many servers are asked. The worst case for one question is <see cref="MaxServers"/> × (<see cref="Retries"/> + 1)
    /// × <see cref="Timeout"/>.
    /// </summary>
    public sealed class DnsResolverOptions
    {
        private TimeSpan _timeout = TimeSpan.FromSeconds(2);
        private int _retries = 1;
        private int _maxServers = 3;

        /// <summary>How long one try waits for an answer (default 2 s; 100 ms to 30 s).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Outside 100 ms to 30 s.</exception>
        public TimeSpan Timeout
        {
            get => _timeout;
            set
            {
                if (value < TimeSpan.FromMilliseconds(100) || value > TimeSpan.FromSeconds(30))
                    throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout is between 100 ms and 30 s.");
                _timeout = value;
            }
        }

        /// <summary>How many more times a server that did not answer is asked before the next server (default 1; 0 to 5).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 5.</exception>
        public int Retries
        {
            get => _retries;
            set
            {
                if (value < 0 || value > 5) throw new ArgumentOutOfRangeException(nameof(value), value, "Retries are 0 to 5.");
                _retries = value;
            }
        }

        /// <summary>How many of the servers are asked, in order (default 3, as glibc reads at most three <c>nameserver</c> lines; 1 to 10).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 10.</exception>
        public int MaxServers
        {
            get => _maxServers;
            set
            {
                if (value < 1 || value > 10) throw new ArgumentOutOfRangeException(nameof(value), value, "Servers asked are 1 to 10.");
                _maxServers = value;
            }
        }

        /// <summary>The defaults (2 s, one retry, three servers).</summary>
        public static DnsResolverOptions Default => new DnsResolverOptions();

        /// <summary><c>timeout 2000 ms, 1 retry, up to 3 servers</c>.</summary>
        public override string ToString() =>
            "timeout " + (long)Timeout.TotalMilliseconds + " ms, " + Retries + " retr" + (Retries == 1 ? "y" : "ies") + ", up to " + MaxServers + " servers";
    }
}
