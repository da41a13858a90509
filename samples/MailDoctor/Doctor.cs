using System.IO;
using System.Linq;
using System;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Remediation;

namespace MailDoctor
{
    /// <summary>One run: open the root, examine it, plan, and (when asked) apply and restart.</summary>
    internal static class Doctor
    {
        public static DoctorRun Run(DoctorArguments args, DemoHost? demo)
        {
            string root = demo?.Root ?? args.Root;
            // The demo uses documentation addresses (2001:db8::/32): asking real DNS about them proves nothing.
            var run = new DoctorRun(root, demo != null, CheckDnsFor(args, demo));
            MailHost host;
            try
            {
                host = MailHost.Open(root);
                // Opening does not read; listing does, so an unreadable root fails here with a clear message.
                Directory.GetFileSystemEntries(host.Root);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return Fail(run, "cannot examine " + root + ": " + ex.Message);
            }
            if (args.Restart && !host.IsLiveSystem) return Fail(run, "--restart works only on the live system (--root /), and " + root + " resolves to " + host.Root);
            run.Control = ServiceControl.Detect(host);

            // True also when something unreadable is where the configuration belongs (an etc/ this user cannot read): what
            // could not be read must never pass for "no mail configuration here".
            run.HasMailConfiguration = host.HasPostfix || host.HasExim4;
            if (!run.HasMailConfiguration)
            {
                run.ExitCode = 0; // Nothing to examine is not a failure: an image without mail is fine.
                return run;
            }

            var options = new DiagnosisOptions { CheckDns = run.DnsChecked };
            if (args.DnsServers.Count > 0) options.DnsResolver = new MailConfigKit.Dns.DnsClientResolver(args.DnsServers);
            foreach (string id in args.Skip) options.SkipChecks.Add(id);
            run.Report = MailDiagnosis.Examine(host, options);
            foreach (FindingPlan each in run.Catalog.PlanEach(run.Report)) run.Plans[each.Finding] = each;
            run.Plan = run.Catalog.PlanBest(run.Report);
            string? unread = NoConfigurationRead(host, run.Report);
            if (unread != null) return Fail(run, "cannot examine " + host.Root + ": no mail configuration file could be read (" + unread + ")");
            run.ApplyRequested = args.Apply;
            if (args.Apply && run.Plan.HasChanges)
            {
                try
                {
                    // Backups: the originals stay next to the files (NAME.mck-backup-TIMESTAMP), so an administrator can diff or restore.
                    run.Applied = PlanExecutor.Apply(run.Plan, new ApplyOptions { CreateBackup = true });
                }
                catch (Exception ex)
                {
                    return Fail(run, "applying the plan failed, and no file was left half-changed: " + ex.Message);
                }
                if (args.Restart) run.ServiceOutcomes.AddRange(ServiceActionRunner.Run(run.Applied.PendingServiceActions, host, new ServiceRunOptions { Control = run.Control }));
                // Without --restart, or where nothing could be run (no service manager: a container), the daemons still run the old configuration.
                run.RestartPending = host.IsLiveSystem && run.Applied.PendingServiceActions.Count > 0
                    && (!args.Restart || run.ServiceOutcomes.Any(o => o.Status == ServiceActionStatus.Skipped && o.CommandLine != null));
                // Examine again, so the report says what is left rather than assuming the plan fixed everything.
                run.AfterApply = MailDiagnosis.Examine(host, options);
            }

            // A command that could not run is an error; a daemon that did not greet afterwards is mail down (a person's problem).
            ServiceActionResult? broken = run.ServiceOutcomes.FirstOrDefault(o => o.Status == ServiceActionStatus.Failed && o.Verification == null);
            if (broken != null) return Fail(run, "a service action failed: " + broken.Message);
            foreach (ServiceActionResult o in run.ServiceOutcomes.Where(o => o.Verification != null)) run.LiveChecks.Add(o.Verification!);
            if (host.IsLiveSystem) run.LiveChecks.AddRange(MailOutcome.CheckLiveDaemons(host, run.LiveChecks));
            // The exit-code contract lives in the library, so the PowerShell module (Test-MailHost) decides the same way.
            MailOutcome outcome = MailOutcome.Decide(run.Report, run.Plan, args.Apply, run.AfterApply, run.RestartPending, run.LiveChecks, run.FindingsNeedingAPerson());
            run.MailDown.AddRange(outcome.MailDown);
            run.ExitCode = outcome.ExitCode;
            return run;
        }

        /// <summary>
        /// When every mail configuration file the host has could not be read, the reasons; null when at least one was read.
        /// Nothing was examined then, which is an error (exit 2), not a finding among others.
        /// </summary>
        private static string? NoConfigurationRead(MailHost host, DiagnosisReport report)
        {
            var present = new[] { HostPaths.PostfixMainCf, HostPaths.Exim4UpdateConf }.Where(p => host.Probe(p).State != HostFileState.Missing).ToList();
            var unread = report.UnreadableFiles.Where(u => present.Contains(u.RelativePath)).ToList();
            return present.Count > 0 && unread.Count == present.Count ? string.Join("; ", unread.Select(u => (u.Problem ?? u.RelativePath).TrimEnd('.'))) : null;
        }

        private static bool CheckDnsFor(DoctorArguments args, DemoHost? demo) => !args.NoDns && demo == null;

        private static DoctorRun Fail(DoctorRun run, string message)
        {
            run.Error = message;
            run.ExitCode = 2;
            return run;
        }
    }
}
