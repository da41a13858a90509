using System.Text;

namespace MailConfigKit.Tests.Support
{
    /// <summary>
    /// The inline fixtures: byte-exact copies of the spec cases (shared/spec/cases) the oracle self-tests use. Inline,
    /// because CI clones only this repository; built with explicit "\n" so that the checkout's line endings cannot
    /// change them.
    /// </summary>
    public static partial class TestFiles
    {
        // postfix/03-comment-between.cf (P1.2)
        public static readonly byte[] Postfix03CommentBetween = Lines("mydestination = a.example,", "# comment between", "  b.example");

        // postfix/14-bom.cf (P1.11)
        public static readonly byte[] Postfix14Bom = Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Lines("mydestination = a.example", "myhostname = h.example"));

        // postfix/15-dup.cf (P1.12)
        public static readonly byte[] Postfix15Dup = Lines("mydestination = first", "mydestination = second");

        // postfix/17-empty.cf (P1.13); note the trailing space after the first '='
        public static readonly byte[] Postfix17Empty = Lines("mydestination = ", "relayhost =");

        // postfix/18-no-equals.cf (P1.14)
        public static readonly byte[] Postfix18NoEquals = Lines("this line has no equals", "myhostname = h.example");

        // postfix/41-edit-cont.cf (P3.1)
        public static readonly byte[] Postfix41EditCont = Lines(
            "# header",
            "inet_protocols = all,",
            "    # comment inside continuation",
            "  ipv6",
            "",
            " # indented comment after blank",
            "\tcontinued-after-blank",
            "myhostname = h.example");

        // postfix/42-edit-dup.cf (P3.2, P3.11)
        public static readonly byte[] Postfix42EditDup = Lines("inet_protocols = ipv6", "myhostname = h.example", "inet_protocols = all", "  more", "# end");

        // postfix/44-edit-nofinalnl-value.cf (P3.8): no final newline
        public static readonly byte[] Postfix44NoFinalNewline = Ascii("myhostname = h.example");

        // postfix/45-edit-crlf.cf (P3.9)
        public static readonly byte[] Postfix45Crlf = Ascii("myhostname = h.example\r\ninet_protocols = all\r\n  cont\r\n# c\r\n");

        // exim/20-li-default.conf, 21-li-v4only.conf, 22-li-empty.conf, 30-li-unquoted-semicolon.conf (E5)
        public static readonly byte[] Exim20Default = DebianExim("dc_local_interfaces='127.0.0.1 ; ::1'");
        public static readonly byte[] Exim21V4Only = DebianExim("dc_local_interfaces='127.0.0.1'");
        public static readonly byte[] Exim22Empty = DebianExim("dc_local_interfaces=''");
        public static readonly byte[] Exim30UnquotedSemicolon = DebianExim("dc_local_interfaces=127.0.0.1 ; ::1");

        // exim/sh-quoting/qNN.conf (E5 sh semantics)
        public static readonly byte[] Q05 = Lines("dc_local_interfaces='a'\\''b'");
        public static readonly byte[] Q06 = Lines("dc_local_interfaces=");
        public static readonly byte[] Q09 = Lines("dc_local_interfaces='line1", "line2'");
        public static readonly byte[] Q10 = Lines("dc_local_interfaces=$(echo from-cmd)");
        public static readonly byte[] Q15 = Lines("dc_local_interfaces ='a'");
        public static readonly byte[] Q17 = Lines("dc_local_interfaces='a");
        public static readonly byte[] Q21 = Lines("dc_local_interfaces=*");
        public static readonly byte[] Q22 = Ascii("dc_local_interfaces='a'\r\n");
        public static readonly byte[] Q24 = Lines("DC_LOCAL_INTERFACES='upper'");
        public static readonly byte[] Q25 = Lines("dc_local_interfaces='a' \\", "  dc_relay_nets='b'");
        public static readonly byte[] Q27 = Ascii("dc_local_interfaces='no-final-newline'");

        private static byte[] DebianExim(string localInterfacesLine) => Lines(
            "# /etc/exim4/update-exim4.conf.conf",
            "#",
            "# Edit this file and /etc/mailname by hand and execute update-exim4.conf",
            "# yourself or use 'dpkg-reconfigure exim4-config'",
            "#",
            "# Please note that this is _not_ a dpkg-conffile and that automatic changes",
            "# to this file might happen. The code handling this will honor your local",
            "# changes, so this is usually fine, but will break local schemes that mess",
            "# around with multiple versions of the file.",
            "#",
            "# update-exim4.conf uses this file to determine variable values to generate",
            "# exim configuration macros for the configuration file.",
            "#",
            "# Most settings found in here do have corresponding questions in the",
            "# Debconf configuration, but not all of them.",
            "#",
            "# This is a Debian specific file",
            "",
            "dc_eximconfig_configtype='local'",
            "dc_other_hostnames='debian'",
            "dc_readhost=''",
            "dc_relay_domains=''",
            "dc_minimaldns='false'",
            "dc_relay_nets=''",
            "dc_smarthost=''",
            "CFILEMODE='644'",
            "dc_use_split_config='false'",
            "dc_hide_mailname=''",
            "dc_mailname_in_oh='true'",
            "dc_localdelivery='mail_spool'",
            localInterfacesLine);

        // Each line ended by LF.
        private static byte[] Lines(params string[] lines) => Ascii(string.Concat(System.Array.ConvertAll(lines, l => l + "\n")));

        private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var all = new byte[a.Length + b.Length];
            a.CopyTo(all, 0);
            b.CopyTo(all, a.Length);
            return all;
        }
    }
}
