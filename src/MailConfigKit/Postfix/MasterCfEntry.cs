using System.Collections.Generic;
using MailConfigKit.Text;

namespace MailConfigKit.Postfix
{
    /// <summary>One <c>-o name=value</c> as postconf registers it, with where its value sits in the logical line.</summary>
    internal sealed class MasterCfOverrideSource
    {
        /// <summary>The parameter name.</summary>
        public string Name = string.Empty;

        /// <summary>The value, trimmed like <c>split_nameval()</c> does, inner whitespace raw.</summary>
        public string Value = string.Empty;

        /// <summary>Index of the <c>-o</c> word in <see cref="MasterCfEntry.Arguments"/>.</summary>
        public int OptionIndex;

        /// <summary>Logical range of the value's text (empty at the position after <c>=</c> for an empty value).</summary>
        public int ValueStart, ValueEnd;

        /// <summary>Whether the value word is written as <c>{ name = value }</c>.</summary>
        public bool Braced;
    }

    /// <summary>A problem found while parsing one entry, at a logical position.</summary>
    internal readonly struct MasterCfProblem
    {
        public MasterCfProblem(DiagnosticDescriptor descriptor, int position, params object?[] args)
        {
            Descriptor = descriptor;
            Message = descriptor.Format(args);
            Position = position;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public string Message { get; }

        public int Position { get; }
    }

    /// <summary>One parsed master.cf entry: its words as postconf splits and normalises them, and what it makes of them.</summary>
    internal sealed class MasterCfEntry
    {
        public MasterCfEntry(MasterCfLogicalLine logical)
        {
            Logical = logical;
        }

        /// <summary>The joined text and its map to the document.</summary>
        public MasterCfLogicalLine Logical { get; }

        /// <summary>Raw words (start, end) as <c>argv_splitq()</c> cuts them, braces kept.</summary>
        public List<(int Start, int End)> Words { get; } = new List<(int Start, int End)>();

        /// <summary>Normalised words; the first eight are the fields (service .. command).</summary>
        public List<MasterCfArgument> Arguments { get; } = new List<MasterCfArgument>();

        /// <summary>The <c>-o</c> parameters in order.</summary>
        public List<MasterCfOverrideSource> Overrides { get; } = new List<MasterCfOverrideSource>();

        /// <summary>Index in <see cref="Arguments"/> of the first non-option argument after the command, or its count.</summary>
        public int FirstNonOption { get; set; }

        /// <summary>Position in <see cref="MasterCf"/>'s entry list (services and malformed entries alike).</summary>
        public int Index { get; set; }

        /// <summary>Logical start of the last word when it holds a <c>{</c> that is never closed (it runs to the end of the entry), else -1.</summary>
        public int UnclosedBrace { get; set; } = -1;

        /// <summary>Index in <see cref="Arguments"/> of a last option that takes a value and has none (postconf would take an appended word), else -1.</summary>
        public int DanglingOption { get; set; } = -1;

        /// <summary>Problems, the fatal one (if any) first.</summary>
        public List<MasterCfProblem> Problems { get; } = new List<MasterCfProblem>();

        /// <summary>Whether the entry has the eight fields of a service.</summary>
        public bool HasFields => Words.Count >= MasterCfEntryParser.FieldCount;

        /// <summary>A raw word's text.</summary>
        public string Word(int i) => Logical.Text.Substring(Words[i].Start, Words[i].End - Words[i].Start);
    }
}
