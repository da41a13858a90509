using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace MailConfigKit.Dns
{
    /// <summary>
    /// <see cref="IDnsResolver"/> over DnsClient: asks the servers it is given, never <c>/etc/hosts</c> and never the system
    /// resolver's guesses, with no cache (every question reaches a server) and bounded time (<see cref="DnsResolverOptions"/>).
    /// Thread-safe: independent questions may be asked in parallel.
    /// </summary>
    /// <remarks>
    /// Servers are asked in order, as glibc does: a server that fails (SERVFAIL, REFUSED, no answer in time, an unusable
    /// reply) hands the question to the next one; a definite answer (records, no data, no such name) ends it. When every
    /// server fails, the answer carries the first server's failure, and its <see cref="DnsAnswer.Detail"/> names what each
    /// server did. A truncated UDP reply is asked again over TCP.
    /// </remarks>
    public sealed class DnsClientResolver : IDnsResolver
    {
        private readonly IReadOnlyList<IPEndPoint> _servers;
        private readonly NameServer[] _nameServers;
        private readonly LookupClient _client;
        private readonly DnsQueryOptions _queryOptions;

        /// <summary>A resolver asking <paramref name="servers"/> (port 53) with the default bounds.</summary>
        /// <exception cref="ArgumentException">No server.</exception>
        public DnsClientResolver(IEnumerable<IPAddress> servers)
            : this(servers, DnsResolverOptions.Default)
        {
        }

        /// <summary>A resolver asking <paramref name="servers"/> (port 53).</summary>
        /// <exception cref="ArgumentException">No server.</exception>
        public DnsClientResolver(IEnumerable<IPAddress> servers, DnsResolverOptions options)
            : this((servers ?? throw new ArgumentNullException(nameof(servers))).Select(s => new IPEndPoint(s ?? throw new ArgumentException("A server is null.", nameof(servers)), 53)), options)
        {
        }

        /// <summary>A resolver asking <paramref name="servers"/> (address and port each).</summary>
        /// <exception cref="ArgumentException">No server, or a null one.</exception>
        public DnsClientResolver(IEnumerable<IPEndPoint> servers, DnsResolverOptions options)
        {
            if (servers == null) throw new ArgumentNullException(nameof(servers));
            Options = options ?? throw new ArgumentNullException(nameof(options));
            List<IPEndPoint> list = servers.ToList();
            if (list.Count == 0) throw new ArgumentException("A resolver needs at least one server.", nameof(servers));
            if (list.Any(s => s == null)) throw new ArgumentException("A server is null.", nameof(servers));
            _servers = list.Take(options.MaxServers).ToList();
            _nameServers = _servers.Select(s => new NameServer(s)).ToArray();
            _queryOptions = new DnsQueryOptions
            {
                UseCache = false,
                Recursion = true,
                Timeout = options.Timeout,
                Retries = options.Retries,
                // Every answer comes back as it is and this class decides what a failure means and who is asked next.
                ThrowDnsErrors = false,
                ContinueOnDnsError = false,
                ContinueOnEmptyResponse = false,
                UseTcpFallback = true,
                UseRandomNameServer = false,
                EnableAuditTrail = false,
            };
            // AutoResolveNameServers = false: DnsClient would otherwise read the machine's own resolver settings.
            _client = new LookupClient(new LookupClientOptions(_nameServers)
            {
                AutoResolveNameServers = false,
                UseCache = false,
                Timeout = options.Timeout,
                Retries = options.Retries,
                ThrowDnsErrors = false,
                ContinueOnDnsError = false,
                ContinueOnEmptyResponse = false,
                UseTcpFallback = true,
                UseRandomNameServer = false,
            });
        }

        /// <summary>
        /// A resolver asking the <c>nameserver</c>s of a resolv.conf's <paramref name="text"/> (see <see cref="ResolvConf"/>);
        /// 127.0.0.1 when it names none, as glibc does.
        /// </summary>
        public static DnsClientResolver FromResolvConf(string text, DnsResolverOptions options)
        {
            IReadOnlyList<IPAddress> servers = ResolvConf.NameServers(text ?? throw new ArgumentNullException(nameof(text)));
            return new DnsClientResolver(servers.Count > 0 ? servers : new[] { IPAddress.Loopback }, options);
        }

        /// <summary>The servers asked, in order.</summary>
        public IReadOnlyList<IPEndPoint> Servers => _servers;

        /// <summary>The bounds.</summary>
        public DnsResolverOptions Options { get; }

        /// <inheritdoc />
        public DnsAnswer Query(string name, DnsRecordType type)
        {
            if (name == null) return DnsAnswer.ServerFailure("no name was asked");
            string? invalid = InvalidName(name);
            if (invalid != null) return DnsAnswer.ServerFailure("\"" + name + "\" cannot be asked: " + invalid);
            DnsAnswer? first = null;
            var failures = new List<string>();
            for (int i = 0; i < _nameServers.Length; i++)
            {
                DnsAnswer answer = Ask(_nameServers[i], name, type);
                if (answer.IsDefinite) return answer;
                first = first ?? answer;
                failures.Add(Format(_servers[i]) + ": " + answer.Status + (answer.Detail != null ? " (" + answer.Detail + ")" : string.Empty));
            }
            string detail = string.Join("; ", failures);
            switch (first!.Status)
            {
                case DnsAnswerStatus.Timeout: return DnsAnswer.Timeout(detail);
                case DnsAnswerStatus.Refused: return DnsAnswer.Refused(detail);
                default: return DnsAnswer.ServerFailure(detail);
            }
        }

        private DnsAnswer Ask(NameServer server, string name, DnsRecordType type)
        {
            IDnsQueryResponse response;
            try
            {
                response = _client.QueryServer(new[] { server }, new DnsQuestion(name, (QueryType)(int)type, QueryClass.IN), _queryOptions);
            }
            catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
            {
                return DnsAnswer.Timeout("no answer in " + (long)Options.Timeout.TotalMilliseconds + " ms, " + (Options.Retries + 1) + " tr" + (Options.Retries == 0 ? "y" : "ies"));
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                return DnsAnswer.ServerFailure(Describe(e));
            }
            var code = (DnsResponseCode)(int)response.Header.ResponseCode;
            switch (code)
            {
                case DnsResponseCode.NoError:
                    break;
                case DnsResponseCode.NotExistentDomain:
                    return DnsAnswer.NxDomain();
                case DnsResponseCode.Refused:
                    return DnsAnswer.Refused("REFUSED");
                case DnsResponseCode.ServerFailure:
                    return DnsAnswer.ServerFailure("SERVFAIL");
                default:
                    return DnsAnswer.ServerFailure("response code " + code);
            }
            if (response.Header.ResultTruncated) return DnsAnswer.ServerFailure("the reply was truncated and could not be had over TCP");
            var records = new List<string>();
            foreach (DnsResourceRecord r in response.Answers)
            {
                string? text = Presentation(r, type);
                if (text != null) records.Add(text);
            }
            return records.Count == 0 ? DnsAnswer.NoData() : DnsAnswer.Found(records);
        }

        /// <summary>A record's presentation text when it is of <paramref name="type"/> (names without the final dot); null otherwise (a CNAME on the way).</summary>
        private static string? Presentation(DnsResourceRecord r, DnsRecordType type)
        {
            switch (type)
            {
                case DnsRecordType.A: return (r as ARecord)?.Address.ToString();
                case DnsRecordType.AAAA: return (r as AaaaRecord)?.Address.ToString();
                case DnsRecordType.PTR: return r is PtrRecord p ? Name(p.PtrDomainName) : null;
                case DnsRecordType.MX: return r is MxRecord m ? m.Preference.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Name(m.Exchange) : null;
                case DnsRecordType.TXT: return r is TxtRecord t ? string.Concat(t.Text) : null;
                default: return null;
            }
        }

        private static string Name(DnsString name)
        {
            string value = name.Value;
            return value.Length > 1 && value.EndsWith(".", StringComparison.Ordinal) ? value.Substring(0, value.Length - 1) : value;
        }

        /// <summary>Why <paramref name="name"/> cannot be a question (empty, a label over 63 bytes, over 253 characters), or null.</summary>
        internal static string? InvalidName(string name)
        {
            string n = name.EndsWith(".", StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name;
            if (n.Length == 0) return "the name is empty";
            if (n.Length > 253) return "the name is longer than 253 characters";
            foreach (string label in n.Split('.'))
            {
                if (label.Length == 0) return "the name has an empty label";
                if (label.Length > 63) return "a label is longer than 63 characters";
            }
            foreach (char c in n)
            {
                if (c < 0x21 || c > 0x7e) return "the name has a character DNS names do not hold here (" + ((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + ")";
            }
            return null;
        }

        private static string Describe(Exception e)
        {
            Exception inner = e;
            while (inner.InnerException != null && inner is DnsResponseException) inner = inner.InnerException;
            return inner.GetType().Name + ": " + inner.Message;
        }

        private static string Format(IPEndPoint server) =>
            server.Port == 53 ? server.Address.ToString() : server.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? "[" + server.Address + "]:" + server.Port : server.Address + ":" + server.Port;

        /// <summary><c>DNS servers 127.0.0.1, 2001:db8::53 (timeout 2000 ms, ...)</c>.</summary>
        public override string ToString() => "DNS servers " + string.Join(", ", _servers.Select(Format)) + " (" + Options + "; no /etc/hosts, no cache)";
    }
}
