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

        /// <summary>
        /// For tests: the tool paths. When they are unavailable the test fails under <c>CI=true</c> (rule 6: nothing is
        /// skipped in CI) and is ignored, with the reason printed, only outside CI. <see cref="Unavailable"/> is the one
        /// place that decides, and <c>OracleSkipPolicyTests</c> pins it.
        /// </summary>
        public static OracleToolPaths RequireOrIgnore()
        {
            try
            {
                return Ensure();
            }
            catch (Exception e)
            {
                throw Unavailable("Oracle tools unavailable: " + e.Message, IsCi, e);
            }
        }

        /// <summary>Like <see cref="RequireOrIgnore"/>, for tests that must run as root (exim -C, namespaces).</summary>
        public static OracleToolPaths RequireRootOrIgnore()
        {
            var tools = RequireOrIgnore();
            if (!Environment.IsPrivilegedProcess)
            {
                throw Unavailable("this oracle test must run as root (exim -C, mounts and network namespaces)", IsCi, null);
            }

            return tools;
        }

        /// <summary>
        /// The outcome of a missing prerequisite: under CI an <see cref="OracleUnavailableException"/> to throw (the test
        /// fails); elsewhere <c>Assert.Ignore</c>, which throws NUnit's IgnoreException itself, with the reason.
        /// </summary>
        internal static Exception Unavailable(string reason, bool isCi, Exception? inner)
        {
            if (isCi) return inner == null ? new OracleUnavailableException(reason) : new OracleUnavailableException(reason, inner);
            Assert.Ignore(reason + " (set CI=true to make this a failure)");
            return new InvalidOperationException("Assert.Ignore returned"); // Not reached: Assert.Ignore throws.
        }

        private static OracleToolPaths Load()
        {
            OracleToolPaths tools;
            try
            {
                tools = OracleProvisioner.Provision();
            }
            catch (Exception e) when (e is not OracleUnavailableException)
            {
                throw new OracleUnavailableException("provisioning the Debian packages failed: " + e.Message, e);
            }

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
