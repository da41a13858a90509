using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// A real Postfix instance of a host tree, run inside a <see cref="NetNamespace"/> (spec P4 runtime table, P7).
    /// <para>
    /// Config directory: the tree's <c>etc/postfix</c>. A main.cf the test wrote is kept; else Debian's default main.cf
    /// (spec <c>cases/postfix/debian-default-main.cf</c>) is written. master.cf, when missing, is the spec's instance
    /// master.cf: Debian's, with smtpd on port 2525 and chroot off (a chroot would need a copied /etc and libraries).
    /// <see cref="RedirectPaths"/> then points everything that Debian has under /etc, /usr and /var into the tree or the
    /// provisioned package (postconf -e, like the spec's <c>instance-base-main.cf</c>), leaving the network settings alone.
    /// The postfix and postdrop accounts come from the namespace (<see cref="ServiceUsers"/>).
    /// </para>
    /// </summary>
    public sealed class PostfixDaemon : IDisposable
    {
        /// <summary>smtpd's port in the instance master.cf.</summary>
        public const int Port = 2525;

        private readonly OracleToolPaths _tools;
        private readonly NetNamespace _ns;
        private bool _started;

        public PostfixDaemon(NetNamespace ns, string treeRoot)
        {
            _tools = OracleTools.RequireRootOrIgnore();
            _ns = ns;
            TreeRoot = Path.GetFullPath(treeRoot);
            Directory.CreateDirectory(ConfigDirectory);
            if (!File.Exists(MainCfPath))
            {
                File.Copy(CaseFile("debian-default-main.cf"), MainCfPath);
            }

            if (!File.Exists(MasterCfPath))
            {
                File.Copy(CaseFile("runtime/instance-master.cf"), MasterCfPath);
            }

            if (!File.Exists(Tree("etc/mailname")))
            {
                File.WriteAllText(Tree("etc/mailname"), "debian.example.org\n");
            }

            // Debian's packages ship these folders; post-install makes only the queue's subfolders and data_directory's leaf.
            foreach (var dir in new[] { "var/spool/postfix", "var/lib", "var/log" })
            {
                Directory.CreateDirectory(Tree(dir));
            }

            RedirectPaths();
        }

        public string TreeRoot { get; }

        /// <summary>The tree's <c>etc/postfix</c>, given to every command as <c>-c</c>.</summary>
        public string ConfigDirectory => Tree("etc/postfix");

        public string MainCfPath => Path.Combine(ConfigDirectory, "main.cf");

        public string MasterCfPath => Path.Combine(ConfigDirectory, "master.cf");

        /// <summary>The instance's <c>maillog_file</c> (Postfix's own logging; there is no syslog in the namespace).</summary>
        public string MailLogPath => Tree("var/log/mail.log");

        /// <summary>
        /// <c>postconf -c DIR ARGS</c> inside the namespace (so that inet_interfaces is resolved against its interfaces and
        /// hosts file), main.cf dated back afterwards. Never throws for a non-zero exit.
        /// </summary>
        public ProcessResult Postconf(params string[] args)
        {
            DateBack();
            var result = _ns.Exec(_tools.Postconf, new[] { "-c", ConfigDirectory }.Concat(args).ToArray(), timeout: TimeSpan.FromSeconds(20));
            DateBack();
            return result;
        }

        /// <summary>
        /// <c>postfix -c DIR start</c> on a terminal (its fatal errors go only there), then the listening sockets.
        /// <c>master -w</c> makes start wait until master has opened its services, so no polling is needed.
        /// </summary>
        public PostfixResult Start()
        {
            var result = RunPostfix("start");
            _started |= result.ExitCode == 0;
            return result;
        }

        /// <summary><c>postfix -c DIR stop</c>.</summary>
        public PostfixResult Stop()
        {
            var result = RunPostfix("stop");
            _started &= result.ExitCode != 0;
            return result;
        }

        /// <summary>
        /// Submits a message with the package's Postfix <c>sendmail -C DIR</c> (which hands it to postdrop, then pickup),
        /// inside the namespace. As root, postdrop accepts the non-default config directory without
        /// alternate_config_directories. Never throws for a non-zero exit.
        /// </summary>
        public ProcessResult Sendmail(string sender, string recipient, string subject)
        {
            var message = $"From: <{sender}>\nTo: <{recipient}>\nSubject: {subject}\n\n{subject}\n";
            return _ns.Exec(
                Path.Combine(_tools.Root, "usr/sbin/sendmail"),
                new[] { "-C", ConfigDirectory, "-f", sender, "--", recipient },
                stdin: System.Text.Encoding.ASCII.GetBytes(message),
                timeout: TimeSpan.FromSeconds(20));
        }

        /// <summary><c>postqueue -c DIR -f</c>: asks the queue manager to retry deferred mail now.</summary>
        public ProcessResult Flush() =>
            _ns.Exec(Path.Combine(_tools.Root, "usr/sbin/postqueue"), new[] { "-c", ConfigDirectory, "-f" }, timeout: TimeSpan.FromSeconds(20));

        /// <summary>The <c>maillog_file</c> lines so far (empty before Postfix has logged anything).</summary>
        public IReadOnlyList<string> ReadLog() =>
            File.Exists(MailLogPath) ? File.ReadAllLines(MailLogPath) : Array.Empty<string>();

        /// <summary>
        /// Polls the log until a line matches (deliveries are asynchronous: pickup, qmgr, then the smtp client); that line,
        /// or null after <paramref name="timeout"/>.
        /// </summary>
        public string? WaitForLog(Func<string, bool> match, TimeSpan timeout)
        {
            string? found = null;
            NetNamespace.WaitUntil(() => (found = ReadLog().FirstOrDefault(match)) != null, timeout);
            return found;
        }

        public void Dispose()
        {
            if (_started)
            {
                Stop(); // NetNamespace.Dispose would kill it anyway; this is the polite way.
            }
        }

        /// <summary>Sets main.cf's path parameters (postconf -e) to the tree and the provisioned package.</summary>
        public void RedirectPaths()
        {
            var root = _tools.Root;
            var ld = _tools.LdLibraryPath;
            var edit = Postconf(
                "-e",
                $"queue_directory = {Tree("var/spool/postfix")}",
                $"data_directory = {Tree("var/lib/postfix")}",
                $"daemon_directory = {_tools.PostfixDaemonDirectory}",
                $"command_directory = {root}/usr/sbin",
                $"meta_directory = {root}/etc/postfix",
                $"shlib_directory = {root}/usr/lib/postfix",
                $"maillog_file = {MailLogPath}",
                $"maillog_file_prefixes = {TreeRoot}",
                $"myorigin = {Tree("etc/mailname")}",
                // No /etc/aliases.db in the tree; local delivery is not what these tests are about.
                "alias_maps =",
                "alias_database =",
                // master clears the environment of the daemons it spawns; they need the provisioned libraries.
                $"import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C POSTLOG_SERVICE POSTLOG_HOSTNAME LD_LIBRARY_PATH={ld} PATH={root}/usr/sbin:/usr/sbin:/usr/bin:/sbin:/bin",
                $"export_environment = TZ MAIL_CONFIG LANG LD_LIBRARY_PATH={ld}");
            if (edit.ExitCode != 0)
            {
                throw new InvalidOperationException("postconf -e failed: " + edit.Describe());
            }
        }

        /// <summary>postconf and postfix sleep and re-read a main.cf changed within the last seconds; a minute back avoids that.</summary>
        public void DateBack()
        {
            File.SetLastWriteTimeUtc(MainCfPath, DateTime.UtcNow.AddMinutes(-1));
            File.SetLastWriteTimeUtc(MasterCfPath, DateTime.UtcNow.AddMinutes(-1));
        }

        private PostfixResult RunPostfix(string command)
        {
            DateBack();
            var process = _ns.ExecOnTerminal(_tools.Postfix, new[] { "-c", ConfigDirectory, command }, timeout: TimeSpan.FromSeconds(30));
            // Postfix prefixes its messages with argv[0], our absolute path.
            var output = process.Stdout.Replace(_tools.Postfix, "postfix", StringComparison.Ordinal);
            return new PostfixResult(process.ExitCode, output, _ns.ListeningTcp(), process);
        }

        private static string CaseFile(string relative) => Path.Combine(AppContext.BaseDirectory, "Postfix", "Cases", relative);

        private string Tree(string relative) => Path.Combine(TreeRoot, relative);
    }
}
