// A child process for the safety tests: it applies plans to a host tree the way a provisioning app would, so the tests
// can kill it with SIGKILL mid-write or run fifty of it in parallel. Not shipped.
using System;
using System.Threading;
using MailConfigKit.Host;
using MailConfigKit.Remediation;

internal static class Program
{
    private static int Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : string.Empty)
        {
            case "set":
                // set ROOT NAME VALUE: plan and apply, planning again after a conflict with a parallel writer.
                return SetWithRetry(args[1], args[2], args[3]);
            case "flip":
                // flip ROOT NAME VALUE1 VALUE2: apply the two values alternately until killed.
                Console.Out.WriteLine("ready");
                Console.Out.Flush();
                for (long i = 0; ; i++)
                {
                    MailHost host = MailHost.Open(args[1]);
                    PlanExecutor.Apply(new SetPostfixParameters(args[2], i % 2 == 0 ? args[3] : args[4]).Plan(host));
                }
            default:
                Console.Error.WriteLine("usage: set ROOT NAME VALUE | flip ROOT NAME VALUE1 VALUE2");
                return 2;
        }
    }

    private static int SetWithRetry(string root, string name, string value)
    {
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            try
            {
                RemediationPlan plan = new SetPostfixParameters(name, value).Plan(MailHost.Open(root));
                PlanExecutor.Apply(plan);
                return 0;
            }
            catch (PlanConflictException)
            {
                Thread.Sleep(attempt % 7);
            }
        }
        Console.Error.WriteLine("gave up after 1000 conflicts");
        return 1;
    }
}
