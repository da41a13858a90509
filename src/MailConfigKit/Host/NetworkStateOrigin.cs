namespace MailConfigKit.Host
{
    /// <summary>Where a host's network facts come from: what the answer about IPv6 rests on.</summary>
    public enum NetworkStateOrigin
    {
        /// <summary>Nothing tells: no <c>proc/</c> to read and no configured intent that decides.</summary>
        None = 0,

        /// <summary>The running kernel's <c>/proc</c> (the host root is <c>/</c>).</summary>
        LiveProc = 1,

        /// <summary>A snapshot of a live host's <c>proc/</c> written by <see cref="MailHost.CaptureNetworkState"/> (it carries a marker: when, from which host).</summary>
        Snapshot = 2,

        /// <summary><c>proc/</c> files under the root without a snapshot marker (copied by hand or by another tool): read as the host's state.</summary>
        UnmarkedProc = 3,

        /// <summary>The image's configured intent: <c>sysctl.d</c> files and the kernel command line in its boot configuration.</summary>
        ConfiguredIntent = 4,
    }
}
