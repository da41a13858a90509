using System;
using System.IO;
using MailConfigKit.Host;
using MailConfigKit.Values;

namespace MailDoctor
{
    /// <summary><c>--capture-proc DIR</c>: a snapshot of this machine's network state under DIR, for examining an image later.</summary>
    internal static class CaptureCommand
    {
        public static int Run(string destination, TextWriter stdout, TextWriter stderr)
        {
            try
            {
                NetworkCapture capture = MailHost.Open("/").CaptureNetworkState(destination);
                stdout.WriteLine("captured " + capture.Files.Count + " file(s) into " + LogText.ForTerminal(capture.DestinationRoot) + "/proc ("
                    + LogText.ForTerminal(capture.Marker.ToString()) + ")");
                foreach (HostFileStatus u in capture.Unreadable) stdout.WriteLine("  not captured: " + LogText.ForTerminal(u.ToString()));
                stdout.WriteLine("examine it with: MailDoctor --root " + LogText.ForTerminal(capture.DestinationRoot));
                return 0;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is InvalidOperationException)
            {
                stderr.WriteLine("MailDoctor: cannot capture the network state into " + LogText.ForTerminal(destination) + ": " + LogText.ForTerminal(ex.Message));
                return 2;
            }
        }
    }
}
