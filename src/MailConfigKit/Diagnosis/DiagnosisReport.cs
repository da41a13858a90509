using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host;

namespace MailConfigKit.Diagnosis
{
    /// <summary>What <see cref="MailDiagnosis.Examine(MailHost)"/> found on a host.</summary>
    public sealed class DiagnosisReport
    {
        /// <summary>Creates a report.</summary>
        public DiagnosisReport(MailHost host, IReadOnlyList<Finding> findings)
            : this(host, findings, new CheckRun[0])
        {
        }

        /// <summary>Creates a report with what each check did.</summary>
        public DiagnosisReport(MailHost host, IReadOnlyList<Finding> findings, IReadOnlyList<CheckRun> checks)
            : this(host, findings, checks, new HostFileStatus[0])
        {
        }

        /// <summary>Creates a report with what each check did and the files that could not be read.</summary>
        public DiagnosisReport(MailHost host, IReadOnlyList<Finding> findings, IReadOnlyList<CheckRun> checks, IReadOnlyList<HostFileStatus> unreadableFiles)
        {
            Host = host;
            Findings = findings;
            Checks = checks;
            UnreadableFiles = unreadableFiles;
        }

        /// <summary>The files the examination needed that are there but could not be read; empty when it is complete.</summary>
        public IReadOnlyList<HostFileStatus> UnreadableFiles { get; }

        /// <summary>What each check did, in the order they ran.</summary>
        public IReadOnlyList<CheckRun> Checks { get; }

        /// <summary>The host examined.</summary>
        public MailHost Host { get; }

        /// <summary>The findings, most severe first.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        /// <summary>Whether the host has a Postfix or an exim4 configuration at all (or something unreadable in its place).</summary>
        public bool HasMailConfiguration => Host.HasPostfix || Host.HasExim4;

        /// <summary><c>ROOT: n finding(s) (ids)</c>.</summary>
        public override string ToString() =>
            Host.Root + ": " + (Findings.Count == 0 ? "no findings" : Findings.Count + " finding(s) (" + string.Join(", ", Findings.Select(f => f.Id)) + ")");
    }
}
