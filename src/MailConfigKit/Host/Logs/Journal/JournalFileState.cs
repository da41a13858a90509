namespace MailConfigKit.Host.Logs.Journal
{
    /// <summary>The state a journal file's header records (the writer's view of it).</summary>
    public enum JournalFileState
    {
        /// <summary>Closed cleanly by its writer.</summary>
        Offline = 0,

        /// <summary>Open for writing (journald is writing it, or crashed while it was): the tail may be incomplete.</summary>
        Online = 1,

        /// <summary>Rotated away; no longer written.</summary>
        Archived = 2,

        /// <summary>A value the format does not define (a damaged header).</summary>
        Unknown = 255,
    }
}
