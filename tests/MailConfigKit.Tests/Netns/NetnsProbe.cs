using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using MailConfigKit.Tests.Oracle;

namespace MailConfigKit.Tests.Netns
{
    /// <summary>
    /// Runs tests/MailConfigKit.NetnsProbe inside a namespace (<c>ip netns exec NAME dotnet DLL ARGS</c>) and parses its JSON
    /// line. .NET code that depends on the network (System.Net.Dns, later the library's DNS checker) must run there,
    /// because a namespace is a property of the process. The test project builds the probe first (a ProjectReference
    /// without its assembly) and records where the dll went (assembly metadata <c>NetnsProbeDll</c>).
    /// </summary>
    public static class NetnsProbe
    {
        /// <summary>The probe's dll, as built with the test project.</summary>
        public static string DllPath =>
            typeof(NetnsProbe).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "NetnsProbeDll").Value!;

        /// <summary>Runs the probe with <paramref name="args"/> (e.g. <c>ptr 192.0.2.1</c>) and returns its JSON object.</summary>
        public static JsonObject Run(NetNamespace ns, params string[] args) => Run(ns, TimeSpan.FromSeconds(30), args);

        /// <summary>As <see cref="Run(NetNamespace, string[])"/>, for probes that take longer (verification waits for a daemon's start).</summary>
        public static JsonObject Run(NetNamespace ns, TimeSpan timeout, params string[] args)
        {
            if (!File.Exists(DllPath))
            {
                throw new InvalidOperationException("NetnsProbe not built at " + DllPath + "; build the test project, which builds it");
            }

            var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
            var process = ns.Exec(
                dotnet,
                new[] { DllPath }.Concat(args).ToArray(),
                new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
                timeout);
            if (process.ExitCode != 0 || JsonNode.Parse(process.Stdout) is not JsonObject json)
            {
                throw new InvalidOperationException("NetnsProbe failed: " + process.Describe());
            }

            return json;
        }

        /// <summary>
        /// Starts the probe in the background (<c>listen IP PORT [BANNER]</c>) and waits until it says it listens; the caller
        /// disposes it.
        /// </summary>
        public static BackgroundProcess Start(NetNamespace ns, params string[] args)
        {
            var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
            var process = ns.Start(dotnet, new[] { DllPath }.Concat(args).ToArray(),
                new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
            if (!NetNamespace.WaitUntil(() => process.HasExited || process.StdoutSoFar.Contains("\"listening\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30))
                || process.HasExited)
            {
                var description = process.Describe();
                process.Dispose();
                throw new InvalidOperationException("NetnsProbe " + string.Join(" ", args) + " did not start listening: " + description);
            }

            return process;
        }
    }
}
