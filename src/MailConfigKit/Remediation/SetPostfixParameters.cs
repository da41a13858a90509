using System;
using System.Collections.Generic;
using System.Linq;
using MailConfigKit.Host;
using MailConfigKit.Postfix;

namespace MailConfigKit.Remediation
{
    /// <summary>
    /// A provisioning step as a remediation: set <c>main.cf</c> parameters to given values (with the semantics and minimal
    /// edits of <see cref="MainCf.Set"/>). The plan is empty when every parameter already has its value.
    /// </summary>
    public sealed class SetPostfixParameters : IRemediation
    {
        private readonly List<KeyValuePair<string, string>> _settings;

        /// <summary>Sets one parameter.</summary>
        public SetPostfixParameters(string name, string value)
            : this(new Dictionary<string, string> { { name, value } })
        {
        }

        /// <summary>Sets each parameter of <paramref name="settings"/>, in order.</summary>
        /// <exception cref="ArgumentException">A name or value that <see cref="MainCf.Set"/> would refuse.</exception>
        public SetPostfixParameters(IDictionary<string, string> settings)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            _settings = settings.ToList();
            // Validate now, so a bad setting fails where it is written rather than at planning time.
            var probe = MainCf.Parse(string.Empty);
            foreach (KeyValuePair<string, string> s in _settings) probe.Set(s.Key, s.Value);
        }

        /// <inheritdoc />
        public string Id => "postfix.set";

        /// <inheritdoc />
        public string Title => "Postfix: set " + string.Join(", ", _settings.Select(s => s.Key + " = " + s.Value));

        /// <inheritdoc />
        public string Rationale => "Requested settings (postconf -e semantics: the last definition's value is replaced in place, a missing parameter is appended).";

        /// <inheritdoc />
        public RemediationPlan Plan(MailHost host)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            var plan = new PlanBuilder(host, this);
            byte[]? bytes = host.ReadBytes(HostPaths.PostfixMainCf);
            if (bytes == null) return plan.Build();
            MainCf main = MainCf.FromBytes(bytes, HostPaths.PostfixMainCf);
            foreach (KeyValuePair<string, string> s in _settings)
            {
                if (main.GetValue(s.Key) != s.Value) main.Set(s.Key, s.Value);
            }
            if (plan.AddChange(HostPaths.PostfixMainCf, bytes, main.OriginalText, main.ToBytes(), main.ToString(), FileLockStyle.PostfixEditFile))
            {
                plan.AddActions(ServiceAction.StopPostfix(), ServiceAction.StartPostfix());
            }
            return plan.Build();
        }
    }
}
