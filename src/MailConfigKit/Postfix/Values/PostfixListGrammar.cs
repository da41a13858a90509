using System.Collections.Generic;

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
    /// empty items (<c>mystrtok(…, CHARS_COMMA_SP)</c>).
    /// </summary>
    internal static class PostfixListGrammar
    {
        // A plain loop, not a Sprache grammar: the grammar (Many() over single characters) allocated per character and
        // took seconds on a 1 MB value (long fuzz run, seed 20261127, index 558516); the split has no structure to parse.
        private const string Separators = ", \t\r\n\v\f";

        /// <summary>Splits a list value into its items. Cannot fail: every character is either a separator or item text.</summary>
        public static List<ListItem> Split(string value)
        {
            var items = new List<ListItem>();
            int i = 0;
            while (i < value.Length)
            {
                while (i < value.Length && Separators.IndexOf(value[i]) >= 0) i++;
                int start = i;
                while (i < value.Length && Separators.IndexOf(value[i]) < 0) i++;
                if (i > start) items.Add(new ListItem(value.Substring(start, i - start), start));
            }
            return items;
        }
    }
}
