using System;
using System.Collections.Generic;
using MailConfigKit.Dns;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;
using MailConfigKit.Postfix;
using MailConfigKit.Values;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnosis
{
    /// <summary>
    /// What every check reads, loaded once per diagnosis and shared: the host, the options, each configuration document,
    /// the network state, log scans and the facts several checks need. A file that cannot be read (a FIFO, a device,
    /// permission denied, a link out of the root) is recorded in <see cref="Unreadable"/> and reads as absent to the
    /// checks, so no check acts on it; <see cref="MailDiagnosis"/> turns the record into a finding, so that what could not
    /// be read never passes for all clear.
    /// </summary>
    public sealed class DiagnosisContext
    {
        private readonly Lazy<HostNetworkState> _network;
        private readonly List<HostFileStatus> _unreadable = new List<HostFileStatus>();
        private readonly Dictionary<string, object?> _documents = new Dictionary<string, object?>(StringComparer.Ordinal);
        private readonly Dictionary<string, LogSearchResult> _searches = new Dictionary<string, LogSearchResult>(StringComparer.Ordinal);
        private readonly HashSet<string> _loggedNotes = new HashSet<string>(StringComparer.Ordinal);
        private readonly Lazy<MailLogs> _logs;
        private readonly Lazy<PostfixIpv6Delivery?> _delivery;
        private EximEffectiveConfiguration? _exim;
        private readonly Lazy<IDnsResolver> _dns;
        private readonly Lazy<SendingAddresses?> _sendingAddresses;
        private readonly Lazy<SendingIdentities?> _identities;
        private readonly Dictionary<string, string?> _smallTexts = new Dictionary<string, string?>(StringComparer.Ordinal);

        /// <summary>Creates the context of one diagnosis of <paramref name="host"/>.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public DiagnosisContext(MailHost host, DiagnosisOptions options)
        {
            Host = host ?? throw new ArgumentNullException(nameof(host));
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _network = new Lazy<HostNetworkState>(host.ReadNetwork);
            _delivery = new Lazy<PostfixIpv6Delivery?>(() => PostfixIpv6Delivery.Read(this));
            _logs = new Lazy<MailLogs>(() => MailLogs.Discover(Host, MainCf));
            _dns = new Lazy<IDnsResolver>(CreateResolver);
            _sendingAddresses = new Lazy<SendingAddresses?>(() =>
                Delivery == null || !Delivery.DeliversOverIpv6 ? null : SendingAddresses.Read(this, Delivery));
            _identities = new Lazy<SendingIdentities?>(() => MainCf == null ? null : SendingIdentities.Read(this, MainCf));
        }

        /// <summary>The host examined.</summary>
        public MailHost Host { get; }

        /// <summary>The options of this diagnosis.</summary>
        public DiagnosisOptions Options { get; }

        /// <summary>Where checks log what they looked at.</summary>
        public ILogger Logger => Options.Logger;

        /// <summary>The network state read from the root's <c>proc/</c>, read once.</summary>
        public HostNetworkState Network => _network.Value;

        /// <summary><c>etc/postfix/main.cf</c>, loaded once; null when absent or unreadable (see <see cref="Unreadable"/>).</summary>
        public MainCf? MainCf => Load(HostPaths.PostfixMainCf, () => Host.LoadMainCf());

        /// <summary><c>etc/postfix/master.cf</c>, loaded once; null when absent or unreadable.</summary>
        public MasterCf? MasterCf => Load(HostPaths.PostfixMasterCf, () => Host.LoadMasterCf());

        /// <summary><c>etc/exim4/update-exim4.conf.conf</c>, loaded once; null when absent or unreadable.</summary>
        public UpdateExim4Conf? Exim4Conf => Load(HostPaths.Exim4UpdateConf, () => Host.LoadExim4Conf());

        /// <summary>
        /// The configuration exim loads on this host, read as exim reads it (see <see cref="EximEffectiveConfiguration"/>),
        /// once; its <see cref="EximEffectiveConfiguration.Layout"/> is <see cref="EximConfigurationLayout.None"/> when the host has no exim.
        /// </summary>
        public EximEffectiveConfiguration EximConfiguration => _exim ??= Host.ReadEximConfiguration();

        /// <summary><c>etc/hosts</c>, loaded once; null when absent or unreadable.</summary>
        public HostsFile? Hosts => Load(HostPaths.Hosts, () => Host.LoadHosts());

        /// <summary>Every file that is there but could not be read so far, each once, in the order met.</summary>
        public IReadOnlyList<HostFileStatus> Unreadable
        {
            get
            {
                var all = new List<HostFileStatus>(_unreadable);
                if (_network.IsValueCreated) all.AddRange(Network.Unreadable);
                if (_logs.IsValueCreated) all.AddRange(Logs.Unreadable);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                return all.FindAll(u => seen.Add(u.RelativePath));
            }
        }

        /// <summary>Whether and how Postfix's SMTP client delivers over IPv6 (shared by the bounce and DNS checks).</summary>
        internal PostfixIpv6Delivery? Delivery => _delivery.Value;

        /// <summary>
        /// The network evidence for <c>lo</c>'s IPv6, citing where it comes from: the <c>proc/</c> file (live, a snapshot with
        /// its time and host, or unmarked files), or, for an image without <c>proc/</c>, the fact with the configuration line
        /// that decides it (see <see cref="NetworkEvidence"/> for the line itself).
        /// </summary>
        public Evidence LoopbackEvidence()
        {
            NetworkProvenance source = Network.LoopbackIpv6Source;
            // The source stays "proc" for what proc/ shows (scripts match on it); the text names the file and its origin.
            string where = Network.HasProcNet ? "proc" : Network.ProcIsReadersLiveProcfs ? "proc (not this image's)" : "proc (absent)";
            return new Evidence(EvidenceKind.Network, where, null, null,
                "lo IPv6 " + Network.LoopbackIpv6.ToString().ToLowerInvariant() + ": " + Network.DescribeLoopbackIpv6());
        }

        /// <summary>
        /// The resolver DNS checks ask: <see cref="DiagnosisOptions.DnsResolver"/>, or one asking the <c>nameserver</c>s of
        /// the root's <c>etc/resolv.conf</c> (127.0.0.1 when it names none), never <c>/etc/hosts</c>.
        /// </summary>
        public IDnsResolver Dns => _dns.Value;

        /// <summary>The IPv6 addresses Postfix may send from (null when it does not deliver over IPv6).</summary>
        internal SendingAddresses? SendingAddresses => _sendingAddresses.Value;

        /// <summary>The domains the host sends as and its HELO name (null without main.cf).</summary>
        internal SendingIdentities? Identities => _identities.Value;

        /// <summary>The SPF step of the authentication check.</summary>
        internal ISpfCheck Spf => Options.SpfCheck ?? SpfSeam.Default;

        /// <summary>A small text file of the root (64 KiB at most), read once; null when absent or unreadable (recorded).</summary>
        internal string? ReadSmallText(string relativePath)
        {
            if (_smallTexts.TryGetValue(relativePath, out string? cached)) return cached;
            string? text = null;
            try
            {
                text = Host.ReadText(relativePath, 64 * 1024);
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
                _unreadable.Add(MailHost.Unreadable(relativePath, ex));
                Logger.LogWarning("Cannot read {Path}: {Message}", LogText.Escape(relativePath), LogText.Escape(ex.Message));
            }
            _smallTexts[relativePath] = text;
            return text;
        }

        private IDnsResolver CreateResolver()
        {
            if (Options.DnsResolver != null) return Options.DnsResolver;
            IDnsResolver resolver = DnsClientResolver.FromResolvConf(ReadSmallText(ResolvConfPath) ?? string.Empty, Options.DnsOptions);
            Logger.LogInformation("DNS: {Resolver}", LogText.Escape(resolver.ToString() ?? string.Empty));
            return resolver;
        }

        /// <summary>Where the examined root names its DNS servers.</summary>
        internal const string ResolvConfPath = "etc/resolv.conf";


        /// <summary>
        /// All the evidence about <c>lo</c>'s IPv6: the configuration line that turns it off (file and line, for an image
        /// answered from its configured intent), <see cref="LoopbackEvidence"/>, and the reader's notes (a live procfs under
        /// the image root that was not used, a GRUB value that could not be followed).
        /// </summary>
        public IReadOnlyList<Evidence> NetworkEvidence()
        {
            var result = new List<Evidence>();
            NetworkProvenance source = Network.LoopbackIpv6Source;
            if (source.Origin == NetworkStateOrigin.ConfiguredIntent) result.Add(new Evidence(EvidenceKind.Configuration, source.Source, source.Line, null, source.Text));
            result.Add(LoopbackEvidence());
            foreach (string note in Network.Notes)
            {
                // The live-procfs note is in the fact above already.
                if (Network.ProcIsReadersLiveProcfs && note.StartsWith("proc/ under", StringComparison.Ordinal)) continue;
                int colon = note.IndexOf(':');
                result.Add(new Evidence(EvidenceKind.Configuration, colon > 0 ? note.Substring(0, colon) : "etc", null, null, note));
            }
            return result;
        }

        /// <summary>
        /// The host's logs (<see cref="MailLogs.Discover(MailHost, MainCf)"/>: mail.log and its rotations, RHEL's maillog,
        /// main.cf's maillog_file, exim's logs, the syslog fallback), found once per diagnosis.
        /// </summary>
        public MailLogs Logs => _logs.Value;

        /// <summary>
        /// The records of <paramref name="logs"/> that <paramref name="recogniser"/> matches (from <paramref name="since"/> on
        /// when given): how many, and the newest <paramref name="keep"/>. Streamed, so memory stays bounded whatever the logs
        /// hold; a log that cannot be read is recorded (<see cref="Unreadable"/>) and the search goes on with the next.
        /// Searches are cached by <paramref name="key"/>.
        /// </summary>
        internal LogSearchResult SearchLogs(string key, MailLogs logs, LogRecogniser recogniser, int keep, DateTimeOffset? since)
        {
            if (_searches.TryGetValue(key, out LogSearchResult? cached)) return cached;
            LogSearchResult result = since.HasValue ? logs.Search(recogniser, keep, since.Value) : logs.Search(recogniser, keep);
            foreach (string note in Logs.Notes)
            {
                if (_loggedNotes.Add(note)) Logger.LogWarning("Logs: {Note}", LogText.Escape(note));
            }
            _searches[key] = result;
            return result;
        }

        private T? Load<T>(string relativePath, Func<T?> load)
            where T : class
        {
            if (_documents.TryGetValue(relativePath, out object? cached)) return (T?)cached;
            T? value = null;
            try
            {
                value = load();
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex))
            {
                _unreadable.Add(MailHost.Unreadable(relativePath, ex));
                Logger.LogWarning("Cannot read {Path}: {Message}", LogText.Escape(relativePath), LogText.Escape(ex.Message));
            }
            _documents[relativePath] = value;
            return value;
        }

        /// <summary>The root examined.</summary>
        public override string ToString() => "diagnosis of " + Host.Root;
    }
}
