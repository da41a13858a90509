using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;

namespace MailConfigKit.NetnsProbe
{
    /// <summary>
    /// A listener that is not the mail daemon, for the verification tests: without a banner it accepts connections and never
    /// says a word (what exim's socket does while exim retries its other binds); with one it greets as another program would,
    /// answers EHLO and QUIT. It prints one JSON line once it listens, then serves until it is killed.
    /// </summary>
    internal static class Listener
    {
        public static JsonObject Run(IPAddress address, int port, string? banner)
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            Console.WriteLine(new JsonObject { ["listening"] = address + ":" + port, ["pid"] = Environment.ProcessId }.ToJsonString());
            Console.Out.Flush();
            var held = new List<TcpClient>();
            while (true)
            {
                TcpClient client = listener.AcceptTcpClient();
                if (banner == null)
                {
                    held.Add(client); // Keep it open, silent.
                    continue;
                }
                new Thread(() => Serve(client, banner)) { IsBackground = true }.Start();
            }
        }

        private static void Serve(TcpClient client, string banner)
        {
            using (client)
            using (NetworkStream stream = client.GetStream())
            {
                Write(stream, "220 " + banner);
                var line = new StringBuilder();
                int b;
                while ((b = stream.ReadByte()) >= 0)
                {
                    if (b != '\n')
                    {
                        line.Append((char)b);
                        continue;
                    }
                    string command = line.ToString().TrimEnd('\r').ToUpperInvariant();
                    line.Clear();
                    if (command.StartsWith("EHLO", StringComparison.Ordinal)) Write(stream, "250-impostor\r\n250 HELP");
                    else if (command == "QUIT")
                    {
                        Write(stream, "221 bye");
                        return;
                    }
                    else Write(stream, "500 what");
                }
            }
        }

        private static void Write(NetworkStream stream, string reply)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(reply + "\r\n");
            stream.Write(bytes, 0, bytes.Length);
        }
    }
}
