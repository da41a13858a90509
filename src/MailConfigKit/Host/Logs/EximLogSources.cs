namespace MailConfigKit.Host.Logs
{
    /// <summary>exim's own logs on Debian: <c>var/log/exim4/mainlog</c>, <c>paniclog</c> and <c>rejectlog</c>, each with its rotations (<c>mainlog.1</c>, <c>mainlog.2.gz</c>).</summary>
    internal sealed class EximLogSources : ILogSourceKind
    {
        public void Discover(LogDiscovery discovery)
        {
            discovery.AddFileLog(LogFamilies.EximMainlog, HostPaths.Exim4Mainlog);
            discovery.AddFileLog(LogFamilies.EximPaniclog, HostPaths.Exim4Paniclog);
            discovery.AddFileLog(LogFamilies.EximRejectlog, "var/log/exim4/rejectlog");
        }
    }
}
