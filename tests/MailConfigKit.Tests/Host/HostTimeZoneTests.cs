using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Host.Logs;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host
{
    /// <summary>
    /// The host's time zone (<see cref="HostTimeZone"/>, our TZif reader) and the one exim stamp parser that uses it,
    /// against glibc through GNU date: for generated instants (random ones from 1900 to 2100, and a minute, an hour and a
    /// second either side of every transition zdump lists, DST edges included) <c>TZ=zone date -d @T '+%::z'</c> must be
    /// our offset, and for each wall-clock stamp near them (the clock's own reading, and readings shifted by minutes into
    /// the skipped and repeated hours) <c>TZ=zone date -d STAMP +%s</c> must be where we place it: the same instant, no
    /// instant when date finds none (the hour skipped), and in a repeated hour the earlier of the two, which date must
    /// show as the same wall clock. Zones: real tzdata files from /usr/share/zoneinfo (fat, transitions to 2037, then the
    /// footer rule) and a slim file compiled here with zic (transitions stop, the footer rule does the rest).
    /// </summary>
    public class HostTimeZoneTests
    {
        private const string SeedVariable = "MCK_TZ_SEED";

        private static readonly string[] Zones =
        {
            "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Chatham",
            "Europe/Dublin", "Africa/Casablanca", "America/Santiago", "Etc/UTC",
        };

        [Test]
        public void Offsets_and_stamps_agree_with_glibc_for_generated_instants()
        {
            string zoneinfo = RequireZoneinfo();
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            using var dir = new TempDir();
            var files = Zones.Select(z => (Name: z, Path: Path.Combine(zoneinfo, z))).ToList();
            files.Add(("slim Test/Slim", CompileSlim(dir.Path)));
            int stamps = 0, gaps = 0, folds = 0;
            foreach (var (name, path) in files)
            {
                HostTimeZone zone = HostTimeZone.FromTzif(File.ReadAllBytes(path), name);
                zone.IsKnown.Should().BeTrue(name + ": " + zone);
                string tz = ":" + path;
                var instants = Instants(tz, random);
                // Our offsets at each instant against date's %::z.
                List<string> formatted = Date(tz, instants.Select(u => "@" + u.ToString(CultureInfo.InvariantCulture)), "+%Y-%m-%d %H:%M:%S %::z");
                formatted.Should().HaveCount(instants.Count);
                var candidates = new List<string>();
                for (int i = 0; i < instants.Count; i++)
                {
                    string wall = formatted[i].Substring(0, 19);
                    TimeSpan offset = zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(instants[i]));
                    formatted[i].Substring(20).Should().Be(Format(offset), name + " at @" + instants[i] + " (seed " + seed + ")");
                    candidates.Add(wall);
                    // Wall clocks a little off the clock's own reading: into a skipped or repeated hour near a transition.
                    DateTime w = DateTime.ParseExact(wall, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                    candidates.Add(w.AddMinutes(random.Next(-90, 91)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                }
                // date reads each stamp; "@1" after each keeps the lines aligned when date rejects one (no output for it).
                List<string> parsed = Date(tz, candidates.SelectMany(c => new[] { c, "@1" }), "+%s");
                var theirs = new List<long?>();
                for (int k = 0; k < parsed.Count; k++)
                {
                    if (parsed[k] == "1") theirs.Add(null);
                    else
                    {
                        theirs.Add(long.Parse(parsed[k], CultureInfo.InvariantCulture));
                        k++; // its separator
                    }
                }
                theirs.Should().HaveCount(candidates.Count, name);
                var ours = new List<long>();
                for (int i = 0; i < candidates.Count; i++)
                {
                    bool read = SyslogHeader.TryExim(candidates[i] + " message", zone, out DateTimeOffset? t, out int next);
                    string context = name + " stamp " + candidates[i] + " (seed " + seed + ", " + SeedVariable + "=" + seed + " replays)";
                    read.Should().Be(theirs[i].HasValue, context + ": date says " + (theirs[i]?.ToString(CultureInfo.InvariantCulture) ?? "invalid"));
                    stamps++;
                    if (!read)
                    {
                        gaps++;
                        continue;
                    }
                    next.Should().Be(20);
                    long mine = t!.Value.ToUnixTimeSeconds();
                    mine.Should().BeLessThanOrEqualTo(theirs[i]!.Value, context + ": the earlier instant of a repeated hour");
                    if (mine != theirs[i]!.Value)
                    {
                        folds++;
                        ours.Add(mine);
                    }
                    // The offset we give the stamp is the zone's at that instant.
                    TimeSpan zoneOffset = zone.GetUtcOffset(t.Value);
                    t.Value.Offset.Should().Be(zoneOffset.Seconds == 0 ? zoneOffset : TimeSpan.Zero, context);
                    EximLogTime.TryParse(candidates[i], zone, out DateTimeOffset same).Should().BeTrue();
                    same.Should().Be(t.Value);
                }
                // Where we chose another instant than date (a repeated hour), date must show it as the same wall clock.
                var foldStamps = candidates.Where((c, i) => theirs[i].HasValue && SyslogHeader.TryExim(c, zone, out DateTimeOffset? t, out _) && t!.Value.ToUnixTimeSeconds() != theirs[i]!.Value).ToList();
                List<string> back = Date(tz, ours.Select(u => "@" + u.ToString(CultureInfo.InvariantCulture)), "+%Y-%m-%d %H:%M:%S");
                back.Should().Equal(foldStamps, name + ": our instant in a repeated hour reads as the same wall clock");
            }
            TestContext.Out.WriteLine(files.Count + " zones, " + stamps + " stamps (" + gaps + " in skipped hours, " + folds + " in repeated hours where date chose the later)");
            gaps.Should().BePositive("the generated stamps reach into skipped hours");
            folds.Should().BePositive("and into repeated hours");
        }

        [Test]
        public void The_zone_comes_from_the_roots_etc_localtime_else_its_name_else_utc_with_a_note()
        {
            string zoneinfo = RequireZoneinfo();
            byte[] berlin = File.ReadAllBytes(Path.Combine(zoneinfo, "Europe/Berlin"));
            using (var tree = new HostTree())
            {
                // Debian's layout: an absolute link into the root's own zoneinfo, and etc/timezone.
                tree.Write("usr/share/zoneinfo/Europe/Berlin", berlin).Write("etc/timezone", "Europe/Berlin\n");
                File.CreateSymbolicLink(tree.PathOf("etc/localtime"), "/usr/share/zoneinfo/Europe/Berlin");
                HostTimeZone zone = MailHost.Open(tree.Root).TimeZone;
                (zone.Name, zone.Source, zone.IsKnown, zone.Note).Should().Be(("Europe/Berlin", "etc/localtime", true, (string?)null));
                zone.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)).Should().Be(TimeSpan.FromHours(2));
                // An exim main log on that host: the stamp is Berlin time, whatever this machine's zone is.
                tree.Write("var/log/exim4/mainlog", "2026-07-01 12:00:00 Start queue run: pid=1\n2026-07-01 12:00:01 +0000 with a zone\n");
                var records = new FileLogSource(MailHost.Open(tree.Root), "exim", new[] { "var/log/exim4/mainlog" }).Read().ToList();
                records.Select(r => r.Time).Should().Equal(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2026, 7, 1, 12, 0, 1, TimeSpan.Zero));
                // rsyslog's traditional format is local time too (the year from the file's mtime); RFC 3339 carries its offset.
                tree.Write("var/log/mail.log", "Jul  1 12:00:00 mx postfix/smtp[7]: classic\n2026-07-01T12:00:01.5+00:00 mx postfix/smtp[7]: rfc3339\n");
                File.SetLastWriteTimeUtc(tree.PathOf("var/log/mail.log"), new DateTime(2026, 7, 2, 0, 0, 0, DateTimeKind.Utc));
                var mail = new FileLogSource(MailHost.Open(tree.Root), "mail", new[] { "var/log/mail.log" }).Read().ToList();
                mail.Select(r => r.Time).Should().Equal(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2026, 7, 1, 12, 0, 1, 500, TimeSpan.Zero));
            }
            using (var tree = new HostTree())
            {
                // A link into a zoneinfo the root does not have: the name, from this machine's database, with a note.
                tree.Write("etc/issue", "x\n");
                File.CreateSymbolicLink(tree.PathOf("etc/localtime"), "/usr/share/zoneinfo/America/New_York");
                HostTimeZone zone = MailHost.Open(tree.Root).TimeZone;
                (zone.Name, zone.Source, zone.IsKnown).Should().Be(("America/New_York", "the etc/localtime link", true));
                zone.Note.Should().Contain("etc/localtime does not exist").And.Contain("this machine's time zone database");
                zone.GetUtcOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).Should().Be(TimeSpan.FromHours(-5));
            }
            using (var tree = new HostTree())
            {
                tree.Write("etc/localtime", Encoding.ASCII.GetBytes("not a zone"));
                HostTimeZone zone = MailHost.Open(tree.Root).TimeZone;
                (zone.Name, zone.IsKnown).Should().Be(("UTC", false));
                zone.Note.Should().Contain("not a TZif file").And.Contain("read as UTC");
                SyslogHeader.TryExim("2026-07-01 12:00:00 x", zone, out DateTimeOffset? t, out _).Should().BeTrue();
                t.Should().Be(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));
            }
            using (var tree = new HostTree())
            {
                // Not a regular file: refused by the reader, UTC with the reason.
                Directory.CreateDirectory(tree.PathOf("etc/localtime"));
                HostTimeZone zone = MailHost.Open(tree.Root).TimeZone;
                (zone.Name, zone.IsKnown).Should().Be(("UTC", false));
                zone.Note.Should().Contain("etc/localtime cannot be read");
            }
        }

        [Test]
        public void Damaged_tzif_files_never_throw()
        {
            string zoneinfo = RequireZoneinfo();
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            byte[] original = File.ReadAllBytes(Path.Combine(zoneinfo, "Europe/Berlin"));
            for (int i = 0; i < 3000; i++)
            {
                byte[] data = original.Take(random.Next(original.Length + 1)).ToArray();
                for (int k = random.Next(4); k > 0 && data.Length > 0; k--) data[random.Next(data.Length)] = (byte)random.Next(256);
                HostTimeZone zone = HostTimeZone.FromTzif(data, "damaged");
                long s = random.NextInt64(-5_000_000_000L, 5_000_000_000L);
                _ = zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(s));
                _ = zone.ToInstant(new DateTime(random.Next(1, 10000), 1 + random.Next(12), 1 + random.Next(28)));
            }
            // Counts that would ask for more data than there is, and a forged count of a billion transitions.
            byte[] forged = (byte[])original.Clone();
            forged[32] = 0x3B;
            HostTimeZone.FromTzif(forged, "forged").IsKnown.Should().BeFalse();
            HostTimeZone.FromTzif(Array.Empty<byte>(), "empty").Note.Should().Contain("not a TZif file");
        }

        // Random instants from 1900 to 2100 and, around every transition zdump lists, a second, a minute and an hour either side.
        private static List<long> Instants(string tz, Random random)
        {
            var list = new List<long>();
            for (int i = 0; i < 60; i++) list.Add(random.NextInt64(-2_208_988_800L, 4_102_444_800L));
            ProcessResult dump = ProcessRunner.Run("zdump", new[] { "-v", "-c", "1900,2100", tz.TrimStart(':') });
            dump.ExitCode.Should().Be(0, dump.Describe());
            var transitions = new List<long>();
            foreach (string line in dump.Stdout.Split('\n'))
            {
                // "ZONE  Sun Mar 29 00:59:59 2026 UT = Sun Mar 29 01:59:59 2026 CET isdst=0 gmtoff=3600": the second before one.
                int eq = line.IndexOf(" UT = ", StringComparison.Ordinal);
                if (eq < 24 || !line.Contains("isdst=", StringComparison.Ordinal)) continue;
                string ut = line.Substring(eq - 24, 24).Trim();
                if (DateTime.TryParseExact(ut, "ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite, out DateTime when))
                {
                    transitions.Add(new DateTimeOffset(when, TimeSpan.Zero).ToUnixTimeSeconds());
                }
            }
            transitions.Should().NotBeNull();
            // Every other line is the second before a transition; a sample keeps each zone's run short.
            foreach (long t in transitions.Where((_, i) => i % 2 == 1).OrderBy(_ => random.Next()).Take(120))
            {
                foreach (long d in new long[] { -3600, -60, -1, 0, 1, 60, 3600 }) list.Add(t + d);
            }
            return list;
        }

        private static List<string> Date(string tz, IEnumerable<string> inputs, string format)
        {
            byte[] input = Encoding.ASCII.GetBytes(string.Concat(inputs.Select(i => i + "\n")));
            ProcessResult r = ProcessRunner.Run("date", new[] { "-f", "-", format }, input, new Dictionary<string, string?> { ["TZ"] = tz, ["LC_ALL"] = "C" });
            return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }

        private static string Format(TimeSpan offset) =>
            (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm\\:ss", CultureInfo.InvariantCulture);

        // A zone with EU rules compiled by zic with -b slim: transitions only until the rules settle, then the footer.
        private static string CompileSlim(string dir)
        {
            string source = Path.Combine(dir, "slim.zi");
            File.WriteAllText(source,
                "Rule\tT\t1981\tmax\t-\tMar\tlastSun\t1:00u\t1:00\tS\n" +
                "Rule\tT\t1996\tmax\t-\tOct\tlastSun\t1:00u\t0\t-\n" +
                "Rule\tT\t1977\t1980\t-\tApr\tSun>=1\t1:00u\t1:00\tS\n" +
                "Rule\tT\t1977\t1995\t-\tSep\tlastSun\t1:00u\t0\t-\n" +
                "Zone\tTest/Slim\t1:00\tT\tCE%sT\n");
            ProcessResult zic = ProcessRunner.Run("zic", new[] { "-b", "slim", "-d", dir, source });
            zic.ExitCode.Should().Be(0, zic.Describe());
            return Path.Combine(dir, "Test/Slim");
        }

        // The tzdata package's files (installed when missing and root; else the oracle's rule: ignored outside CI, a failure in it).
        private static string RequireZoneinfo()
        {
            const string Zoneinfo = "/usr/share/zoneinfo";
            bool Present() => Zones.All(z => File.Exists(Path.Combine(Zoneinfo, z))) && File.Exists("/usr/bin/zdump") && File.Exists("/usr/sbin/zic");
            if (!Present() && Environment.IsPrivilegedProcess)
            {
                ProcessRunner.Run("apt-get", new[] { "install", "-y", "-q", "tzdata", "libc-bin" }, timeout: TimeSpan.FromMinutes(5));
            }
            if (!Present()) throw OracleTools.Unavailable("tzdata (" + Zoneinfo + "), zdump and zic are needed: apt-get install tzdata libc-bin", OracleTools.IsCi, null);
            return Zoneinfo;
        }
    }
}
