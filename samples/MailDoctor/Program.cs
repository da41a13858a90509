using System;
using System.IO;

namespace MailDoctor
{
    /// <summary>
    /// MailDoctor: finds why a Debian mail host's Postfix or exim4 fails (IPv6 turned off, Gmail refusing IPv6 mail),
    /// shows the fix as a diff with its rationale, and applies it on request. Exit codes: 0 nothing needs to change and
    /// nothing says mail is down (or everything was applied and verified), 1 changes planned (dry run), a restart pending,
    /// mail down, or a finding only a person can fix, 2 error.
    /// </summary>
    public static class Program
    {
        /// <summary>Entry point.</summary>
        public static int Main(string[] args)
        {
            var (parsed, error) = DoctorArguments.Parse(args);
            if (parsed == null)
            {
                Console.Error.WriteLine("MailDoctor: " + error);
                Console.Error.WriteLine(DoctorArguments.Usage);
                return 2;
            }
            if (parsed.Help)
            {
                Console.WriteLine(DoctorArguments.Usage);
                return 0;
            }
            if (parsed.ListChecks)
            {
                foreach (MailConfigKit.Diagnosis.IMailCheck check in MailConfigKit.Diagnosis.MailDiagnosis.Checks)
                {
                    Console.WriteLine(check.Id + "  " + check.Title);
                    Console.WriteLine("    findings: " + string.Join(", ", check.FindingIds));
                }
                return 0;
            }
            if (parsed.CaptureProc != null) return CaptureCommand.Run(parsed.CaptureProc, Console.Out, Console.Error);
            DemoHost? demo = null;
            try
            {
                demo = parsed.Demo ? DemoHost.Create() : null;
                DoctorRun run = Doctor.Run(parsed, demo);
                if (parsed.Json)
                {
                    using Stream stdout = Console.OpenStandardOutput();
                    JsonReport.Write(run, stdout);
                }
                else
                {
                    TextReport.Write(run, Console.Out, Palette.ForConsole());
                }
                if (run.Error != null) Console.Error.WriteLine("MailDoctor: " + MailConfigKit.Values.LogText.ForTerminal(run.Error));
                return run.ExitCode;
            }
            catch (Exception ex)
            {
                // Anything unexpected is still exit 2 with a one-line message; the stack trace only on request, since it tells
                // an administrator nothing and a message may carry text from the host.
                Console.Error.WriteLine("MailDoctor: unexpected error (" + ex.GetType().Name + "): " + MailConfigKit.Values.LogText.ForTerminal(ex.Message));
                if (Environment.GetEnvironmentVariable("MAILDOCTOR_TRACE") == "1") Console.Error.WriteLine(ex);
                else Console.Error.WriteLine("MailDoctor: set MAILDOCTOR_TRACE=1 to see where it happened.");
                return 2;
            }
            finally
            {
                demo?.Dispose();
            }
        }
    }
}
