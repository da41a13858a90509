using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;


namespace MailConfigKit.Fuzz
{
    /// <summary>
    /// The starting texts: the spec fixtures of tests/MailConfigKit.Tests (linked into this project's output under
    /// Seeds/), Debian's default files among them, plus a few master.cf shapes (the fixtures hold only one master.cf).
    /// </summary>
    public static class Seeds
    {
        private static readonly Lazy<Dictionary<FuzzTarget, List<string>>> All = new Lazy<Dictionary<FuzzTarget, List<string>>>(Load);

        public static IReadOnlyList<string> For(FuzzTarget target) => All.Value[target];

        /// <summary>Every seed text of every kind (for splicing lines across kinds).</summary>
        public static IReadOnlyList<string> Any => All.Value.Values.SelectMany(v => v).ToList();

        public static string SeedDirectory => Path.Combine(AppContext.BaseDirectory, "Seeds");

        private static Dictionary<FuzzTarget, List<string>> Load()
        {
            var d = new Dictionary<FuzzTarget, List<string>>
            {
                [FuzzTarget.MainCf] = new List<string>(),
                [FuzzTarget.MasterCf] = new List<string>(BuiltInMaster),
                [FuzzTarget.Exim] = new List<string>(BuiltInExim),
                [FuzzTarget.Values] = new List<string>(),
            };
            string postfix = Path.Combine(SeedDirectory, "Postfix");
            string exim = Path.Combine(SeedDirectory, "Exim4");
            if (Directory.Exists(postfix))
            {
                foreach (string f in Directory.EnumerateFiles(postfix, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    bool master = f.Contains(Path.DirectorySeparatorChar + "master" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.GetFileName(f).Contains("master", StringComparison.Ordinal);
                    d[master ? FuzzTarget.MasterCf : FuzzTarget.MainCf].Add(Read(f));
                }
            }
            if (Directory.Exists(exim))
            {
                foreach (string f in Directory.EnumerateFiles(exim, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)) d[FuzzTarget.Exim].Add(Read(f));
            }
            if (d[FuzzTarget.MainCf].Count == 0) throw new InvalidOperationException("No seed fixtures under " + SeedDirectory + " (build copies them from tests/MailConfigKit.Tests).");
            return d;
        }

        private static string Read(string path) => Codec.Decode(File.ReadAllBytes(path));

        private static readonly string[] BuiltInMaster =
        {
            "smtp      inet  n       -       y       -       -       smtpd\n" +
            "submission inet n       -       y       -       -       smtpd\n  -o syslog_name=postfix/submission\n  -o smtpd_tls_security_level=encrypt\n  -o { smtpd_client_restrictions = permit_sasl_authenticated, reject }\n" +
            "relay     unix  -       -       y       -       -       smtp\n        -o syslog_name=postfix/$service_name\n" +
            "maildrop  unix  -       n       n       -       -       pipe\n  flags=DRhu user=vmail argv=/usr/bin/maildrop -d ${recipient}\n",
            "smtp unix - - y - - smtp\n  -o a=1\n\u000b-o b=2\n",
            "relay unix - - y - - smtp\n\u000c  -o a=1\n",
            "relay unix - - y - - smtp -o a={x\n",
            "smtp unix - - y - - smtp {-v} -o { b = c d }\n",
            "smtp inet n - y - - smtpd -oa=1 -ob=2 -vo c=3\n#comment\n  -o d=4\n",
            "127.0.0.1:10025 inet n - n - - smtpd\n -o content_filter=\n -o receive_override_options=no_unknown_recipient_checks,no_header_body_checks\n",
        };

        private static readonly string[] BuiltInExim =
        {
            ": <<EOF\ndc_local_interfaces='127.0.0.1'\nEOF\n",
            "dc_eximconfig_configtype='local'\n: <<EOF\n",
            "if false; then\ndc_other_hostnames='a'\nfi\n",
            "dc_readhost=x\\",
            "readonly dc_smarthost=a\ndc_smarthost=b\n",
            "dc_relay_nets=\"10.0.0.0/8\"; export dc_relay_nets\ndc_minimaldns=false # comment\n",
        };
    }
}
