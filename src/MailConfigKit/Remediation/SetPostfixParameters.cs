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
    public sealed class SetPostfixParameters : DocumentRemediation<MainCf>
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
        public override string Id => "postfix.set";

        /// <inheritdoc />
        public override string Title => "Postfix: set " + string.Join(", ", _settings.Select(s => s.Key + " = " + s.Value));

        /// <inheritdoc />
        public override string Rationale => "Requested settings (postconf -e semantics: the last definition's value is replaced in place, a missing parameter is appended).";

        /// <inheritdoc />
        protected override string RelativePath => HostPaths.PostfixMainCf;

        /// <inheritdoc />
        protected override FileLockStyle LockStyle => FileLockStyle.PostfixEditFile;

        /// <inheritdoc />
        protected override MainCf Parse(byte[] bytes) => MainCf.FromBytes(bytes, HostPaths.PostfixMainCf);

        /// <inheritdoc />
        protected override bool Edit(MailHost host, MainCf main)
        {
            foreach (KeyValuePair<string, string> s in _settings)
            {
                if (main.GetValue(s.Key) != s.Value) main.Set(s.Key, s.Value);
            }
            return true;
        }

        /// <inheritdoc />
        protected override IEnumerable<ServiceAction> ActionsAfterChange() => new[] { ServiceAction.StopPostfix(), ServiceAction.StartPostfix() };
    }
}
