using System;
using MailConfigKit.Values;

namespace MailConfigKit.Postfix
{
    /// <summary>Which address family the SMTP client tries first (<c>smtp_address_preference</c>).</summary>
    public enum SmtpAddressPreference
    {
        /// <summary><c>any</c>, the default: no preference.</summary>
        Any = 0,

        /// <summary><c>ipv4</c>: try IPv4 addresses first (IPv6 is still used when IPv4 fails).</summary>
        IPv4 = 1,

        /// <summary><c>ipv6</c>: try IPv6 addresses first.</summary>
        IPv6 = 2,
    }

    /// <summary>Parse/format pair for <c>smtp_address_preference</c>: <c>any</c>, <c>ipv4</c>, <c>ipv6</c>, case-insensitive.</summary>
    public static class SmtpAddressPreferenceValue
    {
        /// <summary>Parses a raw value (the SMTP client dies at start-up on anything else).</summary>
        public static ValueParseResult<SmtpAddressPreference> Parse(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            // ASCII only, like Postfix's strcasecmp: .NET's Trim and ToLowerInvariant would accept "ipv4\u00A0" and "\u0130PV4".
            var folded = new System.Text.StringBuilder(value.Length);
            int start = 0, end = value.Length;
            while (start < end && MainCfScanner.IsSpace(value[start])) start++;
            while (end > start && MainCfScanner.IsSpace(value[end - 1])) end--;
            for (int i = start; i < end; i++) folded.Append(value[i] >= 'A' && value[i] <= 'Z' ? (char)(value[i] + 32) : value[i]);
            switch (folded.ToString())
            {
                case "any": return ValueParseResult<SmtpAddressPreference>.Ok(SmtpAddressPreference.Any);
                case "ipv4": return ValueParseResult<SmtpAddressPreference>.Ok(SmtpAddressPreference.IPv4);
                case "ipv6": return ValueParseResult<SmtpAddressPreference>.Ok(SmtpAddressPreference.IPv6);
                default: return ValueParseResult<SmtpAddressPreference>.Fail("bad smtp_address_preference value: " + value, 0);
            }
        }

        /// <summary>The canonical lower-case spelling.</summary>
        public static string Format(SmtpAddressPreference preference)
        {
            switch (preference)
            {
                case SmtpAddressPreference.Any: return "any";
                case SmtpAddressPreference.IPv4: return "ipv4";
                case SmtpAddressPreference.IPv6: return "ipv6";
                default: throw new ArgumentOutOfRangeException(nameof(preference), preference, "Not a known preference.");
            }
        }
    }
}
