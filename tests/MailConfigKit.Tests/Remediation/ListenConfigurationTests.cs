using MailConfigKit.Tests.Oracle;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using FluentAssertions;
using MailConfigKit.Host;
using MailConfigKit.Remediation;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Remediation
{
    /// <summary>Where the daemons should listen (configuration x ports), and the SMTP probe against sockets this test opens.</summary>
    public class ListenConfigurationTests
    {
        [Test]
        public void Postfix_endpoints_are_inet_interfaces_times_the_inet_services_and_a_service_address_is_kept()
        {
            using var tree = new HostTree();
            tree.Write(HostPaths.PostfixMainCf, "inet_interfaces = 127.0.0.1, 192.0.2.25, [::1]\ninet_protocols = ipv4\n");
            tree.Write(HostPaths.PostfixMasterCf,
                "smtp      inet  n       -       y       -       -       smtpd\n"
                + "submission inet n       -       y       -       -       smtpd\n"
                + "[::1]:2526 inet n       -       y       -       -       smtpd\n"
                + "pickup    unix  n       -       y       60      1       pickup\n");
            ListenConfiguration c = new PostfixListenConfigurationSource().Read(MailHost.Open(tree.Root));
            c.Problems.Should().BeEmpty();
            c.Endpoints.Select(e => e.ToString()).Should().Equal("127.0.0.1:25", "192.0.2.25:25", "127.0.0.1:587", "192.0.2.25:587", "[::1]:2526");
            c.PidFile.Should().Be("var/spool/postfix/pid/master.pid");
            c.Endpoints[0].Source.Should().Contain("inet_interfaces = 127.0.0.1").And.Contain("smtp/inet");
        }

        [Test]
        public void Exim_endpoints_are_dc_local_interfaces_times_daemon_smtp_ports_with_an_item_port_kept_and_the_bound_from_the_retries()
        {
            using var tree = new HostTree();
            tree.Write(HostPaths.Exim4UpdateConf, "dc_local_interfaces='127.0.0.1.2526 ; ::1'\n");
            var source = new EximListenConfigurationSource(new[] { 25, 587 }, 9, System.TimeSpan.FromSeconds(30));
            ListenConfiguration c = source.Read(MailHost.Open(tree.Root));
            c.Problems.Should().BeEmpty();
            c.Endpoints.Select(e => e.ToString()).Should().Equal("127.0.0.1:2526", "[::1]:25", "[::1]:587");
            c.StartupBound.TotalSeconds.Should().Be(9 * 30 + 20);
            c.FailureLog.Should().Be(HostPaths.Exim4Paniclog);
        }

        [Test]
        public void A_computed_dc_local_interfaces_is_a_problem_not_a_guess()
        {
            using var tree = new HostTree();
            tree.Write(HostPaths.Exim4UpdateConf, "dc_local_interfaces=\"$(hostname -i)\"\n");
            ListenConfiguration c = new EximListenConfigurationSource().Read(MailHost.Open(tree.Root));
            c.Problems.Should().ContainSingle(p => p.Contains("computed"));
            c.Endpoints.Should().BeEmpty();
        }

        [Test]
        public void A_hand_written_exim4_conf_gives_its_own_listeners_ports_and_startup_bound()
        {
            // exim uses etc/exim4/exim4.conf as is and ignores update-exim4.conf.conf (DESIGN.md, "What real hosts look like").
            using var tree = new HostTree();
            tree.Write(HostPaths.Exim4UpdateConf, "dc_local_interfaces='192.0.2.9'\n");
            tree.Write("etc/exim4/exim4.conf",
                "LISTEN = <; 127.0.0.1 ; ::1 ; 127.0.0.2.2526\nlocal_interfaces = LISTEN\ndaemon_smtp_ports = smtp : 587\n"
                + "daemon_startup_retries = 2\ndaemon_startup_sleep = 1m5s\nbegin routers\n");
            ListenConfiguration c = new EximListenConfigurationSource().Read(MailHost.Open(tree.Root));
            c.Problems.Should().BeEmpty();
            c.Endpoints.Select(e => e.ToString()).Should().Equal("127.0.0.1:25", "127.0.0.1:587", "[::1]:25", "[::1]:587", "127.0.0.2:2526");
            c.Endpoints[0].Source.Should().Contain("etc/exim4/exim4.conf:2");
            c.StartupBound.TotalSeconds.Should().Be(2 * 65 + 20);
        }

        [Test]
        public void Disable_ipv6_drops_the_ipv6_listeners_exim_would_skip()
        {
            using var tree = new HostTree();
            tree.Write("etc/exim4/exim4.conf", "local_interfaces = <; 127.0.0.1 ; ::1\ndisable_ipv6 = true\n");
            ListenConfiguration c = new EximListenConfigurationSource().Read(MailHost.Open(tree.Root));
            c.Problems.Should().BeEmpty();
            c.Endpoints.Select(e => e.ToString()).Should().Equal("127.0.0.1:25");
        }

        [TestCase("local_interfaces = ${if true{127.0.0.1}}\n", "local_interfaces")]
        [TestCase("local_interfaces = 127.0.0.1\ndaemon_smtp_ports = nosuchservice\n", "daemon_smtp_ports")]
        [TestCase("local_interfaces = 127.0.0.1\ndaemon_startup_sleep = 5x\n", "daemon_startup_sleep")]
        [TestCase(".include /nowhere/at/all\nlocal_interfaces = 127.0.0.1\n", "exim4.conf")]
        public void What_cannot_be_known_in_a_hand_written_exim4_conf_is_a_problem(string content, string named)
        {
            using var tree = new HostTree();
            tree.Write("etc/exim4/exim4.conf", content);
            ListenConfiguration c = new EximListenConfigurationSource().Read(MailHost.Open(tree.Root));
            c.Problems.Should().Contain(p => p.Contains(named), string.Join("; ", c.Problems));
        }

        [Test]
        public void Debians_generated_configuration_with_local_macros_is_what_exim_will_open()
        {
            // update-exim4.conf and its template from the provisioned exim4-config package, as on a Debian host.
            var tools = OracleTools.RequireOrIgnore();
            using var tree = new HostTree();
            tree.Write(HostPaths.Exim4UpdateConf, "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1 ; ::1'\ndc_use_split_config='false'\n");
            tree.Write("etc/exim4/exim4.conf.template", File.ReadAllBytes(Path.Combine(tools.EximConfigDirectory, "exim4.conf.template")));
            tree.Write("etc/exim4/exim4.conf.localmacros", "disable_ipv6 = true\ndaemon_startup_retries = 2\ndaemon_startup_sleep = 2s\n");
            ListenConfiguration c = new EximListenConfigurationSource().Read(MailHost.Open(tree.Root));
            c.Problems.Should().BeEmpty();
            c.Endpoints.Select(e => e.ToString()).Should().Equal("127.0.0.1:25");
            c.StartupBound.TotalSeconds.Should().Be(2 * 2 + 20);
        }

        [Test]
        public void The_probe_tells_a_silent_socket_a_refusal_and_a_554_greeting_apart()
        {
            var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            try
            {
                int port = ((IPEndPoint)silent.LocalEndpoint).Port;
                SmtpGreetingResult r = SmtpGreetingProbe.Probe(new ListenEndpoint(IPAddress.Loopback, port, "test"), System.TimeSpan.FromMilliseconds(500));
                r.Outcome.Should().Be(SmtpGreetingOutcome.NoGreeting, r.ToString());
                r.Greeted.Should().BeFalse();
            }
            finally
            {
                silent.Stop();
            }

            var refusing = new TcpListener(IPAddress.Loopback, 0);
            refusing.Start();
            int closedPort = ((IPEndPoint)refusing.LocalEndpoint).Port;
            refusing.Stop();
            SmtpGreetingProbe.Probe(new ListenEndpoint(IPAddress.Loopback, closedPort, "test"), System.TimeSpan.FromSeconds(2)).Outcome.Should().Be(SmtpGreetingOutcome.Refused);

            var busy = new TcpListener(IPAddress.Loopback, 0);
            busy.Start();
            try
            {
                int port = ((IPEndPoint)busy.LocalEndpoint).Port;
                var server = new Thread(() =>
                {
                    using TcpClient c = busy.AcceptTcpClient();
                    byte[] reply = System.Text.Encoding.ASCII.GetBytes("554 no SMTP service here\x1b[31m\r\n");
                    c.GetStream().Write(reply, 0, reply.Length);
                    Thread.Sleep(200);
                });
                server.Start();
                SmtpGreetingResult r = SmtpGreetingProbe.Probe(new ListenEndpoint(IPAddress.Loopback, port, "test"), System.TimeSpan.FromSeconds(5));
                server.Join();
                r.Outcome.Should().Be(SmtpGreetingOutcome.NotAccepted);
                r.Greeting.Should().StartWith("554 ");
                r.ToString().Should().NotContain("\x1b", "text from the network is escaped before a terminal sees it");
            }
            finally
            {
                busy.Stop();
            }
        }
    }
}
