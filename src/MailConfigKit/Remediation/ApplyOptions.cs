using System;

namespace MailConfigKit.Remediation
{
    /// <summary>How <see cref="PlanExecutor"/> applies a plan.</summary>
    public sealed class ApplyOptions
    {
        /// <summary>
        /// Keep the original of each replaced file next to it (<c>NAME</c> + <see cref="BackupSuffix"/> + time stamp). The
        /// original gets its second name before it is replaced (a hidden hard link, or an exclusive copy where links are not
        /// possible), which becomes the backup once every file of the plan is in place; a file not replaced gets no backup.
        /// </summary>
        public bool CreateBackup { get; set; }

        /// <summary>What the backup's name adds to the file's name, before a UTC time stamp (<c>main.cf.mck-backup-20261121T101500Z</c>).</summary>
        public string BackupSuffix { get; set; } = ".mck-backup-";

        /// <summary>How long to wait for another writer's lock (postconf, or another MailConfigKit process) before failing; also used by <see cref="PlanExecutor.Recover(string, ApplyOptions, Microsoft.Extensions.Logging.ILogger)"/>.</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The defaults: no backup, 30 s lock timeout.</summary>
        public static ApplyOptions Default => new ApplyOptions();

        /// <summary>The options in one line.</summary>
        public override string ToString() =>
            (CreateBackup ? "backups (" + BackupSuffix + "TIMESTAMP)" : "no backups") + ", lock timeout " + LockTimeout.TotalSeconds + " s";
    }
}
