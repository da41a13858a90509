using System.Collections.Generic;

namespace MailConfigKit.Host.Logs
{
    /// <summary>
    /// A place a host keeps log records (one log file and its rotations, or a journal directory). Reading never throws
    /// for bad content: what is readable is yielded, and what is not is said in <see cref="Notes"/>.
    /// </summary>
    public interface ILogSource
    {
        /// <summary>What the source is, for reports (<c>var/log/mail.log (and 3 rotations)</c>, <c>journal var/log/journal/ID</c>).</summary>
        string Description { get; }

        /// <summary>Reads the records, in the order the source keeps them, streaming (never the whole log in memory).</summary>
        IEnumerable<LogRecord> Read();

        /// <summary>What could not be read so far (a corrupt journal file, an unreadable rotation, an unknown compression).</summary>
        IReadOnlyList<string> Notes { get; }
    }
}
