using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>
    /// A scripted SMTP server (Perl, this machine's /usr/bin/perl with IO::Socket::IP) on one address of a
    /// <see cref="BootNamespace"/>, started with <c>ip netns exec</c>. A test double for a remote mail server, which cannot
    /// exist here: <see cref="Mode.Accept"/> stores each message in <see cref="LogPath"/>; <see cref="Mode.GmailIpv6Refusal"/>
    /// answers the end of DATA with Gmail's IPv6 refusal, word for word as Gmail sends it (550-5.7.1 ... IPv6 sending
    /// guidelines ... IPv6AuthError), so the real Postfix logs a real bounce. Every connection is logged (<c>peer ADDR</c>).
    /// </summary>
    public sealed class ScriptedSmtpSink : IDisposable
    {
        /// <summary>What the sink answers at the end of DATA.</summary>
        public enum Mode
        {
            /// <summary>250: accepted, stored.</summary>
            Accept,

            /// <summary>Gmail's 550 5.7.1 refusal of mail over IPv6 from an address without PTR/authentication.</summary>
            GmailIpv6Refusal,
        }

        private const string Script = @"
use strict; use warnings; use IO::Socket::IP;
my ($addr, $port, $mode, $log) = @ARGV;
my $srv = IO::Socket::IP->new(LocalHost => $addr, LocalPort => $port, Listen => 5, ReuseAddr => 1, Proto => 'tcp')
  or die ""cannot listen on $addr:$port: $@"";
sub note { open(my $f, '>>', $log) or die; print $f @_; close $f; }
note(""listening $addr:$port\n"");
while (my $c = $srv->accept) {
  $c->autoflush(1);
  my $peer = $c->peerhost;
  note(""peer $peer\n"");
  print $c ""220 mx.gmail.test ESMTP mck-sink\r\n"";
  my ($data, $msg) = (0, '');
  while (defined(my $l = <$c>)) {
    if ($data) {
      if ($l =~ /^\.\r?\n$/) {
        $data = 0;
        if ($mode eq 'gmail') {
          note(""refused\n"");
          print $c ""550-5.7.1 [$peer] Our system has detected that this message does\r\n""
            . ""550-5.7.1 not meet IPv6 sending guidelines regarding PTR records and\r\n""
            . ""550-5.7.1 authentication. Please review\r\n""
            . ""550-5.7.1  https://support.google.com/mail/?p=IPv6AuthError for more\r\n""
            . ""550 5.7.1 information. mck-sink - gsmtp\r\n"";
        } else {
          note(""message\n$msg.\n"");
          print $c ""250 2.0.0 OK mck-sink\r\n"";
        }
        $msg = '';
      } else { $msg .= $l; }
      next;
    }
    if ($l =~ /^(EHLO|HELO)/i) { print $c ""250 mx.gmail.test\r\n""; }
    elsif ($l =~ /^DATA/i) { print $c ""354 go ahead\r\n""; $data = 1; }
    elsif ($l =~ /^QUIT/i) { print $c ""221 2.0.0 bye\r\n""; last; }
    else { print $c ""250 2.1.0 OK\r\n""; }
  }
  close $c;
}
";

        private readonly Process _process;
        private readonly string _folder;

        public ScriptedSmtpSink(BootNamespace ns, string address, int port, Mode mode)
        {
            _folder = Path.Combine(Path.GetTempPath(), "mckboot-sink-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(_folder);
            string script = Path.Combine(_folder, "sink.pl");
            File.WriteAllText(script, Script);
            LogPath = Path.Combine(_folder, "sink.log");
            var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string a in new[] { "netns", "exec", ns.Name, "/usr/bin/perl", script, address, port.ToString(System.Globalization.CultureInfo.InvariantCulture), mode == Mode.Accept ? "accept" : "gmail", LogPath })
                start.ArgumentList.Add(a);
            _process = Process.Start(start)!;
            for (int i = 0; i < 100 && !Log.StartsWith("listening", StringComparison.Ordinal) && !_process.HasExited; i++) Thread.Sleep(100);
            if (!Log.StartsWith("listening", StringComparison.Ordinal))
            {
                string why = _process.HasExited ? _process.StandardError.ReadToEnd() : "no listening line within 10 s";
                Dispose();
                throw new InvalidOperationException("the SMTP sink on " + address + ":" + port + " did not start: " + why);
            }
        }

        /// <summary>Where the sink logs connections and stores accepted messages.</summary>
        public string LogPath { get; }

        /// <summary>What the sink logged so far.</summary>
        public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
