using System.Linq;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// The whole system log, only when the host keeps no mail log of its own (no <c>mail.log</c>, <c>maillog</c> or
    /// <c>maillog_file</c>) and no systemd journal: <c>var/log/syslog</c> (Debian), else <c>var/log/messages</c>, with rotations. Reading it beside
    /// a mail log would count each mail line twice.
    /// </summary>
    internal sealed class SyslogFallbackSources : ILogSourceKind
    {
        public void Discover(LogDiscovery discovery)
        {
            // A journal holds the same lines as the system log (journald forwards to rsyslog): one of them is enough.
            bool hasMailLog = discovery.Sources.Any(s => !(s is FileLogSource f) || !LogFamilies.IsExim(f.Family));
            if (hasMailLog) return;
            if (!discovery.AddFileLog(LogFamilies.Syslog, "var/log/syslog")) discovery.AddFileLog(LogFamilies.Syslog, "var/log/messages");
        }
    }
}
