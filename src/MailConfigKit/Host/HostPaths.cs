namespace MailConfigKit.Host
{
    /// <summary>Where a Debian host keeps the files MailConfigKit reads, relative to the host root.</summary>
    public static class HostPaths
    {
        /// <summary><c>etc/postfix/main.cf</c>.</summary>
        public const string PostfixMainCf = "etc/postfix/main.cf";

        /// <summary><c>etc/postfix/master.cf</c>.</summary>
        public const string PostfixMasterCf = "etc/postfix/master.cf";

        /// <summary><c>etc/exim4/update-exim4.conf.conf</c>, Debian's exim4 configuration (debconf's file).</summary>
        public const string Exim4UpdateConf = "etc/exim4/update-exim4.conf.conf";

        /// <summary><c>etc/exim4/exim4.conf</c>: a hand-written exim configuration; when it exists exim uses it and update-exim4.conf does nothing.</summary>
        public const string Exim4HandWrittenConf = "etc/exim4/exim4.conf";

        /// <summary><c>etc/hosts</c>.</summary>
        public const string Hosts = "etc/hosts";

        /// <summary><c>var/log/exim4/paniclog</c>.</summary>
        public const string Exim4Paniclog = "var/log/exim4/paniclog";

        /// <summary><c>var/log/exim4/mainlog</c>.</summary>
        public const string Exim4Mainlog = "var/log/exim4/mainlog";

        /// <summary><c>var/log/mail.log</c>, where rsyslog puts Postfix's log on Debian.</summary>
        public const string MailLog = "var/log/mail.log";

        /// <summary><c>var/log/mail.log.1</c>, the previous rotation.</summary>
        public const string MailLogPrevious = "var/log/mail.log.1";

        /// <summary><c>proc/net/if_inet6</c>: the IPv6 addresses; absent when the kernel runs without IPv6.</summary>
        public const string ProcIfInet6 = "proc/net/if_inet6";

        /// <summary><c>proc/net/tcp</c>: IPv4 TCP sockets.</summary>
        public const string ProcTcp = "proc/net/tcp";

        /// <summary><c>proc/net/tcp6</c>: IPv6 TCP sockets.</summary>
        public const string ProcTcp6 = "proc/net/tcp6";

        /// <summary><c>proc/sys/net/ipv6/conf</c>: one folder per interface, with <c>disable_ipv6</c>.</summary>
        public const string ProcIpv6Conf = "proc/sys/net/ipv6/conf";
    }
}
