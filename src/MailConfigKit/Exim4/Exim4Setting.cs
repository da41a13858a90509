using System;
using MailConfigKit.Values;

namespace MailConfigKit.Exim4
{
    /// <summary>
    /// A typed update-exim4.conf.conf variable: its name, what it reads as when unset, the value pattern, how a value is
    /// written, and the check that turns a value exim rejects into diagnostics. A value sh computes at run time (a
    /// <c>$</c> expansion, backquotes) or a file that runs shell code gives no static value: the setting then reads as
    /// unset, as <see cref="UpdateExim4Conf.GetValue"/> returns null (<see cref="UpdateExim4Conf.IsComputed"/> tells
    /// the two apart), and is not checked. <see cref="Exim4Settings"/> lists them.
    /// </summary>
    internal abstract class Exim4Setting
    {
        private protected Exim4Setting(string name) => Name = name;

        /// <summary>The variable's name.</summary>
        public string Name { get; }

        /// <summary>Adds the diagnostics for the file's effective, statically known value.</summary>
        public void Check(UpdateExim4Conf doc, Exim4Diagnostics.Sink sink)
        {
            ShellAssignment? a = doc.Scan.FindLast(Name);
            if (a == null || a.Value == null || doc.Scan.FirstShellCode != null) return;
            Check(a.Value, a.WordStart, sink);
        }

        private protected abstract void Check(string value, int wordStart, Exim4Diagnostics.Sink sink);
    }

    /// <summary>A typed update-exim4.conf.conf variable whose values are <typeparamref name="T"/>.</summary>
    internal sealed class Exim4Setting<T> : Exim4Setting
    {
        private readonly T? _whenUnset;
        private readonly Func<string, ValueParseResult<T>> _pattern;
        private readonly Func<T, string>? _format;
        private readonly Action<T, int, Exim4Diagnostics.Sink>? _check;

        /// <param name="name">The variable.</param>
        /// <param name="whenUnset">What the setting reads as when the file does not set it (or sh computes it).</param>
        /// <param name="pattern">Reads a value; a value it rejects reads as null.</param>
        /// <param name="format">Writes a value; null for a read-only setting.</param>
        /// <param name="check">Reports what exim rejects in a value (at the value word's start), or null.</param>
        public Exim4Setting(string name, T? whenUnset, Func<string, ValueParseResult<T>> pattern, Func<T, string>? format = null,
            Action<T, int, Exim4Diagnostics.Sink>? check = null)
            : base(name)
        {
            _whenUnset = whenUnset;
            _pattern = pattern;
            _format = format;
            _check = check;
        }

        /// <summary>The typed value; the unset value when unset or computed; null when the pattern rejects it.</summary>
        public T? Read(UpdateExim4Conf doc)
        {
            string? raw = doc.GetValue(Name);
            if (raw == null) return _whenUnset;
            ValueParseResult<T> r = _pattern(raw);
            return r.Success ? r.Value : default;
        }

        /// <summary>Writes the value's text.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
        public void Write(UpdateExim4Conf doc, T? value)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            if (_format == null) throw new InvalidOperationException(Name + " is read-only.");
            doc.Set(Name, _format(value));
        }

        private protected override void Check(string value, int wordStart, Exim4Diagnostics.Sink sink)
        {
            if (_check == null) return;
            ValueParseResult<T> r = _pattern(value);
            if (r.Success) _check(r.Value, wordStart, sink);
        }
    }
}
