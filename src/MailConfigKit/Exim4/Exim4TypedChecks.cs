using MailConfigKit.Text;


namespace MailConfigKit.Exim4
{
    /// <summary>Checks typed values against what exim does with them when the daemon starts.</summary>
    internal static class Exim4TypedChecks
    {
        public static void Add(UpdateExim4Conf doc, Exim4Diagnostics.Sink sink)
        {
            ShellAssignment? a = doc.Scan.FindLast("dc_local_interfaces");
            if (a == null || a.Value == null || doc.Scan.FirstShellCode != null) return;
            EximInterfaceList list = EximInterfaceListValue.Parse(a.Value).Value;
            // Point at the word; columns inside a quoted word are approximate, so the value word's start is used.
            int at = a.WordStart;
            foreach (EximInterface item in list.Items)
            {
                if (item.IsValid) continue;
                if (item.Text.IndexOf(',') >= 0)
                {
                    sink.Add(DiagnosticCodes.Exim4LocalInterfacesComma, DiagnosticSeverity.Error, at,
                        "dc_local_interfaces uses ',' as a separator, which exim does not split on: the daemon dies with \"" + item.Error + "\"; separate items with ' ; '");
                }
                else if (list.Style == EximListStyle.Colon && item.IntendedAddress != null)
                {
                    sink.Add(DiagnosticCodes.Exim4LocalInterfacesColonList, DiagnosticSeverity.Error, at,
                        "the IPv6 address \"" + item.RawText + "\" is in a ':' list without doubled colons, so exim reads it as \"" + item.Text + "\" and the daemon dies with \"" + item.Error + "\"; use ' ; ' as the separator");
                }
                else
                {
                    sink.Add(DiagnosticCodes.Exim4LocalInterfacesItem, DiagnosticSeverity.Error, at,
                        "exim accepts only numeric addresses in local_interfaces: the daemon dies with \"" + item.Error + "\"");
                }
            }
        }
    }
}
