using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using MailConfigKit.Diagnosis;
using MailConfigKit.Dns;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using System;

namespace MailConfigKit.NetnsProbe
{
    /// <summary>Probes that call MailConfigKit itself, so its DNS code runs inside the namespace.</summary>
    internal static class LibraryProbes
    {
        /// <summary>
        /// DnsClientResolver.Query for each (type, name) pair of <paramref name="questions"/>, against the servers of the
        /// resolv.conf at <paramref name="resolvConf"/> (timeout 1 s, no retry): each answer's status, records and detail.
        /// </summary>
        public static JsonObject Query(string resolvConf, string[] questions)
        {
            var options = new DnsResolverOptions { Timeout = System.TimeSpan.FromSeconds(1), Retries = 0 };
            var resolver = DnsClientResolver.FromResolvConf(System.IO.File.ReadAllText(resolvConf), options);
            var answers = new JsonArray();
            for (int i = 0; i + 1 < questions.Length; i += 2)
            {
                DnsAnswer answer = resolver.Query(questions[i + 1], (DnsRecordType)System.Enum.Parse(typeof(DnsRecordType), questions[i]));
                answers.Add(new JsonObject
                {
                    ["query"] = questions[i] + " " + questions[i + 1],
                    ["status"] = answer.Status.ToString(),
                    ["records"] = new JsonArray(answer.Records.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
                    ["detail"] = answer.Detail,
                });
            }
            return new JsonObject { ["resolver"] = resolver.ToString(), ["answers"] = answers };
        }

        /// <summary>MailDiagnosis.Examine on the host tree at <paramref name="root"/>, with the default options (DNS: the tree's etc/resolv.conf).</summary>
        public static JsonObject Examine(string root)
        {
            var options = new DiagnosisOptions { DnsOptions = new DnsResolverOptions { Timeout = System.TimeSpan.FromSeconds(1), Retries = 0 } };
            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(root), options);
            var findings = report.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["id"] = f.Id,
                ["severity"] = f.Severity.ToString(),
                ["title"] = f.Title,
                ["explanation"] = f.Explanation,
                ["evidence"] = new JsonArray(f.Evidence.Select(e => (JsonNode)JsonValue.Create(e.ToString())!).ToArray()),
                ["remediations"] = new JsonArray(MailConfigKit.Remediation.RemediationCatalog.Default.For(f).Select(r => (JsonNode)JsonValue.Create(r.Id)!).ToArray()),
            });
            return new JsonObject { ["findings"] = new JsonArray(findings.ToArray()) };
        }

        /// <summary>
        /// ListenVerifier on the tree at <paramref name="root"/> for <paramref name="daemon"/> (exim: dc_local_interfaces x
        /// port=N, retries=N, sleep=S; postfix: inet_interfaces x master.cf), RestartedAt from restartedAt=UNIXMS, the bound
        /// from timeout=S; with "archive", PaniclogArchive.Archive afterwards.
        /// </summary>
        public static JsonObject Verify(string daemon, string root, string[] options)
        {
            var o = options.Where(a => a.Contains('=')).ToDictionary(a => a.Split('=')[0], a => a.Substring(a.IndexOf('=') + 1));
            int Int(string name, int fallback) => o.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
            MailHost host = MailHost.Open(root);
            IListenConfigurationSource source = daemon == "exim"
                ? new EximListenConfigurationSource(new[] { Int("port", 25) }, Int("retries", 9), TimeSpan.FromSeconds(Int("sleep", 30)))
                : new PostfixListenConfigurationSource();
            var verifyOptions = new ListenVerificationOptions { ProbeTimeout = TimeSpan.FromSeconds(2), PollInterval = TimeSpan.FromMilliseconds(300) };
            if (o.TryGetValue("restartedAt", out var at)) verifyOptions.RestartedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(at, System.Globalization.CultureInfo.InvariantCulture)).ToLocalTime();
            if (o.TryGetValue("timeout", out var t)) verifyOptions.Timeout = TimeSpan.FromSeconds(int.Parse(t, System.Globalization.CultureInfo.InvariantCulture));
            ListenVerification v = ListenVerifier.Verify(host, source, verifyOptions);
            var json = new JsonObject
            {
                ["isVerified"] = v.IsVerified,
                ["summary"] = v.Summary,
                ["text"] = v.ToString(),
                ["daemonPid"] = v.DaemonPid,
                ["endpoints"] = new JsonArray(v.Configuration.Endpoints.Select(e => (JsonNode)JsonValue.Create(e.ToString())!).ToArray()),
                ["addresses"] = new JsonArray(v.Addresses.Select(a => (JsonNode)new JsonObject
                {
                    ["endpoint"] = a.Endpoint.ToString(),
                    ["status"] = a.Status.ToString(),
                    ["greeting"] = a.Greeting,
                    ["pid"] = a.AnsweredByPid,
                    ["program"] = a.AnsweredByProgram,
                    ["ownerChecked"] = a.OwnerChecked,
                    ["text"] = a.ToString(),
                }).ToArray()),
                ["failureEvidence"] = new JsonArray(v.FailureEvidence.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
            };
            if (options.Contains("archive"))
            {
                PaniclogArchiveResult r = PaniclogArchive.Archive(host, v);
                json["archive"] = new JsonObject { ["outcome"] = r.Outcome.ToString(), ["path"] = r.ArchivePath, ["message"] = r.Message };
            }
            return json;
        }
    }
}
