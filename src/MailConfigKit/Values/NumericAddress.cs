using System.Net;
using System.Net.Sockets;

namespace MailConfigKit.Values
{
    /// <summary>
    /// Strict numeric address parsing (IPAddress.TryParse alone accepts "1" and "0x7f.1"). ASCII digits only: Postfix and
    /// exim use C's isdigit, while char.IsDigit also takes Arabic-Indic and other Unicode digits, which int.Parse rejects.
    /// </summary>
    internal static class NumericAddress
    {
        public static IPAddress? TryParse(string text)
        {
            if (text.Length == 0) return null;
            if (text.IndexOf(':') >= 0)
            {
                return IPAddress.TryParse(text, out IPAddress? v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
            }
            string[] parts = text.Split('.');
            if (parts.Length != 4) return null;
            var bytes = new byte[4];
            for (int k = 0; k < 4; k++)
            {
                string p = parts[k];
                if (p.Length == 0 || p.Length > 3) return null;
                int n = 0;
                foreach (char c in p)
                {
                    if (c < '0' || c > '9') return null;
                    n = n * 10 + (c - '0');
                }
                if (n > 255) return null;
                bytes[k] = (byte)n;
            }
            return new IPAddress(bytes);
        }
    }
}
