using System.Globalization;

namespace MailConfigKit.Exim4
{
    /// <summary>The macro definition an option's value came from: its name, its value, and where it is defined.</summary>
    public sealed class EximMacroOrigin
    {
        internal EximMacroOrigin(string name, string value, string file, int line, int column, string? variable)
        {
            Name = name;
            Value = value;
            File = file;
            Line = line;
            Column = column;
            Variable = variable;
        }

        /// <summary>The macro name (<c>MAIN_LOCAL_INTERFACES</c>).</summary>
        public string Name { get; }

        /// <summary>The value it had where it was used.</summary>
        public string Value { get; }

        /// <summary>The file of the definition, as exim names it (<c>/etc/exim4/exim4.conf.localmacros</c>); update-exim4.conf.conf for a macro update-exim4.conf made.</summary>
        public string File { get; }

        /// <summary>1-based line of the definition (0 when update-exim4.conf made it from a default).</summary>
        public int Line { get; }

        /// <summary>1-based column of the definition.</summary>
        public int Column { get; }

        /// <summary>
        /// The update-exim4.conf.conf variable update-exim4.conf made this macro from (<c>dc_local_interfaces</c>), or the
        /// macro's own name for an upper-case macro line of update-exim4.conf.conf; null for a macro written in an exim
        /// configuration file.
        /// </summary>
        public string? Variable { get; }

        /// <summary><c>NAME = value (file:line)</c>.</summary>
        public override string ToString() =>
            Name + " = " + Value + " (" + File + ":" + Line.ToString(CultureInfo.InvariantCulture) + (Variable != null ? ", from " + Variable : string.Empty) + ")";
    }
}
