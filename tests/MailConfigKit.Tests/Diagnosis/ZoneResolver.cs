using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using MailConfigKit.Dns;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>
    /// A test double, for unit tests only: an in-memory zone answering <see cref="IDnsResolver.Query"/> (records by name and
    /// type; a name with records of other types is NoData; any other name is <see cref="Otherwise"/>, NXDOMAIN by default;
    /// <see cref="Fail"/> makes one question fail). The real resolver, <see cref="DnsClientResolver"/>, is tested against a
    /// real DNS server (dnsmasq) in network namespaces (Netns/DnsClientResolverTests, Netns/DiagnosisEndToEndDnsTests).
    /// Thread-safe: the checks ask independent questions in parallel.
    /// </summary>
    public sealed class ZoneResolver : IDnsResolver
    {
        private readonly object _gate = new();
        private readonly Dictionary<(string, DnsRecordType), List<string>> _records = new();
        private readonly Dictionary<(string, DnsRecordType), DnsAnswerStatus> _failures = new();
        private readonly List<string> _queries = new();

        /// <summary>A name that has no records at all: this status (NXDOMAIN by default; a failure status makes every such question fail).</summary>
        public DnsAnswerStatus Otherwise { get; set; } = DnsAnswerStatus.NxDomain;

        /// <summary>The questions asked, as <c>TYPE name</c>, in the order asked (parallel questions in any order).</summary>
        public IReadOnlyList<string> Queries
        {
            get
            {
                lock (_gate) return _queries.ToList();
            }
        }

        public ZoneResolver Add(string name, DnsRecordType type, params string[] records)
        {
            lock (_gate)
            {
                var key = (Key(name), type);
                if (!_records.TryGetValue(key, out var list)) _records[key] = list = new List<string>();
                list.AddRange(records);
            }
            return this;
        }

        /// <summary>The PTR record(s) of <paramref name="address"/>.</summary>
        public ZoneResolver Ptr(string address, params string[] names) => Add(DnsNames.Reverse(IPAddress.Parse(address)), DnsRecordType.PTR, names);

        /// <summary>A and AAAA records of <paramref name="name"/>, by address family.</summary>
        public ZoneResolver Host(string name, params string[] addresses)
        {
            foreach (var a in addresses.Select(IPAddress.Parse))
            {
                Add(name, a.AddressFamily == AddressFamily.InterNetworkV6 ? DnsRecordType.AAAA : DnsRecordType.A, a.ToString());
            }
            return this;
        }

        public ZoneResolver Txt(string name, params string[] records) => Add(name, DnsRecordType.TXT, records);

        /// <summary>The question (name, type) gets <paramref name="status"/> (a failure, NXDOMAIN or NoData) whatever the zone holds.</summary>
        public ZoneResolver Fail(string name, DnsRecordType type, DnsAnswerStatus status)
        {
            lock (_gate) _failures[(Key(name), type)] = status;
            return this;
        }

        /// <summary>The PTR question of <paramref name="address"/> gets <paramref name="status"/>.</summary>
        public ZoneResolver PtrStatus(string address, DnsAnswerStatus status) => Fail(DnsNames.Reverse(IPAddress.Parse(address)), DnsRecordType.PTR, status);

        public DnsAnswer Query(string name, DnsRecordType type)
        {
            lock (_gate)
            {
                _queries.Add(type + " " + name);
                string key = Key(name);
                if (_failures.TryGetValue((key, type), out var status)) return Make(status);
                if (_records.TryGetValue((key, type), out var list) && list.Count > 0) return DnsAnswer.Found(list);
                if (_records.Keys.Any(k => k.Item1 == key)) return DnsAnswer.NoData();
                return Make(Otherwise);
            }
        }

        private static DnsAnswer Make(DnsAnswerStatus status) => status switch
        {
            DnsAnswerStatus.NoData => DnsAnswer.NoData(),
            DnsAnswerStatus.NxDomain => DnsAnswer.NxDomain(),
            DnsAnswerStatus.Timeout => DnsAnswer.Timeout("zone: timeout"),
            DnsAnswerStatus.Refused => DnsAnswer.Refused("zone: refused"),
            DnsAnswerStatus.ServerFailure => DnsAnswer.ServerFailure("zone: server failure"),
            _ => throw new ArgumentException("Found needs records: use Add.", nameof(status)),
        };

        private static string Key(string name) => name.TrimEnd('.').ToLowerInvariant();

        public override string ToString() => "in-memory zone (test double)";
    }
}
