namespace MailConfigKit.Exim4
{
    /// <summary>Checks typed values against what exim does with them when the daemon starts.</summary>
    internal static class Exim4TypedChecks
    {
        /// <summary>Adds the diagnostics of every typed setting in <see cref="Exim4Settings"/>.</summary>
        public static void Add(UpdateExim4Conf doc, Exim4Diagnostics.Sink sink)
        {
            foreach (Exim4Setting setting in Exim4Settings.All) setting.Check(doc, sink);
        }

        /// <summary>
        /// The <c>dc_local_interfaces</c> items exim rejects. Diagnostics point at the value word: columns inside a quoted
        /// word are approximate, so the word's start is used.
        /// </summary>
        public static void LocalInterfaces(EximInterfaceList list, int at, Exim4Diagnostics.Sink sink)
        {
            foreach (EximInterface item in list.Items)
            {
                if (item.IsValid) continue;
                if (item.Text.IndexOf(',') >= 0)
                {
                    sink.Add(UpdateExim4ConfDescriptors.LocalInterfacesComma, at, item.Error);
                }
                else if (list.Style == EximListStyle.Colon && item.IntendedAddress != null)
                {
                    sink.Add(UpdateExim4ConfDescriptors.LocalInterfacesColonList, at, item.RawText, item.Text, item.Error);
                }
                else
                {
                    sink.Add(UpdateExim4ConfDescriptors.LocalInterfacesItem, at, item.Error);
                }
            }
        }
    }
}
