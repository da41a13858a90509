using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailConfigKit.Values;

namespace MailConfigKit.Remediation
{
    /// <summary>How an SMTP greeting probe ended.</summary>
    public enum SmtpGreetingOutcome
    {
        /// <summary>A <c>220</c> greeting, <c>250</c> to EHLO and QUIT sent: an SMTP server answers.</summary>
        Greeted = 0,

        /// <summary>Nothing accepts connections there (connection refused).</summary>
        Refused = 1,

        /// <summary>The address cannot be reached or used from here (no such local address, network unreachable, connect timeout).</summary>
        Unreachable = 2,

        /// <summary>The connection was accepted but no greeting came in time: a half-open listener (exim retrying its binds holds the socket but never greets).</summary>
        NoGreeting = 3,

        /// <summary>Something answered, but not with <c>220</c> then <c>250</c> (a <c>554</c> greeting, a refused EHLO, not SMTP, the connection closed).</summary>
        NotAccepted = 4,
    }

    /// <summary>What one SMTP greeting probe saw: the greeting, the EHLO reply, and how long it took.</summary>
    public sealed class SmtpGreetingResult
    {
        internal SmtpGreetingResult(ListenEndpoint endpoint, SmtpGreetingOutcome outcome, string? greeting, string? ehloReply, string detail, DateTimeOffset at, TimeSpan elapsed)
        {
            Endpoint = endpoint;
            Outcome = outcome;
            Greeting = greeting;
            EhloReply = ehloReply;
            Detail = detail;
            At = at;
            Elapsed = elapsed;
        }

        /// <summary>Where the probe connected.</summary>
        public ListenEndpoint Endpoint { get; }

        /// <summary>How it ended.</summary>
        public SmtpGreetingOutcome Outcome { get; }

        /// <summary>The greeting's lines joined with a newline, as received (not escaped); null when none came.</summary>
        public string? Greeting { get; }

        /// <summary>The EHLO reply's first line; null when EHLO was not answered.</summary>
        public string? EhloReply { get; }

        /// <summary>A sentence on what happened.</summary>
        public string Detail { get; }

        /// <summary>When the probe started.</summary>
        public DateTimeOffset At { get; }

        /// <summary>How long it took.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>Whether an SMTP server greeted and accepted EHLO.</summary>
        public bool Greeted => Outcome == SmtpGreetingOutcome.Greeted;

        /// <summary><c>endpoint: outcome (detail)</c>, with the greeting escaped for a terminal.</summary>
        public override string ToString() =>
            Endpoint + ": " + Outcome.ToString().ToLowerInvariant() + (Greeting != null ? " \"" + LogText.Escape(Greeting.Split('\n')[0]) + "\"" : string.Empty) + " (" + Detail + ")";
    }

    /// <summary>
    /// Connects to an address and port and runs the shortest honest SMTP dialogue: read the <c>220</c> greeting, send
    /// <c>EHLO</c>, read its <c>250</c> reply, send <c>QUIT</c>. A socket that accepts but never greets (exim holding its
    /// first socket while it retries binding another) is <see cref="SmtpGreetingOutcome.NoGreeting"/>, never a success.
    /// </summary>
    public static class SmtpGreetingProbe
    {
        // RFC 5321 4.5.3.1.5: a reply line is at most 512 octets; a little slack, then it is not SMTP.
        private const int MaxLineBytes = 2048;
        private const int MaxReplyLines = 100;

        /// <summary>The EHLO argument: a reserved name (RFC 2606), so no real host is impersonated.</summary>
        public const string EhloName = "mailconfigkit.invalid";

        /// <summary>Probes <paramref name="endpoint"/>; <paramref name="timeout"/> bounds the connect and each reply. Never throws for network failures.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is null.</exception>
        public static SmtpGreetingResult Probe(ListenEndpoint endpoint, TimeSpan timeout)
        {
            if (endpoint == null) throw new ArgumentNullException(nameof(endpoint));
            DateTimeOffset at = DateTimeOffset.Now;
            var clock = Stopwatch.StartNew();
            SmtpGreetingResult Result(SmtpGreetingOutcome outcome, string? greeting, string? ehlo, string detail) =>
                new SmtpGreetingResult(endpoint, outcome, greeting, ehlo, detail, at, clock.Elapsed);
            Socket socket;
            try
            {
                socket = new Socket(endpoint.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            }
            catch (SocketException ex)
            {
                return Result(SmtpGreetingOutcome.Unreachable, null, null, "cannot create a socket: " + ex.Message);
            }
            using (socket)
            {
                try
                {
                    IAsyncResult pending = socket.BeginConnect(new IPEndPoint(endpoint.Address, endpoint.Port), null, null);
                    if (!pending.AsyncWaitHandle.WaitOne(timeout))
                    {
                        return Result(SmtpGreetingOutcome.Unreachable, null, null, "no connection within " + Seconds(timeout));
                    }
                    socket.EndConnect(pending);
                }
                catch (SocketException ex)
                {
                    return ex.SocketErrorCode == SocketError.ConnectionRefused
                        ? Result(SmtpGreetingOutcome.Refused, null, null, "connection refused")
                        : Result(SmtpGreetingOutcome.Unreachable, null, null, ex.SocketErrorCode + ": " + ex.Message);
                }
                socket.ReceiveTimeout = (int)Math.Max(1, timeout.TotalMilliseconds);
                socket.SendTimeout = (int)Math.Max(1, timeout.TotalMilliseconds);
                using (var stream = new NetworkStream(socket, ownsSocket: false))
                {
                    List<string>? greeting = ReadReply(stream, clock, timeout, out string? failure);
                    if (greeting == null)
                    {
                        return failure == null
                            ? Result(SmtpGreetingOutcome.NoGreeting, null, null, "connected, but no greeting within " + Seconds(timeout))
                            : Result(SmtpGreetingOutcome.NotAccepted, null, null, failure);
                    }
                    string greetingText = string.Join("\n", greeting);
                    if (Code(greeting) != 220)
                        return Result(SmtpGreetingOutcome.NotAccepted, greetingText, null, "the greeting is not 220");
                    if (!Send(stream, "EHLO " + EhloName))
                        return Result(SmtpGreetingOutcome.NotAccepted, greetingText, null, "the connection closed before EHLO");
                    List<string>? ehlo = ReadReply(stream, clock, timeout, out failure);
                    if (ehlo == null)
                        return Result(SmtpGreetingOutcome.NotAccepted, greetingText, null, "no reply to EHLO" + (failure == null ? " within " + Seconds(timeout) : ": " + failure));
                    if (Code(ehlo) != 250)
                        return Result(SmtpGreetingOutcome.NotAccepted, greetingText, ehlo[0], "EHLO was refused");
                    Send(stream, "QUIT");
                    ReadReply(stream, clock, timeout, out _);
                    return Result(SmtpGreetingOutcome.Greeted, greetingText, ehlo[0], "220 greeting, 250 to EHLO, QUIT sent");
                }
            }
        }

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

        private static int Code(List<string> reply) =>
            reply[0].Length >= 3 && int.TryParse(reply[0].Substring(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int code) ? code : 0;

        private static bool Send(Stream stream, string command)
        {
            try
            {
                byte[] bytes = Encoding.ASCII.GetBytes(command + "\r\n");
                stream.Write(bytes, 0, bytes.Length);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>One reply (lines until one without <c>-</c> after the code); null with a null failure on timeout, null with a reason otherwise.</summary>
        private static List<string>? ReadReply(Stream stream, Stopwatch clock, TimeSpan timeout, out string? failure)
        {
            failure = null;
            var lines = new List<string>();
            var line = new List<byte>();
            var buffer = new byte[1];
            try
            {
                while (true)
                {
                    int n = stream.Read(buffer, 0, 1);
                    if (n == 0)
                    {
                        failure = "the connection closed" + (lines.Count + line.Count > 0 ? " in the middle of a reply" : " without a word");
                        return null;
                    }
                    // A server trickling bytes never times out a single read; the whole dialogue is bounded too.
                    if (clock.Elapsed > TimeSpan.FromTicks(timeout.Ticks * 4))
                    {
                        failure = "the replies took longer than " + Seconds(TimeSpan.FromTicks(timeout.Ticks * 4)) + " in all";
                        return null;
                    }
                    if (buffer[0] != (byte)'\n')
                    {
                        if (line.Count >= MaxLineBytes)
                        {
                            failure = "a reply line longer than " + MaxLineBytes + " bytes: not SMTP";
                            return null;
                        }
                        line.Add(buffer[0]);
                        continue;
                    }
                    string text = Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
                    line.Clear();
                    lines.Add(text);
                    bool more = text.Length >= 4 && text[3] == '-';
                    if (!more) return lines;
                    if (lines.Count >= MaxReplyLines)
                    {
                        failure = "a reply of more than " + MaxReplyLines + " lines: not SMTP";
                        return null;
                    }
                }
            }
            catch (IOException ex) when (ex.InnerException is SocketException se && se.SocketErrorCode == SocketError.TimedOut)
            {
                return null;
            }
            catch (IOException ex)
            {
                failure = "the connection failed: " + ex.Message;
                return null;
            }
        }
    }
}
