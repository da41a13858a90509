using System.Collections.Generic;
using System.Linq;
using System.Text;
using MailConfigKit.Tests.Postfix;
using MailConfigKit.Text;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>Which original lines an applied change replaced (by an LCS over lines with their terminators).</summary>
    public static class Changes
    {
        public static List<string> RemovedLines(byte[] before, byte[] after)
        {
            string a = Encoding.Latin1.GetString(before), b = Encoding.Latin1.GetString(after);
            HashSet<int> kept = KeptLineMatcher.KeptLines(a, b);
            return KeptLineMatcher.Lines(a).Select((line, i) => (line, i)).Where(x => !kept.Contains(x.i)).Select(x => x.line.TrimEnd('\n', '\r')).ToList();
        }
    }
}
