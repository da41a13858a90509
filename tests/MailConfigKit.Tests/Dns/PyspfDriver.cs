using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Dns
{
    /// <summary>
    /// Runs pyspf (<see cref="PyspfOracle"/>) on many SPF checks in one Python process: each check brings its zone, and
    /// pyspf's DNS function (<c>spf.DNSLookup</c>, the hook its own test driver replaces) answers from that zone exactly
    /// as <see cref="SpfTestZone.Query"/> does: unknown name NXDOMAIN, no records NODATA, failures a pyspf TempError.
    /// </summary>
    internal static class PyspfDriver
    {
        internal sealed record Check(SpfTestZone Zone, string Ip, string Sender, string Helo);

        internal sealed record Answer(string? Result, string? Explanation, string? Mechanism, string? Crash);

        private const string Script = @"
import json, sys, traceback
import spf

ZONE = {}

def lookup(name, qtype, strict=True, timeout=None, level=0):
    key = name.lower()
    if key.endswith('.'):
        key = key[:-1]
    entry = ZONE.get(key)
    if entry is None:
        return []
    if entry.get('fail'):
        raise spf.TempError('DNS ' + entry['fail'])
    answer = entry['types'].get(qtype)
    if answer is None:
        return []
    if isinstance(answer, str):
        if answer in ('NxDomain', 'NoData'):
            return []
        raise spf.TempError('DNS ' + answer)
    out = []
    for v in answer:
        if qtype == 'MX':
            preference, exchange = v.split(None, 1)
            v = (int(preference), exchange.strip().rstrip('.'))
        elif qtype in ('TXT', 'SPF'):
            v = (v.encode('utf-8'),)
        elif qtype == 'PTR':
            v = v.rstrip('.')
        out.append(((name, qtype), v))
    return out

spf.DNSLookup = lookup
DEFAULT = '\x00default'
for line in sys.stdin:
    case = json.loads(line)
    ZONE = case['zone']
    try:
        q = spf.query(i=case['ip'], s=case['sender'], h=case['helo'], receiver='unknown', strict=True)
        q.set_default_explanation(DEFAULT)
        res, code, exp = q.check()
        out = {'result': res, 'explanation': None if res != 'fail' or exp == DEFAULT else exp, 'mechanism': q.mechanism}
    except Exception:
        out = {'crash': traceback.format_exc()}
    sys.stdout.write(json.dumps(out) + '\n')
";

        /// <summary>pyspf's answers, in order.</summary>
        public static List<Answer> Run(PyspfOracle.Paths paths, IReadOnlyList<Check> checks)
        {
            var input = new StringBuilder();
            foreach (Check c in checks)
            {
                input.Append(JsonSerializer.Serialize(new Dictionary<string, object> { ["zone"] = c.Zone.Export(), ["ip"] = c.Ip, ["sender"] = c.Sender, ["helo"] = c.Helo })).Append('\n');
            }
            ProcessResult run = ProcessRunner.Run(paths.Python, new[] { "-c", Script }, Encoding.UTF8.GetBytes(input.ToString()),
                new Dictionary<string, string?> { ["PYTHONPATH"] = paths.PythonPath, ["PYTHONIOENCODING"] = "utf-8" }, TimeSpan.FromMinutes(8));
            if (run.ExitCode != 0) throw new InvalidOperationException("the pyspf driver failed: " + run.Describe());
            List<Answer> answers = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                JsonElement e = doc.RootElement;
                string? Get(string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                return new Answer(Get("result"), Get("explanation"), Get("mechanism"), Get("crash"));
            }).ToList();
            if (answers.Count != checks.Count) throw new InvalidOperationException("the pyspf driver answered " + answers.Count + " of " + checks.Count + " checks: " + run.Stderr);
            return answers;
        }
    }
}
