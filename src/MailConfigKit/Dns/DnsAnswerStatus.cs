namespace MailConfigKit.Dns
{
    /// <summary>What a DNS server said to one question, exactly: "no answer" is never "no record".</summary>
    public enum DnsAnswerStatus
    {
        /// <summary>The name exists and has records of the type (<see cref="DnsAnswer.Records"/>).</summary>
        Found = 0,

        /// <summary>The name exists but has no records of the type (NOERROR with an empty answer).</summary>
        NoData = 1,

        /// <summary>The name does not exist (NXDOMAIN).</summary>
        NxDomain = 2,

        /// <summary>The server failed (SERVFAIL, or a malformed or truncated answer that could not be used).</summary>
        ServerFailure = 3,

        /// <summary>No server answered in time.</summary>
        Timeout = 4,

        /// <summary>The server refused the question (REFUSED).</summary>
        Refused = 5,
    }
}
