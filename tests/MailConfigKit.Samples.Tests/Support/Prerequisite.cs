using System;
using NUnit.Framework;

namespace MailConfigKit.Samples.Tests.Support
{
    /// <summary>
    /// A missing prerequisite (root, setpriv, mknod): under <c>CI=true</c> the test fails, because nothing is skipped in
    /// CI; elsewhere it is ignored with the reason printed. The same policy as the library tests' OracleTools.Unavailable.
    /// </summary>
    public static class Prerequisite
    {
        public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        public static void Missing(string reason)
        {
            if (IsCi) Assert.Fail("prerequisite missing under CI=true: " + reason);
            Assert.Ignore(reason + " (set CI=true to make this a failure)");
        }
    }
}
