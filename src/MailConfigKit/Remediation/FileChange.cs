using System.Security.Cryptography;
using System.Text;
using System;
using MailConfigKit.Text;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// One file's change in a plan: the text it had when the plan was made (and the SHA-256 of its bytes, which
    /// <see cref="PlanExecutor"/> checks again before writing), the new text and the unified diff between them.
    /// </summary>
    public sealed class FileChange
    {
        private readonly byte[] _newBytes;

        internal FileChange(string root, string relativePath, string path, byte[] originalBytes, string originalText, byte[] newBytes, string newText, FileLockStyle lockStyle)
        {
            Root = root;
            RelativePath = relativePath;
            Path = path;
            OriginalHash = Sha256(originalBytes);
            OriginalText = originalText;
            NewText = newText;
            _newBytes = newBytes;
            NewHash = Sha256(newBytes);
            LockStyle = lockStyle;
            UnifiedDiff = Text.UnifiedDiff.Create(originalText, newText, "a/" + relativePath, "b/" + relativePath);
        }

        /// <summary>The host root the plan was made for.</summary>
        public string Root { get; }

        /// <summary>The file's path relative to the host root (<c>etc/postfix/main.cf</c>).</summary>
        public string RelativePath { get; }

        /// <summary>The absolute path the file resolved to when the plan was made.</summary>
        public string Path { get; }

        /// <summary>The text when the plan was made.</summary>
        public string OriginalText { get; }

        /// <summary>The SHA-256 (lower-case hex) of the file's bytes when the plan was made.</summary>
        public string OriginalHash { get; }

        /// <summary>The text after the change.</summary>
        public string NewText { get; }

        /// <summary>The SHA-256 (lower-case hex) of the bytes that will be written.</summary>
        public string NewHash { get; }

        /// <summary>The lock taken while writing.</summary>
        public FileLockStyle LockStyle { get; }

        /// <summary>The unified diff (<c>--- a/PATH</c>, <c>+++ b/PATH</c>, <c>@@</c> hunks with three lines of context).</summary>
        public string UnifiedDiff { get; }

        /// <summary>The bytes that will be written (a copy), in the file's own encoding.</summary>
        public byte[] GetNewBytes() => (byte[])_newBytes.Clone();

        internal byte[] NewBytes => _newBytes;

        /// <summary>What the change is: the file, the root and how many lines the diff adds and removes (never the text).</summary>
        public override string ToString() => "change to " + RelativePath + " under " + Root + " (" + DiffSize() + ")";

        // Counts the diff's own lines (not the headers) so a printed change says how big it is without showing any text.
        private string DiffSize()
        {
            int added = 0, removed = 0;
            foreach (string line in UnifiedDiff.Split('\n'))
            {
                if (line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal)) continue;
                if (line.StartsWith("+", StringComparison.Ordinal)) added++;
                else if (line.StartsWith("-", StringComparison.Ordinal)) removed++;
            }
            return "+" + added.ToString(System.Globalization.CultureInfo.InvariantCulture) + " -" + removed.ToString(System.Globalization.CultureInfo.InvariantCulture) + " lines";
        }

        internal static string Sha256(byte[] bytes)
        {
            using (SHA256 sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(bytes);
                var sb = new StringBuilder(hash.Length * 2);
                foreach (byte b in hash) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }
    }
}
