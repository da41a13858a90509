using System;
using System.IO;
using System.Text;

namespace MailConfigKit.Tests.Oracle
{
    /// <summary>What a <c>finishEarly</c> probe of <see cref="ProcessRunner.Run"/> can see of a child that is still running.</summary>
    public sealed class RunningProcess
    {
        private readonly LiveBuffer _stderr;

        internal RunningProcess(int pid, LiveBuffer stderr)
        {
            Pid = pid;
            _stderr = stderr;
        }

        public int Pid { get; }

        /// <summary>stderr so far, decoded as UTF-8.</summary>
        public string StderrSoFar => Encoding.UTF8.GetString(_stderr.ToArray());

        /// <summary>
        /// True when the process is blocked in nanosleep or clock_nanosleep (x86_64 syscalls 35 and 230), read from
        /// /proc/PID/syscall. False when it runs, is in another call, or cannot be inspected.
        /// </summary>
        public bool IsSleeping()
        {
            try
            {
                var call = File.ReadAllText($"/proc/{Pid}/syscall");
                var number = call.Split(' ', 2)[0];
                return number is "35" or "230";
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
