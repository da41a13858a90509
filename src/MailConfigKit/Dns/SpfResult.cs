namespace MailConfigKit.Dns
{
    /// <summary>The result of an SPF check (RFC 7208 section 2.6).</summary>
    public enum SpfResult
    {
        /// <summary>No SPF record: the domain publishes none, or the domain is not a usable (multi-label, well-formed) name.</summary>
        None = 0,

        /// <summary>The domain says nothing about the address (<c>?all</c>, or no mechanism matched and there is no <c>redirect=</c>).</summary>
        Neutral = 1,

        /// <summary>The address is authorized to send for the domain.</summary>
        Pass = 2,

        /// <summary>The address is explicitly not authorized (a <c>-</c> mechanism matched).</summary>
        Fail = 3,

        /// <summary>The address is probably not authorized (a <c>~</c> mechanism matched).</summary>
        SoftFail = 4,

        /// <summary>A DNS failure (server failure, timeout, refusal) kept the check from finishing; trying later may succeed.</summary>
        TempError = 5,

        /// <summary>The domain's records cannot be interpreted (syntax error, more than one record, a limit exceeded).</summary>
        PermError = 6,
    }
}
