using System.Diagnostics;
using System.IO;
using BenchmarkDotNet.Attributes;
using MailConfigKit.Exim4;

namespace MailConfigKit.Benchmarks
{
    /// <summary>
    /// The Debian default update-exim4.conf.conf: read a value and rewrite dc_local_interfaces in memory, beside what
    /// update-exim4.conf itself pays just to source the file with /bin/sh.
    /// Run: <c>dotnet run -c Release --project tests/MailConfigKit.Benchmarks -- --filter '*Exim4*' --job short</c>.
    /// </summary>
    [MemoryDiagnoser]
    public class Exim4Benchmarks
    {
        // The real postinst output for a fresh install (spec cases/exim/debian-default-update-exim4.conf.conf).
        private const string DebianDefault = @"# /etc/exim4/update-exim4.conf.conf
#
# Edit this file and /etc/mailname by hand and execute update-exim4.conf
# yourself or use 'dpkg-reconfigure exim4-config'
#
# Please note that this is _not_ a dpkg-conffile and that automatic changes
# to this file might happen. The code handling this will honor your local
# changes, so this is usually fine, but will break local schemes that mess
# around with multiple versions of the file.
#
# update-exim4.conf uses this file to determine variable values to generate
# exim configuration macros for the configuration file.
#
# Most settings found in here do have corresponding questions in the
# Debconf configuration, but not all of them.
#
# This is a Debian specific file

dc_eximconfig_configtype='local'
dc_other_hostnames='debian'
dc_local_interfaces='127.0.0.1 ; ::1'
dc_readhost=''
dc_relay_domains=''
dc_minimaldns='false'
dc_relay_nets=''
dc_smarthost=''
CFILEMODE='644'
dc_use_split_config='false'
dc_hide_mailname=''
dc_mailname_in_oh='true'
dc_localdelivery='mail_spool'
";

        private string _path = string.Empty;

        [GlobalSetup]
        public void Setup()
        {
            _path = Path.Combine(Path.GetTempPath(), "mck-bench-update-exim4.conf.conf");
            File.WriteAllText(_path, DebianDefault);
        }

        [GlobalCleanup]
        public void Cleanup() => File.Delete(_path);

        [Benchmark(Description = "Parse")]
        public UpdateExim4Conf Parse() => UpdateExim4Conf.Parse(DebianDefault);

        [Benchmark(Baseline = true, Description = "Parse+GetValue+Set+ToString")]
        public string ParseGetSetToString()
        {
            UpdateExim4Conf doc = UpdateExim4Conf.Parse(DebianDefault);
            string? value = doc.GetValue("dc_local_interfaces");
            doc.Set("dc_local_interfaces", value == "127.0.0.1 ; ::1" ? "127.0.0.1" : "127.0.0.1 ; ::1");
            return doc.ToString();
        }

        [Benchmark(Description = "sh -c '. FILE' (process)")]
        public string SourceWithSh()
        {
            var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("set -e -C -f; . \"$1\"; printf %s \"$dc_local_interfaces\"");
            psi.ArgumentList.Add("sh");
            psi.ArgumentList.Add(_path);
            using Process p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return output;
        }
    }
}
