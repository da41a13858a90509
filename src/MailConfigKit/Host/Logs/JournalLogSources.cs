using System.Linq;
using MailConfigKit.Host.Logs.Journal;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// The systemd journal (<c>var/log/journal/*/</c>, <c>run/log/journal/*/</c>), read natively, where the host keeps no
    /// text mail log of its own: a stock Debian 12 has no rsyslog, so its mail lines are only in the journal. With rsyslog
    /// every line is in both places; reading the journal beside <c>mail.log</c> would count each bounce twice.
    /// </summary>
    internal sealed class JournalLogSources : ILogSourceKind
    {
        public void Discover(LogDiscovery discovery)
        {
            bool hasMailLog = discovery.Sources.OfType<FileLogSource>().Any(s => !LogFamilies.IsExim(s.Family));
            if (hasMailLog) return;
            var journal = new JournalLogSource(discovery.Host.Root);
            if (journal.FindFiles().Count > 0) discovery.Sources.Add(journal);
        }
    }
}
