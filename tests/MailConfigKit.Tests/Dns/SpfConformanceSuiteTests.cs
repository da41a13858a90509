using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using FluentAssertions;
using MailConfigKit.Dns;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace MailConfigKit.Tests.Dns
{
    /// <summary>
    /// The openspf.org conformance suite for RFC 7208 (<c>rfc7208-tests.yml</c>, release 2014.04, the suite pyspf runs)
    /// against <see cref="Spf.CheckHost(IPAddress, string, string, string, IDnsResolver)"/>. The file is not copied into
    /// this repository: it is read from Debian's python3-spf package, which ships it (<see cref="PyspfOracle"/>). Each
    /// scenario's zone data is loaded the way the suite's own driver (pyspf's testspf.py) loads it: SPF-type records
    /// stand in for TXT records when a name has no TXT entry, <c>TXT: NONE</c> means none, and a <c>TIMEOUT</c> entry
    /// makes every question time out that no record listed before it answers.
    /// </summary>
    public class SpfConformanceSuiteTests
    {
        private static readonly DnsRecordType[] Types = { DnsRecordType.A, DnsRecordType.AAAA, DnsRecordType.MX, DnsRecordType.PTR, DnsRecordType.TXT };

        internal sealed record SuiteCase(string Scenario, string Id, string Spec, string Host, string MailFrom, string Helo, string[] Results, string? Explanation, SpfTestZone Zone);

        [Test]
        public void Every_test_of_rfc7208_tests_yml_passes()
        {
            PyspfOracle.Paths paths = PyspfOracle.RequireOrIgnore();
            List<SuiteCase> cases = Load(File.ReadAllText(paths.SuiteFile));
            cases.Count.Should().BeGreaterThan(150, "the 2014.04 suite has about two hundred tests");
            var failures = new List<string>();
            foreach (SuiteCase c in cases)
            {
                SpfCheckResult r = Run(c);
                string got = r.Result.ToString().ToLowerInvariant();
                bool resultOk = c.Results.Contains(got);
                bool explanationOk = c.Explanation == null || (c.Explanation == "DEFAULT" ? r.Explanation == null : r.Explanation == c.Explanation);
                if (!resultOk || !explanationOk)
                {
                    failures.Add(c.Scenario + " / " + c.Id + " (" + c.Spec + "): expected " + string.Join(" or ", c.Results)
                        + (c.Explanation != null ? " with explanation '" + c.Explanation + "'" : string.Empty) + ", got " + r);
                }
            }
            TestContext.Out.WriteLine("rfc7208-tests.yml from " + paths.Version + ": " + (cases.Count - failures.Count) + " of " + cases.Count + " tests pass");
            failures.Should().BeEmpty();
        }

        internal static SpfCheckResult Run(SuiteCase c)
        {
            string sender = c.MailFrom.Length == 0 ? "postmaster@" + c.Helo : c.MailFrom;
            int at = c.MailFrom.IndexOf('@');
            string domain = c.MailFrom.Length == 0 ? c.Helo : at < 0 ? c.MailFrom : c.MailFrom.Substring(at + 1);
            return Spf.CheckHost(IPAddress.Parse(c.Host), domain, sender, c.Helo, c.Zone.Resolver());
        }

        /// <summary>Reads every scenario (YAML document) of the suite into test cases, each with its scenario's zone.</summary>
        internal static List<SuiteCase> Load(string yaml)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            var cases = new List<SuiteCase>();
            foreach (YamlDocument document in stream.Documents)
            {
                var root = (YamlMappingNode)document.RootNode;
                string scenario = root.Children.TryGetValue(new YamlScalarNode("description"), out YamlNode? d) ? ((YamlScalarNode)d).Value ?? "?" : "?";
                var tests = (YamlMappingNode)root.Children[new YamlScalarNode("tests")];
                foreach (var (key, value) in tests.Children)
                {
                    var test = (YamlMappingNode)value;
                    string Field(string name) => test.Children.TryGetValue(new YamlScalarNode(name), out YamlNode? n) && n is YamlScalarNode s ? s.Value ?? string.Empty : string.Empty;
                    YamlNode result = test.Children[new YamlScalarNode("result")];
                    string[] results = result is YamlSequenceNode list
                        ? list.Children.Select(n => ((YamlScalarNode)n).Value!.Trim()).ToArray()
                        : new[] { ((YamlScalarNode)result).Value!.Trim() };
                    string? explanation = test.Children.ContainsKey(new YamlScalarNode("explanation")) ? Field("explanation") : null;
                    // Each test gets its own zone: the zone records the questions asked.
                    SpfTestZone zone = LoadZone((YamlMappingNode)root.Children[new YamlScalarNode("zonedata")]);
                    cases.Add(new SuiteCase(scenario, ((YamlScalarNode)key).Value!, Field("spec"), Field("host"), Field("mailfrom"), Field("helo"), results, explanation, zone));
                }
            }
            return cases;
        }

        private static SpfTestZone LoadZone(YamlMappingNode zonedata)
        {
            var zone = new SpfTestZone();
            foreach (var (nameNode, itemsNode) in zonedata.Children)
            {
                string name = ((YamlScalarNode)nameNode).Value!;
                zone.Touch(name);
                var items = ((YamlSequenceNode)itemsNode).Children;
                bool hasTxt = items.OfType<YamlMappingNode>().Any(m => m.Children.Keys.Any(k => ((YamlScalarNode)k).Value == "TXT"));
                var answered = new HashSet<DnsRecordType>();
                var spfAsTxt = new List<string>();
                bool timedOut = false;
                foreach (YamlNode item in items)
                {
                    if (item is YamlScalarNode scalar && scalar.Value == "TIMEOUT")
                    {
                        // testspf.py: a TIMEOUT entry answers every type that no earlier entry of the name answered with a timeout.
                        foreach (DnsRecordType t in Types.Where(t => !answered.Contains(t))) zone.Fail(name, t, DnsAnswerStatus.Timeout);
                        timedOut = true;
                        break;
                    }
                    foreach (var (typeNode, valueNode) in ((YamlMappingNode)item).Children)
                    {
                        string type = ((YamlScalarNode)typeNode).Value!;
                        if (valueNode is YamlScalarNode { Value: "TIMEOUT" } && Enum.TryParse(type, out DnsRecordType timeoutType))
                        {
                            zone.Fail(name, timeoutType, DnsAnswerStatus.Timeout);
                            continue;
                        }
                        switch (type)
                        {
                            case "SPF":
                                if (!hasTxt) spfAsTxt.Add(Text(valueNode));
                                break;
                            case "TXT":
                                string txt = Text(valueNode);
                                if (txt != "NONE")
                                {
                                    zone.Add(name, DnsRecordType.TXT, txt);
                                    answered.Add(DnsRecordType.TXT);
                                }
                                break;
                            case "MX":
                                var mx = (YamlSequenceNode)valueNode;
                                zone.Add(name, DnsRecordType.MX, ((YamlScalarNode)mx.Children[0]).Value + " " + (((YamlScalarNode)mx.Children[1]).Value is { Length: > 0 } exchange ? exchange : "."));
                                answered.Add(DnsRecordType.MX);
                                break;
                            case "CNAME":
                                zone.Cname(name, ((YamlScalarNode)valueNode).Value!);
                                break;
                            default:
                                var recordType = Enum.Parse<DnsRecordType>(type);
                                zone.Add(name, recordType, ((YamlScalarNode)valueNode).Value!);
                                answered.Add(recordType);
                                break;
                        }
                    }
                }
                // testspf.py appends the TXT records it makes from SPF ones after the name's entries: behind a TIMEOUT they are never reached.
                if (!timedOut && spfAsTxt.Count > 0) zone.Add(name, DnsRecordType.TXT, spfAsTxt.ToArray());
            }
            return zone;
        }

        /// <summary>A TXT/SPF value: one string, or a list of strings (a record of several strings, joined without separator).</summary>
        private static string Text(YamlNode node)
            => node is YamlSequenceNode list ? string.Concat(list.Children.Select(n => ((YamlScalarNode)n).Value)) : ((YamlScalarNode)node).Value ?? string.Empty;
    }
}
