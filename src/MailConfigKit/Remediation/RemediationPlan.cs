using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// What a remediation would do on one host: file changes, each with its unified diff, and the service actions to run
    /// afterwards. Plans are values: making one writes nothing, and an empty plan means the host needs nothing.
    /// </summary>
    public sealed class RemediationPlan
    {
        internal RemediationPlan(string root, IReadOnlyList<string> remediationIds, string title, IReadOnlyList<FileChange> fileChanges, IReadOnlyList<ServiceAction> serviceActions)
        {
            Root = root;
            RemediationIds = remediationIds;
            Title = title;
            FileChanges = fileChanges;
            ServiceActions = serviceActions;
        }

        /// <summary>The host root.</summary>
        public string Root { get; }

        /// <summary>The remediations this plan carries out (one, or several after <see cref="Combine(RemediationPlan[])"/>).</summary>
        public IReadOnlyList<string> RemediationIds { get; }

        /// <summary>The remediation's title.</summary>
        public string Title { get; }

        /// <summary>The file changes, in the order they are applied.</summary>
        public IReadOnlyList<FileChange> FileChanges { get; }

        /// <summary>The service actions to run after the files are written, in order; none when nothing changes.</summary>
        public IReadOnlyList<ServiceAction> ServiceActions { get; }

        /// <summary>Whether the plan changes any file.</summary>
        public bool HasChanges => FileChanges.Count > 0;

        /// <summary>The unified diff of every file change, one after another; empty when nothing changes.</summary>
        public string ToUnifiedDiff()
        {
            var sb = new StringBuilder();
            foreach (FileChange change in FileChanges) sb.Append(change.UnifiedDiff);
            return sb.ToString();
        }

        /// <summary>
        /// One plan carrying out several, applied together (all files or none). Service actions are kept in order with
        /// duplicates removed (two Postfix fixes stop and start Postfix once).
        /// </summary>
        /// <exception cref="ArgumentException">The plans are for different roots, or two of them change the same file.</exception>
        public static RemediationPlan Combine(params RemediationPlan[] plans) => Combine((IEnumerable<RemediationPlan>)plans);

        /// <summary>Combines plans for the same root into one (see <see cref="Combine(RemediationPlan[])"/>).</summary>
        /// <exception cref="ArgumentException">No plan, plans for different roots, or two plans change the same file.</exception>
        public static RemediationPlan Combine(IEnumerable<RemediationPlan> plans)
        {
            if (plans == null) throw new ArgumentNullException(nameof(plans));
            List<RemediationPlan> list = plans.ToList();
            if (list.Count == 0) throw new ArgumentException("There is no plan to combine.", nameof(plans));
            string root = list[0].Root;
            if (list.Any(p => p.Root != root)) throw new ArgumentException("The plans are for different host roots.", nameof(plans));
            var files = new List<FileChange>();
            foreach (FileChange change in list.SelectMany(p => p.FileChanges))
            {
                if (files.Any(f => f.RelativePath == change.RelativePath))
                    throw new ArgumentException("Two plans change " + change.RelativePath + "; apply one, then plan the other again.", nameof(plans));
                files.Add(change);
            }
            var actions = new List<ServiceAction>();
            foreach (ServiceAction action in list.SelectMany(p => p.ServiceActions))
            {
                if (!actions.Any(a => a.Kind == action.Kind)) actions.Add(action);
            }
            return new RemediationPlan(root, list.SelectMany(p => p.RemediationIds).ToList(), string.Join("; ", list.Where(p => p.HasChanges).Select(p => p.Title)), files, actions);
        }

        /// <summary>A plan that changes nothing on <paramref name="host"/>.</summary>
        public static RemediationPlan Empty(MailConfigKit.Host.MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            return new RemediationPlan(host.Root, new string[0], "Nothing to change", new FileChange[0], new ServiceAction[0]);
        }

        /// <summary>The title and the number of files changed.</summary>
        public override string ToString() => Title + " (" + FileChanges.Count + " file(s))";
    }
}
