using System;
using System.Globalization;
using System.IO;
using MailConfigKit.Host;
using MailConfigKit.IO;

namespace MailConfigKit.Remediation
{
    /// <summary>How <see cref="PaniclogArchive.Archive(MailHost, ListenVerification)"/> ended.</summary>
    public enum PaniclogArchiveOutcome
    {
        /// <summary>The old content was moved to a dated file next to the paniclog, which is empty now.</summary>
        Archived = 0,

        /// <summary>There was no paniclog, or it was empty: nothing to keep, nothing done.</summary>
        NothingToArchive = 1,

        /// <summary>Refused: exim was not verified, so the paniclog stays as it is, as evidence.</summary>
        Refused = 2,

        /// <summary>The move failed (permissions, a read-only file system); the paniclog is as it was.</summary>
        Failed = 3,
    }

    /// <summary>What happened to the paniclog.</summary>
    public sealed class PaniclogArchiveResult
    {
        internal PaniclogArchiveResult(PaniclogArchiveOutcome outcome, string? archivePath, long bytes, string message)
        {
            Outcome = outcome;
            ArchivePath = archivePath;
            Bytes = bytes;
            Message = message;
        }

        /// <summary>How it ended.</summary>
        public PaniclogArchiveOutcome Outcome { get; }

        /// <summary>The dated file that holds the old content (<c>var/log/exim4/paniclog.mck-20261126T013000Z</c>, full path); null unless archived.</summary>
        public string? ArchivePath { get; }

        /// <summary>How many bytes were kept in the dated file.</summary>
        public long Bytes { get; }

        /// <summary>One sentence for people.</summary>
        public string Message { get; }

        /// <summary><c>outcome: message</c>.</summary>
        public override string ToString() => Outcome.ToString().ToLowerInvariant() + ": " + Message;
    }

    /// <summary>
    /// Empties exim's paniclog only after a verified start, and never destroys it: the old content is renamed to a dated file
    /// next to it (<c>paniclog.mck-YYYYMMDDTHHMMSSZ</c>, same owner and mode, never replacing a file), and an empty paniclog with
    /// the same owner and mode takes its place. A line exim writes meanwhile lands in one of the two files, never nowhere.
    /// Debian's cron mails a non-empty paniclog every day, which is why it is emptied at all.
    /// </summary>
    public static class PaniclogArchive
    {
        /// <summary>What the dated file's name adds to <c>paniclog</c>, before the UTC time stamp.</summary>
        public const string Suffix = ".mck-";

        /// <summary>
        /// Moves the paniclog's content to a dated file when <paramref name="verification"/> says exim answered on every
        /// configured address; refuses otherwise. Never throws for file-system failures (see <see cref="PaniclogArchiveOutcome.Failed"/>).
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static PaniclogArchiveResult Archive(MailHost host, ListenVerification verification)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (verification == null) throw new ArgumentNullException(nameof(verification));
            if (verification.Daemon != MailDaemon.Exim4 || !verification.IsVerified)
                return new PaniclogArchiveResult(PaniclogArchiveOutcome.Refused, null, 0,
                    "exim was not verified (" + verification.Summary + "), so " + HostPaths.Exim4Paniclog + " stays as it is, as evidence");
            return ArchiveVerified(host);
        }

        private static PaniclogArchiveResult ArchiveVerified(MailHost host)
        {
            string path;
            try
            {
                path = host.GetPath(HostPaths.Exim4Paniclog);
                // Regular files only: a FIFO or a device there is not a log to move.
                if (!RegularFile.Exists(path)) return new PaniclogArchiveResult(PaniclogArchiveOutcome.NothingToArchive, null, 0, "no paniclog at " + path);
                long length = new FileInfo(path).Length;
                if (length == 0) return new PaniclogArchiveResult(PaniclogArchiveOutcome.NothingToArchive, null, 0, path + " is empty");
                string dir = Path.GetDirectoryName(path) ?? "/";
                string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                if (!UnixNative.IsUnix) return ArchiveWindows(path, stamp, length);
                string archive = path + Suffix + stamp;
                int errno = 0;
                for (int n = 1; n < 100; n++)
                {
                    errno = DurableFileSystem.RenameNoReplace(path, archive);
                    if (errno != UnixNative.EEXIST) break;
                    archive = path + Suffix + stamp + "-" + n.ToString(CultureInfo.InvariantCulture);
                }
                if (errno != 0) return new PaniclogArchiveResult(PaniclogArchiveOutcome.Failed, null, 0, "cannot move " + path + " to " + archive + ": errno " + errno);
                // The empty successor gets the archive's owner and mode (Debian-exim, 0640): staged, then put in place only if exim has not made one since.
                string temp = Path.Combine(dir, ".paniclog" + Suffix + stamp + ".new");
                AtomicFile.StageUnix(archive, temp, new byte[0]);
                if (DurableFileSystem.RenameNoReplace(temp, path) != 0) DurableFileSystem.Unlink(temp, path);
                AtomicFile.FsyncDirectory(dir, path);
                return new PaniclogArchiveResult(PaniclogArchiveOutcome.Archived, archive, length, "moved " + length + " bytes of " + path + " to " + archive + "; the paniclog is empty now");
            }
            catch (Exception ex) when (MailHost.IsReadFailure(ex) || ex is HostPathException || ex is AtomicWriteException)
            {
                return new PaniclogArchiveResult(PaniclogArchiveOutcome.Failed, null, 0, "cannot move " + HostPaths.Exim4Paniclog + " aside: " + ex.Message);
            }
        }

        private static PaniclogArchiveResult ArchiveWindows(string path, string stamp, long length)
        {
            string archive = path + Suffix + stamp;
            File.Move(path, archive);
            File.WriteAllBytes(path, new byte[0]);
            return new PaniclogArchiveResult(PaniclogArchiveOutcome.Archived, archive, length, "moved " + length + " bytes of " + path + " to " + archive);
        }
    }
}
