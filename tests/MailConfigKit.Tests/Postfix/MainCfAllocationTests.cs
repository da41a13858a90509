using System;
using System.Linq;
using System.Text;
using FluentAssertions;
using MailConfigKit.Postfix;
using MailConfigKit.Tests.Support;
using NUnit.Framework;

namespace MailConfigKit.Tests.Postfix
{
    /// <summary>
    /// An allocation guard on the main.cf scanner (as Tomlyn guards its lexer): parsing allocates a bounded multiple of the
    /// text, so a change that starts copying per line or per character fails here long before anyone notices it in a
    /// benchmark. Allocated bytes are counted by the runtime for this thread: no timing, nothing load can disturb.
    /// </summary>
    public class MainCfAllocationTests
    {
        // Measured at 0.8 bytes per char (Debian's main.cf x 200); a per-line copy of the rest of the text would be n^2.
        private const double MaxBytesPerInputChar = 4;

        [Test]
        public void Parsing_allocates_a_bounded_multiple_of_the_text()
        {
            string one = Encoding.UTF8.GetString(TestFiles.CaseBytes("Postfix/Cases/debian-default-main.cf"));
            string text = string.Concat(Enumerable.Repeat(one, 200));
            MainCf.Parse(one).GetValue("myhostname"); // warm up: static grammars, JIT
            long before = GC.GetAllocatedBytesForCurrentThread();
            MainCf cf = MainCf.Parse(text);
            string? value = cf.GetValue("inet_protocols");
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            double perChar = (double)allocated / text.Length;
            TestContext.Out.WriteLine($"{text.Length} chars, {allocated} bytes allocated, {perChar:0.0} bytes per char");
            value.Should().Be("all");
            perChar.Should().BeLessThan(MaxBytesPerInputChar);
        }
    }
}
