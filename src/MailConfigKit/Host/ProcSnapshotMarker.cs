using System;
using System.Globalization;
using System.Text;

namespace MailConfigKit.Host
{
    /// <summary>
    /// The marker <see cref="MailHost.CaptureNetworkState"/> writes next to the <c>proc/</c> files it captures
    /// (<see cref="RelativePath"/>): when the snapshot was taken and on which host, so that later reads say "snapshot taken
    /// at ..." rather than passing the files off as live.
    /// </summary>
    public sealed class ProcSnapshotMarker
    {
        /// <summary>Where the marker lives, relative to the host root.</summary>
        public const string RelativePath = "proc/mailconfigkit-snapshot";

        private const string FirstLine = "MailConfigKit proc snapshot 1";

        /// <summary>Creates a marker.</summary>
        public ProcSnapshotMarker(DateTime takenAt, string hostName, string kernelRelease)
        {
            TakenAt = takenAt.ToUniversalTime();
            HostName = hostName ?? string.Empty;
            KernelRelease = kernelRelease ?? string.Empty;
        }

        /// <summary>When the snapshot was taken (UTC, whole seconds).</summary>
        public DateTime TakenAt { get; }

        /// <summary>The host name of the machine it was taken on (<c>/proc/sys/kernel/hostname</c>), or empty.</summary>
        public string HostName { get; }

        /// <summary>The kernel release it was taken under (<c>/proc/sys/kernel/osrelease</c>), or empty.</summary>
        public string KernelRelease { get; }

        /// <summary>The marker file's text.</summary>
        public string Format() =>
            FirstLine + "\n"
            + "taken-at: " + TakenAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\n"
            + "host: " + OneLine(HostName) + "\n"
            + "kernel: " + OneLine(KernelRelease) + "\n";

        /// <summary>Reads a marker file's text; null when it is not a marker this version understands (never throws).</summary>
        public static ProcSnapshotMarker? Parse(string text)
        {
            if (text == null) return null;
            string[] lines = text.Replace("\r", string.Empty).Split('\n');
            if (lines.Length == 0 || lines[0] != FirstLine) return null;
            DateTime? taken = null;
            string host = string.Empty, kernel = string.Empty;
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i];
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0) continue;
                string key = line.Substring(0, colon), value = line.Substring(colon + 2);
                if (key == "taken-at" && DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t)) taken = t;
                else if (key == "host") host = value;
                else if (key == "kernel") kernel = value;
            }
            return taken == null ? null : new ProcSnapshotMarker(taken.Value, host, kernel);
        }

        // A host name with a newline would forge a second field: control characters become '?'.
        private static string OneLine(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (char c in s) sb.Append(c < ' ' || c == '\x7f' ? '?' : c);
            return sb.ToString();
        }

        /// <summary><c>snapshot taken at ... on HOST (kernel ...)</c>.</summary>
        public override string ToString() =>
            "snapshot taken at " + TakenAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            + (HostName.Length > 0 ? " on " + HostName : string.Empty) + (KernelRelease.Length > 0 ? " (kernel " + KernelRelease + ")" : string.Empty);
    }
}
