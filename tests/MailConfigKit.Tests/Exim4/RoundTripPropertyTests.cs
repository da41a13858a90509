using System;
using System.IO;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using MailConfigKit.Exim4;
using NUnit.Framework;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>Lossless for every input: arbitrary strings through Parse, arbitrary bytes through Load/Save.</summary>
    public class RoundTripPropertyTests
    {
        private static readonly Config Many = Config.Quick.WithMaxTest(2000);

        [Test]
        public void Parse_ToString_is_the_identity_for_any_string()
        {
            Prop.ForAll(ArbMap.Default.ArbFor<string>(), (string s) =>
            {
                string text = s ?? string.Empty;
                UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
                _ = doc.Diagnostics;
                _ = doc.LocalInterfaces;
                return doc.ToString() == text;
            }).Check(Many);
        }

        [Test]
        public void Parse_ToString_is_the_identity_for_shell_like_strings()
        {
            Gen<string> shellish = Gen.Elements('a', 'x', '_', '=', '\'', '"', '\\', '$', '`', '(', ')', '{', '}', ';', '&', '|', '#', ' ', '\t', '\n', '\r', '~', ':', '\0', '\uFEFF', 'e')
                .ArrayOf().Select(cs => new string(cs));
            Prop.ForAll(shellish.ToArbitrary(), text =>
            {
                UpdateExim4Conf doc = UpdateExim4Conf.Parse(text);
                _ = doc.Diagnostics;
                _ = doc.Assignments;
                _ = doc.Macros;
                _ = doc.LocalInterfaces;
                if (doc.Remove("x")) _ = doc.Diagnostics;
                return UpdateExim4Conf.Parse(text).ToString() == text;
            }).Check(Config.Quick.WithMaxTest(5000));
        }

        [Test]
        public void Load_Save_keeps_any_bytes()
        {
            string dir = Path.Combine(Path.GetTempPath(), "mck-exim4-bytes-" + System.Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            string path = Path.Combine(dir, "update-exim4.conf.conf");
            Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), (byte[] b) =>
            {
                byte[] bytes = b ?? new byte[0];
                File.WriteAllBytes(path, bytes);
                UpdateExim4Conf doc = UpdateExim4Conf.Load(path);
                doc.Save(path).Should_be_false();
                return doc.ToBytes().SequenceEqual(bytes) && File.ReadAllBytes(path).SequenceEqual(bytes);
            }).Check(Config.Quick.WithMaxTest(500));
            Directory.Delete(dir, true);
        }

        [Test]
        public void Huge_lines_and_unterminated_quotes_parse()
        {
            string big = "dc_local_interfaces='" + new string('a', 1 << 20) + "\n" + "x=\"" + new string('b', 1 << 20);
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(big);
            Assert.That(doc.ToString(), Is.EqualTo(big));
            Assert.That(doc.HasErrors, Is.True);
            string line = "dc_relay_nets=" + new string('c', 1 << 20) + "\n";
            Assert.That(UpdateExim4Conf.Parse(line).GetValue("dc_relay_nets"), Has.Length.EqualTo(1 << 20));
        }
    }

    internal static class SaveAssert
    {
        public static void Should_be_false(this bool written)
        {
            if (written) throw new AssertionException("Save rewrote a file that already held the same bytes");
        }
    }
}
