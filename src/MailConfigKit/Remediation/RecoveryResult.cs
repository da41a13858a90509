using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MailConfigKit.Remediation
{
    /// <summary>How an interrupted apply was resolved by <see cref="PlanExecutor.Recover(string)"/>.</summary>
    public enum RecoveryOutcome
    {
        /// <summary>The apply had not reached its commit point: no file had been replaced; its staged files were removed.</summary>
        Discarded = 0,

        /// <summary>The apply had committed: every file now holds its new text (the staged files were renamed into place).</summary>
        RolledForward = 1,

        /// <summary>The apply had committed but could not be completed: every file got its original text back.</summary>
        RolledBack = 2,

        /// <summary>The apply had finished; only its leftovers (lock files, the record) were removed.</summary>
        Finished = 3,

        /// <summary>
        /// Neither direction is possible (a file was changed by someone else since, or a staged file is missing): nothing
        /// was touched, the record and the staged files stay for a person to decide, and <see cref="PlanExecutor"/>
        /// refuses to apply on this host until the record is gone.
        /// </summary>
        NeedsAttention = 4,
    }

    /// <summary>One interrupted apply found by recovery, and what was done about it.</summary>
    public sealed class RecoveredApply
    {
        internal RecoveredApply(string journalPath, string title, RecoveryOutcome outcome, IReadOnlyList<string> files, IReadOnlyList<string> removed, string detail)
        {
            JournalPath = journalPath;
            Title = title;
            Outcome = outcome;
            Files = files;
            RemovedLeftovers = removed;
            Detail = detail;
        }

        /// <summary>The intent record (under <c>var/lib/mailconfigkit/</c> in the host root).</summary>
        public string JournalPath { get; }

        /// <summary>The title of the plan that was being applied.</summary>
        public string Title { get; }

        /// <summary>What was done.</summary>
        public RecoveryOutcome Outcome { get; }

        /// <summary>The files of the plan, relative to the host root.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>The leftovers removed: staged new versions, second names of originals, lock files, the record itself.</summary>
        public IReadOnlyList<string> RemovedLeftovers { get; }

        /// <summary>Why this outcome, in a sentence.</summary>
        public string Detail { get; }

        /// <summary><c>outcome: files (title): detail</c>.</summary>
        public override string ToString() => Outcome + ": " + string.Join(", ", Files) + " (" + Title + "): " + Detail;
    }

    /// <summary>What <see cref="PlanExecutor.Recover(string)"/> found and did under one host root.</summary>
    public sealed class RecoveryResult
    {
        internal RecoveryResult(string root, IReadOnlyList<RecoveredApply> applies, IReadOnlyList<string> inProgress)
        {
            Root = root;
            Applies = applies;
            InProgress = inProgress;
        }

        /// <summary>The host root.</summary>
        public string Root { get; }

        /// <summary>The interrupted applies found, each resolved (or left for a person, see <see cref="RecoveryOutcome.NeedsAttention"/>).</summary>
        public IReadOnlyList<RecoveredApply> Applies { get; }

        /// <summary>Intent records of applies still running in other processes (left alone).</summary>
        public IReadOnlyList<string> InProgress { get; }

        /// <summary>Whether there was nothing to recover.</summary>
        public bool NothingToDo => Applies.Count == 0;

        /// <summary>The applies that could not be resolved automatically.</summary>
        public IReadOnlyList<RecoveredApply> NeedingAttention => Applies.Where(a => a.Outcome == RecoveryOutcome.NeedsAttention).ToList();

        /// <summary>One line per interrupted apply, or a sentence saying there was none.</summary>
        public override string ToString()
        {
            if (Applies.Count == 0) return "No interrupted apply under " + Root + (InProgress.Count > 0 ? " (" + InProgress.Count + " apply(s) running)." : ".");
            var sb = new StringBuilder();
            sb.Append(Applies.Count).Append(" interrupted apply(s) under ").Append(Root).Append(':');
            foreach (RecoveredApply a in Applies) sb.Append('\n').Append("  ").Append(a);
            return sb.ToString();
        }
    }
}
