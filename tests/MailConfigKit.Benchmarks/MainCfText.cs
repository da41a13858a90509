using System.Text;

namespace MailConfigKit.Benchmarks
{
    /// <summary>Inputs: Debian's default main.cf (spec P3) and generated files of a given size built from its shapes.</summary>
    public static class MainCfText
    {
        public const string DebianDefault =
            "# See /usr/share/postfix/main.cf.dist for a commented, more complete version\n\n\n" +
            "# Debian specific:  Specifying a file name will cause the first\n# line of that file to be used as the name.  The Debian default\n# is /etc/mailname.\n#myorigin = /etc/mailname\n\n" +
            "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\nbiff = no\n\n# appending .domain is the MUA's job.\nappend_dot_mydomain = no\n\n" +
            "# Uncomment the next line to generate \"delayed mail\" warnings\n#delay_warning_time = 4h\n\nreadme_directory = no\n\n" +
            "# See http://www.postfix.org/COMPATIBILITY_README.html -- default to 3.6 on\n# fresh installs.\ncompatibility_level = 3.6\n\n\n\n" +
            "# TLS parameters\nsmtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem\nsmtpd_tls_key_file=/etc/ssl/private/ssl-cert-snakeoil.key\nsmtpd_tls_security_level=may\n\n" +
            "smtp_tls_CApath=/etc/ssl/certs\nsmtp_tls_security_level=may\nsmtp_tls_session_cache_database = btree:${data_directory}/smtp_scache\n\n\n" +
            "smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated defer_unauth_destination\nmyhostname = debian.example.org\n" +
            "alias_maps = hash:/etc/aliases\nalias_database = hash:/etc/aliases\nmyorigin = /etc/mailname\n" +
            "mydestination = $myhostname, debian.example.org, debian, localhost.example.org, localhost\nrelayhost = \n" +
            "mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128\nmailbox_size_limit = 0\nrecipient_delimiter = +\n" +
            "inet_interfaces = all\ninet_protocols = all\n";

        /// <summary>About <paramref name="bytes"/> of main.cf: numbered parameters, comments, continuations; inet_protocols last.</summary>
        public static string Generated(int bytes)
        {
            var sb = new StringBuilder(bytes + 256);
            int i = 0;
            while (sb.Length < bytes)
            {
                switch (i % 5)
                {
                    case 0: sb.Append("# comment number ").Append(i).Append(" explaining the next setting\n"); break;
                    case 1: sb.Append("param_").Append(i).Append(" = value-").Append(i).Append(", $myhostname\n"); break;
                    case 2: sb.Append("list_").Append(i).Append(" = a.example,\n    b.example,\n\tc.example\n"); break;
                    case 3: sb.Append('\n'); break;
                    default: sb.Append("tls_").Append(i).Append("=/etc/ssl/certs/item-").Append(i).Append(".pem\n"); break;
                }
                i++;
            }
            sb.Append("inet_protocols = all\n");
            return sb.ToString();
        }
    }
}
