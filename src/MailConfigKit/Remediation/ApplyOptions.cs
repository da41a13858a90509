using System;

namespace MailConfigKit.Remediation
{
    /// <summary>How <see cref="PlanExecutor"/> applies a plan.</summary>
    public sealed class ApplyOptions
    {
        /// <summary>Keep a copy of each original next to it before replacing it (a hard link, or an exclusive copy where links are not possible).</summary>
        public bool CreateBackup { get; set; }

        /// <summary>What the backup's name adds to the file's name, before a UTC time stamp (<c>main.cf.mck-backup-20261121T101500Z</c>).</summary>
        public string BackupSuffix { get; set; } = ".mck-backup-";

        /// <summary>How long to wait for another writer's lock (postconf, or another MailConfigKit process) before failing.</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The defaults: no backup, 30 s lock timeout.</summary>
        public static ApplyOptions Default => new ApplyOptions();

        /// <summary>The options in one line.</summary>
        public override string ToString() =>
            (CreateBackup ? "backups (" + BackupSuffix + "TIMESTAMP)" : "no backups") + ", lock timeout " + LockTimeout.TotalSeconds + " s";
    }
}
