using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using MailConfigKit.Host.Logs;
using MailConfigKit.Host.Logs.Journal;
using MailConfigKit.Tests.Oracle;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Host.Journal
{
    /// <summary>
    /// The native journal reader against the real tools: random records (export format) written by
    /// systemd-journal-remote with compression, read back by <c>journalctl --file F -o export</c> and by the reader, entry
    /// by entry (cursor, timestamps, boot, every field's bytes, order). Then truncated and corrupted copies, LZ4 and XZ
    /// values, and several files interleaved. Seeds replay with MCK_JOURNAL_SEED.
    /// </summary>
    [TestFixture]
    [NonParallelizable]
    public class JournalReaderTests
    {
        private const string SeedVariable = "MCK_JOURNAL_SEED";
        private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(3);

        [TestCase(true, true, 2500)]
        [TestCase(false, false, 2500)]
        [TestCase(true, false, 1000)]
        public void GeneratedJournalMatchesJournalctl(bool compact, bool keyedHash, int count)
        {
            int seed = Seeds.From(SeedVariable);
            using var dir = new TempDir();
            string file = dir.File("system.journal");
            JournalTools.WriteJournal(JournalGenerator.Generate(new Random(seed), count), file, compact, keyedHash);

            string header = JournalTools.Header(file);
            header.Should().Contain("COMPRESSED-ZSTD", "journald compresses values of 512 bytes and more");
            if (compact) header.Should().Contain("COMPACT"); else header.Should().NotContain("COMPACT");
            if (keyedHash) header.Should().Contain("KEYED-HASH"); else header.Should().NotContain("KEYED-HASH");

            var expected = ExportFormat.Parse(JournalTools.Export(file));
            expected.Should().HaveCount(count);
            using var journal = JournalFile.Open(file);
            var actual = journal.ReadEntries().ToList();
            journal.IsCompact.Should().Be(compact);
            AssertSame(actual, expected);
            journal.DataReader!.ZstdValues.Should().BeGreaterThan(count / 20, "the big messages are stored zstd-compressed and must be decompressed");
            journal.Notes.Should().BeEmpty();
        }

        [Test]
        public void SharedLargeValuesAreReadForEveryEntry()
        {
            // journald stores a value once however many entries repeat it: a long bounce repeated thousands of times is
            // one compressed object that every entry points at.
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            using var dir = new TempDir();
            var repeated = new[] { 600, 5000, 90_000 }.Select(n => "550-5.7.1 " + new string((char)('a' + random.Next(26)), n)).ToArray();
            using var export = new MemoryStream();
            ulong realtime = 1_700_000_000_000_000UL;
            for (int i = 0; i < 2000; i++)
            {
                ExportFormat.WriteField(export, "__REALTIME_TIMESTAMP", (realtime += 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
                ExportFormat.WriteField(export, "__MONOTONIC_TIMESTAMP", (realtime - 1_699_000_000_000_000UL).ToString(System.Globalization.CultureInfo.InvariantCulture));
                ExportFormat.WriteField(export, "_BOOT_ID", "00112233445566778899aabbccddeeff");
                ExportFormat.WriteField(export, "MESSAGE", repeated[random.Next(repeated.Length)]);
                ExportFormat.WriteField(export, "SEQ", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                export.WriteByte((byte)'\n');
            }
            string file = dir.File("system.journal");
            JournalTools.WriteJournal(export.ToArray(), file);
            using var journal = JournalFile.Open(file);
            var entries = journal.ReadEntries().ToList();
            AssertSame(entries, ExportFormat.Parse(JournalTools.Export(file)));
            entries.Should().HaveCount(2000);
            journal.Notes.Should().BeEmpty();
        }

        [Test]
        public void FileBeingWrittenIsReadWithANote()
        {
            int seed = Seeds.From(SeedVariable);
            using var dir = new TempDir();
            string file = dir.File("system.journal");
            JournalTools.WriteJournal(JournalGenerator.Generate(new Random(seed), 400), file);
            var expected = ExportFormat.Parse(JournalTools.Export(file));
            byte[] bytes = File.ReadAllBytes(file);
            bytes[16] = 1; // STATE_ONLINE: journald has it open (or crashed with it open)
            File.WriteAllBytes(file, bytes);
            using var journal = JournalFile.Open(file);
            journal.State.Should().Be(JournalFileState.Online);
            AssertSame(journal.ReadEntries().ToList(), expected);
            journal.Notes.Should().ContainSingle(n => n.Contains("ONLINE", StringComparison.Ordinal));
        }

        [Test]
        public void TruncatedCopiesYieldOnlyEntriesOfTheOriginal()
        {
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            using var dir = new TempDir();
            string file = dir.File("system.journal");
            JournalTools.WriteJournal(JournalGenerator.Generate(random, 1500), file);
            var expected = ExportFormat.Parse(JournalTools.Export(file));
            var byCursor = expected.Select((e, i) => (e, i)).ToDictionary(p => p.e.Cursor, p => p);
            byte[] bytes = File.ReadAllBytes(file);

            // The used part of the file (journal-remote leaves the preallocated tail empty), so cuts land among entries.
            long used = UsedLength(bytes);
            var cuts = new List<long> { 0, 7, 100, 263, 264, 4096, used - 1, used - 8 };
            for (int k = 0; k < 40; k++) cuts.Add(random.NextInt64(0, used));
            int totalRead = 0;
            foreach (long cut in cuts)
            {
                string copy = dir.File("system@cut.journal~");
                File.WriteAllBytes(copy, bytes.AsSpan(0, (int)cut).ToArray());
                var (entries, notes) = Bounded(() => ReadAll(copy), "cut at " + cut);
                int previous = -1;
                foreach (JournalEntry e in entries)
                {
                    byCursor.Should().ContainKey(e.Cursor, "cut at " + cut + ": every entry must be one of the original's");
                    var (original, index) = byCursor[e.Cursor];
                    index.Should().BeGreaterThan(previous, "cut at " + cut + ": in the original's order");
                    previous = index;
                    AssertSame(e, original, "cut at " + cut);
                }
                if (entries.Count < expected.Count) notes.Should().NotBeEmpty("cut at " + cut + ": a cut file says that it is incomplete");
                if (cut >= used - 8) entries.Count.Should().BeGreaterThanOrEqualTo(expected.Count - 1, "cut at " + cut + ": a cut in the last object costs at most the last entry");
                totalRead += entries.Count;
            }
            TestContext.Out.WriteLine(cuts.Count + " cuts, " + totalRead + " entries read from them");
            totalRead.Should().BeGreaterThan(0);
        }

        [Test]
        public void CorruptedCopiesNeverThrowNorHang()
        {
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            using var dir = new TempDir();
            string file = dir.File("system.journal");
            JournalTools.WriteJournal(JournalGenerator.Generate(random, 800), file, compact: random.Next(2) == 0);
            byte[] bytes = File.ReadAllBytes(file);
            long used = UsedLength(bytes);
            int yielded = 0;
            for (int k = 0; k < 60; k++)
            {
                byte[] copy = (byte[])bytes.Clone();
                int flips = random.Next(1, 40);
                for (int f = 0; f < flips; f++)
                {
                    // Half the flips hit the header and the first objects (hash tables, the first arrays), half anywhere used.
                    long at = random.Next(2) == 0 ? random.NextInt64(0, Math.Min(used, 300_000)) : random.NextInt64(0, used);
                    copy[at] ^= (byte)(1 << random.Next(8));
                    if (random.Next(4) == 0) copy[at] = (byte)random.Next(256);
                }
                string path = dir.File("corrupt.journal~");
                File.WriteAllBytes(path, copy);
                var (entries, _) = Bounded(() => ReadAll(path), "corrupted copy " + k);
                yielded += entries.Count;
                foreach (JournalEntry e in entries)
                {
                    e.Cursor.Should().StartWith("s=");
                    e.Fields.Sum(x => (long)x.Length).Should().BeLessThanOrEqualTo(16L * 1024 * 1024);
                }
            }
            TestContext.Out.WriteLine("60 corrupted copies, " + yielded + " entries yielded");
        }

        [Test]
        public void Lz4ValuesAreRead()
        {
            // systemd-journal-remote of this build writes zstd only (SYSTEMD_JOURNAL_COMPRESS does not choose the
            // algorithm in systemd 252), so plain DATA objects of a real file are rewritten as LZ4; journalctl reading the
            // rewritten file exactly as the original proves the encoding is systemd's own.
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            using var dir = new TempDir();
            string file = dir.File("system.journal");
            JournalTools.WriteJournal(JournalGenerator.Generate(random, 1200), file, compact: random.Next(2) == 0);
            byte[] original = JournalTools.Export(file);
            byte[] bytes = File.ReadAllBytes(file);
            var offsets = JournalRewrite.PlainDataObjects(bytes, "COMPRESSIBLE=", 100).Concat(JournalRewrite.PlainDataObjects(bytes, "MESSAGE=", 300)).ToList();
            int rewritten = offsets.Count(o => JournalRewrite.Recompress(bytes, o, JournalRewrite.Lz4, JournalRewrite.FlagLz4));
            rewritten.Should().BeGreaterThan(10);
            string lz4File = dir.File("lz4.journal");
            File.WriteAllBytes(lz4File, bytes);
            JournalTools.Header(lz4File).Should().Contain("COMPRESSED-LZ4");

            byte[] export = JournalTools.Export(lz4File);
            Encoding.UTF8.GetString(export).Should().Be(Encoding.UTF8.GetString(original), "journalctl reads the LZ4 values as the plain ones");
            using var journal = JournalFile.Open(lz4File);
            AssertSame(journal.ReadEntries().ToList(), ExportFormat.Parse(export));
            journal.DataReader!.Lz4Values.Should().BeGreaterThanOrEqualTo(rewritten);
            journal.Notes.Should().BeEmpty();
        }

        [Test]
        public void XzValuesAreReportedAsUnread()
        {
            string xz = "/usr/bin/xz";
            if (!File.Exists(xz)) throw OracleTools.Unavailable("xz is not installed (apt-get install xz-utils)", OracleTools.IsCi, null);
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            using var dir = new TempDir();
            string file = dir.File("system.journal");
            JournalTools.WriteJournal(JournalGenerator.Generate(random, 300), file);
            byte[] original = JournalTools.Export(file);
            byte[] bytes = File.ReadAllBytes(file);
            var offsets = JournalRewrite.PlainDataObjects(bytes, "COMPRESSIBLE=", 200).Take(5).ToList();
            int rewritten = offsets.Count(o => JournalRewrite.Recompress(bytes, o, p => ProcessRunner.Run(xz, new[] { "--format=xz", "--check=crc64", "-c" }, stdin: p).StdoutBytes, JournalRewrite.FlagXz));
            rewritten.Should().BeGreaterThan(0);
            string xzFile = dir.File("xz.journal");
            File.WriteAllBytes(xzFile, bytes);
            Encoding.UTF8.GetString(JournalTools.Export(xzFile)).Should().Be(Encoding.UTF8.GetString(original), "journalctl reads the XZ values");

            using var journal = JournalFile.Open(xzFile);
            var entries = journal.ReadEntries().ToList();
            var expected = ExportFormat.Parse(original);
            entries.Should().HaveCount(expected.Count, "entries with an XZ value are still yielded");
            entries.Count(e => !e.IsComplete).Should().BeGreaterThan(0);
            for (int i = 0; i < entries.Count; i++)
            {
                if (entries[i].IsComplete)
                {
                    AssertSame(entries[i], expected[i], "entry " + i);
                    continue;
                }
                // The XZ value is left out; everything else is read.
                var withoutXz = expected[i].Fields.Where(f => entries[i].Fields.Any(a => a.Name == f.Key && a.GetBytes().AsSpan().SequenceEqual(f.Value))).ToList();
                withoutXz.Count.Should().Be(expected[i].Fields.Count - 1, "entry " + i + ": only the XZ value is missing");
                entries[i].Cursor.Should().Be(expected[i].Cursor);
            }
            journal.Notes.Should().Contain(n => n.Contains("XZ", StringComparison.Ordinal));
            journal.DataReader!.XzValues.Should().BeGreaterThan(0);
        }

        [Test]
        public void SourceInterleavesFilesAsJournalctlDoes()
        {
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            using var tree = new HostTree();
            string machine = JournalGenerator.RandomId(random);
            string[] relative =
            {
                "var/log/journal/" + machine + "/system@" + JournalGenerator.RandomId(random) + "-0000000000000001-0005f0a1b2c3d4e5.journal",
                "var/log/journal/" + machine + "/system.journal",
                "var/log/journal/" + machine + "/user-1000.journal",
                "run/log/journal/" + machine + "/system.journal",
            };
            foreach (string rel in relative)
            {
                string path = tree.PathOf(rel);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                // Each file its own run of the same generator seed family: overlapping times, shared boots.
                JournalTools.WriteJournal(JournalGenerator.Generate(new Random(random.Next()), random.Next(200, 700)), path, compact: random.Next(2) == 0);
            }
            var source = new JournalLogSource(tree.Root);
            source.FindFiles().Should().BeEquivalentTo(relative);
            // journalctl is given the files in the source's order (its merge, like the source's, depends on it).
            var expected = ExportFormat.Parse(JournalTools.Export(source.FindFiles().Select(tree.PathOf).ToArray()));
            var actual = source.ReadEntries().ToList();
            AssertSame(actual, expected);
            source.Notes.Where(n => !n.Contains("passed over", StringComparison.Ordinal)).Should().BeEmpty();

            var records = source.Read().ToList();
            var withMessage = actual.Where(e => e.GetField("MESSAGE") != null).ToList();
            records.Should().HaveCount(withMessage.Count);
            for (int i = 0; i < records.Count; i++)
            {
                JournalEntry e = withMessage[i];
                LogRecord r = records[i];
                r.Time.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(0).AddTicks((long)e.RealtimeMicroseconds * 10));
                r.HostName.Should().Be(e.GetString("_HOSTNAME"));
                r.Identifier.Should().Be(e.GetString("SYSLOG_IDENTIFIER") ?? e.GetString("_COMM"));
                r.ProcessId.Should().Be(int.Parse(e.GetString("SYSLOG_PID") ?? e.GetString("_PID")!, System.Globalization.CultureInfo.InvariantCulture));
                r.Message.Should().Be(e.GetString("MESSAGE"));
                r.Origin.IsJournal.Should().BeTrue();
                r.Origin.Cursor.Should().Be(e.Cursor);
                r.Origin.Path.Should().Be(e.FilePath);
                relative.Should().Contain(r.Origin.Path);
            }
        }

        [Test]
        public void FilesOfOneSequenceSourceInterleaveBySequenceNumber()
        {
            // journald's system and user journals (and their archives) share one sequence-number source, and journalctl
            // orders their entries by sequence number before any clock. systemd-journal-remote gives every output file
            // its own source, so the files are given one here, with the numbers dealt out at random among them (each
            // file's own still rising), so that the number order differs from the clock order. A copy of one file (an
            // archive journald also kept as a ~ file) shows each entry once.
            int seed = Seeds.From(SeedVariable);
            var random = new Random(seed);
            using var tree = new HostTree();
            string dir = "var/log/journal/" + JournalGenerator.RandomId(random);
            string[] names = { "system.journal", "user-1000.journal", "system@" + JournalGenerator.RandomId(random) + "-0000000000000001-0005f0a1b2c3d4e5.journal", "user-1001.journal" };
            var bytes = new List<byte[]>();
            foreach (string name in names)
            {
                string path = tree.PathOf(dir + "/" + name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                JournalTools.WriteJournal(JournalGenerator.Generate(new Random(random.Next()), random.Next(100, 400)), path, compact: random.Next(2) == 0);
                bytes.Add(File.ReadAllBytes(path));
            }
            var counts = bytes.Select(b => JournalRewrite.EntryObjects(b).Count).ToArray();
            // Deal 1..total among the first three files; the last keeps its own source.
            var owner = Enumerable.Range(0, 3).SelectMany(f => Enumerable.Repeat(f, counts[f])).OrderBy(_ => random.Next()).ToArray();
            var numbers = new[] { new List<ulong>(), new List<ulong>(), new List<ulong>() };
            for (int k = 0; k < owner.Length; k++) numbers[owner[k]].Add((ulong)k + 1);
            byte[] shared = new byte[16];
            random.NextBytes(shared);
            for (int f = 0; f < 3; f++)
            {
                JournalRewrite.Renumber(bytes[f], shared, numbers[f]);
                File.WriteAllBytes(tree.PathOf(dir + "/" + names[f]), bytes[f]);
            }
            File.WriteAllBytes(tree.PathOf(dir + "/system@copy.journal~"), bytes[0]);

            // journalctl takes the files in the order given (with -D, in the folder's order): the same order as the source's.
            // Its order is not total across sequence sources (numbers within one, clocks across), so it passes over some
            // entries of the other source; the reader does the same, and says so.
            var source = new JournalLogSource(tree.Root);
            var files = source.FindFiles().Select(tree.PathOf).ToArray();
            var expected = ExportFormat.Parse(JournalTools.Export(files));
            var actual = source.ReadEntries().ToList();
            AssertSame(actual, expected);
            expected.Count.Should().BeLessThanOrEqualTo(counts.Sum(), "journalctl shows the copy's entries once");
            if (expected.Count < counts.Sum()) source.Notes.Should().Contain(n => n.Contains("passed over", StringComparison.Ordinal));
        }

        [Test]
        public void SourceNotesFilesItCannotReadAndReadsTheRest()
        {
            int seed = Seeds.From(SeedVariable);
            using var tree = new HostTree();
            string dir = "var/log/journal/" + JournalGenerator.RandomId(new Random(seed));
            string good = dir + "/system.journal";
            Directory.CreateDirectory(tree.PathOf(dir));
            JournalTools.WriteJournal(JournalGenerator.Generate(new Random(seed), 50), tree.PathOf(good));
            tree.Write(dir + "/not-a-journal.journal", string.Concat(Enumerable.Repeat("hello, this is text\n", 20)));
            tree.Write(dir + "/short.journal~", "LPKSHHRH");
            Directory.CreateDirectory(tree.PathOf(dir + "/folder.journal"));
            var mkfifo = ProcessRunner.Run("mkfifo", new[] { tree.PathOf(dir + "/fifo.journal") });
            mkfifo.ExitCode.Should().Be(0, mkfifo.Describe());
            File.CreateSymbolicLink(tree.PathOf(dir + "/escape.journal"), "/etc/passwd");

            var source = new JournalLogSource(tree.Root);
            var records = Bounded(() => source.Read().ToList(), "a FIFO among the journal files");
            records.Should().HaveCount(ExportFormat.Parse(JournalTools.Export(tree.PathOf(good))).Count(e => e.Fields.Any(f => f.Key == "MESSAGE")));
            records.Should().OnlyContain(r => r.Origin.Path == good);
            source.Notes.Should().Contain(n => n.Contains("fifo.journal", StringComparison.Ordinal));
            source.Notes.Should().Contain(n => n.Contains("not-a-journal.journal", StringComparison.Ordinal) && n.Contains("signature", StringComparison.Ordinal));
            source.Notes.Should().Contain(n => n.Contains("short.journal~", StringComparison.Ordinal) && n.Contains("too short", StringComparison.Ordinal));
            // The link's absolute target is taken inside the root (as the image would see it), never the reader's /etc/passwd.
            source.Notes.Should().Contain(n => n.Contains("escape.journal", StringComparison.Ordinal) && n.Contains(tree.Root, StringComparison.Ordinal));
        }

        private static (List<JournalEntry> Entries, IReadOnlyList<string> Notes) ReadAll(string path)
        {
            using var journal = JournalFile.Open(path);
            var entries = journal.ReadEntries().ToList();
            return (entries, journal.Notes);
        }

        private static T Bounded<T>(Func<T> read, string what)
        {
            var task = Task.Run(read);
            if (!task.Wait(HangLimit)) Assert.Fail("reading hung (" + what + ")");
            return task.Result;
        }

        /// <summary>The end of the last object (the header's tail object offset plus its size).</summary>
        private static long UsedLength(byte[] bytes)
        {
            long tail = BitConverter.ToInt64(bytes, 136);
            long size = BitConverter.ToInt64(bytes, (int)tail + 8);
            return tail + size;
        }

        private static void AssertSame(List<JournalEntry> actual, List<ExportEntry> expected)
        {
            actual.Select(e => e.Cursor).Should().Equal(expected.Select(e => e.Cursor), "the same entries in the same order");
            for (int i = 0; i < actual.Count; i++) AssertSame(actual[i], expected[i], "entry " + i);
        }

        private static void AssertSame(JournalEntry actual, ExportEntry expected, string what)
        {
            actual.Cursor.Should().Be(expected.Cursor, what);
            actual.RealtimeMicroseconds.Should().Be(expected.Realtime, what);
            actual.MonotonicMicroseconds.Should().Be(expected.Monotonic, what);
            actual.BootId.Should().Be(expected.BootId, what);
            actual.IsComplete.Should().BeTrue(what);
            // journalctl prints the entry's boot id from the entry header and leaves out the stored _BOOT_ID field.
            var fields = actual.Fields.Where(f => f.Name != "_BOOT_ID").ToList();
            fields.Select(f => f.Name).Should().Equal(expected.Fields.Select(f => f.Key), what);
            for (int k = 0; k < fields.Count; k++)
            {
                if (!fields[k].GetBytes().AsSpan().SequenceEqual(expected.Fields[k].Value))
                {
                    Assert.Fail(what + ": field " + fields[k].Name + " differs (" + fields[k].Length + " bytes read, " + expected.Fields[k].Value.Length + " expected)");
                }
            }
        }
    }
}
