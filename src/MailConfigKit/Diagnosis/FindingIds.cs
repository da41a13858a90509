namespace MailConfigKit.Diagnosis
{
    /// <summary>The identifiers of the findings <see cref="MailDiagnosis"/> reports (docs/diagnosis.md describes each).</summary>
    public static class FindingIds
    {
        /// <summary>exim's effective <c>local_interfaces</c> names <c>::1</c> (and <c>disable_ipv6</c> is not true) while <c>lo</c> has no IPv6: the daemon dies (Error).</summary>
        public const string EximIpv6LoopbackWithoutIpv6 = "exim4.ipv6-loopback-without-ipv6";

        /// <summary>The paniclog still holds an old <c>::1</c> bind failure that the configuration no longer causes (Note).</summary>
        public const string EximStalePaniclog = "exim4.stale-paniclog";

        /// <summary>The paniclog's newest <c>::1</c> bind failure is newer than the configuration's last change and the running daemon's start: exim failed under the configuration in place now (Warning).</summary>
        public const string EximPaniclogFailureSinceChange = "exim4.paniclog-failure-since-change";

        /// <summary>The paniclog shows a <c>::1</c> bind failure, the configuration names <c>::1</c>, and <c>proc/</c> is missing (Note).</summary>
        public const string EximIpv6LoopbackUnverified = "exim4.ipv6-loopback-unverified";

        /// <summary>exim's effective <c>local_interfaces</c> cannot be known statically (a run-time expansion, an unreadable include, shell code), while the paniclog or <c>lo</c> says it matters (Note).</summary>
        public const string EximConfigurationUnknown = "exim4.configuration-unknown";

        /// <summary>Postfix's <c>inet_interfaces</c> names <c>::1</c> while <c>lo</c> has no IPv6: Postfix will not start (Error).</summary>
        public const string PostfixInetInterfacesIpv6LoopbackWithoutIpv6 = "postfix.inet-interfaces-ipv6-loopback-without-ipv6";

        /// <summary>The mail log holds remote refusals of mail sent over IPv6 (Gmail's texts) while Postfix still delivers over IPv6 (Warning).</summary>
        public const string PostfixIpv6DeliveryRefused = "postfix.ipv6-delivery-refused";

        /// <summary>A global IPv6 address Postfix sends from has no PTR record (Warning).</summary>
        public const string DnsIpv6PtrMissing = "dns.ipv6-ptr-missing";

        /// <summary>A global IPv6 address's PTR name does not resolve back to it (Warning).</summary>
        public const string DnsIpv6PtrNotConfirmed = "dns.ipv6-ptr-not-confirmed";

        /// <summary>The DNS look-ups for a global IPv6 address got no answer (timeout, server failure): unknown, not missing (Note).</summary>
        public const string DnsIpv6PtrUnknown = "dns.ipv6-ptr-unknown";

        /// <summary>A domain Postfix sends as over IPv6 passes neither SPF (for the sending address) nor DKIM: Gmail refuses its mail (Warning).</summary>
        public const string DnsIpv6AuthenticationMissing = "dns.ipv6-authentication-missing";

        /// <summary>A DKIM signer's selector has no <c>selector._domainkey.domain</c> TXT record, so its signatures fail (Warning).</summary>
        public const string DnsDkimKeyMissing = "dns.dkim-key-missing";

        /// <summary>Whether a sending domain passes SPF or DKIM could not be told (no answer, no evaluator, unknown selector): unknown, not missing (Note).</summary>
        public const string DnsIpv6AuthenticationUnknown = "dns.ipv6-authentication-unknown";

        /// <summary>main.cf or master.cf has what postconf and <c>postfix start</c> refuse (Error).</summary>
        public const string PostfixConfigError = "postfix.config-error";

        /// <summary>update-exim4.conf.conf has what update-exim4.conf or exim refuse (Error).</summary>
        public const string Exim4ConfigError = "exim4.config-error";

        /// <summary>A check could not finish (an unreadable file, a path out of the root, an unexpected error): the host is not known to be clear (Warning).</summary>
        public const string CheckFailed = "diagnosis.check-failed";

        /// <summary>
        /// Files the examination needed could not be read (not a regular file, too large, permission denied, a link loop or
        /// a link out of the root): the examination is incomplete (Error when a mail configuration file is among them,
        /// Warning otherwise). Never an all clear.
        /// </summary>
        public const string HostUnreadableFiles = "host.unreadable-files";
    }
}
