using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using MailConfigKit.Diagnosis;
using MailConfigKit.Dns;
using MailConfigKit.Host;

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
    }
}
