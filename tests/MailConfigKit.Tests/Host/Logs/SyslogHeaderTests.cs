using System;
using System.Text;
using FluentAssertions;
using MailConfigKit.Host.Logs;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host.Logs
{
    /// <summary>The time stamp forms of text logs (SyslogHeader): classic syslog with the year inferred, RFC 3339, exim's.</summary>
    public class SyslogHeaderTests
    {
        private static readonly LogOrigin Origin = LogOrigin.FileLine("var/log/mail.log", 1);

        private static LogRecord Parse(string line, DateTime? mtime = null) => SyslogHeader.ToRecord(line, mtime ?? new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), Origin);

        [Test]
        public void Classic_syslog_line_splits_into_its_fields()
        {
            LogRecord r = Parse("Nov 25 20:15:34 mx postfix/smtp[15728]: 4F00AA: to=<a@b>, status=sent");
            r.Time.Should().Be(new DateTimeOffset(2026, 11, 25, 20, 15, 34, TimeSpan.Zero));
            r.HostName.Should().Be("mx");
            r.Identifier.Should().Be("postfix/smtp");
            r.ProcessId.Should().Be(15728);
            r.Message.Should().Be("4F00AA: to=<a@b>, status=sent");
            r.Text.Should().Be("Nov 25 20:15:34 mx postfix/smtp[15728]: 4F00AA: to=<a@b>, status=sent");
        }

        [TestCase("Nov  5 01:02:03 mx kernel: x", 5)]
        [TestCase("Nov 5 01:02:03 mx kernel: x", 5)]
        [TestCase("Nov 05 01:02:03 mx kernel: x", 5)]
        public void Classic_day_may_be_space_padded(string line, int day)
        {
            LogRecord r = Parse(line);
            r.Time!.Value.Day.Should().Be(day);
            r.Identifier.Should().Be("kernel");
            r.ProcessId.Should().BeNull();
            r.Message.Should().Be("x");
        }

        [Test]
        public void Classic_year_is_the_files_unless_the_line_would_be_after_the_file_was_written()
        {
            // A file last written on 2 January 2027: its December lines are from 2026, its January lines from 2027.
            var mtime = new DateTime(2027, 1, 2, 6, 25, 0, DateTimeKind.Utc);
            Parse("Dec 31 23:59:59 mx cron[1]: a", mtime).Time!.Value.Year.Should().Be(2026);
            Parse("Jan  1 00:00:01 mx cron[1]: a", mtime).Time!.Value.Year.Should().Be(2027);
            Parse("Jan  2 20:00:00 mx cron[1]: a", mtime).Time!.Value.Year.Should().Be(2027, "within a day of the mtime: time zones");
            Parse("Jan  5 20:00:00 mx cron[1]: a", mtime).Time!.Value.Year.Should().Be(2026);
        }

        [Test]
        public void Classic_feb_29_goes_to_the_last_leap_year()
        {
            Parse("Feb 29 10:00:00 mx a: b", new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc)).Time!.Value.Year.Should().Be(2024);
            Parse("Feb 29 10:00:00 mx a: b", new DateTime(2028, 3, 1, 0, 0, 0, DateTimeKind.Utc)).Time!.Value.Year.Should().Be(2028);
        }

        [Test]
        public void Classic_with_microseconds_as_postfix_maillog_file_writes_it()
        {
            LogRecord r = Parse("Nov 25 20:15:34.123456 mx postfix/postfix-script[99]: starting the Postfix mail system");
            r.Time.Should().Be(new DateTimeOffset(2026, 11, 25, 20, 15, 34, TimeSpan.Zero).AddTicks(1234560));
            r.Identifier.Should().Be("postfix/postfix-script");
            r.Message.Should().Be("starting the Postfix mail system");
        }

        [TestCase("2026-11-25T20:15:34.903649+00:00 host postfix/smtp[15728]: msg", 2026, 11, 25, 20, 15, 34, 9036490L, 0)]
        [TestCase("2026-11-25T20:15:34+01:00 host postfix/smtp[15728]: msg", 2026, 11, 25, 20, 15, 34, 0L, 60)]
        [TestCase("2026-11-25T20:15:34.5-05:30 host postfix/smtp[15728]: msg", 2026, 11, 25, 20, 15, 34, 5000000L, -330)]
        [TestCase("2026-11-25T20:15:34.123456789Z host postfix/smtp[15728]: msg", 2026, 11, 25, 20, 15, 34, 1234567L, 0)]
        public void Rfc3339_with_fractions_and_offsets(string line, int y, int mo, int d, int h, int mi, int s, long ticks, int offsetMinutes)
        {
            LogRecord r = Parse(line);
            r.Time.Should().Be(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(ticks));
            r.Time!.Value.Offset.Should().Be(TimeSpan.FromMinutes(offsetMinutes));
            r.HostName.Should().Be("host");
            r.Identifier.Should().Be("postfix/smtp");
            r.ProcessId.Should().Be(15728);
            r.Message.Should().Be("msg");
        }

        [Test]
        public void Exim_forms()
        {
            LogRecord plain = Parse("2026-11-20 22:32:33 socket bind() to port 2525 for address ::1 failed");
            plain.Time.Should().Be(new DateTimeOffset(2026, 11, 20, 22, 32, 33, TimeSpan.Zero));
            plain.HostName.Should().BeNull();
            plain.Message.Should().Be("socket bind() to port 2525 for address ::1 failed");

            LogRecord pid = Parse("2026-11-25 20:15:34 [4711] exim 4.96 daemon started: pid=4711");
            pid.ProcessId.Should().Be(4711);
            pid.Message.Should().Be("exim 4.96 daemon started: pid=4711");

            LogRecord zoned = Parse("2026-11-25 20:15:34.123 +0100 [12] 1vOabc-000123-Ab <= a@b");
            zoned.Time.Should().Be(new DateTimeOffset(2026, 11, 25, 20, 15, 34, 123, TimeSpan.FromHours(1)));
            zoned.ProcessId.Should().Be(12);
            zoned.Message.Should().Be("1vOabc-000123-Ab <= a@b");
        }

        [TestCase("")]
        [TestCase(" Suggested action: either install a certificate")]
        [TestCase("Foo 25 20:15:34 mx a: b")]
        [TestCase("Nov 32 20:15:34 mx a: b")]
        [TestCase("2026-13-25T20:15:34Z mx a: b")]
        [TestCase("2026-11-25T25:15:34Z mx a: b")]
        [TestCase("Nov 25 20:15:3\u0664 mx a: b")]
        public void Anything_else_is_a_record_without_a_header(string line)
        {
            LogRecord r = Parse(line);
            r.Time.Should().BeNull();
            r.Message.Should().Be(line);
        }

        [Test]
        public void Generated_lines_never_throw()
        {
            var random = new Random(Seeds.From("MCK_LOGS_HEADER_SEED"));
            string[] pieces = { "Nov", "Feb", " ", "  ", "29", "2026-11-25", "T", "20:15:34", ".", "123", "+01:00", "Z", "[", "]", ":", "mx", "postfix/smtp", "-", "+0100", "\u0661", "9999999999" };
            for (int i = 0; i < 20000; i++)
            {
                var sb = new StringBuilder();
                int n = random.Next(0, 12);
                for (int k = 0; k < n; k++) sb.Append(pieces[random.Next(pieces.Length)]);
                string line = sb.ToString();
                LogRecord r = Parse(line, new DateTime(2000 + random.Next(0, 30), 1 + random.Next(12), 1 + random.Next(28), 0, 0, 0, DateTimeKind.Utc));
                r.Text.Should().Be(line);
                line.Should().EndWith(r.Message);
            }
        }
    }
}
