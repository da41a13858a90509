using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// Reads where a mail daemon should listen from a host's configuration. One per daemon; a better reading (exim's
    /// effective configuration instead of <c>dc_local_interfaces</c>) is a new implementation of this one method.
    /// </summary>
    public interface IListenConfigurationSource
    {
        /// <summary>The daemon this source reads.</summary>
        MailDaemon Daemon { get; }

        /// <summary>The listeners <paramref name="host"/>'s configuration asks for. Never throws for what is on disk: problems are in <see cref="ListenConfiguration.Problems"/>.</summary>
        ListenConfiguration Read(MailHost host);
    }
}
