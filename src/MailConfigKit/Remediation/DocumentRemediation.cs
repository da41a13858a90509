using System.Collections.Generic;
using System;
using MailConfigKit.Diagnosis;
using MailConfigKit.Host;
using MailConfigKit.Text;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// A remediation that edits one configuration document: the base reads the file's bytes once, hands the caller a
    /// parsed document, and turns the edited document into a <see cref="FileChange"/> (with its hash and diff) plus the
    /// service actions that put it into effect. A subclass only says which file, how to parse it, and what to edit.
    /// </summary>
    public abstract class DocumentRemediation<TDocument> : IRemediation
        where TDocument : ConfigDocument
    {
        /// <inheritdoc />
        public abstract string Id { get; }

        /// <inheritdoc />
        public abstract string Title { get; }

        /// <inheritdoc />
        public abstract string Rationale { get; }

        /// <summary>The file edited, relative to the host root (<see cref="HostPaths"/>).</summary>
        protected abstract string RelativePath { get; }

        /// <summary>How the file is locked while it is written (Postfix's edit_file protocol or a folder lock).</summary>
        protected abstract FileLockStyle LockStyle { get; }

        /// <summary>Parses the file's bytes as this remediation's document.</summary>
        protected abstract TDocument Parse(byte[] bytes);

        /// <summary>
        /// Edits <paramref name="document"/> in place; returns false when the host needs nothing (no evidence, already
        /// fixed). Planning only reads the host: never write here.
        /// </summary>
        protected abstract bool Edit(MailHost host, TDocument document);

        /// <summary>What to run after the file changed (regenerate, restart), in order.</summary>
        protected abstract IEnumerable<ServiceAction> ActionsAfterChange();

        /// <inheritdoc />
        /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
        public RemediationPlan Plan(MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            var plan = new PlanBuilder(host, this);
            byte[]? bytes = host.ReadBytes(RelativePath);
            if (bytes == null) return plan.Build();
            TDocument document = Parse(bytes);
            if (!Edit(host, document)) return plan.Build();
            if (plan.AddChange(RelativePath, bytes, document.OriginalText, document.ToBytes(), document.ToString(), LockStyle))
            {
                foreach (ServiceAction action in ActionsAfterChange()) plan.AddActions(action);
            }
            return plan.Build();
        }

        /// <inheritdoc />
        /// <remarks>A document remediation re-reads its own evidence from the host, so the finding only selects it.</remarks>
        public RemediationPlan Plan(MailHost host, Finding finding) => Plan(host);

        /// <summary><c>id: title</c>.</summary>
        public override string ToString() => Id + ": " + Title;
    }
}
