using System.Linq;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// The whole system log, only when the host keeps no mail log of its own (no <c>mail.log</c>, <c>maillog</c> or
    /// <c>maillog_file</c>): <c>var/log/syslog</c> (Debian), else <c>var/log/messages</c>, with rotations. Reading it beside
    /// a mail log would count each mail line twice.
    /// </summary>
    internal sealed class SyslogFallbackSources : ILogSourceKind
    {
        public void Discover(LogDiscovery discovery)
        {
            bool hasMailLog = discovery.Sources.OfType<FileLogSource>().Any(s => !LogFamilies.IsExim(s.Family));
            if (hasMailLog) return;
            if (!discovery.AddFileLog(LogFamilies.Syslog, "var/log/syslog")) discovery.AddFileLog(LogFamilies.Syslog, "var/log/messages");
        }
    }
}
