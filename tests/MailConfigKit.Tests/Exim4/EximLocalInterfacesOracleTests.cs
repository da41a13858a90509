using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using FluentAssertions;
using MailConfigKit.Exim4;
using MailConfigKit.Tests.Exim4.Support;
using MailConfigKit.Tests.Oracle;
using NUnit.Framework;
using Document = MailConfigKit.Exim4.UpdateExim4Conf;
using Generator = MailConfigKit.Tests.Oracle.UpdateExim4ConfTool;
using MailConfigKit.Tests.Support;

namespace MailConfigKit.Tests.Exim4
{
    /// <summary>
    /// dc_local_interfaces in every spelling, before and after removing ::1, through Debian's real update-exim4.conf and
    /// exim4 itself: exim's effective local_interfaces (-bP), split by exim's own list code (-be listextract), must be
    /// the items our typed list has, and exim's isip must agree with which addresses we call valid.
    /// </summary>
    public class EximLocalInterfacesOracleTests
    {
        private static readonly string[] Spellings =
        {
            "dc_local_interfaces='127.0.0.1 ; ::1'",
            "dc_local_interfaces='127.0.0.1'",
            "dc_local_interfaces=''",
            "dc_local_interfaces='127.0.0.1 : ::::1'",
            "dc_local_interfaces='127.0.0.1 : ::1'",
            "dc_local_interfaces='127.0.0.1.2525 ; ::1.2525'",
            "dc_local_interfaces='[127.0.0.1]:2525 ; [::1]:2525'",
            "dc_local_interfaces='<; 127.0.0.1 ; ::1'",
            "dc_local_interfaces='<; ::1 ; 127.0.0.1'",
            "dc_local_interfaces='  127.0.0.1   ;    ::1  ;'",
            "dc_local_interfaces=\"127.0.0.1 ; ::1\"",
            "dc_local_interfaces='::1'",
            "dc_local_interfaces='0:0:0:0:0:0:0:1 ; 127.0.0.1'",
            "dc_local_interfaces='fe80::1%lo ; 127.0.0.1'",
            "dc_local_interfaces='fe80::1%lo ; ::1'",
            "dc_local_interfaces='::1 ; 127.0.0.1.2525'",
            "dc_local_interfaces='127.0.0.1, ::1'",
            "dc_local_interfaces='LOCALHOST'",
            "dc_local_interfaces=127.0.0.1\\ \\;\\ ::1",
            "export dc_local_interfaces='127.0.0.1 ; ::1'",
            "dc_local_interfaces='127.0.0.1 ; ::1' # both",
        };

        public static IEnumerable<TestCaseData> Cases() =>
            Spellings.SelectMany(s => new[] { new TestCaseData(s, false), new TestCaseData(s, true) });

        [TestCaseSource(nameof(Cases))]
        public void Exim_binds_what_the_typed_list_says(string line, bool removeIPv6Loopback)
        {
            OracleTools.RequireRootOrIgnore();
            string text = TestFiles.CaseText(TestFiles.EximCases + "debian-default-update-exim4.conf.conf").Replace("dc_local_interfaces='127.0.0.1 ; ::1'", line);
            Document doc = Document.Parse(text);
            if (removeIPv6Loopback)
            {
                EximInterfaceList before = doc.LocalInterfaces;
                doc.RemoveLocalInterface(IPAddress.IPv6Loopback).Should().Be(before.ContainsIPv6Loopback);
                doc.LocalInterfaces.ContainsIPv6Loopback.Should().BeFalse();
                // The other items keep their spelling and order.
                doc.LocalInterfaces.Items.Select(i => i.RawText).Should().Equal(before.Items.Where(i => !i.IsIPv6Loopback).Select(i => i.RawText));
            }
            TestContext.Out.WriteLine(doc.ToString().Split('\n').First(l => l.Contains("dc_local_interfaces")));
            EximInterfaceList ours = doc.LocalInterfaces;

            using var tree = new Generator(Encoding.UTF8.GetBytes(doc.ToString()));
            var result = tree.RunToFile();
            result.ExitCode.Should().Be(0, result.ToString());
            string effective = Generator.EximLocalInterfaces(result.OutputPath);
            TestContext.Out.WriteLine("exim local_interfaces = " + effective);
            if (ours.IsAllInterfaces)
            {
                effective.Should().Be("<; ::0 ; 0.0.0.0");
                return;
            }
            List<string> eximItems = EximItems(result.OutputPath, effective);
            eximItems.Should().Equal(ours.Items.Select(i => i.Text.ToLowerInvariant()), "exim splits the list into the items we report");
            foreach (EximInterface item in ours.Items)
            {
                string address = item.Address?.ToString() ?? item.Text;
                if (item.IsValid)
                {
                    string written = item.PortForm == EximPortForm.None ? item.Text : item.Text.Substring(item.PortForm == EximPortForm.Bracket ? 1 : 0, item.Text.Length - (item.PortForm == EximPortForm.Bracket ? 2 : 1) - item.Port!.Value.ToString().Length);
                    Expand(result.OutputPath, "${if isip{" + written.TrimEnd(']').ToLowerInvariant() + "}{yes}{no}}").Should().Be("yes", item.RawText);
                }
                else
                {
                    Expand(result.OutputPath, "${if isip{" + item.Text.ToLowerInvariant() + "}{yes}{no}}").Should().Be("no", item.RawText);
                }
            }
        }

        private static List<string> EximItems(string config, string list)
        {
            int count = int.Parse(Expand(config, "${listcount:" + list + "}"), System.Globalization.CultureInfo.InvariantCulture);
            var items = new List<string>();
            for (int n = 1; n <= count; n++) items.Add(Expand(config, "${listextract{" + n + "}{" + list + "}}"));
            return items;
        }

        private static string Expand(string config, string expression)
        {
            ProcessResult r = EximRunner.Run("-C", config, "-be", expression);
            r.ExitCode.Should().Be(0, r.Describe());
            return r.Stdout.TrimEnd('\n');
        }
    }
}
