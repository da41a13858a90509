using System.Collections.Generic;
using System.Net.Sockets;
using System.Net;
using MailConfigKit.Text;
using MailConfigKit.Values;

namespace MailConfigKit.Postfix
{
    /// <summary>Diagnostics for the values the typed settings know Postfix rejects (spec P4).</summary>
    internal static class MainCfTypedChecks
    {
        public static void Add(MainCf doc, List<Diagnostic> list)
        {
            Check(doc, list, "inet_protocols", raw =>
            {
                var r = InetProtocolsValue.Parse(raw);
                return r.Success ? null : new Problem(DiagnosticCodes.MainCfInetProtocols, r.Error!, r.Position);
            });
            Check(doc, list, "inet_interfaces", raw =>
            {
                var r = InetInterfacesValue.Parse(raw);
                return r.Success ? null : new Problem(DiagnosticCodes.MainCfInetInterfaces, r.Error!, r.Position);
            });
            Check(doc, list, "smtp_address_preference", raw =>
            {
                var r = SmtpAddressPreferenceValue.Parse(raw);
                return r.Success ? null : new Problem(DiagnosticCodes.MainCfAddressPreference, r.Error! + " (the SMTP client dies at start-up)", r.Position);
            });
            Check(doc, list, "mynetworks", raw =>
            {
                var r = MyNetworksValue.Parse(raw);
                if (r.Success) return null;
                string code = r.Error!.StartsWith("bad mask", System.StringComparison.Ordinal) ? DiagnosticCodes.MainCfMyNetworksMask : DiagnosticCodes.MainCfMyNetworksIPv6;
                return new Problem(code, "smtpd: " + r.Error, r.Position);
            });
            Check(doc, list, "smtp_bind_address", raw => BindProblem(raw, AddressFamily.InterNetwork, "smtp_bind_address"));
            Check(doc, list, "smtp_bind_address6", raw => BindProblem(raw, AddressFamily.InterNetworkV6, "smtp_bind_address6"));
        }

        private static Problem? BindProblem(string raw, AddressFamily family, string name)
        {
            if (raw.Length == 0) return null;
            IPAddress? a = NumericAddress.TryParse(raw);
            if (a != null && a.AddressFamily == family) return null;
            return new Problem(DiagnosticCodes.MainCfBindAddress, name + ": \"" + raw + "\" is not a numeric " + (family == AddressFamily.InterNetwork ? "IPv4" : "IPv6") + " address", 0);
        }

        private static void Check(MainCf doc, List<Diagnostic> list, string name, System.Func<string, Problem?> check)
        {
            int line = doc.FindDefinition(name, requireEquals: true);
            if (line < 0) return;
            string raw = doc.ExtractValue(line);
            if (raw.IndexOf('$') >= 0) return; // Postfix expands macros first; the result is not known statically
            Problem? p = check(raw);
            if (p == null) return;
            // Point at the value's first character on the start line; a position inside continuations is approximated.
            MainCfLine l = doc.Lines[line];
            int column = l.EqualsOffset >= l.Start && l.EqualsOffset < l.Start + l.Length ? l.EqualsOffset + 1 - l.Start : 0;
            while (column < l.Length && MainCfScanner.IsSpace(doc.Text[l.Start + column])) column++;
            int within = System.Math.Min(p.Position, System.Math.Max(0, l.Length - column));
            MainCfDiagnostics.Add(list, doc, p.Code, DiagnosticSeverity.Error, line, column + within, p.Message);
        }

        private sealed class Problem
        {
            public Problem(string code, string message, int position)
            {
                Code = code;
                Message = message;
                Position = position;
            }

            public string Code { get; }
            public string Message { get; }
            public int Position { get; }
        }
    }
}
