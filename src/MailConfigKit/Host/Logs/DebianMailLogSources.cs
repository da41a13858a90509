namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Debian's rsyslog mail log: <c>var/log/mail.log</c> and its rotations. Without it, the first of <c>mail.info</c>,
    /// <c>mail.warn</c>, <c>mail.err</c> (older Debian's rsyslog.conf writes each of them beside mail.log, each a subset
    /// of the one before: reading more than one would count a line twice).
    /// </summary>
    internal sealed class DebianMailLogSources : ILogSourceKind
    {
        private static readonly string[] Candidates = { "var/log/mail.log", "var/log/mail.info", "var/log/mail.warn", "var/log/mail.err" };

        public void Discover(LogDiscovery discovery)
        {
            foreach (string path in Candidates)
            {
                if (discovery.AddFileLog(LogFamilies.MailLog, path)) return;
            }
        }
    }
}
