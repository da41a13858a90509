using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host.Logs
{
    /// <summary>File log sources: discovery, rotations, gzip, bad files, and the query over them (MailLogs).</summary>
    public class FileLogSourceTests
    {
        public static byte[] Gzip(string text)
        {
            using var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
            return ms.ToArray();
        }

        private static MailLogs Discover(HostTree tree) => MailLogs.Discover(MailHost.Open(tree.Root), MailHost.Open(tree.Root).LoadMainCf());

        private static void Touch(HostTree tree, string relative, DateTime utc) => File.SetLastWriteTimeUtc(tree.PathOf(relative), utc);

        [Test]
        public void Mail_log_rotations_are_read_oldest_first_gzip_included()
        {
            using var tree = new HostTree()
                .Write("var/log/mail.log", "Nov 25 10:00:00 mx a[1]: four\n")
                .Write("var/log/mail.log.1", "Nov 24 10:00:00 mx a[1]: three\n")
                .Write("var/log/mail.log.2.gz", Gzip("Nov 23 10:00:00 mx a[1]: two\n"))
                .Write("var/log/mail.log.10.gz", Gzip("Nov 13 10:00:00 mx a[1]: one\n"))
                .Write("var/log/mail.log.3.xz", "not read")
                .Write("var/log/mail.logger", "not a rotation\n");
            MailLogs logs = Discover(tree);
            var source = logs.Sources.Should().ContainSingle().Which.Should().BeOfType<FileLogSource>().Which;
            source.Family.Should().Be(LogFamilies.MailLog);
            source.Files.Should().Equal("var/log/mail.log.10.gz", "var/log/mail.log.2.gz", "var/log/mail.log.1", "var/log/mail.log");
            source.Description.Should().Be("var/log/mail.log (and 3 rotation(s))");
            source.Read().Select(r => r.Message).Should().Equal("one", "two", "three", "four");
            source.Read().Select(r => r.Origin.ToString()).Should().Equal("var/log/mail.log.10.gz:1", "var/log/mail.log.2.gz:1", "var/log/mail.log.1:1", "var/log/mail.log:1");
            logs.Notes.Should().ContainSingle().Which.Should().Contain("mail.log.3.xz").And.Contain("xz");
        }

        [Test]
        public void Rhel_maillog_with_dateext_rotations()
        {
            using var tree = new HostTree()
                .Write("var/log/maillog", "Nov 25 10:00:00 mx a[1]: c\n")
                .Write("var/log/maillog-20261122.gz", Gzip("Nov 22 10:00:00 mx a[1]: b\n"))
                .Write("var/log/maillog-20261115", "Nov 15 10:00:00 mx a[1]: a\n")
                .Write("var/log/messages", "Nov 25 10:00:00 mx a[1]: not read: there is a mail log\n");
            MailLogs logs = Discover(tree);
            logs.Sources.Select(s => s.Description).Should().Equal("var/log/maillog (and 2 rotation(s))");
            logs.Records().Select(r => r.Message).Should().Equal("a", "b", "c");
        }

        [Test]
        public void Mail_info_only_without_mail_log_and_syslog_only_without_any_mail_log()
        {
            using (var tree = new HostTree().Write("var/log/mail.info", "x\n").Write("var/log/mail.err", "y\n").Write("var/log/syslog", "z\n"))
            {
                Discover(tree).Sources.Select(s => ((FileLogSource)s).Files.Last()).Should().Equal("var/log/mail.info");
            }
            using (var tree = new HostTree().Write("var/log/syslog.1", "old\n").Write("var/log/syslog", "z\n").Write("var/log/messages", "m\n")
                .Write("var/log/exim4/mainlog", "2026-11-20 22:32:33 e\n"))
            {
                MailLogs logs = Discover(tree);
                logs.Sources.Select(MailLogs.FamilyOf).Should().Equal(LogFamilies.EximMainlog, LogFamilies.Syslog);
                logs.WithoutExim().Records().Select(r => r.Message).Should().Equal("old", "z");
            }
        }

        [Test]
        public void Postfix_maillog_file_from_main_cf_inside_the_root()
        {
            using var tree = new HostTree().WithDebianPostfix()
                .Write("etc/postfix/main.cf", "maillog_file = /var/log/postfix.log\n")
                .Write("var/log/postfix.log", "Nov 25 20:15:34.123456 mx postfix/smtp[1]: now\n")
                .Write("var/log/postfix.log.20261120-101010.gz", Gzip("Nov 20 10:10:10.000001 mx postfix/smtp[1]: then\n"));
            MailLogs logs = Discover(tree);
            logs.Sources.Select(MailLogs.FamilyOf).Should().Equal(LogFamilies.PostfixMaillogFile);
            logs.Records().Select(r => r.Message).Should().Equal("then", "now");
        }

        [Test]
        public void A_maillog_file_that_is_mail_log_itself_is_read_once()
        {
            using var tree = new HostTree().Write("etc/postfix/main.cf", "maillog_file = /var/log/mail.log\n").Write("var/log/mail.log", "x\n");
            Discover(tree).Sources.Should().ContainSingle();
        }

        [TestCase("maillog_file = $queue_directory/log")]
        [TestCase("maillog_file = relative.log")]
        public void A_maillog_file_that_cannot_be_placed_is_a_note(string line)
        {
            using var tree = new HostTree().Write("etc/postfix/main.cf", line + "\n");
            MailLogs logs = Discover(tree);
            logs.Sources.Should().BeEmpty();
            logs.Notes.Should().ContainSingle().Which.Should().Contain("not read");
        }

        [Test]
        public void Exim_logs_and_their_rotations()
        {
            using var tree = new HostTree()
                .Write("var/log/exim4/mainlog", "2026-11-25 10:00:00 c\n")
                .Write("var/log/exim4/mainlog.1", "2026-11-24 10:00:00 b\n")
                .Write("var/log/exim4/mainlog.2.gz", Gzip("2026-11-23 10:00:00 a\n"))
                .Write("var/log/exim4/paniclog.1", "2026-11-22 10:00:00 p\n")
                .Write("var/log/exim4/rejectlog", "2026-11-25 11:00:00 r\n");
            MailLogs logs = Discover(tree);
            logs.Sources.Select(MailLogs.FamilyOf).Should().Equal(LogFamilies.EximMainlog, LogFamilies.EximPaniclog, LogFamilies.EximRejectlog);
            logs.OfFamilies(LogFamilies.EximMainlog).Records().Select(r => r.Message).Should().Equal("a", "b", "c");
            logs.Records().Select(r => r.Message).Should().Equal("p", "a", "b", "c", "r");
        }

        [Test]
        public void Records_merge_sources_in_time_order_with_a_since_bound_and_newest_first()
        {
            using var tree = new HostTree()
                .Write("var/log/mail.log", "2026-11-25T10:00:00+00:00 mx a[1]: m1\n 	continuation without time\n2026-11-25T12:00:00.5+00:00 mx a[1]: m3\n")
                .Write("var/log/exim4/mainlog", "2026-11-25 11:00:00 e2\n2026-11-25 13:00:00 e4\n");
            MailLogs logs = Discover(tree);
            logs.Records().Select(r => r.Message.Trim()).Should().Equal("m1", "continuation without time", "e2", "m3", "e4");
            logs.Records(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero)).Select(r => r.Message).Should().Equal("e2", "m3", "e4");
            logs.Newest(2).Select(r => r.Message).Should().Equal("e4", "m3");
            logs.Newest(2, new DateTimeOffset(2026, 11, 25, 12, 30, 0, TimeSpan.Zero)).Select(r => r.Message).Should().Equal("e4");
        }

        [Test]
        public void Search_counts_all_and_keeps_the_newest_by_time_across_sources()
        {
            using var tree = new HostTree()
                .Write("var/log/mail.log", "2026-11-25T10:00:00+00:00 mx fetchmail[1]: SMTP connect to localhost failed\n2026-11-25T12:00:00+00:00 mx fetchmail[1]: SMTP connect to localhost failed\n")
                .Write("var/log/mail.log.1", "2026-11-24T10:00:00+00:00 mx fetchmail[1]: SMTP connect to localhost failed\n")
                .Write("var/log/syslog", "ignored\n");
            MailLogs logs = Discover(tree);
            LogSearchResult r = logs.Search(new LocalSmtpRefusal(), 2);
            r.Count.Should().Be(3);
            r.Newest.Select(x => x.Origin.ToString()).Should().Equal("var/log/mail.log:1", "var/log/mail.log:2");
            logs.Search(new LocalSmtpRefusal(), 5, new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero)).Count.Should().Be(1);
        }

        [Test]
        public void A_rotation_last_written_before_since_is_not_opened()
        {
            using var tree = new HostTree().Write("var/log/mail.log.1", "garbage without times\n").Write("var/log/mail.log", "2026-11-25T10:00:00+00:00 mx a[1]: x\n");
            Touch(tree, "var/log/mail.log.1", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            Discover(tree).Records(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)).Select(r => r.Message).Should().Equal("x");
        }

        [Test]
        public void Classic_years_follow_each_rotations_mtime_across_new_year()
        {
            using var tree = new HostTree()
                .Write("var/log/mail.log.1", "Dec 30 10:00:00 mx a[1]: old\nDec 31 23:59:00 mx a[1]: older year\n")
                .Write("var/log/mail.log", "Dec 31 23:59:59 mx a[1]: last of 2026\nJan  1 00:00:01 mx a[1]: first of 2027\n");
            Touch(tree, "var/log/mail.log.1", new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            Touch(tree, "var/log/mail.log", new DateTime(2027, 1, 3, 0, 0, 0, DateTimeKind.Utc));
            Discover(tree).Records().Select(r => r.Time!.Value.Year + " " + r.Message).Should()
                .Equal("2026 old", "2026 older year", "2026 last of 2026", "2027 first of 2027");
        }

        [Test]
        public void A_truncated_gzip_rotation_yields_its_readable_lines_and_a_note()
        {
            var text = new StringBuilder();
            for (int i = 0; i < 20000; i++) text.Append("Nov 23 10:00:00 mx a[1]: line ").Append(i).Append(' ').Append(Guid.NewGuid()).Append('\n');
            byte[] gz = Gzip(text.ToString());
            using var tree = new HostTree().Write("var/log/mail.log.2.gz", gz.Take(gz.Length / 2).ToArray()).Write("var/log/mail.log", "Nov 25 10:00:00 mx a[1]: live\n");
            MailLogs logs = Discover(tree);
            var records = logs.Records().ToList();
            records.Count.Should().BeGreaterThan(1000).And.BeLessThan(20001);
            records.Last().Message.Should().Be("live", "the files after a damaged one are still read");
            logs.Notes.Should().ContainSingle().Which.Should().StartWith("var/log/mail.log.2.gz: cannot read past line");
            logs.Unreadable.Should().BeEmpty();
        }

        [Test]
        public void Garbage_in_place_of_gzip_is_a_note_not_an_exception()
        {
            using var tree = new HostTree().Write("var/log/mail.log.2.gz", "this is not gzip at all\n");
            MailLogs logs = Discover(tree);
            logs.Records().Should().BeEmpty();
            logs.Notes.Should().ContainSingle().Which.Should().Contain("damaged compressed data");
        }

        [Test]
        public void A_fifo_and_a_link_out_of_the_root_are_unreadable_and_the_rest_is_read()
        {
            using var tree = new HostTree().Write("var/log/mail.log", "Nov 25 10:00:00 mx a[1]: live\n");
            Directory.CreateDirectory(tree.PathOf("var/log"));
            using (var p = Process.Start(new ProcessStartInfo("mkfifo", tree.PathOf("var/log/mail.log.1")) { UseShellExecute = false })!) p.WaitForExit();
            File.CreateSymbolicLink(tree.PathOf("var/log/mail.log.2.gz"), "../../../../../../../../../etc/passwd");
            File.CreateSymbolicLink(tree.PathOf("var/log/mail.log.3"), "/var/log/elsewhere");
            tree.Write("var/log/elsewhere", "Nov 20 10:00:00 mx a[1]: through a link inside the root\n");
            MailLogs logs = Discover(tree);
            logs.Records().Select(r => r.Message).Should().Equal("through a link inside the root", "live");
            logs.Unreadable.Select(u => u.RelativePath).Should().BeEquivalentTo(new[] { "var/log/mail.log.1", "var/log/mail.log.2.gz" });
            logs.Unreadable.Single(u => u.RelativePath == "var/log/mail.log.1").Problem.Should().Contain("FIFO");
            logs.Unreadable.Single(u => u.RelativePath == "var/log/mail.log.2.gz").Problem.Should().Contain("outside the host root");
        }

        [Test]
        public void A_huge_line_is_cut_at_the_cap_and_the_next_line_is_whole()
        {
            string huge = "Nov 25 10:00:00 mx a[1]: " + new string('x', 3 * LogLine.MaxBytes) + " connection refused";
            using var tree = new HostTree().Write("var/log/mail.log", huge + "\nNov 25 10:00:01 mx fetchmail[1]: SMTP connect to localhost failed\n");
            MailLogs logs = Discover(tree);
            var records = logs.Records().ToList();
            records[0].IsTruncated.Should().BeTrue();
            records[0].Text!.Length.Should().Be(LogLine.MaxBytes);
            records[0].ByteLength.Should().Be(huge.Length);
            records[0].Display.Should().EndWith("[... line truncated: " + huge.Length + " bytes in all]");
            records[1].Origin.Line.Should().Be(2);
            LogSearchResult r = logs.Search(new LocalSmtpRefusal(), 5);
            r.Count.Should().Be(1, "the keyword past the cap is not in the kept part of the line");
            r.Newest[0].Origin.Line.Should().Be(2);
        }

        [Test]
        public void Filtered_scans_equal_reading_every_line_and_testing_it()
        {
            // The keyword filter skips lines without decoding them: on generated logs (keywords in any case, across buffer
            // boundaries, lines longer than the cap, CRLF, invalid UTF-8, no final newline) it must find exactly the lines a
            // plain read finds.
            var random = new Random(Seeds.From("MCK_LOGS_SCAN_SEED"));
            string[] words = { "Connection refused", "CONNECTION REFUSED", "connection refuse", "smtp connect to", "SMTP Connect To", "x", "refused", " ", "\r", "\u00e9", "\t" };
            for (int round = 0; round < 30; round++)
            {
                using var ms = new MemoryStream();
                int lines = random.Next(0, 400);
                for (int i = 0; i < lines; i++)
                {
                    int kind = random.Next(10);
                    if (kind == 0) ms.Write(Encoding.ASCII.GetBytes(new string('y', random.Next(LogLine.MaxBytes - 20, LogLine.MaxBytes + 300))));
                    if (kind == 1) ms.Write(new byte[] { 0xff, 0xc3 });
                    int n = random.Next(0, 8);
                    for (int k = 0; k < n; k++) ms.Write(Encoding.UTF8.GetBytes(words[random.Next(words.Length)]));
                    if (kind == 2) ms.Write(Encoding.ASCII.GetBytes(new string('z', random.Next(0, 300000))));
                    if (i < lines - 1 || random.Next(2) == 0) ms.WriteByte((byte)'\n');
                }
                byte[] bytes = ms.ToArray();
                var filter = KeywordFilter.Create(new[] { "connection refused", "smtp connect to" });
                var expected = Scan(bytes, null).Where(l => l.Text.Contains("connection refused", StringComparison.OrdinalIgnoreCase) || l.Text.Contains("smtp connect to", StringComparison.OrdinalIgnoreCase)).ToList();
                var actual = Scan(bytes, filter);
                int diff = 0;
                while (diff < Math.Min(actual.Count, expected.Count) && actual[diff] == expected[diff]) diff++;
                if (diff < Math.Max(actual.Count, expected.Count))
                {
                    string Show(List<(string Text, long Number, bool Truncated, long Length)> l) => diff < l.Count ? l[diff].Number + " " + l[diff].Truncated + " " + l[diff].Length + " " + l[diff].Text.Substring(0, Math.Min(80, l[diff].Text.Length)) : "(none)";
                    Assert.Fail("round " + round + ": item " + diff + " differs: filtered " + Show(actual) + " | plain " + Show(expected) + " (" + actual.Count + " vs " + expected.Count + ")");
                }
                // And the unfiltered scanner reads like LogLineReader.
                var reader = new List<(string, long, bool, long)>();
                using (var r = new LogLineReader(new MemoryStream(bytes)))
                {
                    long number = 0;
                    while (r.TryReadLine(out string t, out bool tr, out long len)) reader.Add((t, ++number, tr, len));
                }
                Scan(bytes, null).Select(l => (l.Text, l.Number, l.Truncated, l.Length)).Should().Equal(reader, "round " + round);
                // The search's scan into one reused buffer reads the same lines as the one that makes strings.
                ScanChars(bytes, KeywordFilter.Create(new[] { "connection refused", "smtp connect to" })).Should().Equal(actual, "round " + round);
                ScanChars(bytes, null).Should().Equal(Scan(bytes, null), "round " + round);
            }
        }

        [Test]
        public void Search_equals_reading_every_record_and_testing_it()
        {
            // Search tests each line in a reused buffer and copies only the matches it keeps (issue 11); the reference is
            // the plain path: every record read, Matches(record), then the newest by time (reading order for ties).
            var random = new Random(Seeds.From("MCK_LOGS_SEARCH_SEED"));
            string[] messages =
            {
                "4F01: to=<u@gmail.com>, relay=gmail-smtp-in.l.google.com[2a00:1450:400c:c0b::1a]:25, status=bounced (host x said: 550-5.7.1 [2001:db8::25] Our system has detected that this message does not 550-5.7.1 meet IPv6 sending guidelines regarding PTR records and 550-5.7.1 authentication.)",
                "4F02: to=<u@gmail.com>, status=bounced (550-5.7.25 [2001:db8::7 123] The IP address sending this message does not have a 550-5.7.25 PTR record setup)",
                "4F03: to=<u@gmail.com>, status=bounced (550-5.7.25 [192.0.2.7] The IP address sending this message does not have a PTR record setup)",
                "4F04: to=<u@gmail.com>, status=bounced (see https://support.google.com/mail/?p=IPv6AuthError for more)",
                "4F05: to=<u@example.org>, relay=mx.example.org[192.0.2.25]:25, status=sent (250 2.0.0 Ok: queued, ipv6 not involved)",
                "DOES NOT MEET IPV6 SENDING GUIDELINES \u00e9",
                "x",
            };
            for (int round = 0; round < 20; round++)
            {
                var text = new StringBuilder();
                int lines = random.Next(0, 300);
                for (int i = 0; i < lines; i++)
                {
                    string message = messages[random.Next(messages.Length)];
                    int form = random.Next(6);
                    string stamp = form switch
                    {
                        0 => "Nov 25 10:" + random.Next(60).ToString("D2") + ":" + random.Next(60).ToString("D2") + " mx postfix/smtp[12]: ",
                        1 => "2026-11-25T10:" + random.Next(60).ToString("D2") + ":00." + random.Next(1000).ToString("D3") + "+01:00 mx postfix/smtp[12]: ",
                        2 => string.Empty,
                        3 => "Nov  5 09:00:00 mx postfix/smtp: ",
                        _ => "Nov 25 11:00:" + random.Next(60).ToString("D2") + " mx postfix/smtp[12]: ",
                    };
                    text.Append(stamp).Append(message);
                    if (random.Next(8) == 0) text.Append('\r');
                    if (random.Next(40) == 0) text.Append(new string('y', random.Next(LogLine.MaxBytes - 300, LogLine.MaxBytes + 300)));
                    text.Append('\n');
                }
                using var tree = new HostTree().Write("var/log/mail.log", text.ToString());
                int keep = random.Next(0, 7);
                var recogniser = new GmailIpv6Refusal();
                MailLogs logs = Discover(tree);
                LogSearchResult result = logs.Search(recogniser, keep);

                var matches = new List<(LogRecord Record, DateTimeOffset Order, int Sequence)>();
                DateTimeOffset order = DateTimeOffset.MinValue;
                foreach (LogRecord r in logs.Records())
                {
                    // A line without a time stamp is placed at the last time the search saw, and the search sees only the
                    // lines with a keyword (its filter skips the rest unread): so does this reference.
                    bool seen = recogniser.Keywords.Any(k => r.Text!.Contains(k, StringComparison.OrdinalIgnoreCase));
                    if (r.Time.HasValue && seen) order = r.Time.Value;
                    if (recogniser.Matches(r)) matches.Add((r, order, matches.Count));
                }
                var expected = matches.OrderBy(m => m.Order).ThenBy(m => m.Sequence).Skip(Math.Max(0, matches.Count - keep)).Select(m => (m.Record.Text, m.Record.Origin.Line, m.Record.Time, m.Record.Message)).ToList();
                result.Count.Should().Be(matches.Count, "round " + round);
                result.Newest.Select(r => (r.Text, r.Origin.Line, r.Time, r.Message)).Should().Equal(expected, "round " + round);
            }
        }

        private static List<(string Text, long Number, bool Truncated, long Length)> ScanChars(byte[] bytes, KeywordFilter? filter)
        {
            var result = new List<(string, long, bool, long)>();
            char[] chars = new char[LineScanner.MaxChars];
            using var s = new LineScanner(new MemoryStream(bytes), filter);
            while (s.TryNext(chars, out int count, out long n, out bool tr, out long len)) result.Add((new string(chars, 0, count), n, tr, len));
            return result;
        }

        private static List<(string Text, long Number, bool Truncated, long Length)> Scan(byte[] bytes, KeywordFilter? filter)
        {
            var result = new List<(string, long, bool, long)>();
            using var s = new LineScanner(new MemoryStream(bytes), filter);
            while (s.TryNext(out string t, out long n, out bool tr, out long len)) result.Add((t, n, tr, len));
            return result;
        }
    }
}
