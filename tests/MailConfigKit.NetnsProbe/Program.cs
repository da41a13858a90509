using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MailConfigKit.NetnsProbe
{
    /// <summary>
    /// Calls .NET APIs from inside a network namespace and prints the outcome as one JSON line on stdout: either the result
    /// (<c>"ok": true</c>) or the exception's type, <see cref="SocketError"/> and native code (<c>"ok": false</c>), plus the
    /// elapsed milliseconds. Exit code 0 when the call ran (whatever it returned or threw), 2 for a usage error.
    /// To add a probe (e.g. the library's DNS checker), add a case to the switch.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length < 1)
            {
                return Usage();
            }

            var clock = Stopwatch.StartNew();
            JsonObject output;
            try
            {
                output = args[0] switch
                {
                    // System.Net.Dns.GetHostEntry(IPAddress): reverse lookup (PTR), then a forward lookup of the name found.
                    "ptr" when args.Length == 2 => Entry(System.Net.Dns.GetHostEntry(IPAddress.Parse(args[1]))),
                    // System.Net.Dns.GetHostAddresses(name): A and AAAA.
                    "forward" when args.Length == 2 => new JsonObject { ["addresses"] = Addresses(System.Net.Dns.GetHostAddresses(args[1])) },
                    // System.Net.Dns.GetHostEntry(name): forward lookup with the canonical name.
                    "entry" when args.Length == 2 => Entry(System.Net.Dns.GetHostEntry(args[1])),
                    // The library's DnsClientResolver: questions (TYPE NAME pairs) to the servers of a resolv.conf file.
                    "query" when args.Length >= 4 && args.Length % 2 == 0 => LibraryProbes.Query(args[1], args.Skip(2).ToArray()),
                    // The library's MailDiagnosis.Examine on a host tree (DNS: the servers of the tree's etc/resolv.conf).
                    "examine" when args.Length == 2 => LibraryProbes.Examine(args[1]),
                    // The library's ListenVerifier (and PaniclogArchive with "archive") on a host tree whose daemon runs in this namespace.
                    "verify" when args.Length >= 3 => LibraryProbes.Verify(args[1], args[2], args.Skip(3).ToArray()),
                    // A TCP listener that accepts and never greets (no banner), or greets as another program; runs until killed.
                    "listen" when args.Length >= 3 => Listener.Run(IPAddress.Parse(args[1]), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args.Length > 3 ? args[3] : null),
                    _ => null!,
                };
                if (output is null)
                {
                    return Usage();
                }

                output["ok"] = true;
            }
            catch (Exception e)
            {
                output = new JsonObject { ["ok"] = false, ["exception"] = e.GetType().FullName, ["message"] = e.Message };
                if (e is SocketException s)
                {
                    output["socketError"] = s.SocketErrorCode.ToString();
                    output["nativeErrorCode"] = s.NativeErrorCode;
                }
            }

            output["ms"] = clock.ElapsedMilliseconds;
            Console.WriteLine(output.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            return 0;
        }

        private static JsonObject Entry(IPHostEntry entry) => new()
        {
            ["hostName"] = entry.HostName,
            ["aliases"] = new JsonArray(entry.Aliases.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["addresses"] = Addresses(entry.AddressList),
        };

        private static JsonArray Addresses(IPAddress[] addresses) =>
            new(addresses.Select(a => (JsonNode)JsonValue.Create(a.ToString())!).ToArray());

        private static int Usage()
        {
            Console.Error.WriteLine("usage: MailConfigKit.NetnsProbe (ptr IP | forward NAME | entry NAME | query RESOLV_CONF (TYPE NAME)... | examine ROOT | verify exim|postfix ROOT [port=N] [retries=N] [sleep=S] [restartedAt=UNIXMS] [timeout=S] [archive] | listen IP PORT [BANNER])");
            return 2;
        }
    }
}
