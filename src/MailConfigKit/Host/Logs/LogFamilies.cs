namespace MailConfigKit.Host.Logs
{
    /// <summary>The kinds of log a host keeps (<see cref="FileLogSource.Family"/>, <see cref="MailLogs.FamilyOf"/>).</summary>
    public static class LogFamilies
    {
        /// <summary>Debian's rsyslog mail log: <c>var/log/mail.log</c> (or, without it, <c>mail.info</c>, <c>mail.warn</c>, <c>mail.err</c>).</summary>
        public const string MailLog = "mail.log";

        /// <summary>Fedora/RHEL's rsyslog mail log: <c>var/log/maillog</c>, rotated as <c>maillog-YYYYMMDD</c>.</summary>
        public const string Maillog = "maillog";

        /// <summary>Postfix's own log file (<c>maillog_file</c> in main.cf, written by postlogd).</summary>
        public const string PostfixMaillogFile = "postfix-maillog-file";

        /// <summary>The whole system log (<c>var/log/syslog</c> or <c>var/log/messages</c>), read only when no mail log exists.</summary>
        public const string Syslog = "syslog";

        /// <summary>exim's main log, <c>var/log/exim4/mainlog</c>.</summary>
        public const string EximMainlog = "exim4-mainlog";

        /// <summary>exim's panic log, <c>var/log/exim4/paniclog</c>.</summary>
        public const string EximPaniclog = "exim4-paniclog";

        /// <summary>exim's reject log, <c>var/log/exim4/rejectlog</c>.</summary>
        public const string EximRejectlog = "exim4-rejectlog";

        /// <summary>The systemd journal (a source that is not one of these files).</summary>
        public const string Journal = "journal";

        /// <summary>Whether <paramref name="family"/> is one of exim's own logs (which hold only exim's lines).</summary>
        public static bool IsExim(string family) => family == EximMainlog || family == EximPaniclog || family == EximRejectlog;
    }
}
