using System.Collections.Generic;
using MailConfigKit.Host;

namespace MailConfigKit.Remediation
{
    /// <summary>Collects a remediation's file changes and service actions; a plan without file changes has no actions either.</summary>
    internal sealed class PlanBuilder
    {
        private readonly MailHost _host;
        private readonly IRemediation _remediation;
        private readonly List<FileChange> _changes = new List<FileChange>();
        private readonly List<ServiceAction> _actions = new List<ServiceAction>();

        public PlanBuilder(MailHost host, IRemediation remediation)
        {
            _host = host;
            _remediation = remediation;
        }

        /// <summary>Adds a change when the new bytes differ from the old ones; returns whether it did.</summary>
        public bool AddChange(string relativePath, byte[] originalBytes, string originalText, byte[] newBytes, string newText, FileLockStyle lockStyle)
        {
            if (BytesEqual(originalBytes, newBytes)) return false;
            _changes.Add(new FileChange(_host.Root, relativePath, _host.GetPath(relativePath), originalBytes, originalText, newBytes, newText, lockStyle));
            return true;
        }

        public void AddActions(params ServiceAction[] actions) => _actions.AddRange(actions);

        public RemediationPlan Build() =>
            new RemediationPlan(_host.Root, new[] { _remediation.Id }, _remediation.Title, _changes, _changes.Count == 0 ? new List<ServiceAction>() : _actions);

        public static RemediationPlan Empty(MailHost host, IRemediation remediation) => new PlanBuilder(host, remediation).Build();

        internal static bool BytesEqual(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i]) return false;
            }
            return true;
        }
    }
}
