using System;
using System.Collections.Generic;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
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
        private readonly Dictionary<string, LogMatches> _scans = new Dictionary<string, LogMatches>(StringComparer.Ordinal);
        private readonly Lazy<PostfixIpv6Delivery?> _delivery;
        private EximEffectiveConfiguration? _exim;

        /// <summary>Creates the context of one diagnosis of <paramref name="host"/>.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public DiagnosisContext(MailHost host, DiagnosisOptions options)
        {
            Host = host ?? throw new ArgumentNullException(nameof(host));
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _network = new Lazy<HostNetworkState>(host.ReadNetwork);
            _delivery = new Lazy<PostfixIpv6Delivery?>(() => PostfixIpv6Delivery.Read(this));
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
                var seen = new HashSet<string>(StringComparer.Ordinal);
                return all.FindAll(u => seen.Add(u.RelativePath));
            }
        }

        /// <summary>Whether and how Postfix's SMTP client delivers over IPv6 (shared by the bounce and DNS checks).</summary>
        internal PostfixIpv6Delivery? Delivery => _delivery.Value;

        /// <summary>The network evidence for <c>lo</c>'s IPv6.</summary>
        public Evidence LoopbackEvidence() =>
            new Evidence(EvidenceKind.Network, Network.HasProcNet ? "proc" : "proc (absent)", null, null,
                "lo IPv6 " + Network.LoopbackIpv6.ToString().ToLowerInvariant() + ": " + Network.DescribeLoopbackIpv6());

        /// <summary>
        /// The lines of the logs at <paramref name="relativePaths"/> (in order) that <paramref name="match"/> accepts: how many,
        /// and the newest <paramref name="keep"/>. Streamed, so memory stays bounded whatever the logs hold; a log that
        /// cannot be read is recorded and the scan goes on with the next. Scans are cached by <paramref name="key"/>.
        /// </summary>
        internal LogMatches ScanLogs(string key, IEnumerable<string> relativePaths, Func<string, bool> match, int keep)
        {
            if (_scans.TryGetValue(key, out LogMatches? cached)) return cached;
            var result = new LogMatches(keep);
            foreach (string path in relativePaths)
            {
                try
                {
                    foreach (LogLine line in Host.ReadLog(path))
                    {
                        if (match(line.Text)) result.Add(line);
                    }
                }
                catch (Exception ex) when (MailHost.IsReadFailure(ex))
                {
                    _unreadable.Add(MailHost.Unreadable(path, ex));
                    Logger.LogWarning("Cannot read {Path}: {Message}", LogText.Escape(path), LogText.Escape(ex.Message));
                }
            }
            _scans[key] = result;
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

    /// <summary>How many log lines matched, and the newest few of them (bounded, however many matched).</summary>
    internal sealed class LogMatches
    {
        private readonly int _keep;
        private readonly Queue<LogLine> _newest = new Queue<LogLine>();

        public LogMatches(int keep)
        {
            _keep = keep;
        }

        /// <summary>How many lines matched in all.</summary>
        public long Count { get; private set; }

        /// <summary>The newest matches, oldest of them first.</summary>
        public IReadOnlyList<LogLine> Newest => _newest.ToArray();

        public void Add(LogLine line)
        {
            Count++;
            _newest.Enqueue(line);
            if (_newest.Count > _keep) _newest.Dequeue();
        }
    }
}
