namespace MailConfigKit.Exim4
{
    /// <summary>One <c>dc_smarthost</c> entry: a host with an optional port (written <c>host::port</c> in the colon list).</summary>
    public sealed class EximSmarthost
    {
        internal EximSmarthost(string raw, string host, int? port)
        {
            RawText = raw;
            Host = host;
            Port = port;
        }

        /// <summary>The entry as written (<c>smart.example::587</c>).</summary>
        public string RawText { get; }

        /// <summary>The host name or address (brackets of <c>[ip]</c> removed).</summary>
        public string Host { get; }

        /// <summary>The port, when given.</summary>
        public int? Port { get; }

        /// <inheritdoc />
        public override string ToString() => RawText;
    }
}
