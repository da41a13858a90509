using System;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>The real tools cannot be provisioned or run here; the message says why.</summary>
    public sealed class OracleUnavailableException : Exception
    {
        public OracleUnavailableException(string message)
            : base(message)
        {
        }

        public OracleUnavailableException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
