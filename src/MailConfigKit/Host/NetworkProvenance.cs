using System;
using System.Globalization;

namespace MailConfigKit.Host
{
    /// <summary>
    /// Where one network fact comes from: the live <c>/proc</c>, a captured snapshot (when and from which host), or a line
    /// of the image's configuration (file and line), so that a finding can cite it.
    /// </summary>
    public sealed class NetworkProvenance
    {
        /// <summary>Creates a provenance.</summary>
        public NetworkProvenance(NetworkStateOrigin origin, string source, int? line, string text)
        {
            Origin = origin;
            Source = source ?? throw new ArgumentNullException(nameof(source));
            Line = line;
            Text = text ?? throw new ArgumentNullException(nameof(text));
        }

        /// <summary>Creates the provenance of a fact read from a snapshot's <c>proc/</c> file.</summary>
        public NetworkProvenance(ProcSnapshotMarker snapshot, string source, string text)
            : this(NetworkStateOrigin.Snapshot, source, null, text)
        {
            Snapshot = snapshot ?? throw new ArgumentNullException(nameof(snapshot));
        }

        /// <summary>What kind of source it is.</summary>
        public NetworkStateOrigin Origin { get; }

        /// <summary>The file, relative to the host root (<c>proc/net/if_inet6</c>, <c>etc/sysctl.d/99-no-ipv6.conf</c>).</summary>
        public string Source { get; }

        /// <summary>The 1-based line of <see cref="Source"/>, for configuration files; null for <c>proc/</c> facts.</summary>
        public int? Line { get; }

        /// <summary>The line's text (configuration), or a sentence stating the fact.</summary>
        public string Text { get; }

        /// <summary>The snapshot the fact was read from, when <see cref="Origin"/> is <see cref="NetworkStateOrigin.Snapshot"/>.</summary>
        public ProcSnapshotMarker? Snapshot { get; }

        /// <summary>Where the fact comes from, in words: "live proc", "snapshot taken at ... on HOST", "configured intent", "proc/ files under the root".</summary>
        public string OriginDescription
        {
            get
            {
                switch (Origin)
                {
                    case NetworkStateOrigin.LiveProc: return "live proc";
                    case NetworkStateOrigin.Snapshot:
                        return Snapshot == null ? "snapshot" : "snapshot taken at " + Snapshot.TakenAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                            + (Snapshot.HostName.Length > 0 ? " on " + Snapshot.HostName : string.Empty);
                    case NetworkStateOrigin.UnmarkedProc: return "proc/ files under the root (no snapshot marker)";
                    case NetworkStateOrigin.ConfiguredIntent: return "configured intent";
                    default: return "no evidence";
                }
            }
        }

        /// <summary><c>source:line: text (origin)</c>.</summary>
        public override string ToString() => Source + (Line.HasValue ? ":" + Line.Value.ToString(CultureInfo.InvariantCulture) : string.Empty) + ": " + Text + " (" + OriginDescription + ")";
    }
}
