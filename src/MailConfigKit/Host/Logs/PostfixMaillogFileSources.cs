namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// Postfix's own log file: main.cf's <c>maillog_file</c> (Postfix 3.4+, written by postlogd, used where there is no
    /// syslog), an absolute path taken inside the host root, with <c>postfix logrotate</c>'s rotations. A value with
    /// <c>$</c> macros is not expanded here; a note says it was not read.
    /// </summary>
    internal sealed class PostfixMaillogFileSources : ILogSourceKind
    {
        public void Discover(LogDiscovery discovery)
        {
            string? value = discovery.MainCf?.GetValue("maillog_file")?.Trim();
            if (string.IsNullOrEmpty(value)) return;
            if (value!.IndexOf('$') >= 0)
            {
                discovery.Note("main.cf's maillog_file = " + value + " uses macros, which are not expanded: that log is not read.");
                return;
            }
            if (!value.StartsWith("/", System.StringComparison.Ordinal) || value.IndexOf('\0') >= 0)
            {
                discovery.Note("main.cf's maillog_file = " + value + " is not an absolute path: that log is not read.");
                return;
            }
            // Postfix takes /dev/stdout as "log to standard output" (a container's log, not a file).
            if (value.StartsWith("/dev/", System.StringComparison.Ordinal)) return;
            discovery.AddFileLog(LogFamilies.PostfixMaillogFile, value.TrimStart('/'));
        }
    }
}
