using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using MailConfigKit.Dns;

namespace MailConfigKit.Tests.Dns
{
    /// <summary>
    /// An in-memory DNS zone for SPF tests: a test double, because the SPF tests need thousands of zones with timeouts
    /// and server failures on chosen names (the real resolver is tested against dnsmasq in Netns/). Names are
    /// case-insensitive; a name that is not in the zone is NXDOMAIN, a name without records of the asked type NODATA;
    /// CNAMEs are followed (a loop is a server failure, as a recursive resolver reports it). Every question is recorded.
    /// </summary>
    public sealed class SpfTestZone
    {
        private readonly Dictionary<string, Entry> _names = new(StringComparer.OrdinalIgnoreCase);

        private sealed class Entry
        {
            public readonly Dictionary<DnsRecordType, List<string>> Records = new();
            public readonly Dictionary<DnsRecordType, DnsAnswerStatus> Failures = new();
            public DnsAnswerStatus? NameFailure;
            public string? Cname;
        }

        /// <summary>The questions asked, in order (<c>TXT example.com</c>).</summary>
        public List<string> Questions { get; } = new();

        private Entry At(string name)
        {
            string key = Key(name);
            if (!_names.TryGetValue(key, out Entry? entry)) _names[key] = entry = new Entry();
            return entry;
        }

        private static string Key(string name) => name.EndsWith('.') ? name[..^1] : name;

        /// <summary>Adds records of one type (TXT: the strings already joined).</summary>
        public SpfTestZone Add(string name, DnsRecordType type, params string[] records)
        {
            Entry entry = At(name);
            if (!entry.Records.TryGetValue(type, out List<string>? list)) entry.Records[type] = list = new List<string>();
            list.AddRange(records);
            return this;
        }

        /// <summary>Makes the name exist without records (NODATA for every type).</summary>
        public SpfTestZone Touch(string name)
        {
            At(name);
            return this;
        }

        /// <summary>Every question about the name fails with <paramref name="status"/>.</summary>
        public SpfTestZone Fail(string name, DnsAnswerStatus status)
        {
            At(name).NameFailure = status;
            return this;
        }

        /// <summary>Questions of one type about the name fail with <paramref name="status"/>.</summary>
        public SpfTestZone Fail(string name, DnsRecordType type, DnsAnswerStatus status)
        {
            At(name).Failures[type] = status;
            return this;
        }

        /// <summary>The name is an alias of <paramref name="target"/>.</summary>
        public SpfTestZone Cname(string name, string target)
        {
            At(name).Cname = Key(target);
            return this;
        }

        /// <summary>The answer a recursive resolver would give.</summary>
        public DnsAnswer Query(string name, DnsRecordType type)
        {
            Questions.Add(type + " " + name);
            string key = Key(name);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                if (!_names.TryGetValue(key, out Entry? entry)) return DnsAnswer.NxDomain();
                if (entry.NameFailure is DnsAnswerStatus failure) return Failed(failure, key);
                if (entry.Failures.TryGetValue(type, out DnsAnswerStatus typeFailure)) return Failed(typeFailure, key);
                if (entry.Records.TryGetValue(type, out List<string>? records) && records.Count > 0) return DnsAnswer.Found(records);
                if (entry.Cname == null) return DnsAnswer.NoData();
                if (!seen.Add(key) || seen.Count > 10) return DnsAnswer.ServerFailure("CNAME loop at " + key);
                key = entry.Cname;
            }
        }

        private static DnsAnswer Failed(DnsAnswerStatus status, string name) => status switch
        {
            DnsAnswerStatus.Timeout => DnsAnswer.Timeout("test zone: " + name),
            DnsAnswerStatus.Refused => DnsAnswer.Refused("test zone: " + name),
            DnsAnswerStatus.NxDomain => DnsAnswer.NxDomain(),
            DnsAnswerStatus.NoData => DnsAnswer.NoData(),
            _ => DnsAnswer.ServerFailure("test zone: " + name),
        };

        /// <summary>
        /// The zone as an <see cref="IDnsResolver"/>. A runtime proxy answers <see cref="IDnsResolver.Query"/> and refuses
        /// every other member, so these tests compile whatever else the interface carries while it is being reshaped.
        /// </summary>
        public IDnsResolver Resolver()
        {
            IDnsResolver proxy = DispatchProxy.Create<IDnsResolver, ZoneProxy>();
            ((ZoneProxy)(object)proxy).Zone = this;
            return proxy;
        }

        /// <summary>The names in the zone (for dumping a generated zone).</summary>
        public IEnumerable<string> Names => _names.Keys;

        /// <summary>Dumps the zone, one line a record, for a failure message.</summary>
        public string Dump()
        {
            var lines = new List<string>();
            foreach (var (name, entry) in _names.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (entry.NameFailure != null) lines.Add(name + " ANY " + entry.NameFailure);
                foreach (var (type, status) in entry.Failures) lines.Add(name + " " + type + " " + status);
                if (entry.Cname != null) lines.Add(name + " CNAME " + entry.Cname);
                foreach (var (type, records) in entry.Records)
                {
                    foreach (string r in records) lines.Add(name + " " + type + " " + (type == DnsRecordType.TXT ? "\"" + r + "\"" : r));
                }
                if (entry.NameFailure == null && entry.Failures.Count == 0 && entry.Cname == null && entry.Records.Count == 0) lines.Add(name + " (exists, no records)");
            }
            return string.Join("\n", lines);
        }

        /// <summary>
        /// The zone for another implementation's driver (PyspfDriver): name -> { "fail": status } or { "types": { type ->
        /// records, or a failure status } }. CNAMEs are not exported (the generated zones have none).
        /// </summary>
        public Dictionary<string, object> Export()
        {
            var zone = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, entry) in _names)
            {
                if (entry.Cname != null) throw new InvalidOperationException("CNAMEs are not exported: " + name);
                var types = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var (type, records) in entry.Records) types[type.ToString()] = records.ToArray();
                foreach (var (type, status) in entry.Failures) types[type.ToString()] = status.ToString();
                var item = new Dictionary<string, object> { ["types"] = types };
                if (entry.NameFailure != null) item["fail"] = entry.NameFailure.ToString()!;
                zone[name.ToLowerInvariant()] = item;
            }
            return zone;
        }

        /// <summary>Forwards <see cref="IDnsResolver.Query"/> to the zone.</summary>
        public class ZoneProxy : DispatchProxy
        {
            internal SpfTestZone? Zone;

            protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
            {
                if (targetMethod?.Name == nameof(IDnsResolver.Query) && args is { Length: 2 })
                {
                    return Zone!.Query((string)args[0]!, (DnsRecordType)args[1]!);
                }
                throw new NotSupportedException("The SPF test zone answers Query only, not " + targetMethod?.Name);
            }
        }
    }
}
