using System.Collections.Generic;

namespace MailConfigKit.Host
{
    /// <summary>The result of <see cref="MailHost.CaptureNetworkState"/>: where the snapshot went, what it holds, and what could not be read.</summary>
    public sealed class NetworkCapture
    {
        internal NetworkCapture(string destinationRoot, ProcSnapshotMarker marker, IReadOnlyList<string> files, IReadOnlyList<HostFileStatus> unreadable)
        {
            DestinationRoot = destinationRoot;
            Marker = marker;
            Files = files;
            Unreadable = unreadable;
        }

        /// <summary>The root the snapshot was written under (its files are in <c>proc/</c> there).</summary>
        public string DestinationRoot { get; }

        /// <summary>The marker written with it: when, on which host.</summary>
        public ProcSnapshotMarker Marker { get; }

        /// <summary>The files written, relative to <see cref="DestinationRoot"/>, the marker last.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>Live files that could not be read (they are missing from the snapshot).</summary>
        public IReadOnlyList<HostFileStatus> Unreadable { get; }

        /// <summary><c>N files under ROOT/proc (snapshot taken at ...)</c>.</summary>
        public override string ToString() => Files.Count + " file(s) under " + DestinationRoot + "/proc (" + Marker + ")";
    }
}
