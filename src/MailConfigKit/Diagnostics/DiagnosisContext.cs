using System;
using System.Collections.Generic;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Postfix;
using Microsoft.Extensions.Logging;

namespace MailConfigKit.Diagnostics
{
    /// <summary>
    /// What every check reads: the host, the options, and the documents, network state and logs, each read once. A file
    /// that cannot be read (a FIFO, a device, permission denied, a link out of the root) is recorded in
    /// <see cref="Unreadable"/> and reads as absent to the checks, so no check acts on it; <see cref="MailDiagnosis"/> turns
    /// the record into a finding, so that what could not be read never passes for all clear.
    /// </summary>
    internal sealed class DiagnosisContext
    {
        private readonly Lazy<HostNetworkState> _network;
        private readonly List<HostFileStatus> _unreadable = new List<HostFileStatus>();
        private readonly Dictionary<string, object?> _documents = new Dictionary<string, object?>(StringComparer.Ordinal);
        private readonly Dictionary<string, LogMatches> _scans = new Dictionary<string, LogMatches>(StringComparer.Ordinal);

        public DiagnosisContext(MailHost host, DiagnosisOptions options)
        {
            Host = host;
            Options = options;
            _network = new Lazy<HostNetworkState>(host.ReadNetwork);
        }

        public MailHost Host { get; }

        public DiagnosisOptions Options { get; }

        public ILogger Logger => Options.Logger;

        public HostNetworkState Network => _network.Value;

        /// <summary>Every file that is there but could not be read, each once, in the order met.</summary>
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

        /// <summary>main.cf, or null when absent or unreadable.</summary>
        public MainCf? MainCf => Load(HostPaths.PostfixMainCf, () => Host.LoadMainCf());

        /// <summary>master.cf, or null when absent or unreadable.</summary>
        public MasterCf? MasterCf => Load(HostPaths.PostfixMasterCf, () => Host.LoadMasterCf());

        /// <summary>update-exim4.conf.conf, or null when absent or unreadable.</summary>
        public UpdateExim4Conf? Exim4Conf => Load(HostPaths.Exim4UpdateConf, () => Host.LoadExim4Conf());

        /// <summary>etc/hosts, or null when absent or unreadable.</summary>
        public HostsFile? Hosts => Load(HostPaths.Hosts, () => Host.LoadHosts());

        /// <summary>The network evidence for <c>lo</c>'s IPv6.</summary>
        public Evidence LoopbackEvidence() =>
            new Evidence(EvidenceKind.Network, Network.HasProcNet ? "proc" : "proc (absent)", null, null,
                "lo IPv6 " + Network.LoopbackIpv6.ToString().ToLowerInvariant() + ": " + Network.DescribeLoopbackIpv6());

        /// <summary>
        /// The lines of the logs at <paramref name="relativePaths"/> (in order) that <paramref name="match"/> accepts: how many,
        /// and the newest <paramref name="keep"/>. Streamed, so memory stays bounded whatever the logs hold; a log that
        /// cannot be read is recorded and the scan goes on with the next. Scans are cached by <paramref name="key"/>.
        /// </summary>
        public LogMatches ScanLogs(string key, IEnumerable<string> relativePaths, Func<string, bool> match, int keep)
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
