using System;

namespace MailDoctor
{
    /// <summary>
    /// ANSI colours for a terminal, nothing otherwise: output that is redirected (a file, a pipe, a test) or run under
    /// <c>NO_COLOR</c> (https://no-color.org) or <c>TERM=dumb</c> stays plain text.
    /// </summary>
    internal sealed class Palette
    {
        private readonly bool _enabled;

        public Palette(bool enabled)
        {
            _enabled = enabled;
        }

        public static Palette ForConsole()
        {
            bool noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            bool dumb = Environment.GetEnvironmentVariable("TERM") == "dumb";
            return new Palette(!Console.IsOutputRedirected && !noColor && !dumb);
        }

        public string Red(string s) => Wrap("31", s);
        public string Green(string s) => Wrap("32", s);
        public string Yellow(string s) => Wrap("33", s);
        public string Cyan(string s) => Wrap("36", s);
        public string Bold(string s) => Wrap("1", s);
        public string Dim(string s) => Wrap("2", s);

        /// <summary>One line of a unified diff, coloured the way <c>git diff</c> does it.</summary>
        public string DiffLine(string line)
        {
            if (line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal)) return Bold(line);
            if (line.StartsWith("@@", StringComparison.Ordinal)) return Cyan(line);
            if (line.StartsWith("+", StringComparison.Ordinal)) return Green(line);
            if (line.StartsWith("-", StringComparison.Ordinal)) return Red(line);
            return line;
        }

        private string Wrap(string code, string s) => _enabled && s.Length > 0 ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
