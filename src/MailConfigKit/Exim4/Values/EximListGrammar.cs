using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Sprache;

namespace MailConfigKit.Exim4
{
    /// <summary>One item of an exim list: its raw text as written, its value (doubled separators undone) and where it starts.</summary>
    internal readonly struct EximListItem
    {
        public EximListItem(string raw, string text, int position)
        {
            Raw = raw;
            Text = text;
            Position = position;
        }

        public string Raw { get; }
        public string Text { get; }
        public int Position { get; }
    }

    /// <summary>A split exim list: separator, the prefix that chose it, the text between the first two items, and the items.</summary>
    internal sealed class EximListSplit
    {
        public char Separator;
        public string Prefix = string.Empty;
        public string? Joiner;
        public readonly List<EximListItem> Items = new List<EximListItem>();
    }

    /// <summary>
    /// exim's list syntax (<c>string_nextinlist</c>): an optional <c>&lt;X</c> prefix picks the separator X (default
    /// <c>:</c>); a doubled separator stands for one literal separator character; items are trimmed; one trailing empty
    /// item is ignored. Grammars are built once per separator and cached; Sprache stays internal.
    /// </summary>
    internal static class EximListGrammar
    {
        private static readonly Parser<string> Prefix =
            from ws in Parse.WhiteSpace.Many().Text()
            from lt in Parse.Char('<')
            from sep in Parse.Char(c => char.IsPunctuation(c) || char.IsSymbol(c), "separator")
            from after in Parse.WhiteSpace.Many().Text()
            select ws + "<" + sep + after;

        private static readonly ConcurrentDictionary<char, Parser<IEnumerable<ITextSpan<string>>>> Grammars =
            new ConcurrentDictionary<char, Parser<IEnumerable<ITextSpan<string>>>>();

        private static readonly Parser<IEnumerable<ITextSpan<string>>> ColonItems = Build(':');
        private static readonly Parser<IEnumerable<ITextSpan<string>>> SemicolonItems = Build(';');

        private static Parser<IEnumerable<ITextSpan<string>>> Build(char sep)
        {
            Parser<char> itemChar = Parse.String(new string(sep, 2)).Return(sep).Or(Parse.CharExcept(sep));
            Parser<ITextSpan<string>> item = itemChar.Many().Text().Span();
            return item.DelimitedBy(Parse.Char(sep)).End();
        }

        private static Parser<IEnumerable<ITextSpan<string>>> For(char sep) =>
            sep == ':' ? ColonItems : sep == ';' ? SemicolonItems : Grammars.GetOrAdd(sep, Build);

        /// <summary>Splits a list with a given default separator (exim's is <c>:</c>; Debian turns a <c>;</c> list into <c>&lt;;</c>).</summary>
        public static EximListSplit Split(string value, char defaultSeparator)
        {
            var result = new EximListSplit { Separator = defaultSeparator };
            int offset = 0;
            IResult<string> prefix = Prefix.TryParse(value);
            if (prefix.WasSuccessful)
            {
                result.Prefix = prefix.Value;
                result.Separator = result.Prefix.Trim()[1];
                offset = result.Prefix.Length;
            }
            string body = value.Substring(offset);
            if (body.Trim().Length == 0) return result;
            IResult<IEnumerable<ITextSpan<string>>> r = For(result.Separator).TryParse(body);
            List<ITextSpan<string>> spans = r.WasSuccessful ? r.Value.ToList() : new List<ITextSpan<string>>();
            // The doubled-separator rule makes the raw spans longer than the text; recover each raw piece by position.
            for (int k = 0; k < spans.Count; k++)
            {
                int start = spans[k].Start.Pos;
                int end = k + 1 < spans.Count ? spans[k + 1].Start.Pos - 1 : body.Length;
                string raw = body.Substring(start, end - start);
                string trimmedRaw = raw.Trim();
                int lead = raw.Length - raw.TrimStart().Length;
                result.Items.Add(new EximListItem(trimmedRaw, spans[k].Value.Trim(), offset + start + lead));
            }
            if (result.Items.Count > 1)
            {
                int end0 = result.Items[0].Position + result.Items[0].Raw.Length;
                result.Joiner = value.Substring(end0, result.Items[1].Position - end0);
            }
            if (result.Items.Count > 0 && result.Items[result.Items.Count - 1].Text.Length == 0) result.Items.RemoveAt(result.Items.Count - 1);
            return result;
        }
    }
}
