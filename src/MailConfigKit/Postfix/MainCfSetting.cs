using System;
using MailConfigKit.Text;
using MailConfigKit.Values;

namespace MailConfigKit.Postfix
{
    /// <summary>
    /// A typed main.cf parameter: its name, what it is when the file does not set it, the value pattern that reads it,
    /// the diagnostic for a value the pattern rejects, and whether a <c>$</c> makes the value unknown (Postfix expands
    /// macros before it reads the value, so the result is not known statically). <see cref="MainCfSettings"/> lists them.
    /// </summary>
    internal abstract class MainCfSetting
    {
        private readonly Func<string, DiagnosticDescriptor> _diagnostic;

        private protected MainCfSetting(string name, Func<string, DiagnosticDescriptor> diagnostic, bool dollarMakesUnknown)
        {
            Name = name;
            _diagnostic = diagnostic;
            DollarMakesUnknown = dollarMakesUnknown;
        }

        /// <summary>The parameter's name.</summary>
        public string Name { get; }

        /// <summary>Whether a <c>$</c> in the value makes it unknown (no typed value, no diagnostic).</summary>
        public bool DollarMakesUnknown { get; }

        /// <summary>Whether <paramref name="raw"/> is a value the typed setting cannot know statically.</summary>
        public bool IsUnknown(string raw) => DollarMakesUnknown && raw.IndexOf('$') >= 0;

        /// <summary>The diagnostic for the file's effective definition, or null when it is fine, unset or unknown.</summary>
        public Diagnostic? Check(MainCf doc)
        {
            // The name table the diagnostics built already: a lookup, not a scan of every line for each typed setting.
            MainCfDefinitions definitions = doc.Definitions;
            int id = definitions.Names.Find(Name);
            if (id < 0) return null;
            int line = definitions.LastDefinition[id];
            string raw = definitions.ValueAt(line);
            if (IsUnknown(raw) || !Rejects(raw, out string error, out int position)) return null;
            // Point at the value's first character on the start line; a position inside continuations is approximated.
            MainCfLine l = doc.Lines[line];
            int column = l.EqualsOffset >= l.Start && l.EqualsOffset < l.Start + l.Length ? l.EqualsOffset + 1 - l.Start : 0;
            while (column < l.Length && MainCfScanner.IsSpace(doc.Text[l.Start + column])) column++;
            int within = Math.Min(position, Math.Max(0, l.Length - column));
            return _diagnostic(error).Create(doc, l.Start + column + within, error, Name);
        }

        /// <summary>Whether the pattern rejects <paramref name="raw"/>, and why and where.</summary>
        private protected abstract bool Rejects(string raw, out string error, out int position);

        /// <summary>A setting of a value type, read as null when unknown or invalid.</summary>
        public static MainCfSetting<T?> Of<T>(string name, T? whenUnset, Func<string, ValueParseResult<T>> pattern, Func<T, string> format, DiagnosticDescriptor diagnostic)
            where T : struct =>
            new MainCfSetting<T?>(name, whenUnset, raw => Lift(pattern(raw)), value => format(value!.Value), _ => diagnostic);

        private static ValueParseResult<T?> Lift<T>(ValueParseResult<T> r)
            where T : struct =>
            r.Success ? ValueParseResult<T?>.Ok(r.Value) : ValueParseResult<T?>.Fail(r.Error!, r.Position);
    }

    /// <summary>A typed main.cf parameter whose values are <typeparamref name="T"/>.</summary>
    internal sealed class MainCfSetting<T> : MainCfSetting
    {
        private readonly T? _whenUnset;
        private readonly Func<string, ValueParseResult<T>> _pattern;
        private readonly Func<T, string> _format;

        public MainCfSetting(string name, T? whenUnset, Func<string, ValueParseResult<T>> pattern, Func<T, string> format,
            Func<string, DiagnosticDescriptor> diagnostic, bool dollarMakesUnknown = true)
            : base(name, diagnostic, dollarMakesUnknown)
        {
            _whenUnset = whenUnset;
            _pattern = pattern;
            _format = format;
        }

        public MainCfSetting(string name, T? whenUnset, Func<string, ValueParseResult<T>> pattern, Func<T, string> format, DiagnosticDescriptor diagnostic)
            : this(name, whenUnset, pattern, format, _ => diagnostic)
        {
        }

        /// <summary>The typed value of the file's definition; the default when unset; null when unknown or invalid.</summary>
        public T? Read(MainCf doc)
        {
            string? raw = doc.GetValue(Name);
            return raw == null ? _whenUnset : Interpret(raw);
        }

        /// <summary>The typed value of a raw value (from main.cf or a master.cf <c>-o</c>); null when unknown or invalid.</summary>
        public T? Interpret(string raw)
        {
            if (IsUnknown(raw)) return default;
            ValueParseResult<T> r = _pattern(raw);
            return r.Success ? r.Value : default;
        }

        /// <summary>Writes the value's text; null removes the parameter.</summary>
        public void Write(MainCf doc, T? value)
        {
            if (value is null) doc.Remove(Name);
            else doc.Set(Name, _format(value));
        }

        private protected override bool Rejects(string raw, out string error, out int position)
        {
            ValueParseResult<T> r = _pattern(raw);
            error = r.Error ?? string.Empty;
            position = r.Position;
            return !r.Success;
        }
    }
}
