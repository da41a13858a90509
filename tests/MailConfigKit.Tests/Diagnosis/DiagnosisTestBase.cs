using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Tests.Support;

namespace MailConfigKit.Tests.Diagnosis
{
    /// <summary>Examines HostTree trees with an in-memory zone (never the network).</summary>
    public abstract class DiagnosisTestBase
    {
        public const string GlobalAddress = "2001:db8::25";

        /// <summary>Gmail's 2018+ form, as Postfix logs it on one line (reply-code continuations inside the text).</summary>
        public const string GmailIPv6AuthError =
            "Apr 17 10:41:38 mx postfix/smtp[38652]: 16E104: to=<user@gmail.com>, relay=gmail-smtp-in.l.google.com[2607:f8b0:4004:c07::1a]:25, "
            + "delay=0.2, delays=0.01/0/0.08/0.11, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[2607:f8b0:4004:c07::1a] said: "
            + "550-5.7.1 [2001:db8::25] Our system has detected that this message does 550-5.7.1 not meet IPv6 sending guidelines "
            + "regarding PTR records and 550-5.7.1 authentication. Please review 550-5.7.1 https://support.google.com/mail/?p=IPv6AuthError "
            + "for more information 550 5.7.1 . m15si10283441qtc.60 - gsmtp (in reply to end of DATA command))";

        /// <summary>The older form with <c>?p=ipv6_authentication_error</c>, the phrase split by a continuation code.</summary>
        public const string GmailIpv6AuthenticationError =
            "Jan 14 16:06:01 mx postfix/smtp[1201]: 3F2A1C: to=<user@gmail.com>, relay=gmail-smtp-in.l.google.com[2607:f8b0:4002:c01::1a]:25, "
            + "delay=1.1, delays=0.1/0/0.5/0.5, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[2607:f8b0:4002:c01::1a] said: "
            + "550-5.7.1 [2001:db8::25 16] Our system has detected that this message does not 550-5.7.1 meet IPv6 sending guidelines "
            + "regarding PTR records and authentication 550-5.7.1 . Please review 550-5.7.1 "
            + "https://support.google.com/mail/?p=ipv6_authentication_error for more 550 5.7.1 information. t26si2290895yhl.255 - gsmtp "
            + "(in reply to end of DATA command))";

        /// <summary>The 5.7.25 form ("does not have a PTR record setup"), delivered over IPv6.</summary>
        public const string GmailPtrMissingIpv6 =
            "Mar 31 09:12:44 mx postfix/smtp[2210]: 9B1C2D: to=<user@gmail.com>, relay=gmail-smtp-in.l.google.com[2a00:1450:4013:c07::1b]:25, "
            + "delay=0.9, delays=0.1/0/0.4/0.4, dsn=5.7.25, status=bounced (host gmail-smtp-in.l.google.com[2a00:1450:4013:c07::1b] said: "
            + "550-5.7.25 [2001:db8::25] The IP address sending this message does not 550-5.7.25 have a PTR record setup, or the "
            + "corresponding forward DNS entry does 550-5.7.25 not match the sending IP. As a policy, Gmail does not accept 550-5.7.25 "
            + "messages from IPs with missing PTR records. s12si10692358edy.381 - gsmtp (in reply to end of DATA command))";

        /// <summary>The same 5.7.25 text for a message sent over IPv4: not evidence against IPv6.</summary>
        public const string GmailPtrMissingIpv4 =
            "Mar 31 09:12:44 mx postfix/smtp[2210]: 9B1C2E: to=<user@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.27.27]:25, "
            + "delay=0.9, delays=0.1/0/0.4/0.4, dsn=5.7.25, status=bounced (host gmail-smtp-in.l.google.com[142.250.27.27] said: "
            + "550-5.7.25 [192.0.2.25] The IP address sending this message does not 550-5.7.25 have a PTR record setup, or the "
            + "corresponding forward DNS entry does 550-5.7.25 not match the sending IP. (in reply to end of DATA command))";

        public const string DeliveredLine =
            "Apr 17 10:40:00 mx postfix/smtp[38600]: 1A2B3C: to=<user@example.org>, relay=mx.example.org[192.0.2.80]:25, delay=0.3, dsn=2.0.0, status=sent (250 2.0.0 Ok)";

        /// <summary>Examines with the in-memory zone (DNS checks off without one); the SPF and DKIM check is skipped (see <see cref="ExamineAuthentication"/>).</summary>
        public static DiagnosisReport Examine(HostTree tree, ZoneResolver? dns = null)
        {
            var options = new DiagnosisOptions { DnsResolver = dns ?? new ZoneResolver(), CheckDns = dns != null };
            options.SkipChecks.Add(MailDiagnosis.DnsAuthenticationCheckId);
            return MailDiagnosis.Examine(MailHost.Open(tree.Root), options);
        }

        /// <summary>Examines with every check, the in-memory zone and <paramref name="spf"/> as the SPF step (null: the built-in seam).</summary>
        internal static DiagnosisReport ExamineAuthentication(HostTree tree, ZoneResolver dns, ISpfCheck? spf) =>
            MailDiagnosis.Examine(MailHost.Open(tree.Root), new DiagnosisOptions { DnsResolver = dns, SpfCheck = spf });

        public static IReadOnlyList<string> Ids(DiagnosisReport report) => report.Findings.Select(f => f.Id).ToList();
    }
}
