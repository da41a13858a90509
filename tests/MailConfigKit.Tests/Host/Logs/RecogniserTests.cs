using FluentAssertions;
using MailConfigKit.Host.Logs;
using MailConfigKit.Tests.Diagnosis;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host.Logs
{
    /// <summary>
    /// The recognisers on message texts. exim's and Postfix's are the texts the real daemons wrote in the namespaces
    /// (spec E7/P4, cases/exim/runtime/*.mainlog; Netns/README.md); the live tests (LogsEndToEndTests) produce them again.
    /// </summary>
    public class RecogniserTests
    {
        private static string Message(string syslogLine) => SyslogHeader.ToRecord(syslogLine, null, LogOrigin.FileLine("x", 1)).Message;

        [TestCase(DiagnosisTestBase.GmailIPv6AuthError, true)]
        [TestCase(DiagnosisTestBase.GmailIpv6AuthenticationError, true)]
        [TestCase(DiagnosisTestBase.GmailPtrMissingIpv6, true)]
        [TestCase(DiagnosisTestBase.GmailPtrMissingIpv4, false)]
        [TestCase(DiagnosisTestBase.DeliveredLine, false)]
        public void Gmail_forms(string line, bool matches)
        {
            new GmailIpv6Refusal().Matches(Message(line)).Should().Be(matches);
        }

        [TestCase("does not 550-5.7.1 meet IPv6 sending guidelines regarding PTR", true)]
        [TestCase("does not 550 5.7.1 meet   IPv6\tsending 550-5.7.1 GUIDELINES", true)]
        [TestCase("Does Not Meet IPV6 Sending Guidelinesx", true)]
        [TestCase("does not meet ipv4 sending guidelines", false)]
        [TestCase("does not 550-5.7 meet IPv6 sending guidelines", false)]
        [TestCase("does not 550-5.7.1x meet IPv6 sending guidelines", false)]
        [TestCase("does not meet IPv6 sending", false)]
        [TestCase("[2001:db8::1] does not 550-5.7.25 have a PTR record", true)]
        [TestCase("[2001:db8::1 16] does not have a\n PTR record", true)]
        [TestCase("[192.0.2.1] does not have a PTR record", false)]
        public void Gmail_phrases_skip_reply_codes_and_fold_white_space(string message, bool matches)
        {
            new GmailIpv6Refusal().Matches(message).Should().Be(matches);
        }

        [Test]
        public void Phrase_found_from_its_end_equals_the_forward_token_walk()
        {
            // GmailIpv6Refusal uses the backward search (cheap on a log of nothing but refusals); the forward walk is the
            // plain reading of "the phrase with the reply codes removed". Generated texts must get the same answer.
            var random = new System.Random(Support.Seeds.From("MCK_LOGS_PHRASE_SEED"));
            string[] words = { "does", "not", "meet", "IPv6", "sending", "guidelines", "Guidelinesx", "xdoes", "550-5.7.1", "550", "5.7.1", "5.7.", "250-2.0.0", " ", "  ", "	", "a", "550-5.7.1x", "gu\u0131delines", "\u017Fending", "GUIDELINES", "Does", "\u00A0", "\u0085", "2.0.0", "250" };
            string[] phrase = { "does", "not", "meet", "ipv6", "sending", "guidelines" };
            int found = 0;
            for (int i = 0; i < 50000; i++)
            {
                var sb = new System.Text.StringBuilder();
                int n = random.Next(0, 16);
                for (int k = 0; k < n; k++)
                {
                    sb.Append(random.Next(3) == 0 ? words[random.Next(words.Length)] : phrase[System.Math.Min(k, phrase.Length - 1)]);
                    if (random.Next(4) != 0) sb.Append(' ');
                }
                string text = sb.ToString();
                bool forward = Phrase.Contains(text, phrase);
                if (forward) found++;
                Phrase.ContainsFromEnd(text, phrase).Should().Be(forward, "\"" + text + "\"");
            }
            found.Should().BeGreaterThan(100, "the generator makes the phrase often enough to test something");
        }

        [TestCase("socket bind() to port 2525 for address ::1 failed: Cannot assign requested address: waiting 30s before trying again (9 more tries)", true, true)]
        [TestCase("socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned", true, false)]
        [TestCase("socket bind() to port 25 for address [::1] failed: Cannot assign requested address: daemon abandoned", true, false)]
        [TestCase("socket bind() to port 25 for address 0:0:0:0:0:0:0:1 failed: Cannot assign requested address: daemon abandoned", true, false)]
        [TestCase("socket bind() to port 2525 for address 127.0.0.1 failed: Address already in use: daemon abandoned", false, false)]
        [TestCase("socket bind() to port 25 for address ::2 failed: Cannot assign requested address: daemon abandoned", false, false)]
        public void Exim_bind_failures(string message, bool matches, bool retry)
        {
            new EximIpv6LoopbackBindFailure().Matches(message).Should().Be(matches);
            EximIpv6LoopbackBindFailure.IsRetry(message).Should().Be(retry);
        }

        [TestCase("IPv6 socket creation failed: Address family not supported by protocol", true)]
        [TestCase("IPv6 socket creation failed: Permission denied", false)]
        [TestCase("IPv4 socket creation failed: Address family not supported by protocol", false)]
        public void Ipv6_socket_creation_failure(string message, bool matches)
        {
            new Ipv6SocketCreationFailure().Matches(message).Should().Be(matches);
        }

        [TestCase("fatal: parameter inet_interfaces: no local interface found for ::1", true)]
        [TestCase("postfix: fatal: parameter inet_interfaces: no local interface found for ::1", true)]
        [TestCase("fatal: parameter inet_interfaces: no local interface found for [::1]", true)]
        [TestCase("fatal: parameter inet_interfaces: no local interface found for fe80::1", false)]
        [TestCase("fatal: parameter inet_interfaces: no local interface found for 192.0.2.1", false)]
        public void Postfix_no_local_interface(string message, bool matches)
        {
            new PostfixNoLocalInterface().Matches(message).Should().Be(matches);
        }

        [TestCase("connection to localhost:smtp [127.0.0.1/25] failed: Connection refused.", true)]
        [TestCase("connection to localhost:smtp [::1/25] failed: Connection refused.", true)]
        [TestCase("connection to mail.example.org:smtp [192.0.2.1/25] failed: Connection refused.", false)]
        [TestCase("SMTP connect to localhost failed", true)]
        [TestCase("SMTP connect to mail.example.org failed", false)]
        [TestCase("cannot connect to localhost, port 25: Connection refused", true)]
        [TestCase("cannot connect to 127.0.0.1, port 587: Connection refused", false)]
        [TestCase("connect to localhost[127.0.0.1]:25: Connection refused", true)]
        [TestCase("connect to 127.0.0.1[127.0.0.1]:25: Connection refused", true)]
        [TestCase("connect to mx.example.org[192.0.2.1]:25: Connection refused", false)]
        [TestCase("connect to localhost[127.0.0.1]:10024: Connection refused", false)]
        [TestCase("connect to address 127.0.0.1 and port 25: Connection refused", true)]
        [TestCase("connection from localhost refused", false)]
        public void Local_smtp_refusals(string message, bool matches)
        {
            new LocalSmtpRefusal().Matches(message).Should().Be(matches);
        }

        [TestCase("exim 4.96 daemon started: pid=32514, no queue runs, listening for SMTP on [127.0.0.1]:2525", true)]
        [TestCase("exim 4.96 daemon started: pid=1, -q30m, listening for SMTP on [127.0.0.1]:25 [::1]:25", true)]
        [TestCase("daemon started: pid=1", false)]
        public void Exim_daemon_started(string message, bool matches)
        {
            new EximDaemonStarted().Matches(message).Should().Be(matches);
        }

        [Test]
        public void Every_recogniser_names_keywords_its_matches_contain()
        {
            // The keyword filter skips lines without a keyword: a match without one would be lost.
            (LogRecogniser R, string Text)[] all =
            {
                (new GmailIpv6Refusal(), DiagnosisTestBase.GmailPtrMissingIpv6),
                (new EximIpv6LoopbackBindFailure(), "socket bind() to port 25 for address ::1 failed: Cannot assign requested address: daemon abandoned"),
                (new Ipv6SocketCreationFailure(), "IPv6 socket creation failed: Address family not supported by protocol"),
                (new PostfixNoLocalInterface(), "fatal: parameter inet_interfaces: no local interface found for ::1"),
                (new LocalSmtpRefusal(), "SMTP connect to localhost failed"),
                (new EximDaemonStarted(), "exim 4.96 daemon started: pid=1"),
            };
            foreach (var (r, text) in all)
            {
                r.Matches(text).Should().BeTrue(r.Name);
                r.Keywords.Should().Contain(k => text.Contains(k, System.StringComparison.OrdinalIgnoreCase), r.Name);
                r.ToString().Should().Be(r.Name);
            }
        }
    }
}
