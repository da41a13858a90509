using System;
using System.Collections.Generic;
using System.Linq;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// The answer to one DNS question: its <see cref="Status"/> and, when found, each record's presentation text (a TXT
    /// record's strings joined). The factories are public so a caller can build answers (a cache, a test zone).
    /// </summary>
    public sealed class DnsAnswer
    {
        private static readonly IReadOnlyList<string> NoRecords = new string[0];

        private DnsAnswer(DnsAnswerStatus status, IReadOnlyList<string> records, string? detail)
        {
            Status = status;
            Records = records;
            Detail = detail;
        }

        /// <summary>What the server said.</summary>
        public DnsAnswerStatus Status { get; }

        /// <summary>The records' presentation text (an address, a PTR name, <c>10 mx.example.org</c>, a TXT record's strings joined); empty unless <see cref="DnsAnswerStatus.Found"/>.</summary>
        public IReadOnlyList<string> Records { get; }

        /// <summary>More about a failure (which server, what error); null when there is nothing to add.</summary>
        public string? Detail { get; }

        /// <summary>Whether the answer is definite (found, no data, or no such name), so that an absence can be believed.</summary>
        public bool IsDefinite => Status == DnsAnswerStatus.Found || Status == DnsAnswerStatus.NoData || Status == DnsAnswerStatus.NxDomain;

        /// <summary>Records were found.</summary>
        /// <exception cref="ArgumentException">No records, or a null record.</exception>
        public static DnsAnswer Found(IEnumerable<string> records)
        {
            if (records == null) throw new ArgumentNullException(nameof(records));
            string[] list = records.ToArray();
            if (list.Length == 0) throw new ArgumentException("A found answer has at least one record; use NoData for none.", nameof(records));
            if (list.Any(r => r == null)) throw new ArgumentException("A record is null.", nameof(records));
            return new DnsAnswer(DnsAnswerStatus.Found, list, null);
        }

        /// <summary>Records were found.</summary>
        public static DnsAnswer Found(params string[] records) => Found((IEnumerable<string>)records);

        /// <summary>The name exists without records of the type.</summary>
        public static DnsAnswer NoData() => new DnsAnswer(DnsAnswerStatus.NoData, NoRecords, null);

        /// <summary>The name does not exist.</summary>
        public static DnsAnswer NxDomain() => new DnsAnswer(DnsAnswerStatus.NxDomain, NoRecords, null);

        /// <summary>The server failed.</summary>
        public static DnsAnswer ServerFailure(string? detail) => new DnsAnswer(DnsAnswerStatus.ServerFailure, NoRecords, detail);

        /// <summary>No server answered in time.</summary>
        public static DnsAnswer Timeout(string? detail) => new DnsAnswer(DnsAnswerStatus.Timeout, NoRecords, detail);

        /// <summary>The server refused.</summary>
        public static DnsAnswer Refused(string? detail) => new DnsAnswer(DnsAnswerStatus.Refused, NoRecords, detail);

        /// <summary>The status and the records (<c>Found: 2001:db8::25</c>, <c>NxDomain</c>).</summary>
        public override string ToString()
            => Status + (Records.Count > 0 ? ": " + string.Join(", ", Records) : string.Empty) + (Detail != null ? " (" + Detail + ")" : string.Empty);
    }
}
