using System;
using System.Collections.Generic;
using System.Linq;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Postfix;
using MailConfigKit.Text;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Text
{
    /// <summary>ConfigDocument.GetChanges: applied to the original text, the changes give the current text, and touch only changed lines.</summary>
    public class GetChangesTests
    {
        private static int Seed() => Seeds.From("MCK_GETCHANGES_SEED");

        [Test]
        public void Unchanged_document_has_no_changes()
        {
            MainCf.Parse("a = 1\nb = 2\n").GetChanges().Should().BeEmpty();
            var cf = MainCf.Parse("a = 1\n");
            cf.Set("a", "1");
            cf.GetChanges().Should().BeEmpty();
        }

        [Test]
        public void One_set_is_one_line_edit_at_its_offset()
        {
            var cf = MainCf.Parse("a = 1\nb = 2\nc = 3\n");
            cf.Set("b", "20");
            cf.GetChanges().Select(c => c.ToString()).Should().Equal("[6..12) -> \"b = 20\n\"");
        }

        [Test]
        public void Appended_and_removed_lines_are_insertions_and_deletions()
        {
            var conf = UpdateExim4Conf.Parse("x='1'\ny='2'\n");
            conf.Remove("x");
            conf.Set("z", "3");
            conf.GetChanges().Select(c => c.ToString()).Should().Equal("[0..6) -> \"\"", "[12..12) -> \"z='3'\n\"");
        }

        [Test]
        public void Applying_the_changes_to_the_original_gives_the_text_on_generated_edits()
        {
            var random = new Random(Seed());
            for (int round = 0; round < 300; round++)
            {
                int lines = random.Next(0, 30);
                var text = string.Concat(Enumerable.Range(0, lines).Select(i => "p" + random.Next(10) + " = v" + random.Next(100) + (random.Next(4) == 0 ? "\r\n" : "\n")));
                var cf = MainCf.Parse(text);
                for (int e = random.Next(1, 5); e > 0; e--)
                {
                    string name = "p" + random.Next(12);
                    switch (random.Next(3))
                    {
                        case 0: cf.Set(name, "w" + random.Next(100)); break;
                        case 1: cf.Remove(name); break;
                        default: cf.CommentOut(name); break;
                    }
                }
                IReadOnlyList<TextEdit> changes = cf.GetChanges();
                Apply(cf.OriginalText, changes).Should().Be(cf.ToString(), "round " + round + " of\n" + text);
                for (int i = 1; i < changes.Count; i++) changes[i].Offset.Should().BeGreaterOrEqualTo(changes[i - 1].Offset + changes[i - 1].Length);
            }
        }

        private static string Apply(string text, IReadOnlyList<TextEdit> edits)
        {
            var sb = new System.Text.StringBuilder();
            int pos = 0;
            foreach (TextEdit e in edits)
            {
                sb.Append(text, pos, e.Offset - pos).Append(e.NewText);
                pos = e.Offset + e.Length;
            }
            return sb.Append(text, pos, text.Length - pos).ToString();
        }
    }
}
