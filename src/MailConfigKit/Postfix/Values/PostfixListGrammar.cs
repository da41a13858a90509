using System.Collections.Generic;
using System.Linq;
using Sprache;

namespace MailConfigKit.Postfix
{
    /// <summary>One item of a Postfix list value and where it starts in the value.</summary>
    internal readonly struct ListItem
    {
        public ListItem(string text, int position)
        {
            Text = text;
            Position = position;
        }

        public string Text { get; }
        public int Position { get; }
    }

    /// <summary>
    /// Postfix splits list values (inet_protocols, inet_interfaces, mynetworks, …) on commas and whitespace, ignoring
    /// empty items (<c>mystrtok(…, CHARS_COMMA_SP)</c>). Built once; Sprache stays internal.
    /// </summary>
    internal static class PostfixListGrammar
    {
        private const string Separators = ", \t\r\n\v\f";

        private static readonly Parser<IEnumerable<char>> Gap = Parse.Chars(Separators).Many();

        private static readonly Parser<ITextSpan<string>> Item = Parse.CharExcept(Separators).AtLeastOnce().Text().Span();

        private static readonly Parser<IEnumerable<ITextSpan<string>>> Items =
            from leading in Gap
            from items in Item.Then(item => Gap.Return(item)).Many()
            from end in Parse.LineEnd.Many().End()
            select items;

        /// <summary>Splits a list value into its items. Cannot fail: every character is either a separator or item text.</summary>
        public static List<ListItem> Split(string value)
        {
            IResult<IEnumerable<ITextSpan<string>>> r = Items.TryParse(value);
            if (!r.WasSuccessful) return new List<ListItem> { new ListItem(value, 0) };
            return r.Value.Select(s => new ListItem(s.Value, s.Start.Pos)).ToList();
        }
    }
}
