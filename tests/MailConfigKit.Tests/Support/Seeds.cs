using System;
using System.Globalization;
using NUnit.Framework;

namespace MailConfigKit.Tests.Support
{
    /// <summary>One rule for every generated test: the seed comes from an environment variable or the clock, and is printed.</summary>
    public static class Seeds
    {
        /// <summary>The seed in <paramref name="variable"/>, else a fresh one; either way printed with the line that replays it.</summary>
        public static int From(string variable)
        {
            string? s = Environment.GetEnvironmentVariable(variable);
            int seed = s != null ? int.Parse(s, CultureInfo.InvariantCulture) : Environment.TickCount & 0x7FFFFFFF;
            TestContext.Out.WriteLine("seed " + seed + " (" + variable + "=" + seed + " to replay)");
            return seed;
        }
    }
}
