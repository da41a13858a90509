// A child process for the safety tests: it applies plans to a host tree the way a provisioning app would, so the tests
// can kill it with SIGKILL mid-write or run fifty of it in parallel. Not shipped.
//
// With MCK_KILL_AT_STEP=k in the environment it sends itself SIGKILL right after the k-th step of PlanExecutor (the
// steps are printed as "step N NAME" as they complete), so a test can stop an apply or a recovery at every point.
using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using MailConfigKit.Host;
using MailConfigKit.Postfix;
using MailConfigKit.Remediation;

internal static class Program
{
    private static int _steps;

    private static int Main(string[] args)
    {
        InstallKillHook();
        switch (args.Length > 0 ? args[0] : string.Empty)
        {
            case "set":
                // set ROOT NAME VALUE: plan and apply, planning again after a conflict with a parallel writer.
                return SetWithRetry(args[1], args[2], args[3]);
            case "flip":
                // flip ROOT NAME VALUE1 VALUE2: apply the two values alternately until killed ("ready" once warm, after the
                // first apply, so that a kill soon after lands in an apply rather than in the JIT).
                for (long i = 0; ; i++)
                {
                    MailHost host = MailHost.Open(args[1]);
                    PlanExecutor.Apply(new SetPostfixParameters(args[2], i % 2 == 0 ? args[3] : args[4]).Plan(host));
                    if (i == 0) Ready();
                }
            case "apply2":
                // apply2 ROOT VALUE BACKUP(0|1): one plan over main.cf and master.cf (mck_flip = VALUE in both).
                PlanExecutor.Apply(new TwoFiles(args[2]).Plan(MailHost.Open(args[1])), new ApplyOptions { CreateBackup = args[3] == "1" });
                Console.Out.WriteLine("applied");
                return 0;
            case "flip2":
                // flip2 ROOT VALUE1 VALUE2: the two-file plan, alternating between the values, until killed.
                for (long i = 0; ; i++)
                {
                    MailHost host = MailHost.Open(args[1]);
                    string? now = host.LoadMainCf()!.GetValue("mck_flip");
                    PlanExecutor.Apply(new TwoFiles(now == args[2] ? args[3] : args[2]).Plan(host));
                    if (i == 0) Ready();
                }
            case "recover":
                // recover ROOT
                Console.Out.WriteLine(PlanExecutor.Recover(args[1]).ToString());
                return 0;
            default:
                Console.Error.WriteLine("usage: set ROOT NAME VALUE | flip ROOT NAME VALUE1 VALUE2 | apply2 ROOT VALUE BACKUP | flip2 ROOT VALUE1 VALUE2 | recover ROOT");
                return 2;
        }
    }

    private static void Ready()
    {
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
    }

    private static void InstallKillHook()
    {
        string? at = Environment.GetEnvironmentVariable("MCK_KILL_AT_STEP");
        int killAt = at == null ? -1 : int.Parse(at, CultureInfo.InvariantCulture);
        bool print = Environment.GetEnvironmentVariable("MCK_PRINT_STEPS") == "1" || killAt > 0;
        if (!print) return;
        PlanExecutor.TestStep = name =>
        {
            int n = Interlocked.Increment(ref _steps);
            Console.Out.WriteLine("step " + n.ToString(CultureInfo.InvariantCulture) + " " + name);
            Console.Out.Flush();
            if (n == killAt) kill(Environment.ProcessId, 9);
        };
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

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

    /// <summary>One change in two files that must agree: <c>mck_flip = VALUE</c> in main.cf and <c>-o mck_flip=VALUE</c> on smtp/unix.</summary>
    private sealed class TwoFiles : IRemediation
    {
        private readonly string _value;

        public TwoFiles(string value) => _value = value;

        public string Id => "test.two-files";

        public string Title => "test: mck_flip = " + _value + " in main.cf and master.cf";

        public string Rationale => "A test of all-or-nothing applies.";

        public RemediationPlan Plan(MailHost host)
        {
            var plan = new PlanBuilder(host, this);
            byte[] mainBytes = host.ReadBytes(HostPaths.PostfixMainCf)!;
            MainCf main = MainCf.FromBytes(mainBytes, HostPaths.PostfixMainCf);
            main.Set("mck_flip", _value);
            plan.AddChange(HostPaths.PostfixMainCf, mainBytes, main.OriginalText, main.ToBytes(), main.ToString(), FileLockStyle.PostfixEditFile);
            byte[] masterBytes = host.ReadBytes(HostPaths.PostfixMasterCf)!;
            MasterCf master = MasterCf.FromBytes(masterBytes, HostPaths.PostfixMasterCf);
            master.SetOverride("smtp", "unix", "mck_flip", _value);
            plan.AddChange(HostPaths.PostfixMasterCf, masterBytes, master.OriginalText, master.ToBytes(), master.ToString(), FileLockStyle.PostfixEditFile);
            return plan.Build();
        }

        public RemediationPlan Plan(MailHost host, MailConfigKit.Diagnosis.Finding finding) => Plan(host);
    }
}
