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
    /// <summary>Lossless promise: Parse(t).ToString() == t for every string, Load then Save for every byte sequence.</summary>
    public class MainCfRoundTripTests
    {
        [FsCheck.NUnit.Property(MaxTest = 2000)]
        public bool Parse_then_ToString_gives_back_any_string(string? text)
        {
            text ??= string.Empty;
            var doc = MainCf.Parse(text);
            _ = doc.Diagnostics; // computing diagnostics must not throw either
            return doc.ToString() == text;
        }

        [Test]
        public void Parse_then_ToString_gives_back_main_cf_shaped_text()
        {
            Prop.ForAll(MainCfShapes.Documents().ToArbitrary(), text =>
            {
                var doc = MainCf.Parse(text);
                _ = doc.Diagnostics;
                _ = doc.Parameters;
                return doc.ToString() == text;
            }).QuickCheckThrowOnFailure();
        }

        [FsCheck.NUnit.Property(MaxTest = 300)]
        public bool Load_then_Save_keeps_any_bytes(byte[]? bytes)
        {
            bytes ??= new byte[0];
            using var dir = new TempDir();
            string path = dir.File("main.cf");
            File.WriteAllBytes(path, bytes);
            var doc = MainCf.Load(path);
            string copy = dir.File("copy.cf");
            doc.Save(copy);
            return File.ReadAllBytes(copy).SequenceEqual(bytes) && doc.ToBytes().SequenceEqual(bytes);
        }

        [TestCaseSource(typeof(TestFiles), nameof(TestFiles.PostfixCases))]
        public void Every_spec_case_round_trips_byte_for_byte(string path)
        {
            byte[] original = File.ReadAllBytes(path);
            var doc = MainCf.Load(path);
            doc.ToBytes().Should().Equal(original);
            using var dir = new TempDir();
            doc.Save(dir.File("main.cf"));
            File.ReadAllBytes(dir.File("main.cf")).Should().Equal(original);
        }

        [TestCase(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a', (byte)'=', (byte)'1', (byte)'\n' }, TestName = "BOM")]
        [TestCase(new byte[] { (byte)'a', (byte)'=', 0xFF, 0xFE, (byte)'\r', (byte)'\n' }, TestName = "Invalid UTF-8 and CRLF")]
        [TestCase(new byte[] { (byte)'a', (byte)'=', 0, (byte)'x' }, TestName = "NUL, no final newline")]
        [TestCase(new byte[] { 0xC3, 0x28, (byte)'\n', (byte)' ', 0xA0 }, TestName = "Overlong and stray continuation bytes")]
        public void Awkward_bytes_survive_load_and_save(byte[] bytes)
        {
            using var dir = new TempDir();
            File.WriteAllBytes(dir.File("main.cf"), bytes);
            var doc = MainCf.Load(dir.File("main.cf"));
            doc.Save(dir.File("out.cf"));
            File.ReadAllBytes(dir.File("out.cf")).Should().Equal(bytes);
        }

        [Test]
        public void A_one_megabyte_line_round_trips_and_reads()
        {
            string big = new string('x', 1 << 20);
            string text = "smtpd_banner = " + big + "\n  tail\n";
            var doc = MainCf.Parse(text);
            doc.ToString().Should().Be(text);
            doc.GetValue("smtpd_banner").Should().Be(big + "\n  tail".Substring(1));
        }

        [Test]
        public void Edits_keep_the_bytes_of_an_invalid_utf8_file_outside_the_edit()
        {
            byte[] bytes = { (byte)'#', 0xFF, (byte)'\n', (byte)'a', (byte)' ', (byte)'=', (byte)' ', (byte)'1', (byte)'\n' };
            var doc = MainCf.FromBytes(bytes, null);
            doc.Encoding.Should().Be(MailConfigKit.Text.DocumentEncoding.Bytes);
            doc.Set("a", "2");
            doc.ToBytes().Should().Equal(new byte[] { (byte)'#', 0xFF, (byte)'\n', (byte)'a', (byte)' ', (byte)'=', (byte)' ', (byte)'2', (byte)'\n' });
        }
    }
}
