using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;
using MailConfigKit.Postfix;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// Who the host says it is when it sends: the domains in its envelope senders (<c>myorigin</c>, <c>mydomain</c>, the
    /// <c>from=</c> of messages a remote server refused for IPv6 reasons in the mail log, the sender-dependent tables'
    /// domains) and the HELO name (<c>smtp_helo_name</c>, each SMTP client's <c>-o smtp_helo_name</c>, by default
    /// <c>myhostname</c>). Postfix's defaults are followed: <c>myhostname</c> is the host name (with <c>.localdomain</c>
    /// when it has no dot), <c>mydomain</c> is <c>myhostname</c> without its first label, <c>myorigin</c> is
    /// <c>$myhostname</c>, and a <c>myorigin</c> that is a path (Debian's <c>/etc/mailname</c>) is that file's first line.
    /// </summary>
    internal sealed class SendingIdentities
    {
        /// <summary>The most domains checked (the rest are named in the evidence count only).</summary>
        public const int MaxDomains = 10;

        private const int MaxMacroRounds = 10;
        private static readonly Regex Macro = new Regex(@"\$(?:\{(?<n>[A-Za-z0-9_]+)\}|\((?<n>[A-Za-z0-9_]+)\)|(?<n>[A-Za-z0-9_]+))", RegexOptions.CultureInvariant);
        // A record's message ("16E104: from=<...>") or a whole syslog line ("... postfix/qmgr[7]: 16E104: from=<...>").
        private static readonly Regex QueueLine = new Regex(@"(?:^|\]: )(?<q>[0-9A-Za-z]{5,}): ", RegexOptions.CultureInvariant);
        private static readonly Regex FromField = new Regex(@"(?:^|\]: )(?<q>[0-9A-Za-z]{5,}): from=<(?<f>[^>]*)>", RegexOptions.CultureInvariant);
        private static readonly GmailIpv6Refusal Refusal = new GmailIpv6Refusal();

        private static readonly string[] SenderDependentMaps =
        {
            "sender_dependent_relayhost_maps", "sender_dependent_default_transport_maps", "smtp_sasl_password_maps",
        };

        private SendingIdentities(IReadOnlyList<SendingDomain> domains, string? heloName, Evidence heloEvidence)
        {
            Domains = domains;
            HeloName = heloName;
            HeloEvidence = heloEvidence;
        }

        /// <summary>The sending domains, lower case, each once, at most <see cref="MaxDomains"/>.</summary>
        public IReadOnlyList<SendingDomain> Domains { get; }

        /// <summary>The name the SMTP client says in HELO/EHLO; null when it cannot be known (a macro that does not resolve).</summary>
        public string? HeloName { get; }

        /// <summary>Where the HELO name comes from.</summary>
        public Evidence HeloEvidence { get; }

        public static SendingIdentities Read(DiagnosisContext context, MainCf main)
        {
            string mainPath = main.FilePath ?? HostPaths.PostfixMainCf;
            var values = new PostfixValues(main, HostName(context));
            var domains = new List<SendingDomain>();

            string? origin = values.Expand("myorigin");
            if (origin != null && origin.StartsWith("/", StringComparison.Ordinal)) origin = FirstLine(context, origin.Substring(1));
            Add(domains, origin, Config(mainPath, main, "myorigin", "myorigin = " + (origin ?? "(unknown)")));
            Add(domains, values.Expand("mydomain"), Config(mainPath, main, "mydomain", "mydomain = " + values.Expand("mydomain")));
            foreach (KeyValuePair<string, string> refused in RefusedSenders(context))
            {
                Add(domains, refused.Key, new Evidence(EvidenceKind.Log, refused.Value, null, null, "from=<...@" + refused.Key + "> was refused over IPv6"));
            }
            foreach (string map in SenderDependentMaps)
            {
                string? tables = main.GetValue(map);
                if (string.IsNullOrWhiteSpace(tables)) continue;
                foreach (string table in tables!.Split(new[] { ' ', '\t', ',', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    string? source = TableSource(table);
                    if (source == null) continue;
                    foreach (string domain in TableDomains(context, source))
                    {
                        Add(domains, domain, new Evidence(EvidenceKind.Configuration, source, null, null, map + " has a key for " + domain));
                    }
                }
            }

            string? helo = values.Expand("smtp_helo_name");
            Evidence heloEvidence = Config(mainPath, main, "smtp_helo_name", "smtp_helo_name = " + (helo ?? "(unknown)"));
            MasterCf? master = context.MasterCf;
            if (master != null && context.Delivery != null)
            {
                // A client's own -o smtp_helo_name wins for that client; the first IPv6 client's is the one Gmail meets.
                foreach (SmtpClientService s in context.Delivery.Clients.Services.Where(x => x.DeliversOverIpv6))
                {
                    string? own = master.GetOverride(s.Name, s.Type, "smtp_helo_name");
                    if (own == null) continue;
                    helo = values.ExpandText(own);
                    heloEvidence = new Evidence(EvidenceKind.Configuration, master.FilePath ?? HostPaths.PostfixMasterCf, null, null,
                        s.Name + "/" + s.Type + " -o smtp_helo_name=" + own);
                    break;
                }
            }
            return new SendingIdentities(domains, helo == null ? null : helo.Trim().TrimEnd('.').ToLowerInvariant(), heloEvidence);
        }

        private static Evidence Config(string path, MainCf main, string name, string text)
        {
            MainCfParameter? p = main.Parameters.LastOrDefault(x => x.Name == name && x.IsEffective);
            return p == null
                ? new Evidence(EvidenceKind.Configuration, path, null, null, text + " (Postfix's default)")
                : EvidenceFrom.ConfigLine(path, main.ToString(), p.Line, 1);
        }

        private static void Add(List<SendingDomain> list, string? domain, Evidence why)
        {
            if (domain == null) return;
            string d = domain.Trim().TrimEnd('.').ToLowerInvariant();
            int at = d.LastIndexOf('@');
            if (at >= 0) d = d.Substring(at + 1);
            if (d.Length == 0 || d.IndexOf('.') < 0 || d == "localdomain" || d.EndsWith(".localdomain", StringComparison.Ordinal)) return;
            if (Dns.DnsClientResolver.InvalidName(d) != null) return;
            if (list.Any(x => x.Domain == d) || list.Count >= MaxDomains) return;
            list.Add(new SendingDomain(d, why));
        }

        /// <summary>The host name: <c>etc/hostname</c>'s first line (what gethostname() gives a booted host), else null.</summary>
        private static string? HostName(DiagnosisContext context) => FirstLine(context, "etc/hostname");

        private static string? FirstLine(DiagnosisContext context, string relativePath)
        {
            string? text = context.ReadSmallText(relativePath);
            if (text == null) return null;
            string line = text.Split('\n')[0].Trim();
            return line.Length == 0 ? null : line;
        }

        /// <summary>The domain of every <c>from=</c> whose message a remote server refused for IPv6 reasons, with the log it was in.</summary>
        private static Dictionary<string, string> RefusedSenders(DiagnosisContext context)
        {
            // Every mail log the host keeps (rotations, maillog, maillog_file, the journal), oldest first, so that a
            // message's from= is seen before its refusal; streamed, with the tracker's own bounds.
            var tracker = new RefusedSenderTracker();
            foreach (LogRecord record in context.Logs.WithoutExim().Records())
            {
                tracker.Observe(record.Message, record.Origin.Path);
                if (tracker.Domains.Count >= MaxDomains) break;
            }
            return tracker.Domains;
        }

        /// <summary>The file a lookup table reads (<c>hash:/etc/postfix/sender_relay</c> is built from that file), or null for a table that is not a file.</summary>
        internal static string? TableSource(string table)
        {
            int colon = table.IndexOf(':');
            if (colon <= 0) return null;
            string type = table.Substring(0, colon);
            string path = table.Substring(colon + 1);
            if (!path.StartsWith("/", StringComparison.Ordinal) || path.IndexOf('$') >= 0) return null;
            switch (type)
            {
                case "hash": case "btree": case "lmdb": case "cdb": case "dbm": case "sdbm": case "texthash": case "inline":
                    return type == "inline" ? null : path.Substring(1);
                default:
                    return null;
            }
        }

        private static IEnumerable<string> TableDomains(DiagnosisContext context, string relativePath)
        {
            string? text = context.ReadSmallText(relativePath);
            if (text == null) yield break;
            foreach (string raw in text.Split('\n'))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                string key = line.Split(new[] { ' ', '\t' }, 2)[0];
                int at = key.LastIndexOf('@');
                if (at >= 0 && at < key.Length - 1) yield return key.Substring(at + 1);
            }
        }

        private sealed class RefusedSenderTracker
        {
            private const int MaxQueued = 50000;
            private readonly Dictionary<string, string> _fromOf = new Dictionary<string, string>(StringComparer.Ordinal);
            private readonly Queue<string> _order = new Queue<string>();

            public Dictionary<string, string> Domains { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

            public bool Observe(string line, string path)
            {
                if (line.IndexOf(": from=<", StringComparison.Ordinal) >= 0)
                {
                    Match m = FromField.Match(line);
                    if (m.Success && !_fromOf.ContainsKey(m.Groups["q"].Value))
                    {
                        _fromOf[m.Groups["q"].Value] = m.Groups["f"].Value;
                        _order.Enqueue(m.Groups["q"].Value);
                        // Bounded memory, whatever the log holds: the oldest queue ids are forgotten first.
                        if (_order.Count > MaxQueued) _fromOf.Remove(_order.Dequeue());
                    }
                    return false;
                }
                if (Domains.Count >= MaxDomains || !Refusal.Matches(line)) return false;
                Match q = QueueLine.Match(line);
                if (q.Success && _fromOf.TryGetValue(q.Groups["q"].Value, out string? from))
                {
                    int at = from.LastIndexOf('@');
                    if (at >= 0 && at < from.Length - 1)
                    {
                        string domain = from.Substring(at + 1).ToLowerInvariant();
                        if (!Domains.ContainsKey(domain)) Domains[domain] = path;
                    }
                }
                return false;
            }
        }

        /// <summary>main.cf values with Postfix's defaults for the names a sender's identity is made of, macros expanded iteratively.</summary>
        private sealed class PostfixValues
        {
            private readonly MainCf _main;
            private readonly string? _host;

            public PostfixValues(MainCf main, string? host)
            {
                _main = main;
                _host = host;
            }

            public string? Expand(string name) => ExpandText("$" + name);

            /// <summary><paramref name="text"/> with every <c>$name</c> replaced, in at most a few rounds (no recursion); null when a reference stays unknown.</summary>
            public string? ExpandText(string text)
            {
                string current = text;
                for (int round = 0; round < MaxMacroRounds; round++)
                {
                    if (current.IndexOf('$') < 0) return current.Trim();
                    bool unknown = false;
                    current = Macro.Replace(current, m =>
                    {
                        string? v = Raw(m.Groups["n"].Value);
                        if (v == null) unknown = true;
                        return v ?? string.Empty;
                    });
                    if (unknown || current.Length > 4096) return null;
                }
                return null;
            }

            private string? Raw(string name)
            {
                string? set = _main.GetValue(name);
                if (set != null) return set;
                switch (name)
                {
                    case "myhostname":
                        if (_host == null) return null;
                        return _host.IndexOf('.') >= 0 ? _host : _host + ".$mydomain";
                    case "mydomain":
                        string? h = _main.GetValue("myhostname") ?? _host;
                        if (h == null) return null;
                        if (h.IndexOf('$') >= 0) return null;
                        int dot = h.IndexOf('.');
                        return dot >= 0 && dot < h.Length - 1 ? h.Substring(dot + 1) : "localdomain";
                    case "myorigin":
                    case "smtp_helo_name":
                        return "$myhostname";
                    default:
                        return null;
                }
            }
        }
    }

    /// <summary>A domain the host sends as, and why it is one.</summary>
    internal sealed class SendingDomain
    {
        public SendingDomain(string domain, Evidence why)
        {
            Domain = domain;
            Why = why;
        }

        public string Domain { get; }

        public Evidence Why { get; }

        public override string ToString() => Domain;
    }
}
