using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// Postfix's <c>smtp-sink</c> inside a <see cref="NetNamespace"/>: a local SMTP server that accepts everything, one
    /// process per address (smtp-sink listens on one). For delivery tests that need a reachable "remote" server on an
    /// IPv4 and an IPv6 address. As root, smtp-sink insists on <c>-u</c> (it drops to that user after binding).
    /// </summary>
    public sealed class SmtpSink : IDisposable
    {
        private readonly List<BackgroundProcess> _processes = new();

        /// <param name="addresses">Addresses without brackets (<c>192.0.2.25</c>, <c>2001:db8::25</c>), present in the namespace.</param>
        public SmtpSink(NetNamespace ns, int port, params string[] addresses)
        {
            var tools = OracleTools.RequireRootOrIgnore();
            Endpoints = addresses.Select(a => (a.Contains(':', StringComparison.Ordinal) ? "[" + a + "]" : a) + ":" + port.ToString(CultureInfo.InvariantCulture)).ToList();
            foreach (var endpoint in Endpoints)
            {
                _processes.Add(ns.Start(tools.SmtpSink, new[] { "-u", "nobody", "-h", "sink.example", endpoint, "10" }));
            }

            if (!NetNamespace.WaitUntil(() => _processes.Any(p => p.HasExited) || Endpoints.All(ns.ListeningTcp().Contains), TimeSpan.FromSeconds(5))
                || _processes.Any(p => p.HasExited))
            {
                var why = string.Join("\n", _processes.Select(p => p.Describe()));
                Dispose();
                throw new InvalidOperationException("smtp-sink did not start:\n" + why);
            }
        }

        /// <summary>What it listens on, as <c>ss</c> shows it: <c>192.0.2.25:2526</c>, <c>[2001:db8::25]:2526</c>.</summary>
        public IReadOnlyList<string> Endpoints { get; }

        public void Dispose()
        {
            foreach (var process in _processes)
            {
                process.Dispose();
            }
        }
    }
}
