using System;
using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Diagnosis;
using MailConfigKit.Exim4;
using MailConfigKit.Host;
using MailConfigKit.Postfix;
using MailConfigKit.Remediation;

namespace MailConfigKit.PowerShell.Engine
{
    /// <summary>
    /// What the cmdlets do with the library. Library objects go back as <see cref="object"/>: the cmdlet assembly lives in
    /// PowerShell's default load context and binds to nothing but this class and <see cref="PipelineLog"/>; the objects
    /// reach the pipeline as they are (PowerShell reads them by reflection, the format file by type name).
    /// </summary>
    public static class ModuleEngine
    {
        /// <summary>The update-exim4.conf.conf flags update-exim4.conf and the postinst compare with <c>true</c>.</summary>
        private static readonly HashSet<string> Exim4Flags = new HashSet<string>(StringComparer.Ordinal)
        {
            "dc_minimaldns", "dc_use_split_config", "dc_hide_mailname", "dc_mailname_in_oh",
        };

        /// <summary>Examines the host under <paramref name="root"/> and returns its findings.</summary>
        public static IReadOnlyList<object> Diagnose(string root, bool noDns, PipelineLog log) =>
            Examine(root, noDns, log).Findings.Cast<object>().ToList();

        /// <summary>The best remediation plan for the host under <paramref name="root"/> (a RemediationPlan; it may have no changes).</summary>
        public static object Plan(string root, bool noDns, PipelineLog log)
        {
            DiagnosisReport report = Examine(root, noDns, log);
            return RemediationCatalog.Default.PlanBest(report);
        }

        /// <summary>True when the plan changes a file.</summary>
        public static bool HasChanges(object plan) => ((RemediationPlan)plan).HasChanges;

        /// <summary>ShouldProcess's target: the files and the root.</summary>
        public static string Target(object plan)
        {
            var p = (RemediationPlan)plan;
            return string.Join(", ", p.FileChanges.Select(f => f.RelativePath)) + " under " + p.Root;
        }

        /// <summary>ShouldProcess's action: the plan's title.</summary>
        public static string Action(object plan) => ((RemediationPlan)plan).Title;

        /// <summary>Applies the plan (with a backup of each file) and returns the ApplyResult.</summary>
        public static object Apply(object plan, PipelineLog log)
        {
            var options = new ApplyOptions { CreateBackup = true };
            return PlanExecutor.Apply((RemediationPlan)plan, options, log.Logger);
        }

        /// <summary>The service actions an apply left to do, as command lines (or descriptions when manual).</summary>
        public static IReadOnlyList<string> PendingActions(object applyResult) =>
            ((ApplyResult)applyResult).PendingServiceActions.Select(a => a.Command.Count > 0 ? a.CommandLine + "    # " + a.Description : a.Description).ToList();

        /// <summary>The main.cf parameters set in the file whose names match, effective definitions only unless <paramref name="all"/>.</summary>
        public static IReadOnlyList<object> GetPostfixParameters(string path, Func<string, bool> nameMatches, bool all)
        {
            MainCf cf = MainCf.Load(path);
            return cf.Parameters.Where(p => (all || p.IsEffective) && nameMatches(p.Name)).Cast<object>().ToList();
        }

        /// <summary>Sets a main.cf parameter (postconf -e semantics) and saves; returns the effective parameter after it.</summary>
        /// <exception cref="ArgumentException">The library refuses the name or value; the file is unchanged.</exception>
        public static object SetPostfixParameter(string path, string name, string value, out bool changed)
        {
            MainCf cf = MainCf.Load(path);
            cf.Set(name, value);
            changed = cf.IsModified;
            if (changed) cf.Save();
            return cf.Parameters.Last(p => p.IsEffective && p.Name == name);
        }

        /// <summary>The update-exim4.conf.conf assignments whose names match, effective ones only unless <paramref name="all"/>.</summary>
        public static IReadOnlyList<object> GetExim4Parameters(string path, Func<string, bool> nameMatches, bool all)
        {
            UpdateExim4Conf conf = UpdateExim4Conf.Load(path);
            return conf.Assignments.Where(a => (all || a.IsEffective) && nameMatches(a.Name)).Cast<object>().ToList();
        }

        /// <summary>
        /// Sets an update-exim4.conf.conf variable and saves; the flags update-exim4.conf compares with <c>true</c> take
        /// only <c>true</c> or <c>false</c>. Returns the effective assignment after it.
        /// </summary>
        /// <exception cref="ArgumentException">The value is not one the variable takes, or the library refuses it; the file is unchanged.</exception>
        /// <exception cref="InvalidOperationException">The file runs shell code whose effect cannot be known; the file is unchanged.</exception>
        public static object SetExim4Parameter(string path, string name, string value, out bool changed)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            if (Exim4Flags.Contains(name) && value != "true" && value != "false")
            {
                throw new ArgumentException(name + " takes true or false (update-exim4.conf compares it with 'true'); '" + value + "' is neither. The file is unchanged.", nameof(value));
            }
            UpdateExim4Conf conf = UpdateExim4Conf.Load(path);
            conf.Set(name, value);
            changed = conf.IsModified;
            if (changed) conf.Save();
            return conf.Assignments.Last(a => a.IsEffective && a.Name == name);
        }

        /// <summary>
        /// Loads a configuration document: <paramref name="kind"/> is MainCf, MasterCf, UpdateExim4Conf or
        /// EximConfiguration; null or empty picks it from the file name (main.cf, master.cf, update-exim4.conf.conf,
        /// anything else is an exim configuration).
        /// </summary>
        /// <exception cref="ArgumentException">An unknown kind.</exception>
        public static object LoadDocument(string path, string? kind)
        {
            string k = string.IsNullOrEmpty(kind) ? KindOf(System.IO.Path.GetFileName(path)) : kind!;
            switch (k)
            {
                case "MainCf": return MainCf.Load(path);
                case "MasterCf": return MasterCf.Load(path);
                case "UpdateExim4Conf": return UpdateExim4Conf.Load(path);
                case "EximConfiguration": return EximConfiguration.Load(path);
                default: throw new ArgumentException("'" + k + "' is not a document kind: MainCf, MasterCf, UpdateExim4Conf or EximConfiguration.", nameof(kind));
            }
        }

        private static string KindOf(string fileName)
        {
            switch (fileName)
            {
                case "main.cf": return "MainCf";
                case "master.cf": return "MasterCf";
                case "update-exim4.conf.conf": return "UpdateExim4Conf";
                default: return "EximConfiguration";
            }
        }

        /// <summary>
        /// MailDoctor's verdict on the host under <paramref name="root"/> without changing anything (a MailOutcome: exit
        /// code 0 or 1 and the reasons), decided by the library's one exit-code contract.
        /// </summary>
        public static object Outcome(string root, bool noDns, PipelineLog log)
        {
            MailHost host = MailHost.Open(root);
            return MailOutcome.Examine(host, new DiagnosisOptions { CheckDns = !noDns, Logger = log.Logger });
        }

        private static DiagnosisReport Examine(string root, bool noDns, PipelineLog log)
        {
            MailHost host = MailHost.Open(root);
            var options = new DiagnosisOptions { CheckDns = !noDns, Logger = log.Logger };
            return MailDiagnosis.Examine(host, options);
        }
    }
}
