namespace MailConfigKit.Host.Logs
{
    /// <summary>Fedora/RHEL's rsyslog mail log: <c>var/log/maillog</c>, rotated by logrotate's dateext as <c>maillog-YYYYMMDD</c> (<c>.gz</c>).</summary>
    internal sealed class RhelMaillogSources : ILogSourceKind
    {
        public void Discover(LogDiscovery discovery) => discovery.AddFileLog(LogFamilies.Maillog, "var/log/maillog");
    }
}
