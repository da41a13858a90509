using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// An SMTP client dialogue run inside a <see cref="NetNamespace"/> (the servers listen on the namespace's addresses,
    /// which this process cannot reach). bash's <c>/dev/tcp</c>, not swaks: the provisioned swaks needs the Perl module
    /// IO::Socket::INET6 for IPv6 (<c>*** IPv6 not available</c>), and bash connects to either family through getaddrinfo.
    /// </summary>
    public static class SmtpProbe
    {
        // Args: host port timeout command...; reads the greeting, then sends each command and reads its whole reply.
        // Prints "<- line" for server lines and "-> line" for commands; "<** timeout" and exit 4 when a reply does not
        // come; exit 3 when the connection is refused. Every command is sent even after an error reply, like a scripted client.
        private const string Script = """
            host=$1 port=$2 t=$3; shift 3
            exec 3<>"/dev/tcp/$host/$port" || exit 3
            reply() {
              while IFS= read -r -t "$t" line <&3; do
                line=${line%$'\r'}
                printf '<- %s\n' "$line"
                case $line in [0-9][0-9][0-9]-*) ;; *) return 0 ;; esac
              done
              printf '<** timeout\n'; exit 4
            }
            reply
            for c in "$@"; do printf -- '-> %s\n' "$c"; printf '%s\r\n' "$c" >&3; reply; done
            """;

        /// <summary>Greeting, <c>EHLO client.example</c>, <c>MAIL FROM</c>, <c>RCPT TO:&lt;<paramref name="recipient"/>&gt;</c>, <c>QUIT</c> (no DATA, so nothing is queued).</summary>
        public static SmtpDialogue ToRcpt(NetNamespace ns, string host, int port, string recipient, TimeSpan? timeout = null) =>
            Run(ns, host, port, timeout, "EHLO client.example", "MAIL FROM:<probe@client.example>", $"RCPT TO:<{recipient}>", "QUIT");

        /// <summary>
        /// Connects to <paramref name="host"/> (an address; no brackets for IPv6) and sends <paramref name="commands"/>.
        /// <paramref name="timeout"/> (default 10 s) bounds the whole dialogue, the connect included (bash has no connect
        /// timeout of its own, so <c>timeout</c> ends it: <see cref="SmtpDialogue.TimedOut"/>).
        /// </summary>
        public static SmtpDialogue Run(NetNamespace ns, string host, int port, TimeSpan? timeout, params string[] commands)
        {
            var seconds = ((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);
            var args = new List<string> { seconds, "/bin/bash", "-c", Script, "smtp-probe", host, port.ToString(CultureInfo.InvariantCulture), seconds };
            args.AddRange(commands);
            var process = ns.Exec("timeout", args, new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null },
                (timeout ?? TimeSpan.FromSeconds(10)) + TimeSpan.FromSeconds(10));
            return new SmtpDialogue(process, Parse(process.Stdout));
        }

        private static List<SmtpExchange> Parse(string transcript)
        {
            var exchanges = new List<SmtpExchange>();
            string? command = null;
            var lines = new List<string>();
            foreach (var line in transcript.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith("-> ", StringComparison.Ordinal))
                {
                    command = line[3..];
                }
                else if (line.StartsWith("<- ", StringComparison.Ordinal))
                {
                    lines.Add(line[3..]);
                    if (line.Length < 7 || line[6] != '-')
                    {
                        var code = int.TryParse(line.AsSpan(3, Math.Min(3, line.Length - 3)), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
                        exchanges.Add(new SmtpExchange(command, code, lines.ToList()));
                        lines.Clear();
                    }
                }
            }

            return exchanges;
        }
    }
}
