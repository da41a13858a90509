using System.Collections.Generic;
using System.IO;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>Where the provisioned Debian tools are, and the environment they need.</summary>
    public sealed class OracleToolPaths
    {
        internal OracleToolPaths(string root, string sh, IReadOnlyDictionary<string, string> packageVersions)
        {
            Root = root;
            Sh = sh;
            PackageVersions = packageVersions;
            LdLibraryPath = Path.Combine(root, "usr/lib/x86_64-linux-gnu") + ":" + Path.Combine(root, "usr/lib/postfix");
        }

        /// <summary>The folder every .deb was extracted into with <c>dpkg -x</c>.</summary>
        public string Root { get; }

        public string Postconf => At("usr/sbin/postconf");

        public string Postfix => At("usr/sbin/postfix");

        public string SmtpSink => At("usr/sbin/smtp-sink");

        /// <summary>Postfix daemons (master, smtpd, ...): the <c>daemon_directory</c> for instance configs.</summary>
        public string PostfixDaemonDirectory => At("usr/lib/postfix/sbin");

        public string Exim4 => At("usr/sbin/exim4");

        /// <summary>Debian's script as shipped; <see cref="UpdateExim4Conf"/> runs a path-rewritten copy.</summary>
        public string UpdateExim4Conf => At("usr/sbin/update-exim4.conf");

        /// <summary>The exim4-config package's <c>/etc/exim4</c> (exim4.conf.template, conf.d).</summary>
        public string EximConfigDirectory => At("etc/exim4");

        public string Dnsmasq => At("usr/sbin/dnsmasq");

        /// <summary>A Perl script; runs with the system's /usr/bin/perl.</summary>
        public string Swaks => At("usr/bin/swaks");

        /// <summary>dash: /bin/sh when it is dash, else a dash extracted into the cache.</summary>
        public string Sh { get; }

        /// <summary>Value for LD_LIBRARY_PATH when running any of the binaries above.</summary>
        public string LdLibraryPath { get; }

        /// <summary>Package name to Debian version, as downloaded.</summary>
        public IReadOnlyDictionary<string, string> PackageVersions { get; }

        /// <summary>The variables to add to a child's environment to run the tools.</summary>
        public IReadOnlyDictionary<string, string?> Environment =>
            new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = LdLibraryPath };

        private string At(string relative) => Path.Combine(Root, relative);
    }
}
