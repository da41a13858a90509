using System.IO;
using System.Linq;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using MailConfigKit.Postfix;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>Lossless promise for master.cf: Parse(t).ToString() == t for every string, Load then Save for every byte sequence.</summary>
    public class MasterCfRoundTripTests
    {
        private static bool ReadsAndRoundTrips(string text)
        {
            var doc = MasterCf.Parse(text);
            _ = doc.Diagnostics; // computing diagnostics and the model must not throw either
            foreach (var s in doc.Services) _ = s.Overrides;
            return doc.ToString() == text;
        }

        [FsCheck.NUnit.Property(MaxTest = 2000)]
        public bool Parse_then_ToString_gives_back_any_string(string? text) => ReadsAndRoundTrips(text ?? string.Empty);

        [Test]
        public void Parse_then_ToString_gives_back_master_cf_shaped_text()
        {
            Prop.ForAll(MasterCfShapes.Documents().ToArbitrary(), ReadsAndRoundTrips).QuickCheckThrowOnFailure();
        }

        [FsCheck.NUnit.Property(MaxTest = 300)]
        public bool Load_then_Save_keeps_any_bytes(byte[]? bytes)
        {
            bytes ??= new byte[0];
            using var dir = new TempDir();
            string path = dir.File("master.cf");
            File.WriteAllBytes(path, bytes);
            var doc = MasterCf.Load(path);
            _ = doc.Diagnostics;
            string copy = dir.File("copy.cf");
            doc.Save(copy);
            return File.ReadAllBytes(copy).SequenceEqual(bytes) && doc.ToBytes().SequenceEqual(bytes);
        }

        [Test]
        public void The_debian_default_round_trips_byte_for_byte()
        {
            string path = TestFiles.CasePath("Postfix/Cases/master/debian-default-master.cf");
            byte[] original = File.ReadAllBytes(path);
            var doc = MasterCf.Load(path);
            doc.ToBytes().Should().Equal(original);
            doc.Save().Should().BeFalse("the file already holds these bytes");
        }

        [TestCase(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'s', (byte)' ', (byte)'u', (byte)'\n' }, TestName = "Master BOM")]
        [TestCase(new byte[] { (byte)'s', (byte)' ', 0xFF, 0xFE, (byte)'\r', (byte)'\n', (byte)' ', (byte)'{' }, TestName = "Master invalid UTF-8, CRLF, open brace")]
        [TestCase(new byte[] { (byte)'s', (byte)'=', 0, (byte)'x' }, TestName = "Master NUL, no final newline")]
        [TestCase(new byte[] { 0xC3, 0x28, (byte)'\n', (byte)' ', 0xA0, (byte)'}' }, TestName = "Master overlong and stray continuation bytes")]
        public void Awkward_bytes_survive_load_and_save(byte[] bytes)
        {
            using var dir = new TempDir();
            File.WriteAllBytes(dir.File("master.cf"), bytes);
            var doc = MasterCf.Load(dir.File("master.cf"));
            _ = doc.Services;
            _ = doc.Diagnostics;
            doc.Save(dir.File("out.cf"));
            File.ReadAllBytes(dir.File("out.cf")).Should().Equal(bytes);
        }

        [Test]
        public void A_one_megabyte_line_round_trips_and_reads()
        {
            string big = new string('x', 1 << 20);
            string text = "smtp unix - - y - - smtp -o smtpd_banner=" + big + "\n  -o { a = b c }\n";
            var doc = MasterCf.Parse(text);
            doc.ToString().Should().Be(text);
            doc.GetOverride("smtp", "unix", "smtpd_banner").Should().Be(big);
            doc.GetOverride("smtp", "unix", "a").Should().Be("b c");
        }

        [Test]
        public void Edits_keep_the_bytes_of_an_invalid_utf8_file_outside_the_edit()
        {
            byte[] head = { (byte)'#', 0xFF, (byte)'\n' };
            byte[] bytes = head.Concat(System.Text.Encoding.ASCII.GetBytes("smtp unix - - y - - smtp -o inet_protocols=all\n")).ToArray();
            var doc = MasterCf.FromBytes(bytes, null);
            doc.Encoding.Should().Be(MailConfigKit.Text.DocumentEncoding.Bytes);
            doc.SetOverride("smtp", "unix", "inet_protocols", "ipv4");
            doc.ToBytes().Should().Equal(head.Concat(System.Text.Encoding.ASCII.GetBytes("smtp unix - - y - - smtp -o inet_protocols=ipv4\n")));
        }
    }
}
