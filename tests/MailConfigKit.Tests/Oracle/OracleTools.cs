using System;
using System.Threading;
using NUnit.Framework;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>
    /// Entry point to the real Debian tools. <see cref="Ensure"/> provisions them once per process;
    /// <see cref="RequireOrIgnore"/> applies the policy: with CI=true a missing oracle fails the test with the reason,
    /// elsewhere the test is ignored with the reason.
    /// </summary>
    public static class OracleTools
    {
        private static readonly Lazy<OracleToolPaths> Tools = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

        public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>Provisions (first call in the process, or first ever on this machine) and returns the tool paths. Throws on failure.</summary>
        public static OracleToolPaths Ensure() => Tools.Value;

        /// <summary>For tests: the tool paths, or <c>Assert.Ignore</c> with the reason when they are unavailable outside CI.</summary>
        public static OracleToolPaths RequireOrIgnore()
        {
            try
            {
                return Ensure();
            }
            catch (Exception e) when (!IsCi)
            {
                Assert.Ignore("Oracle tools unavailable (set CI=true to make this a failure): " + e.Message);
                throw; // Not reached: Assert.Ignore throws.
            }
        }

        /// <summary>Like <see cref="RequireOrIgnore"/>, for tests that must run as root (exim -C, namespaces).</summary>
        public static OracleToolPaths RequireRootOrIgnore()
        {
            var tools = RequireOrIgnore();
            if (!Environment.IsPrivilegedProcess)
            {
                const string Reason = "this oracle test must run as root (exim -C and mount namespaces)";
                if (IsCi)
                {
                    throw new OracleUnavailableException(Reason);
                }

                Assert.Ignore(Reason);
            }

            return tools;
        }

        private static OracleToolPaths Load()
        {
            var tools = OracleProvisioner.Provision();

            // A cheap run proves the libraries load in this process's setting, not only at provisioning time.
            var check = ProcessRunner.Run(tools.Postconf, new[] { "-d", "-h", "mail_version" }, env: tools.Environment);
            if (check.ExitCode != 0 || check.Stdout.Trim().Length == 0)
            {
                throw new OracleUnavailableException("provisioned postconf does not run: " + check.Describe());
            }

            return tools;
        }
    }
}
