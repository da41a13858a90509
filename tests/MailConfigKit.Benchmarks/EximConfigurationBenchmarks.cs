using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using MailConfigKit.Exim4;

namespace MailConfigKit.Benchmarks
{
    /// <summary>
    /// exim's runtime configuration: parsing Debian's exim4.conf.template as a document, reading it as exim does
    /// (its diagnostics), a Set, and the whole effective view of a Debian host (update-exim4.conf simulated, then read).
    /// The template comes from the oracle cache (MCK_EXIM_TEMPLATE overrides the path).
    /// Run: <c>dotnet run -c Release --project tests/MailConfigKit.Benchmarks -- --filter '*EximConfiguration*' --job short</c>.
    /// </summary>
    [MemoryDiagnoser]
    public class EximConfigurationBenchmarks
    {
        private const string DefaultTemplate = "/var/cache/mailconfigkit-oracle/deb12-amd64-v1/root/etc/exim4/exim4.conf.template";

        private string _template = string.Empty;
        private MemoryFiles _files = new MemoryFiles();

        [GlobalSetup]
        public void Setup()
        {
            string path = Environment.GetEnvironmentVariable("MCK_EXIM_TEMPLATE") ?? DefaultTemplate;
            _template = File.ReadAllText(path);
            _files = new MemoryFiles();
            _files.Add("/etc/exim4/exim4.conf.template", _template);
            _files.Add("/etc/exim4/update-exim4.conf.conf", "dc_eximconfig_configtype='local'\ndc_local_interfaces='127.0.0.1 ; ::1'\ndc_use_split_config='false'\n");
            _files.Add("/etc/exim4/exim4.conf.localmacros", "disable_ipv6 = true\n");
        }

        [Benchmark]
        public int ParseTemplate() => EximConfiguration.Parse(_template).Statements.Count;

        [Benchmark]
        public int TemplateDiagnostics() => EximConfiguration.Parse(_template).Diagnostics.Count;

        [Benchmark]
        public int SetInTemplate()
        {
            var doc = EximConfiguration.Parse(_template);
            doc.Set("local_interfaces", "127.0.0.1");
            return doc.ToString().Length;
        }

        [Benchmark]
        public string? EffectiveView() => EximEffectiveConfiguration.Read(_files).LocalInterfaces.Value;

        /// <summary>Files in memory, by exim path.</summary>
        private sealed class MemoryFiles : IEximFileSource
        {
            private readonly Dictionary<string, byte[]> _files = new Dictionary<string, byte[]>(StringComparer.Ordinal);

            public void Add(string path, string text) => _files[path] = Encoding.UTF8.GetBytes(text);

            public byte[]? ReadFile(string path) => _files.TryGetValue(path, out byte[]? b) ? b : null;

            public bool Exists(string path) => _files.ContainsKey(path);

            public IReadOnlyList<string>? ListDirectory(string path) => null;

            public bool IsFile(string path) => _files.ContainsKey(path);
        }
    }
}
