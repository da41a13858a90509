using System;
using System.Collections.Generic;
using System.Text;

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
    /// exim's list syntax, as its <c>string_nextinlist</c> reads it: leading white space is skipped; an optional
    /// <c>&lt;X</c> prefix picks the separator X (an ASCII punctuation or control character; default <c>:</c>); a doubled
    /// separator stands for one literal separator character (not for control separators); each item's leading and
    /// trailing white space goes; an empty remainder after the last separator is no item. White space, punctuation and
    /// controls are C's (ASCII) classes, not .NET's Unicode ones. Hand-written, one pass: linear in the value.
    /// </summary>
    internal static class EximListGrammar
    {
        /// <summary>C's isspace: space, tab, LF, VT, FF, CR.</summary>
        public static bool IsSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');

        /// <summary>C's ispunct or iscntrl in the C locale: what may follow <c>&lt;</c> to choose the separator.</summary>
        public static bool IsSeparatorChoice(char c) =>
            c < 0x20 || c == 0x7F || (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');

        /// <summary>Splits a list with a given default separator (exim's is <c>:</c>; Debian turns a <c>;</c> list into <c>&lt;;</c>).</summary>
        public static EximListSplit Split(string value, char defaultSeparator)
        {
            var result = new EximListSplit { Separator = defaultSeparator };
            int n = value.Length, pos = 0;
            while (pos < n && IsSpace(value[pos])) pos++;
            if (pos < n && value[pos] == '<' && (pos + 1 == n || IsSeparatorChoice(value[pos + 1])))
            {
                char sep = pos + 1 < n ? value[pos + 1] : '\0';
                pos = Math.Min(n, pos + 2);
                while (pos < n && IsSpace(value[pos]) && value[pos] != sep) pos++;
                result.Separator = sep;
                result.Prefix = value.Substring(0, pos);
            }
            else
            {
                pos = 0;
            }
            char s = result.Separator;
            bool special = s < 0x20 || s == 0x7F; // exim: a control separator is never doubled
            var text = new StringBuilder();
            while (true)
            {
                while (pos < n && IsSpace(value[pos]) && value[pos] != s) pos++;
                if (pos >= n) break;
                int itemStart = pos, rawEnd;
                text.Clear();
                if (value[pos] == s)
                {
                    pos++;
                    if (pos >= n || value[pos] != s || special)
                    {
                        result.Items.Add(new EximListItem(string.Empty, string.Empty, itemStart));
                        continue;
                    }
                }
                while (true)
                {
                    int ss = pos + 1;
                    while (ss < n && value[ss] != s) ss++;
                    text.Append(value, pos, ss - pos);
                    pos = ss;
                    if (pos >= n)
                    {
                        rawEnd = n;
                        break;
                    }
                    pos++;
                    if (pos >= n || value[pos] != s || special)
                    {
                        rawEnd = pos - 1;
                        break;
                    }
                }
                int t = text.Length;
                while (t > 0 && IsSpace(text[t - 1])) t--;
                while (rawEnd > itemStart && IsSpace(value[rawEnd - 1])) rawEnd--;
                result.Items.Add(new EximListItem(value.Substring(itemStart, rawEnd - itemStart), text.ToString(0, t), itemStart));
            }
            if (result.Items.Count > 1)
            {
                int end0 = result.Items[0].Position + result.Items[0].Raw.Length;
                result.Joiner = value.Substring(end0, result.Items[1].Position - end0);
            }
            return result;
        }
    }
}
