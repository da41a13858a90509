using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using MailConfigKit.Diagnosis;
using MailConfigKit.Dns;
using MailConfigKit.Host;

namespace MailConfigKit.NetnsProbe
{
    /// <summary>Probes that call MailConfigKit itself, so its DNS code runs with the namespace's resolver.</summary>
    internal static class LibraryProbes
    {
        /// <summary>SystemDnsResolver: the PTR look-up of <paramref name="address"/> and the forward look-up of each name.</summary>
        public static JsonObject Resolve(IPAddress address)
        {
            var resolver = new SystemDnsResolver();
            DnsLookupResult ptr = resolver.ReverseLookup(address);
            var forward = new JsonArray(ptr.Names.Select(n => (JsonNode)Result(resolver.ForwardLookup(n), n)).ToArray());
            return new JsonObject { ["ptr"] = Result(ptr, address.ToString()), ["forward"] = forward };
        }

        /// <summary>MailDiagnosis.Examine on the host tree at <paramref name="root"/>, with the default options (DNS checked).</summary>
        public static JsonObject Examine(string root)
        {
            DiagnosisReport report = MailDiagnosis.Examine(MailHost.Open(root));
            var findings = report.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["id"] = f.Id,
                ["severity"] = f.Severity.ToString(),
                ["title"] = f.Title,
                ["evidence"] = new JsonArray(f.Evidence.Select(e => (JsonNode)JsonValue.Create(e.ToString())!).ToArray()),
                ["remediations"] = new JsonArray(MailConfigKit.Remediation.RemediationCatalog.Default.For(f).Select(r => (JsonNode)JsonValue.Create(r.Id)!).ToArray()),
            });
            return new JsonObject { ["findings"] = new JsonArray(findings.ToArray()) };
        }

        private static JsonObject Result(DnsLookupResult r, string query) => new()
        {
            ["query"] = query,
            ["status"] = r.Status.ToString(),
            ["names"] = new JsonArray(r.Names.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["addresses"] = new JsonArray(r.Addresses.Select(a => (JsonNode)JsonValue.Create(a.ToString())!).ToArray()),
            ["error"] = r.Error,
        };
    }
}
