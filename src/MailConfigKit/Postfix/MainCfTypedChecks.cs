using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>Diagnostics for the values the typed settings know Postfix rejects (spec P4), one per setting in <see cref="MainCfSettings"/>.</summary>
    internal static class MainCfTypedChecks
    {
        public static void Add(MainCf doc, List<Diagnostic> list)
        {
            foreach (MainCfSetting setting in MainCfSettings.All)
            {
                Diagnostic? d = setting.Check(doc);
                if (d != null) list.Add(d);
            }
        }
    }
}
