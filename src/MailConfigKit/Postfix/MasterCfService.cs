using System;
using System.Collections.Generic;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// One service entry of a master.cf: the eight fields as written, the daemon arguments and the <c>-o</c> parameters.
    /// A snapshot: edits through <see cref="MasterCf"/> produce new objects.
    /// </summary>
    public sealed class MasterCfService
    {
        internal MasterCfService(MasterCfEntry entry, int index, IReadOnlyList<MasterCfOverride> overrides)
        {
            Entry = entry;
            Index = index;
            Name = entry.Word(0);
            Type = entry.Word(1);
            Private = entry.Word(2);
            Unprivileged = entry.Word(3);
            Chroot = entry.Word(4);
            Wakeup = entry.Word(5);
            MaxProc = entry.Word(6);
            Command = entry.Word(7);
            var args = new List<string>();
            for (int i = MasterCfEntryParser.FieldCount; i < entry.Words.Count; i++) args.Add(entry.Word(i));
            Arguments = args;
            Overrides = overrides;
            Line = entry.Logical.FirstLine + 1;
            LastLine = entry.Logical.LastLine + 1;
        }

        /// <summary>The service name (first field), e.g. <c>smtp</c> or <c>127.0.0.1:submission</c>.</summary>
        public string Name { get; }

        /// <summary>The transport type: <c>inet</c>, <c>unix</c>, <c>unix-dgram</c>, <c>fifo</c> or <c>pass</c>.</summary>
        public string Type { get; }

        /// <summary>The private field as written (<c>y</c>, <c>n</c> or <c>-</c>).</summary>
        public string Private { get; }

        /// <summary>The unprivileged field as written.</summary>
        public string Unprivileged { get; }

        /// <summary>The chroot field as written.</summary>
        public string Chroot { get; }

        /// <summary>The wakeup field as written (<c>-</c>, seconds, optionally followed by <c>?</c>).</summary>
        public string Wakeup { get; }

        /// <summary>The process limit field as written (<c>-</c> or a number).</summary>
        public string MaxProc { get; }

        /// <summary>The command (eighth field): the daemon program, e.g. <c>smtpd</c>, <c>smtp</c>, <c>pipe</c>.</summary>
        public string Command { get; }

        /// <summary>The words after the command as written (braces kept), e.g. <c>-o</c>, <c>syslog_name=postfix/$service_name</c>.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>The <c>-o name=value</c> parameters in file order.</summary>
        public IReadOnlyList<MasterCfOverride> Overrides { get; }

        /// <summary>1-based line where the entry starts.</summary>
        public int Line { get; }

        /// <summary>1-based line of the entry's last continuation line (its start line when it has none).</summary>
        public int LastLine { get; }

        /// <summary>The value of the last <c>-o name=...</c> of this entry, or null.</summary>
        public string? GetOverride(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            for (int i = Overrides.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Overrides[i].Name, name, StringComparison.Ordinal)) return Overrides[i].Value;
            }
            return null;
        }

        /// <inheritdoc />
        public override string ToString() => Name + "/" + Type + " " + Command;

        internal MasterCfEntry Entry { get; }

        /// <summary>Position in <see cref="MasterCf.Services"/>.</summary>
        internal int Index { get; }
    }
}
